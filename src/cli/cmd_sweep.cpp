// fabcast sweep SCENARIO --vary KEY=VALUES: the scenario at every point of a grid of one or two
// keys, each point with the same seed (report/sweep.hpp).

#include "analysis/sweep.hpp"
#include "cli/commands.hpp"
#include "cli/exit_codes.hpp"
#include "cli/progress_bar.hpp"
#include "cli/run_flags.hpp"
#include "cli/scenario_run.hpp"
#include "core/errors.hpp"
#include "report/study_report.hpp"

#include <fmt/format.h>

#include <chrono>
#include <memory>
#include <ostream>

namespace fabcast::cli {

void add_sweep_command(CLI::App& app, CommandIo& io) {
  struct Args {
    std::string report;
    std::string scenario, format = "table";
    std::vector<std::string> vary, outputs, overrides;
    RunFlags run;
    StoreFlags store;
  };
  auto args = std::make_shared<Args>();
  auto* cmd = app.add_subcommand("sweep", "Run a scenario over a grid of one or two keys' values, with the same seed");
  cmd->add_option("SCENARIO", args->scenario, "A shipped scenario's name (altman-7t) or a .toml file")->required();
  cmd->add_option("--vary", args->vary,
                  "KEY=VALUES: a list (1e12,2e12,4e12) or a range LO..HI:N, or LO..HI:N:log (once or twice)")
      ->required();
  cmd->add_option("--output", args->outputs, "A scalar output to report (repeatable; default committed_usd)");
  cmd->add_option("--set", args->overrides, "Override a scenario key at every point (repeatable)");
  cmd->add_option("--report", args->report,
                  "Also write a report: FILE.html (self-contained) or FILE.md (SVG charts beside it)")
      ->check(NON_EMPTY_PATH);
  cmd->add_option("-f,--format", args->format, "table, json or csv")->capture_default_str();
  add_store_flags(*cmd, args->store, false);
  cmd->add_flag("--no-store", args->store.no_store, "Do not store this study");
  add_run_flags(*cmd, args->run, 10000);
  cmd->footer(
      "\nEvery point runs with the same seed and samples (common random numbers): each input draws from\n"
      "its own stream, so the differences between points are the keys' effect, not sampling noise.\n"
      "Example: fabcast sweep altman-7t --vary program.budget_usd=0.25e12..8e12:16:log --samples 1e4\n"
      "(docs/cli.md).");
  cmd->callback([args, &io] {
    check_study_report_path(args->report);
    // A store that cannot take the study is refused now, not after the samples.
    if (!args->store.no_store) (void)open_store(args->store, store::StoreAccess::write);
    if (args->format != "table" && args->format != "json" && args->format != "csv") {
      throw InputError(fmt::format("--format expects table, json or csv, got '{}'", args->format));
    }
    if (args->vary.size() > 2) {
      throw InputError(fmt::format("a sweep varies one or two keys, got {} --vary", args->vary.size()));
    }
    analysis::SweepRequest rq;
    rq.scenario = args->scenario;
    rq.overrides = args->overrides;
    rq.outputs = args->outputs;
    for (const auto& v : args->vary) rq.axes.push_back(analysis::parse_sweep_axis(v));
    const auto settings = study_run_settings(args->scenario, args->overrides, args->run, 10000, io);
    rq.options = settings.options;
    rq.sampling = settings.sampling;
    const bool show = !args->run.quiet && stderr_is_terminal();
    const auto started = std::chrono::steady_clock::now();
    const auto result = analysis::run_sweep(rq, [&](std::size_t done, std::size_t total) {
      if (show) io.err << fmt::format("\rfabcast sweep: {} of {} points", done, total) << (done == total ? "\n" : "");
    });
    if (args->format == "json") {
      io.out << analysis::sweep_json(result).dump(2) << '\n';
    } else if (args->format == "csv") {
      io.out << analysis::sweep_csv(result);
    } else {
      io.out << analysis::sweep_table(result);
    }
    if (!args->report.empty()) write_study_report(args->report, report::sweep_document(result), io);
    io.exit_code = EXIT_OK;
    const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - started;
    io.exit_code = store_study("sweep", args->scenario, args->overrides, analysis::request_json(rq), result,
                               elapsed.count(), args->store, io);
  });
}

}  // namespace fabcast::cli
