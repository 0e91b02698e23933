// fabcast run SCENARIO: the fab-program model over many samples.

#include "cli/commands.hpp"
#include "cli/exit_codes.hpp"
#include "cli/scenario_run.hpp"
#include "core/errors.hpp"

#include <fmt/format.h>

#include <memory>
#include <ostream>

namespace fabcast::cli {

void add_run_command(CLI::App& app, CommandIo& io) {
  struct Args {
    ScenarioRunRequest request;
    std::string format = "table";
  };
  auto args = std::make_shared<Args>();
  auto& rq = args->request;
  auto* cmd = app.add_subcommand("run", "Run a scenario: what it builds, what binds, what it yields and returns");
  cmd->add_option("SCENARIO", rq.scenario, "A shipped scenario's name (altman-7t) or a .toml file")->required();
  cmd->add_option("-f,--format", args->format, "table (a readable summary) or json (the full result)")
      ->capture_default_str();
  cmd->add_option("--set", rq.overrides, "Override a scenario key: --set program.budget_usd=5e12 (repeatable)");
  add_run_flags(*cmd, rq.run, 10000);
  cmd->add_option("--target-output", rq.target_output,
                  "The scalar --target-rel-error judges (default: committed_usd, else the first recorded)");
  add_store_flags(*cmd, rq.store, true);
  cmd->footer(
      "\nSamples, seed and sampling default to the scenario's run settings. The JSON schema is in\n"
      "docs/output-format.md; the same command with any --threads prints the same bytes. Every run is\n"
      "stored (fabcast runs list) unless --no-store.");
  cmd->callback([args, &io] {
    if (args->format != "table" && args->format != "json") {
      throw InputError(fmt::format("--format expects table or json, got '{}'", args->format));
    }
    const auto outcome = run_scenario(args->request, io);
    io.out << (args->format == "json" ? outcome.job.json + "\n" : outcome.job.summary);
    io.exit_code = EXIT_OK;
    if (!outcome.store_error.empty()) {  // the results above are whole; only storing them failed
      io.err << "fabcast: error: the run finished but was not stored: " << outcome.store_error << '\n';
      io.exit_code = EXIT_FAILURE_RUN;
    }
  });
}

}  // namespace fabcast::cli
