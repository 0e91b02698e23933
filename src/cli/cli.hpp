#pragma once
// The fabcast command-line shell: parses arguments, dispatches to one command, maps errors to
// exit codes. apps/fabcast/main.cpp only calls run_cli; tests call it in-process.

#include "cli/commands.hpp"

#include <iosfwd>
#include <string>
#include <vector>

namespace fabcast::cli {

//! Adds every command to `app` (named "fabcast"), writing to `io`: what run_cli parses with, and
//! what tests walk to check every command's flags.
void add_commands(CLI::App& app, CommandIo& io);

//! Runs `fabcast args...` (args excludes the program name); returns the exit code.
int run_cli(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace fabcast::cli
