#include "report/run_job.hpp"

#include "report/headline.hpp"

#include "core/design.hpp"
#include "core/errors.hpp"
#include "data/library.hpp"
#include "model/fab_model.hpp"
#include "report/run_report.hpp"
#include "scenario/writer.hpp"

#include <fabcast/version.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cmath>

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
  if (opt.keep_values && opt.memory_limit_bytes > 0) {
    // Kept inputs come on top of what the engine estimates for itself: refused now, not after.
    const auto drawn = static_cast<std::uint64_t>(std::count_if(design.inputs().begin(), design.inputs().end(),
                                                                [](const auto& in) { return !in.dist.is_fixed(); }));
    const std::uint64_t samples = opt.stop.samples.value_or(opt.stop.max_samples);
    const std::uint64_t bytes = samples * drawn * sizeof(double) + core::estimate_memory(model, design, opt).total();
    if (bytes > opt.memory_limit_bytes) {
      throw InputError(fmt::format(
          "keeping every sample's {} scalar outputs and {} drawn inputs over {} samples needs about {:.1f} GiB, more "
          "than the {:.1f} GiB available; fewer samples would fit",
          scalars.size(), drawn, samples, static_cast<double>(bytes) / (1 << 30),
          static_cast<double>(opt.memory_limit_bytes) / (1 << 30)));
    }
  }
  RunJob job{core::run(model, design, opt), {}, {}, opt.stop.target_output, 0, {}};
  if (opt.keep_values) {
    // The design is a pure function of the seed, the input, the sample and its round: drawn
    // again round by round, it gives every sample's inputs as the run saw them.
    const auto& specs = design.inputs();
    const std::size_t k = specs.size();
    std::vector<std::size_t> drawn;
    for (std::size_t j = 0; j < k; ++j) {
      if (!specs[j].dist.is_fixed()) drawn.push_back(j);
    }
    for (auto j : drawn) job.inputs.emplace_back("input:" + specs[j].name, std::vector<double>());
    std::uint64_t begin = 0;
    std::vector<double> values;
    for (const auto end : job.result.round_ends) {
      if (design.block_dependent()) design.prepare_block(begin, end);
      values.resize((end - begin) * k);
      design.draw_chunk(begin, end - begin, values);
      for (std::size_t c = 0; c < drawn.size(); ++c) {
        auto& column = job.inputs[c].second;
        for (std::uint64_t i = 0; i < end - begin; ++i) column.push_back(values[i * k + drawn[c]]);
      }
      begin = end;
    }
  }
  const RunInfo info{sc.name(), sc.data_version(), VERSION, GIT_COMMIT};
  const auto json = run_to_json(info, job.result, model);
  job.json = json.dump(1);
  // The summary leads with the answer, after its first line (what was run).
  std::optional<double> pledge;
  if (sc.find("program.budget_usd")) {
    const double median = sc.dist("program.budget_usd").quantile(0.5);
    if (std::isfinite(median)) pledge = median;
  }
  std::string summary = run_summary(info, job.result, model, json);
  const auto first_line = summary.find('\n');
  job.summary =
      summary.substr(0, first_line + 1) + "\n" + headline_text(headline(json, pledge)) + summary.substr(first_line + 1);
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
    for (auto& in : job.inputs) r.samples_by_output.emplace_back(in.first, std::move(in.second));
  }
  return r;
}

}  // namespace fabcast::report
