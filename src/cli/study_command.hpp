#pragma once
// What the study commands (sweep, seek, sensitivity) share: their common flags, the checks made
// before a study runs, and what follows it (printing, the report, the run store).

#include "analysis/study_record.hpp"
#include "cli/commands.hpp"
#include "cli/run_flags.hpp"
#include "cli/scenario_run.hpp"
#include "report/document.hpp"

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace fabcast::cli {

struct StudyFlags {
  std::string scenario, format = "table", report;
  std::vector<std::string> overrides;
  RunFlags run;
  StoreFlags store;
};

//! Adds SCENARIO, --set, --report, -f/--format (`formats`, "table, json or csv"), --store, --no-store
//! and the run flags.
void add_study_flags(CLI::App& command, StudyFlags& flags, const std::string& formats, std::uint64_t default_samples);

//! Before a study runs: a report path it can write, a store that can take it (unless --no-store),
//! a format among `formats`. Throws InputError.
void check_study_flags(const StudyFlags& flags, const std::vector<std::string>& formats);

//! After it ran: prints the result in the chosen format, writes the report, stores the study (a
//! failure to store is reported after the results, exit 1). Sets io.exit_code.
void finish_study(const std::string& kind, const StudyFlags& flags, const nlohmann::ordered_json& request,
                  const analysis::StudyResult& result, double elapsed_seconds, CommandIo& io);

//! Checks a study's --report path before anything runs: a Markdown report (by its .md extension)
//! writes charts beside it, so it needs a file. Throws InputError.
void check_study_report_path(const std::string& path);

//! Writes a study's report to `path`: Markdown for .md (charts in <stem>_charts/ beside it), else
//! one self-contained HTML file; tells stderr.
void write_study_report(const std::string& path, const report::Document& document, CommandIo& io);

}  // namespace fabcast::cli
