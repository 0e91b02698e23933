#pragma once
// One function per command adds it to the app; each command's file holds its options and logic.

#include <CLI/CLI.hpp>

#include <iosfwd>

namespace fabcast::cli {

//! Streams a command writes to, and the exit code it leaves.
struct CommandIo {
  std::ostream& out;
  std::ostream& err;
  int exit_code = 0;
};

void add_sample_command(CLI::App& app, CommandIo& io);
void add_run_command(CLI::App& app, CommandIo& io);
void add_validate_command(CLI::App& app, CommandIo& io);
void add_show_command(CLI::App& app, CommandIo& io);
void add_scenarios_command(CLI::App& app, CommandIo& io);
void add_data_command(CLI::App& app, CommandIo& io);
void add_docs_command(CLI::App& app, CommandIo& io);
void add_runs_command(CLI::App& app, CommandIo& io);
void add_export_command(CLI::App& app, CommandIo& io);
void add_report_command(CLI::App& app, CommandIo& io);
void add_sweep_command(CLI::App& app, CommandIo& io);
void add_seek_command(CLI::App& app, CommandIo& io);
void add_sensitivity_command(CLI::App& app, CommandIo& io);
void add_studies_command(CLI::App& app, CommandIo& io);
void add_claims_command(CLI::App& app, CommandIo& io);

}  // namespace fabcast::cli
