#include "cli/scenario_run.hpp"

#include "report/output_file.hpp"

#include <fabcast/version.hpp>
#include "cli/exit_codes.hpp"
#include "cli/progress_bar.hpp"
#include "core/errors.hpp"
#include "data/library.hpp"
#include "scenario/loader.hpp"
#include "scenario/writer.hpp"

#include <fmt/format.h>

#include <filesystem>

#include <new>
#include <ostream>
#include <sstream>

namespace fabcast::cli {

const CLI::Validator NON_EMPTY_PATH(
    [](const std::string& value) {
      return value.empty() ? std::string("expects a path, got an empty string") : std::string();
    },
    "");

void add_store_flags(CLI::App& command, StoreFlags& flags, bool stores_runs) {
  command
      .add_option("--store", flags.path,
                  "Run store file (default: $FABCAST_STORE, else ~/.local/share/fabcast/runs.db)")
      ->check(NON_EMPTY_PATH);
  if (stores_runs) {
    command.add_flag("--no-store", flags.no_store, "Do not store this run");
    command.add_flag("--keep-samples", flags.keep_samples, "Store every sample's scalar outputs too (for export)");
  }
}

store::RunStore open_store(const StoreFlags& flags, store::StoreAccess access) {
  return store::RunStore(flags.path.empty() ? store::RunStore::default_path() : std::filesystem::path(flags.path),
                         access);
}

void read_stored_run(const store::RunStore& store, const store::StoredRun& run, const std::function<void()>& read) {
  try {
    read();
  } catch (const InputError&) {
    throw;
  } catch (const RunError&) {
    throw;
  } catch (const std::bad_alloc&) {
    throw;
  } catch (const std::exception& e) {  // nlohmann::json's checked access, or a step label that is not a year
    std::string why = e.what();
    if (const auto tag = why.find("] "); why.starts_with("[json.exception.") && tag != std::string::npos) {
      why.erase(0, tag + 2);
    }
    throw RunError(
        fmt::format("{}: run {}: stored data is not as fabcast writes it ({}); the store was changed outside fabcast",
                    store.path().string(), run.id, why));
  }
}

RunDefaults scenario_run_defaults(const scenario::Scenario& sc) {
  RunDefaults defaults;
  defaults.samples = static_cast<std::uint64_t>(sc.dist("run.samples").params()[0]);
  defaults.sampling = *core::parse_sampling_method(sc.text("run.sampling"));
  if (const auto* seed = sc.find("run.seed"))
    defaults.seed = static_cast<std::uint64_t>(std::get<core::Distribution>(seed->value).params()[0]);
  return defaults;
}

void report_drawn_seed(const RunSettings& settings, const RunFlags& flags, CommandIo& io) {
  if (settings.seed_drawn && !flags.quiet) {
    io.err << fmt::format("fabcast: no --seed given; drew seed {} (pass --seed {} to reproduce)\n",
                          settings.options.seed, settings.options.seed);
  }
}

RunSettings study_run_settings(const std::string& scenario, const std::vector<std::string>& overrides,
                               const RunFlags& flags, std::uint64_t default_samples, CommandIo& io) {
  if (flags.target_rel_error) {
    throw InputError("a study runs the same samples at every point: give --samples, not --target-rel-error");
  }
  auto defaults = scenario_run_defaults(scenario::load_scenario(scenario, {overrides}));
  defaults.samples = default_samples;
  auto settings = resolve_run_flags(flags, defaults);
  report_drawn_seed(settings, flags, io);
  return settings;
}

LineDifference first_different_line(const std::string& stored, const std::string& now) {
  std::istringstream x(stored), y(now);
  LineDifference d;
  while (std::getline(x, d.stored) && std::getline(y, d.now)) {
    ++d.line;
    if (d.stored != d.now) break;
  }
  return d;
}

ScenarioRunOutcome run_scenario(const ScenarioRunRequest& request, CommandIo& io) {
  if (request.store.no_store && request.store.keep_samples)
    throw InputError("--keep-samples needs the run store; drop --no-store");
  if (!request.target_output.empty() && !request.run.target_rel_error) {
    throw InputError("--target-output names the scalar a --target-rel-error run judges; give --target-rel-error too");
  }
  const auto sc = scenario::load_scenario(request.scenario, {request.overrides});
  // Open the store before the run, so a bad --store fails in a second, not after the samples.
  std::optional<store::RunStore> store;
  if (!request.store.no_store) store.emplace(open_store(request.store, store::StoreAccess::write));

  auto settings = resolve_run_flags(request.run, scenario_run_defaults(sc));
  report_drawn_seed(settings, request.run, io);
  settings.options.keep_values = request.store.keep_samples;  // stored per sample, whatever their count
  if (request.store.keep_samples) {
    const std::uint64_t most = settings.options.stop.samples.value_or(settings.options.stop.max_samples);
    if (most > store::MAX_KEPT_SAMPLES) {
      throw InputError(
          fmt::format("--keep-samples stores at most {} samples an output; this run may make {}: fewer "
                      "samples, or no --keep-samples (its quantiles are then summarised)",
                      store::MAX_KEPT_SAMPLES, most));
    }
  }
  settings.options.stop.target_output =
      request.target_output;  // empty: run_job's default; the engine rejects an unknown name
  ProgressBar bar(io.err, !request.run.quiet && stderr_is_terminal(),
                  settings.options.stop.target_rel_error.value_or(0));
  settings.options.on_progress = [&bar](const core::Progress& p) { bar.update(p); };
  ScenarioRunOutcome outcome{report::run_job(sc, settings.options, settings.sampling), {}, std::nullopt, {}};
  bar.finish();
  auto& job = outcome.job;
  const auto& result = job.result;
  if (settings.options.stop.target_rel_error && !request.run.quiet) {
    io.err << fmt::format("fabcast: {} samples: relative standard error of the mean of {} is {:.3g}%{}\n",
                          result.samples, job.target_output, result.rel_error * 100,
                          result.converged ? "" : " (NOT converged: --max-samples reached)");
  }
  outcome.record =
      report::to_store_record(sc, job, request.overrides, settings.options.threads, request.store.keep_samples);
  if (store) {
    try {
      outcome.id = store->add(outcome.record);
    } catch (const std::exception& e) {
      outcome.store_error = e.what();
      return outcome;
    }
    if (!request.run.quiet) {
      io.err << fmt::format("fabcast: stored as run {} in {} (fabcast runs show {})\n", *outcome.id,
                            store->path().string(), *outcome.id);
    }
  }
  return outcome;
}

}  // namespace fabcast::cli
