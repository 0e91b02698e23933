// fabcast validate, fabcast show, fabcast scenarios: reading scenario files.

#include "cli/commands.hpp"
#include "cli/exit_codes.hpp"
#include "core/errors.hpp"
#include "report/run_job.hpp"
#include "scenario/loader.hpp"
#include "scenario/writer.hpp"

#include <fmt/format.h>

#include <memory>
#include <ostream>

namespace fabcast::cli {

void add_validate_command(CLI::App& app, CommandIo& io) {
  auto files = std::make_shared<std::vector<std::string>>();
  auto* cmd = app.add_subcommand("validate", "Check scenario files without running them");
  cmd->add_option("FILE", *files, "Scenario files, or names of shipped scenarios")->required();
  cmd->footer(
      "\nEvery problem of every file is reported, each with file:line:column, the key, the value found\n"
      "and what was expected. Exit code 2 if any file has a problem.");
  cmd->callback([files, &io] {
    int failed = 0;
    for (const auto& f : *files) {
      try {
        const auto sc = scenario::load_scenario(f);
        report::check_runnable(sc);
        io.out << fmt::format("ok  {} ({}: {} keys, reference data {})\n", f, sc.name(), sc.settings().size(),
                              sc.data_version());
      } catch (const InputError& e) {
        ++failed;
        io.err << fmt::format("fabcast: error: {}: {}\n", f, e.what());
      }
    }
    io.exit_code = failed ? EXIT_BAD_INPUT : EXIT_OK;
  });
}

void add_show_command(CLI::App& app, CommandIo& io) {
  struct Args {
    std::string file;
    std::string format = "table";
    std::vector<std::string> overrides;
  };
  auto args = std::make_shared<Args>();
  auto* cmd = app.add_subcommand("show", "Print a fully resolved scenario: every value, its unit and its source");
  cmd->add_option("FILE", args->file, "Scenario file, or the name of a shipped scenario")->required();
  cmd->add_option("-f,--format", args->format, "table, toml (loads back to the same scenario) or json")
      ->capture_default_str();
  cmd->add_option("--set", args->overrides, "Override a key: --set program.budget_usd=5e12 (repeatable)");
  cmd->callback([args, &io] {
    if (args->format != "table" && args->format != "toml" && args->format != "json") {
      throw InputError(fmt::format("--format expects table, toml or json, got '{}'", args->format));
    }
    const auto sc = scenario::load_scenario(args->file, {args->overrides});
    const auto& lib = data::Library::builtin();
    io.out << (args->format == "toml"   ? scenario::to_toml(sc, lib, args->overrides)
               : args->format == "json" ? scenario::to_json(sc, lib, args->overrides)
                                        : scenario::to_table(sc, lib));
    io.exit_code = EXIT_OK;
  });
}

void add_scenarios_command(CLI::App& app, CommandIo& io) {
  auto* cmd = app.add_subcommand("scenarios", "List the shipped scenarios");
  cmd->callback([&io] {
    for (const auto& [name, description] : scenario::shipped_scenarios()) {
      io.out << fmt::format("{:<18}{}\n", name, description);
    }
    io.exit_code = EXIT_OK;
  });
}

}  // namespace fabcast::cli
