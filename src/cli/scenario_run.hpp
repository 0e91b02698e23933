#pragma once
// Running a scenario from the command line and storing it: shared by `fabcast run` and
// `fabcast report SCENARIO`; and what every command that uses the run store shares (its flags,
// opening it, reading its runs).

#include "cli/commands.hpp"
#include "cli/run_flags.hpp"
#include "report/run_job.hpp"
#include "scenario/scenario.hpp"
#include "store/run_store.hpp"

#include <CLI/CLI.hpp>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace fabcast::cli {

struct StoreFlags {
  std::string path;           //!< --store; empty: RunStore::default_path()
  bool no_store = false;      //!< --no-store
  bool keep_samples = false;  //!< --keep-samples
};

//! Adds --store (and, for commands that store runs, --no-store and --keep-samples).
void add_store_flags(CLI::App& command, StoreFlags& flags, bool stores_runs);

//! The store the flags name, opened to read or to write.
store::RunStore open_store(const StoreFlags& flags, store::StoreAccess access);

//! Refuses an empty path option with a usage error (exit 2): `--store ""` must not mean the default
//! store, nor `-o ""` a default file name.
extern const CLI::Validator NON_EMPTY_PATH;

//! Calls `read`, which makes something from `run`'s stored result and samples. An error from data
//! that is not as fabcast wrote it (a store changed outside fabcast) becomes a RunError naming the
//! store and the run; InputError and RunError pass through.
void read_stored_run(const store::RunStore& store, const store::StoredRun& run, const std::function<void()>& read);

//! The scenario's own run settings (run.samples, run.sampling, run.seed), the defaults of its flags.
RunDefaults scenario_run_defaults(const scenario::Scenario& scenario);

//! Tells stderr the seed drawn when no --seed was given (unless --quiet).
void report_drawn_seed(const RunSettings& settings, const RunFlags& flags, CommandIo& io);

//! The run settings of a study (sweep, seek) of a scenario: the flags, else the scenario's seed and
//! sampling, and `default_samples` a point. A study runs the same samples at every point, so
//! --target-rel-error is refused.
RunSettings study_run_settings(const std::string& scenario, const std::vector<std::string>& overrides,
                               const RunFlags& flags, std::uint64_t default_samples, CommandIo& io);

//! The first line at which two texts differ (1-based), with that line of each: what a rerun
//! that does not reproduce its stored JSON shows.
struct LineDifference {
  int line = 0;
  std::string stored, now;
};
LineDifference first_different_line(const std::string& stored, const std::string& now);

struct ScenarioRunRequest {
  std::string scenario;                //!< shipped name or .toml path
  std::vector<std::string> overrides;  //!< --set
  RunFlags run;
  std::string target_output;  //!< --target-output (empty: committed_usd, else the first scalar)
  StoreFlags store;
};

struct ScenarioRunOutcome {
  report::RunJob job;
  store::NewRun record;            //!< what was (or would have been) stored
  std::optional<std::int64_t> id;  //!< the stored run, unless --no-store
  std::string store_error;         //!< why storing failed (the results are still here to print)
};

//! Loads, runs and (unless --no-store) stores a scenario, with the progress bar and notes on stderr.
//! A store that fails after the run does not lose it: the error is returned beside the results.
ScenarioRunOutcome run_scenario(const ScenarioRunRequest& request, CommandIo& io);

}  // namespace fabcast::cli
