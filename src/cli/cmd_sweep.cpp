// fabcast sweep SCENARIO --vary KEY=VALUES: the scenario at every point of a grid of one or two
// keys, each point with the same seed (analysis/sweep.hpp).

#include "analysis/sweep.hpp"
#include "cli/commands.hpp"
#include "cli/progress_bar.hpp"
#include "cli/study_command.hpp"
#include "core/errors.hpp"

#include <fmt/format.h>

#include <chrono>
#include <memory>
#include <ostream>

namespace fabcast::cli {

void add_sweep_command(CLI::App& app, CommandIo& io) {
  struct Args {
    StudyFlags study;
    std::vector<std::string> vary, outputs;
  };
  auto args = std::make_shared<Args>();
  auto* cmd = app.add_subcommand("sweep", "Run a scenario over a grid of one or two keys' values, with the same seed");
  cmd->add_option("--vary", args->vary,
                  "KEY=VALUES: a list (1e12,2e12,4e12) or a range LO..HI:N, or LO..HI:N:log (once or twice)")
      ->required();
  cmd->add_option("--output", args->outputs, "A scalar output to report (repeatable; default committed_usd)");
  add_study_flags(*cmd, args->study, "table, json or csv", 10000);
  cmd->footer(
      "\nEvery point runs with the same seed and samples (common random numbers): each input draws from\n"
      "its own stream, so the differences between points are the keys' effect, not sampling noise.\n"
      "Example: fabcast sweep altman-7t --vary program.budget_usd=0.25e12..8e12:16:log --samples 1e4\n"
      "(docs/cli.md).");
  cmd->callback([args, &io] {
    const auto& flags = args->study;
    check_study_flags(flags, {"table", "json", "csv"});
    if (args->vary.size() > 2) {
      throw InputError(fmt::format("a sweep varies one or two keys, got {} --vary", args->vary.size()));
    }
    analysis::SweepRequest rq;
    rq.scenario = flags.scenario;
    rq.overrides = flags.overrides;
    rq.outputs = args->outputs;
    for (const auto& v : args->vary) rq.axes.push_back(analysis::parse_sweep_axis(v));
    const auto settings = study_run_settings(flags.scenario, flags.overrides, flags.run, 10000, io);
    rq.options = settings.options;
    rq.sampling = settings.sampling;
    const bool show = !flags.run.quiet && stderr_is_terminal();
    const auto started = std::chrono::steady_clock::now();
    const auto result = analysis::run_sweep(rq, [&](std::size_t done, std::size_t total) {
      if (show) io.err << fmt::format("\rfabcast sweep: {} of {} points", done, total) << (done == total ? "\n" : "");
    });
    const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - started;
    finish_study("sweep", flags, analysis::request_json(rq), result, elapsed.count(), io);
  });
}

}  // namespace fabcast::cli
