// fabcast sample EXPR: draws from one distribution expression and summarises the draws.

#include "cli/commands.hpp"
#include "cli/exit_codes.hpp"
#include "cli/progress_bar.hpp"
#include "cli/run_flags.hpp"
#include "core/echo_model.hpp"
#include "core/errors.hpp"
#include "core/expression.hpp"
#include "core/number_format.hpp"
#include "core/runner.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <memory>
#include <ostream>

namespace fabcast::cli {
namespace {

constexpr std::uint64_t DEFAULT_SAMPLES = 100'000;

struct SampleArgs {
  std::string expression;
  std::string format = "table";
  RunFlags run;
};

void print_table(std::ostream& out, const SampleArgs& args, const core::Distribution& dist,
                 const core::RunResult& result) {
  const auto& s = result.scalars.front();
  const auto& m = s.moments;
  out << fmt::format("{:<14}{}\n", "distribution", dist.to_string());
  out << fmt::format("{:<14}{}\n", "", dist.describe());
  out << fmt::format("{:<14}{} ({}), seed {}\n", "samples", result.samples,
                     result.sampling == core::SamplingMethod::monte_carlo ? "Monte Carlo" : "Latin hypercube",
                     result.seed);
  if (args.run.target_rel_error) {
    out << fmt::format("{:<14}{:.3g}% of the mean{}\n", "rel. error", result.rel_error * 100,
                       result.converged ? "" : "  (NOT converged: --max-samples reached)");
  }
  out << '\n' << fmt::format("{:<14}{:>14}{:>14}\n", "", "sample", "exact");
  // No exact column for these: the lines end with the sample's value (no trailing blanks).
  out << fmt::format("{:<14}{:>14}\n", "mean", core::format_sig(m.mean));
  out << fmt::format("{:<14}{:>14}\n", "  std. error", core::format_sig(m.std_error(), 2));
  out << fmt::format("{:<14}{:>14}\n", "sd", core::format_sig(m.sd()));
  for (std::size_t i = 0; i < core::QUANTILE_LEVELS.size(); ++i) {
    out << fmt::format("{:<14}{:>14}{:>14}\n", core::QUANTILE_NAMES[i], core::format_sig(s.quantiles[i]),
                       core::format_sig(dist.quantile(core::QUANTILE_LEVELS[i])));
  }
  if (!s.exact) {
    out << fmt::format("\nsample quantiles from a sketch past {} samples, within {:.2f}% of the exact ones\n",
                       core::EXACT_SCALAR_LIMIT, 100 * core::QuantileSketch::RELATIVE_ACCURACY);
  }
  out << fmt::format("{:<14}{:>14}\n", "min", core::format_sig(m.min));
  out << fmt::format("{:<14}{:>14}\n", "max", core::format_sig(m.max));
}

void print_json(std::ostream& out, const SampleArgs& args, const core::Distribution& dist,
                const core::RunResult& result) {
  const auto& s = result.scalars.front();
  nlohmann::ordered_json j;
  j["expression"] = args.expression;
  j["distribution"] = dist.to_string();
  j["sampling"] = core::to_string(result.sampling);
  j["seed"] = result.seed;
  j["samples"] = result.samples;
  if (args.run.target_rel_error) {
    j["converged"] = result.converged;
    j["rel_error"] = result.rel_error;
  }
  j["mean"] = s.moments.mean;
  j["sd"] = s.moments.sd();
  j["se"] = s.moments.std_error();
  j["min"] = s.moments.min;
  j["max"] = s.moments.max;
  for (std::size_t i = 0; i < core::QUANTILE_LEVELS.size(); ++i) j[core::QUANTILE_NAMES[i]] = s.quantiles[i];
  if (!s.exact) j["quantiles_relative_error"] = core::QuantileSketch::RELATIVE_ACCURACY;
  out << j.dump(2) << '\n';
}

void print_csv(std::ostream& out, const core::RunResult& result) {
  fmt::memory_buffer buf;
  fmt::format_to(std::back_inserter(buf), "sample,value\n");
  const auto& values = result.scalars.front().values;
  for (std::size_t i = 0; i < values.size(); ++i) {
    fmt::format_to(std::back_inserter(buf), "{},{}\n", i, core::format_number(values[i]));
    if (buf.size() > (1 << 20)) {
      out.write(buf.data(), static_cast<std::streamsize>(buf.size()));
      buf.clear();
    }
  }
  out.write(buf.data(), static_cast<std::streamsize>(buf.size()));
}

int run_sample(const SampleArgs& args, CommandIo& io) {
  if (args.format != "table" && args.format != "json" && args.format != "csv") {
    throw InputError(fmt::format("--format expects table, json or csv, got '{}'", args.format));
  }
  core::Distribution dist;
  try {
    dist = core::parse_distribution(args.expression);
  } catch (const core::ExpressionError& e) {
    throw InputError(fmt::format("in the expression, {}\n{}", e.what(), e.pointer()));
  }
  RunDefaults defaults;
  defaults.samples = DEFAULT_SAMPLES;
  auto settings = resolve_run_flags(args.run, defaults);
  if (settings.seed_drawn && !args.run.quiet) {
    io.err << fmt::format("fabcast: no --seed given; drew seed {} (pass --seed {} to reproduce)\n",
                          settings.options.seed, settings.options.seed);
  }
  settings.options.stop.target_output = "value";
  settings.options.keep_values = args.format == "csv";  // every sample is printed
  ProgressBar bar(io.err, !args.run.quiet && stderr_is_terminal(), settings.options.stop.target_rel_error.value_or(0));
  settings.options.on_progress = [&bar](const core::Progress& p) { bar.update(p); };

  core::EchoModel model({"value"});
  core::InputDesign design({{"value", dist}}, std::nullopt, settings.sampling, settings.options.seed);
  const auto result = core::run(model, design, settings.options);
  bar.finish();
  if (!result.converged && !args.run.quiet) {
    io.err << fmt::format(
        "fabcast: warning: relative error {:.3g}% after {} samples, above the target; "
        "raise --max-samples\n",
        result.rel_error * 100, result.samples);
  }
  if (args.format == "json") {
    print_json(io.out, args, dist, result);
  } else if (args.format == "csv") {
    print_csv(io.out, result);
  } else {
    print_table(io.out, args, dist, result);
  }
  return EXIT_OK;
}

}  // namespace

void add_sample_command(CLI::App& app, CommandIo& io) {
  auto args = std::make_shared<SampleArgs>();
  auto* cmd = app.add_subcommand("sample", "Draw from a distribution expression and summarise the draws");
  cmd->footer(fmt::format(
      "\nEXPR is {}.\nExamples:\n  fabcast sample \"10e9 to 25e9\"\n  fabcast sample \"pert(18, 24, 36)\" "
      "--sampling lhs --format json\n  fabcast sample \"truncate(normal(0.3, 0.1), 0, 1)\" --format csv -n 1000",
      core::distribution_names()));
  cmd->add_option("EXPR", args->expression, "Distribution expression, e.g. \"10e9 to 25e9\"")->required();
  cmd->add_option("-f,--format", args->format, "table, json or csv (every sample)")->capture_default_str();
  add_run_flags(*cmd, args->run, DEFAULT_SAMPLES);
  cmd->callback([args, &io] { io.exit_code = run_sample(*args, io); });
}

}  // namespace fabcast::cli
