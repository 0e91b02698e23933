#include "cli/cli.hpp"

#include "cli/commands.hpp"
#include "cli/exit_codes.hpp"
#include "core/errors.hpp"

#include <fmt/format.h>
#include <fabcast/version.hpp>

#include <ostream>

namespace fabcast::cli {

namespace {

// The command a parse error belongs to, as typed: "fabcast runs rerun" (the deepest subcommand the
// parser had entered), or "fabcast" when none was.
std::string command_path(const CLI::App& app) {
  std::string path = app.get_name();
  for (const CLI::App* at = &app;;) {
    const auto entered = at->get_subcommands();
    if (entered.empty()) return path;
    at = entered.front();
    path += " " + at->get_name();
  }
}

}  // namespace

void add_commands(CLI::App& app, CommandIo& io) {
  app.set_version_flag("--version", fmt::format("fabcast {} ({})", VERSION, GIT_COMMIT));
  app.require_subcommand(1);
  app.footer(
      "\nExit codes: 0 success, 1 failure while running, 2 bad input or usage.\n"
      "Run 'fabcast COMMAND --help' for a command's options.");
  add_run_command(app, io);
  add_sample_command(app, io);
  add_validate_command(app, io);
  add_show_command(app, io);
  add_scenarios_command(app, io);
  add_data_command(app, io);
  add_docs_command(app, io);
  add_runs_command(app, io);
  add_export_command(app, io);
  add_report_command(app, io);
  add_sweep_command(app, io);
  add_seek_command(app, io);
  add_sensitivity_command(app, io);
  add_studies_command(app, io);
  add_claims_command(app, io);
}

int run_cli(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  CLI::App app{"fabcast: a probabilistic simulator of chip-fab mega-programs", "fabcast"};
  CommandIo io{out, err};
  add_commands(app, io);

  std::vector<std::string> reversed(args.rbegin(), args.rend());  // CLI11 takes them back to front
  try {
    app.parse(reversed);
  } catch (const CLI::CallForHelp&) {
    out << app.help();
    return EXIT_OK;
  } catch (const CLI::CallForAllHelp&) {
    out << app.help("", CLI::AppFormatMode::All);
    return EXIT_OK;
  } catch (const CLI::CallForVersion&) {
    out << app.version() << '\n';
    return EXIT_OK;
  } catch (const CLI::ParseError& e) {
    // A subcommand's --help arrives as CallForHelp from the subcommand; anything else is usage, and
    // the help that explains it is the command's own.
    err << "fabcast: error: " << e.what() << "\nRun '" << command_path(app) << " --help' for usage.\n";
    return EXIT_BAD_INPUT;
  } catch (const InputError& e) {
    err << "fabcast: error: " << e.what() << '\n';
    return EXIT_BAD_INPUT;
  } catch (const std::exception& e) {
    err << "fabcast: failed: " << e.what() << '\n';
    return EXIT_FAILURE_RUN;
  }
  return io.exit_code;
}

}  // namespace fabcast::cli
