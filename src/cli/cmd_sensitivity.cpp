// fabcast sensitivity SCENARIO: Sobol indices of groups of inputs, or rank measures and a tornado
// (analysis/sensitivity.hpp).

#include "analysis/sensitivity.hpp"
#include "cli/commands.hpp"
#include "cli/progress_bar.hpp"
#include "cli/run_flags.hpp"
#include "cli/study_command.hpp"
#include "core/errors.hpp"
#include "core/expression.hpp"

#include <fmt/format.h>

#include <chrono>
#include <memory>
#include <ostream>

namespace fabcast::cli {

void add_sensitivity_command(CLI::App& app, CommandIo& io) {
  struct Args {
    std::string method = "sobol", half_width = "0.05", tornado = "median";
    std::vector<std::string> outputs, groups;
    StudyFlags study;
  };
  auto args = std::make_shared<Args>();
  auto* cmd = app.add_subcommand("sensitivity", "Which inputs drive the outputs: Sobol indices, or rank measures");
  cmd->add_option("--method", args->method, "sobol (variance shares of groups) or rank (one run)")
      ->capture_default_str();
  cmd->add_option("--output", args->outputs, "A scalar output to analyse (repeatable; default a key set)");
  cmd->add_option("--group", args->groups,
                  "PATTERN=NAME puts matching inputs in a group ('*': any characters), before the default groups; "
                  "none: one group an input (repeatable)");
  cmd->add_option("--half-width", args->half_width,
                  "sobol: grow the base samples until every 95 % interval is this narrow (0: take --samples as is)")
      ->capture_default_str();
  cmd->add_option("--tornado", args->tornado, "rank: the tornado's statistic, median or mean")->capture_default_str();
  add_study_flags(*cmd, args->study, "table or json", 2048);
  cmd->footer(
      "\n--samples is N, the first base samples of the Sobol design (default 2048; it grows to --half-width, at\n"
      "most 65,536; a design runs N x (groups + 2) samples), or the run's samples for rank (default 10,000).\n"
      "Example: fabcast sensitivity altman-7t --output npv_usd --group 'market.*=market'   (docs/cli.md)");
  cmd->callback([args, &io] {
    const auto& flags = args->study;
    check_study_flags(flags, {"table", "json"});
    if (args->method != "sobol" && args->method != "rank") {
      throw InputError(fmt::format("--method expects sobol or rank, got '{}'", args->method));
    }
    if (args->tornado != "median" && args->tornado != "mean") {
      throw InputError(fmt::format("--tornado expects median or mean, got '{}'", args->tornado));
    }
    analysis::SensitivityRequest rq;
    rq.scenario = flags.scenario;
    rq.overrides = flags.overrides;
    rq.outputs = args->outputs;
    rq.method = args->method == "sobol" ? analysis::SensitivityMethod::sobol : analysis::SensitivityMethod::rank;
    rq.tornado_mean = args->tornado == "mean";
    for (const auto& g : args->groups) {
      if (g == "none") {
        rq.per_input = true;
      } else {
        rq.rules.push_back(analysis::parse_group_rule(g));
      }
    }
    if (rq.per_input && !rq.rules.empty())
      throw InputError("--group none puts every input in its own group: drop the other --group");
    const auto hw = core::parse_number(args->half_width);
    if (!hw || !(*hw >= 0 && *hw < 1)) {
      throw InputError(fmt::format("--half-width expects a number from 0 to below 1, got '{}'", args->half_width));
    }
    rq.target_half_width = *hw;
    if (flags.run.sampling && *flags.run.sampling != "mc") {
      throw InputError(
          "sensitivity samples by Monte Carlo (the Sobol design pairs independent draws): drop --sampling");
    }
    const auto settings = study_run_settings(flags.scenario, flags.overrides, flags.run, 2048, io);
    rq.seed = settings.options.seed;
    rq.threads = settings.options.threads;
    rq.samples = flags.run.samples ? settings.options.stop.samples.value_or(0) : 0;
    const bool show = !flags.run.quiet && stderr_is_terminal();
    const auto started = std::chrono::steady_clock::now();
    const auto result = analysis::run_sensitivity(rq, [&](const std::string& what) {
      if (show) io.err << fmt::format("\r\033[Kfabcast sensitivity: {}", what) << std::flush;
    });
    if (show) io.err << '\n';
    const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - started;
    finish_study("sensitivity", flags, analysis::request_json(rq), result, elapsed.count(), io);
  });
}

}  // namespace fabcast::cli
