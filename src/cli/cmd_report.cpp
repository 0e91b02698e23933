// fabcast report ID|SCENARIO: a stored run (or a new run of a scenario) as an HTML or Markdown report.

#include "cli/commands.hpp"
#include "cli/exit_codes.hpp"
#include "cli/scenario_run.hpp"
#include "core/errors.hpp"
#include "report/claims_report.hpp"
#include "report/compare_document.hpp"
#include "report/output_file.hpp"
#include "report/run_document.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <memory>
#include <optional>
#include <ostream>
#include <thread>
#include <utility>
#include <vector>

namespace fabcast::cli {
namespace {

// The flags given that only a new run takes (how to sample it, and whether to store it).
std::vector<std::string> run_flags_given(const ScenarioRunRequest& rq) {
  std::vector<std::string> given;
  const auto& f = rq.run;
  if (f.samples) given.emplace_back("-n/--samples");
  if (f.target_rel_error) given.emplace_back("--target-rel-error");
  if (f.max_samples) given.emplace_back("--max-samples");
  if (f.seed) given.emplace_back("--seed");
  if (f.threads) given.emplace_back("-j/--threads");
  if (f.sampling) given.emplace_back("--sampling");
  if (rq.store.no_store) given.emplace_back("--no-store");
  if (rq.store.keep_samples) given.emplace_back("--keep-samples");
  return given;
}

bool all_digits(const std::string& s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](unsigned char ch) { return std::isdigit(ch) != 0; });
}

}  // namespace

void add_report_command(CLI::App& app, CommandIo& io) {
  struct Args {
    std::string what;
    std::vector<std::string> whats;
    std::string output;
    std::string format;
    std::string claims;
    ScenarioRunRequest request;
  };
  auto args = std::make_shared<Args>();
  auto& rq = args->request;
  auto* cmd = app.add_subcommand(
      "report",
      "Write a report of a stored run, or of a new run of a scenario: HTML (charts) or Markdown (SVG charts)");
  cmd->add_option("ID|SCENARIO", args->whats,
                  "A stored run's id (or latest), or a scenario to run first (stored unless --no-store); two or "
                  "more: a comparison report, side by side")
      ->required();
  cmd->add_option("-o,--output", args->output, "Report file (default: <scenario>-run<id>.html, or .md)")
      ->check(NON_EMPTY_PATH);
  cmd->add_option(
      "-f,--format", args->format,
      "html (one self-contained file) or md (Markdown, charts as SVG files beside it); default from -o, else html");
  cmd->add_option("--claims", args->claims,
                  "Also check a claims file (altman-7t-2024, or a .toml) against this run: its model checks of the "
                  "run's scenario read the run's own samples (same seed and count)");
  cmd->add_option("--set", rq.overrides, "When running a scenario: override a key (repeatable)");
  add_run_flags(*cmd, rq.run, 10000);
  add_store_flags(*cmd, rq.store, true);
  cmd->callback([args, &io] {
    args->what = args->whats.front();
    std::string format = args->format;
    if (format.empty()) format = std::filesystem::path(args->output).extension() == ".md" ? "md" : "html";
    if (format != "html" && format != "md")
      throw InputError(fmt::format("--format expects html or md, got '{}'", format));
    // A target that cannot be written is refused before anything runs.
    if (!args->output.empty() && report::check_output_path(args->output) == report::OutputKind::stream &&
        format == "md") {
      throw InputError(
          fmt::format("-o {}: a Markdown report writes its charts as files beside it, so it needs a file path; "
                      "--format html writes one self-contained report anywhere",
                      args->output));
    }

    // A claims file is read before anything runs, so a bad one costs no run.
    std::optional<analysis::ClaimsFile> claims_file;
    if (!args->claims.empty()) claims_file = analysis::load_claims(args->claims);
    store::StoredRun run;
    std::filesystem::path out;
    std::string page;                                         // the HTML page, or the Markdown text
    std::vector<std::pair<std::string, std::string>> charts;  // Markdown: SVG files, relative to it
    auto render = [&] {
      out = args->output.empty() ? fmt::format("{}-run{}.{}", run.scenario_name, run.id, format) : args->output;
      std::vector<report::Section> extra;
      if (claims_file) {
        extra.push_back(report::claims_section(analysis::check_claims(*claims_file, report::claims_request_for(run))));
      }
      if (format == "html") {
        page = report::html_report(run, extra);
      } else {
        auto md = report::markdown_report(run, out.stem().string() + "_charts", extra);
        page = std::move(md.markdown);
        charts = std::move(md.files);
      }
    };
    std::string store_error;
    if (args->whats.size() > 1) {
      if (claims_file) throw InputError("--claims applies to the report of one run, not to a comparison");
      std::vector<store::StoredRun> runs;
      for (const auto& what : args->whats) {
        if (all_digits(what) || what == "latest") {
          const auto store = open_store(args->request.store, store::StoreAccess::read);
          runs.push_back(store.get(store.resolve(what)));
          continue;
        }
        auto request = args->request;
        request.scenario = what;
        auto outcome = run_scenario(request, io);
        if (!outcome.store_error.empty()) store_error = outcome.store_error;
        store::StoredRun run;
        if (outcome.id) {
          run = open_store(args->request.store, store::StoreAccess::read).get(*outcome.id);
        } else {
          static_cast<store::NewRun&>(run) = std::move(outcome.record);
          run.scenario_hash = store::sha256_hex(run.scenario_text);
          run.created = "not stored";
        }
        runs.push_back(std::move(run));
      }
      out = args->output.empty() ? fmt::format("compare-{}.{}", fmt::join(args->whats, "-"), format) : args->output;
      const auto document = report::compare_document(runs);
      if (format == "html") {
        page = report::html_document(document);
      } else {
        auto md = report::markdown_document(document, out.stem().string() + "_charts");
        page = std::move(md.markdown);
        charts = std::move(md.files);
      }
    } else if (all_digits(args->what) || args->what == "latest") {
      if (!args->request.overrides.empty())
        throw InputError("--set applies when the report runs a scenario, not to a stored run");
      // A stored run's samples, seed and sampling are what they were: a flag that would change
      // them is refused, not ignored.
      if (const auto given = run_flags_given(args->request); !given.empty()) {
        throw InputError(
            fmt::format("{} {} when the report runs a scenario; run {} is stored with its own samples, seed and "
                        "sampling: drop {}, or name a scenario to run and report a new run",
                        fmt::join(given, ", "), given.size() == 1 ? "applies" : "apply", args->what,
                        given.size() == 1 ? "it" : "them"));
      }
      const auto store = open_store(args->request.store, store::StoreAccess::read);
      run = store.get(store.resolve(args->what));
      read_stored_run(store, run, render);
    } else {
      args->request.scenario = args->what;
      auto outcome = run_scenario(args->request, io);
      store_error = outcome.store_error;
      if (outcome.id) {
        run = open_store(args->request.store, store::StoreAccess::read).get(*outcome.id);
      } else {  // --no-store, or storing failed: the same record, unnumbered
        static_cast<store::NewRun&>(run) = std::move(outcome.record);
        run.scenario_hash = store::sha256_hex(run.scenario_text);
        run.created = "not stored";
      }
      render();
    }
    for (const auto& [file, svg] : charts) report::write_output_file(out.parent_path() / file, svg);
    report::write_output_file(out, page);
    if (args->whats.size() > 1) {
      io.err << fmt::format("fabcast: wrote {} ({} comparison of {})\n", out.string(), format,
                            fmt::join(args->whats, ", "));
    } else {
      io.err << fmt::format("fabcast: wrote {} ({} report of run {})\n", out.string(), format,
                            run.id ? std::to_string(run.id) : "not stored");
    }
    io.exit_code = EXIT_OK;
    if (!store_error.empty()) {  // the report is whole; only storing the run failed
      io.err << "fabcast: error: the run finished but was not stored: " << store_error << '\n';
      io.exit_code = EXIT_FAILURE_RUN;
    }
  });
}

}  // namespace fabcast::cli
