#include "cli/study_command.hpp"

#include "cli/exit_codes.hpp"
#include "core/errors.hpp"
#include "data/library.hpp"
#include "report/output_file.hpp"
#include "report/study_report.hpp"
#include "scenario/loader.hpp"
#include "scenario/writer.hpp"

#include <fmt/format.h>

#include <fabcast/version.hpp>

#include <algorithm>
#include <filesystem>
#include <ostream>

namespace fabcast::cli {
namespace {

// Stores a study unless --no-store; a failure is reported, not thrown: the results are printed.
int store_study(const std::string& kind, const StudyFlags& flags, const nlohmann::ordered_json& request,
                const analysis::StudyResult& result, double elapsed_seconds, CommandIo& io) {
  if (flags.store.no_store) return EXIT_OK;
  try {
    const auto sc = scenario::load_scenario(flags.scenario, {flags.overrides});
    store::NewStudy study;
    study.kind = kind;
    study.scenario_name = flags.scenario;
    study.scenario_text = scenario::to_toml(sc, data::Library::builtin());
    study.request_json = request.dump();
    study.data_version = sc.data_version();
    study.fabcast_version = VERSION;
    study.git_commit = GIT_COMMIT;
    study.elapsed_seconds = elapsed_seconds;
    study.result_json = analysis::study_json(result).dump(2);
    study.summary = analysis::study_table(result);
    auto store = open_store(flags.store, store::StoreAccess::write);
    const auto id = store.add_study(study);
    io.err << fmt::format("fabcast: stored as study {} in {} (fabcast studies rerun {} reproduces it)\n", id,
                          store.path().string(), id);
    return EXIT_OK;
  } catch (const std::exception& e) {
    io.err << "fabcast: error: the study finished but was not stored: " << e.what() << '\n';
    return EXIT_FAILURE_RUN;
  }
}

}  // namespace

void add_study_flags(CLI::App& command, StudyFlags& flags, const std::string& formats, std::uint64_t default_samples) {
  command.add_option("SCENARIO", flags.scenario, "A shipped scenario's name (altman-7t) or a .toml file")->required();
  command.add_option("--set", flags.overrides, "Override a scenario key at every point (repeatable)");
  command
      .add_option("--report", flags.report,
                  "Also write a report: FILE.html (self-contained) or FILE.md (SVG charts beside it)")
      ->check(NON_EMPTY_PATH);
  command.add_option("-f,--format", flags.format, formats)->capture_default_str();
  add_store_flags(command, flags.store, false);
  command.add_flag("--no-store", flags.store.no_store, "Do not store this study");
  add_run_flags(command, flags.run, default_samples);
}

void check_study_flags(const StudyFlags& flags, const std::vector<std::string>& formats) {
  check_study_report_path(flags.report);
  // A store that cannot take the study is refused now, not after the samples.
  if (!flags.store.no_store) (void)open_store(flags.store, store::StoreAccess::write);
  if (std::find(formats.begin(), formats.end(), flags.format) == formats.end()) {
    throw InputError(fmt::format("--format expects {}, got '{}'", fmt::join(formats, ", "), flags.format));
  }
}

void finish_study(const std::string& kind, const StudyFlags& flags, const nlohmann::ordered_json& request,
                  const analysis::StudyResult& result, double elapsed_seconds, CommandIo& io) {
  if (flags.format == "json") {
    io.out << analysis::study_json(result).dump(2) << '\n';
  } else if (flags.format == "csv") {
    io.out << analysis::sweep_csv(std::get<analysis::SweepResult>(result));
  } else {
    io.out << analysis::study_table(result);
  }
  if (!flags.report.empty()) write_study_report(flags.report, report::study_document(result), io);
  io.exit_code = store_study(kind, flags, request, result, elapsed_seconds, io);
}

void check_study_report_path(const std::string& path) {
  if (path.empty()) return;
  if (report::check_output_path(path) == report::OutputKind::stream &&
      std::filesystem::path(path).extension() == ".md") {
    throw InputError(
        fmt::format("--report {}: a Markdown report writes its charts as files beside it, so it needs a "
                    "file path",
                    path));
  }
}

void write_study_report(const std::string& path, const report::Document& document, CommandIo& io) {
  const std::filesystem::path out(path);
  if (out.extension() == ".md") {
    const auto md = report::markdown_document(document, out.stem().string() + "_charts");
    for (const auto& [file, svg] : md.files) report::write_output_file(out.parent_path() / file, svg);
    report::write_output_file(out, md.markdown);
  } else {
    report::write_output_file(out, report::html_document(document));
  }
  io.err << fmt::format("fabcast: wrote {}\n", out.string());
}

}  // namespace fabcast::cli
