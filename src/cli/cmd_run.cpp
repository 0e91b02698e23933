// fabcast run SCENARIO: the fab-program model over many samples.

#include "cli/commands.hpp"
#include "cli/exit_codes.hpp"
#include "cli/progress_bar.hpp"
#include "cli/run_flags.hpp"
#include "core/errors.hpp"
#include "model/fab_model.hpp"
#include "report/run_report.hpp"
#include "scenario/loader.hpp"

#include <fabcast/version.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <memory>
#include <ostream>

namespace fabcast::cli {

void add_run_command(CLI::App& app, CommandIo& io) {
  struct Args {
    std::string scenario;
    std::string format = "table";
    std::vector<std::string> overrides;
    std::string target_output;
    RunFlags run;
  };
  auto args = std::make_shared<Args>();
  auto* cmd = app.add_subcommand("run", "Run a scenario: what it builds, what binds, what it yields and returns");
  cmd->add_option("SCENARIO", args->scenario, "A shipped scenario's name (altman-7t) or a .toml file")->required();
  cmd->add_option("-f,--format", args->format, "table (a readable summary) or json (the full result)")->capture_default_str();
  cmd->add_option("--set", args->overrides, "Override a scenario key: --set program.budget_usd=5e12 (repeatable)");
  add_run_flags(*cmd, args->run, 10000);
  cmd->add_option("--target-output", args->target_output,
                  "The scalar --target-rel-error judges (default: committed_usd, else the first recorded)");
  cmd->footer("\nSamples, seed and sampling default to the scenario's run settings. The JSON schema is in\n"
              "docs/output-format.md; the same command with any --threads prints the same bytes.");
  cmd->callback([args, &io] {
    if (args->format != "table" && args->format != "json") {
      throw InputError(fmt::format("--format expects table or json, got '{}'", args->format));
    }
    const auto sc = scenario::load_scenario(args->scenario, {args->overrides});
    RunDefaults defaults;
    defaults.samples = static_cast<std::uint64_t>(sc.dist("run.samples").params()[0]);
    defaults.sampling = *core::parse_sampling_method(sc.text("run.sampling"));
    if (const auto* seed = sc.find("run.seed")) {
      defaults.seed = static_cast<std::uint64_t>(std::get<core::Distribution>(seed->value).params()[0]);
    }
    auto settings = resolve_run_flags(args->run, defaults);
    if (settings.seed_drawn && !args->run.quiet) {
      io.err << fmt::format("fabcast: no --seed given; drew seed {} (pass --seed {} to reproduce)\n", settings.options.seed,
                            settings.options.seed);
    }
    const model::FabModel model(sc);
    core::InputDesign design(model.inputs(), model.correlation(), settings.sampling, settings.options.seed);
    const auto& scalars = model.schema().scalars;
    if (!args->target_output.empty()) {
      settings.options.stop.target_output = args->target_output;  // the engine rejects an unknown name
    } else if (std::find(scalars.begin(), scalars.end(), "committed_usd") != scalars.end()) {
      settings.options.stop.target_output = "committed_usd";
    } else if (!scalars.empty()) {
      settings.options.stop.target_output = scalars.front();
    }
    ProgressBar bar(io.err, !args->run.quiet && stderr_is_terminal(), settings.options.stop.target_rel_error.value_or(0));
    settings.options.on_progress = [&bar](const core::Progress& p) { bar.update(p); };
    const auto result = core::run(model, design, settings.options);
    bar.finish();
    if (settings.options.stop.target_rel_error && !args->run.quiet) {
      io.err << fmt::format("fabcast: {} samples: relative standard error of the mean of {} is {:.3g}%{}\n", result.samples,
                            settings.options.stop.target_output, result.rel_error * 100,
                            result.converged ? "" : " (NOT converged: --max-samples reached)");
    }
    const report::RunInfo info{sc.name(), sc.data_version(), VERSION, GIT_COMMIT};
    if (args->format == "json") {
      io.out << report::run_to_json(info, result, model).dump(1) << '\n';
    } else {
      io.out << report::run_summary(info, result, model);
    }
    io.exit_code = EXIT_OK;
  });
}

}  // namespace fabcast::cli
