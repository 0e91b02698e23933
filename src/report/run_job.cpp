#include "report/run_job.hpp"

#include "core/design.hpp"
#include "data/library.hpp"
#include "model/fab_model.hpp"
#include "report/run_report.hpp"
#include "scenario/writer.hpp"

#include <fabcast/version.hpp>

#include <algorithm>
#include <chrono>

namespace fabcast::report {

void check_runnable(const scenario::Scenario& sc) {
  const model::FabModel model(sc);
  const core::InputDesign design(model.inputs(), model.correlation(),
                                 *core::parse_sampling_method(sc.text("run.sampling")), 0);
}

RunJob run_job(const scenario::Scenario& sc, const core::RunOptions& options, core::SamplingMethod sampling) {
  const auto start = std::chrono::steady_clock::now();
  const model::FabModel model(sc);
  core::InputDesign design(model.inputs(), model.correlation(), sampling, options.seed);
  // A target-error run judges the money committed unless told otherwise, else the first scalar.
  core::RunOptions opt = options;
  const auto& scalars = model.schema().scalars;
  if (opt.stop.target_output.empty() && !scalars.empty()) {
    const bool committed = std::find(scalars.begin(), scalars.end(), "committed_usd") != scalars.end();
    opt.stop.target_output = committed ? "committed_usd" : scalars.front();
  }
  RunJob job{core::run(model, design, opt), {}, {}, opt.stop.target_output, 0};
  const RunInfo info{sc.name(), sc.data_version(), VERSION, GIT_COMMIT};
  job.json = run_to_json(info, job.result, model).dump(1);
  job.summary = run_summary(info, job.result, model);
  job.elapsed_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return job;
}

store::NewRun to_store_record(const scenario::Scenario& sc, RunJob& job, const std::vector<std::string>& overrides,
                              unsigned threads, bool keep_samples) {
  store::NewRun r;
  r.scenario_name = sc.name();
  r.scenario_text = scenario::to_toml(sc, data::Library::builtin());
  for (const auto& o : overrides) r.overrides += o + "\n";
  r.seed = job.result.seed;
  r.samples = job.result.samples;
  r.sampling = core::to_string(job.result.sampling);
  r.threads = threads;
  r.data_version = sc.data_version();
  r.fabcast_version = VERSION;
  r.git_commit = GIT_COMMIT;
  r.elapsed_seconds = job.elapsed_seconds;
  r.result_json = job.json;
  r.summary = job.summary;
  if (keep_samples) {
    for (auto& s : job.result.scalars) r.samples_by_output.emplace_back(s.name, std::move(s.values));
  }
  return r;
}

}  // namespace fabcast::report
