// fabcast seek SCENARIO --vary KEY --range LO..HI --target "...": the smallest (or largest) value
// of a key meeting a target, on common random numbers, verified with a fresh seed
// (analysis/seek.hpp).

#include "analysis/seek.hpp"
#include "cli/commands.hpp"
#include "cli/progress_bar.hpp"
#include "cli/run_flags.hpp"
#include "cli/study_command.hpp"
#include "core/errors.hpp"
#include "core/expression.hpp"
#include "core/rng.hpp"

#include <fmt/format.h>

#include <chrono>
#include <cmath>
#include <memory>
#include <ostream>

namespace fabcast::cli {
namespace {

double range_end(const std::string& text, const std::string& range, const char* which) {
  const auto v = core::parse_number(text);
  if (!v || !std::isfinite(*v)) {
    throw InputError(fmt::format("--range {}: the {} end must be a number (1e12, 2.5T), got '{}'", range, which, text));
  }
  return *v;
}

}  // namespace

void add_seek_command(CLI::App& app, CommandIo& io) {
  struct Args {
    std::string key, range, target, find = "smallest", tolerance = "1e-3";
    std::optional<std::string> verify_seed;
    bool log = false;
    StudyFlags study;
  };
  auto args = std::make_shared<Args>();
  auto* cmd = app.add_subcommand("seek", "Find the smallest (or largest) value of a key that meets a target");
  cmd->add_option("--vary", args->key, "The key searched (program.budget_usd)")->required();
  cmd->add_option("--range", args->range, "LO..HI, the values searched")->required();
  cmd->add_option("--target", args->target,
                  "\"P(OUTPUT >= X) >= P\", \"pNN(OUTPUT) >= X\", \"median(OUTPUT) <= X\" or \"mean(OUTPUT) > X\"")
      ->required();
  cmd->add_option("--find", args->find, "smallest or largest value meeting the target")->capture_default_str();
  cmd->add_flag("--log", args->log, "Search the range on a log scale (LO > 0)");
  cmd->add_option("--tolerance", args->tolerance, "Stop when the bracket is this share of the range")
      ->capture_default_str();
  cmd->add_option("--verify-seed", args->verify_seed, "Seed of the verifying run (default: one derived from --seed)");
  add_study_flags(*cmd, args->study, "table or json", 10000);
  cmd->footer(
      "\nEvery value runs with the same seed (common random numbers), so the target's statistic moves with the\n"
      "key, not with sampling noise: a grid of 5 values, then bisection. A run with a fresh seed verifies the\n"
      "answer and gives its 95 % interval.\n"
      "Example: fabcast seek altman-7t --vary program.budget_usd --range 0.1e12..7e12 --log\n"
      "           --target \"P(installed_flops_2035 >= 1e23) >= 0.8\"   (docs/cli.md)");
  cmd->callback([args, &io] {
    const auto& flags = args->study;
    check_study_flags(flags, {"table", "json"});
    if (args->find != "smallest" && args->find != "largest") {
      throw InputError(fmt::format("--find expects smallest or largest, got '{}'", args->find));
    }
    analysis::SeekRequest rq;
    rq.scenario = flags.scenario;
    rq.overrides = flags.overrides;
    rq.key = args->key;
    const auto dots = args->range.find("..");
    if (dots == std::string::npos) {
      throw InputError(fmt::format("--range expects LO..HI (0.1e12..7e12), got '{}'", args->range));
    }
    rq.lo = range_end(args->range.substr(0, dots), args->range, "low");
    rq.hi = range_end(args->range.substr(dots + 2), args->range, "high");
    rq.log = args->log;
    rq.largest = args->find == "largest";
    rq.target = analysis::parse_seek_target(args->target);
    const auto tolerance = core::parse_number(args->tolerance);
    if (!tolerance) throw InputError(fmt::format("--tolerance expects a number, got '{}'", args->tolerance));
    rq.tolerance = *tolerance;
    const auto settings = study_run_settings(flags.scenario, flags.overrides, flags.run, 10000, io);
    rq.options = settings.options;
    rq.sampling = settings.sampling;
    // A seed no user would pick by accident, and the same for the same --seed.
    rq.verify_seed = args->verify_seed ? parse_seed(*args->verify_seed, "--verify-seed")
                                       : core::mix64(settings.options.seed ^ core::stream_id("seek verification"));
    const bool show = !flags.run.quiet && stderr_is_terminal();
    const auto started = std::chrono::steady_clock::now();
    const auto result = analysis::run_seek(rq, [&](std::size_t runs) {
      if (show) io.err << fmt::format("\rfabcast seek: {} runs", runs) << std::flush;
    });
    if (show) io.err << '\n';
    const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - started;
    finish_study("seek", flags, analysis::request_json(rq), result, elapsed.count(), io);
  });
}

}  // namespace fabcast::cli
