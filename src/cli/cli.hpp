#pragma once
// The fabcast command-line shell: parses arguments, dispatches to one command, maps errors to
// exit codes. apps/fabcast/main.cpp only calls run_cli; tests call it in-process.

#include <iosfwd>
#include <string>
#include <vector>

namespace fabcast::cli {

//! Runs `fabcast args...` (args excludes the program name); returns the exit code.
int run_cli(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace fabcast::cli
