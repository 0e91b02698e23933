// fabcast studies list|show|rerun|rm: the studies (sweeps, seeks, sensitivity) in the run store.

#include "analysis/study_record.hpp"
#include "cli/commands.hpp"
#include "cli/exit_codes.hpp"
#include "cli/run_flags.hpp"
#include "cli/study_command.hpp"
#include "core/errors.hpp"
#include "report/study_report.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <fabcast/version.hpp>

#include <algorithm>
#include <memory>
#include <ostream>
#include <sstream>
#include <thread>

namespace fabcast::cli {
namespace {

// One line of what a study asked, for the list.
std::string what_was_asked(const store::StoredStudy& s) {
  try {
    const auto j = nlohmann::json::parse(s.request_json);
    if (s.kind == "sweep") {
      std::vector<std::string> keys;
      for (const auto& a : j.at("axes")) {
        keys.push_back(fmt::format("{} ({} values)", a.at("key").get<std::string>(), a.at("values").size()));
      }
      return fmt::format("{}", fmt::join(keys, " x "));
    }
    if (s.kind == "seek") {
      return fmt::format("{} for {}", j.at("key").get<std::string>(), j.at("target").get<std::string>());
    }
    return fmt::format("{}, {} outputs", j.at("method").get<std::string>(),
                       j.at("outputs").empty() ? std::string("default") : std::to_string(j.at("outputs").size()));
  } catch (const std::exception&) {
    return "(request unreadable)";
  }
}

}  // namespace

void add_studies_command(CLI::App& app, CommandIo& io) {
  auto flags = std::make_shared<StoreFlags>();
  auto* studies = app.add_subcommand("studies", "The stored studies (sweep, seek, sensitivity): list, show, rerun, rm");
  studies->require_subcommand(1);

  auto* list = studies->add_subcommand("list", "Every stored study, newest first");
  add_store_flags(*list, *flags, false);
  list->callback([flags, &io] {
    const auto store = open_store(*flags, store::StoreAccess::read);
    const auto all = store.list_studies();
    if (all.empty()) {
      io.out << fmt::format("no studies stored in {}\n", store.path().string());
      return;
    }
    io.out << fmt::format("{:>4}  {:<20}  {:<11}  {:<16}  {}\n", "id", "created (UTC)", "kind", "scenario", "asked");
    for (const auto& s : all) {
      io.out << fmt::format("{:>4}  {:<20}  {:<11}  {:<16}  {}\n", s.id, s.created, s.kind, s.scenario_name,
                            what_was_asked(s));
    }
  });

  auto show_args = std::make_shared<std::pair<std::string, std::string>>("", "table");
  auto* show = studies->add_subcommand("show", "A stored study's results, as printed when it ran");
  show->add_option("ID", show_args->first, "Study id, or latest")->required();
  show->add_option("-f,--format", show_args->second, "table or json")->capture_default_str();
  add_store_flags(*show, *flags, false);
  show->callback([flags, show_args, &io] {
    if (show_args->second != "table" && show_args->second != "json") {
      throw InputError(fmt::format("--format expects table or json, got '{}'", show_args->second));
    }
    const auto store = open_store(*flags, store::StoreAccess::read);
    const auto s = store.get_study(store.resolve_study(show_args->first));
    io.out << (show_args->second == "json" ? s.result_json + "\n" : s.summary);
  });

  struct RerunArgs {
    std::string id, report;
    std::optional<std::string> threads;
  };
  auto rerun_args = std::make_shared<RerunArgs>();
  auto* rerun = studies->add_subcommand(
      "rerun", "Run a stored study again from its stored scenario and request; check its results match byte for byte");
  rerun->add_option("ID", rerun_args->id, "Study id, or latest")->required();
  add_threads_flag(*rerun, rerun_args->threads);
  rerun->add_option("--report", rerun_args->report, "Also write its report: FILE.html or FILE.md")
      ->check(NON_EMPTY_PATH);
  add_store_flags(*rerun, *flags, false);
  rerun->callback([flags, rerun_args, &io] {
    check_study_report_path(rerun_args->report);
    const auto store = open_store(*flags, store::StoreAccess::read);
    const auto s = store.get_study(store.resolve_study(rerun_args->id));
    const unsigned threads = rerun_args->threads ? parse_threads(*rerun_args->threads)
                                                 : std::clamp(std::thread::hardware_concurrency(), 1u, MAX_THREADS);
    const auto result = [&] {
      try {
        return analysis::rerun_study(s.kind, nlohmann::ordered_json::parse(s.request_json), s.scenario_name,
                                     s.scenario_text, threads);
      } catch (const std::invalid_argument& e) {  // the store's fault, not the user's: exit 1
        throw RunError(fmt::format("{}: study {}: {}", store.path().string(), s.id, e.what()));
      } catch (const InputError& e) {
        throw RunError(fmt::format("{}: study {}: it no longer runs: {}", store.path().string(), s.id, e.what()));
      }
    }();
    const auto json = analysis::study_json(result).dump(2);
    if (json == s.result_json) {
      io.out << fmt::format("study {} ({}) reproduced byte for byte ({} bytes of results)\n", s.id, s.kind,
                            json.size());
      io.exit_code = EXIT_OK;
    } else {
      const auto d = first_different_line(s.result_json, json);
      io.out << fmt::format(
          "study {} NOT reproduced: results differ first at line {} of the JSON:\n  stored: {}\n  now:    {}\n"
          "(stored by fabcast {} ({}); this is {} ({}))\n",
          s.id, d.line, d.stored, d.now, s.fabcast_version, s.git_commit, VERSION, GIT_COMMIT);
      io.exit_code = EXIT_FAILURE_RUN;
    }
    if (!rerun_args->report.empty()) {
      const auto document = report::study_document(result);
      write_study_report(rerun_args->report, document, io);
    }
  });

  auto rm_ids = std::make_shared<std::vector<std::string>>();
  auto* rm = studies->add_subcommand("rm", "Remove stored studies");
  rm->add_option("ID", *rm_ids, "Study ids")->required();
  add_store_flags(*rm, *flags, false);
  rm->callback([flags, rm_ids, &io] {
    auto store = open_store(*flags, store::StoreAccess::write);
    std::vector<std::int64_t> ids;
    for (const auto& text : *rm_ids) ids.push_back(store.resolve_study(text));
    // All must exist before any goes (by id only: a study whose stored result was damaged can still go).
    const auto stored = store.list_studies();
    for (const auto id : ids) {
      if (std::none_of(stored.begin(), stored.end(), [&](const auto& s) { return s.id == id; })) {
        throw InputError(
            fmt::format("{}: no study {} (fabcast studies list shows the stored studies)", store.path().string(), id));
      }
    }
    for (const auto id : ids) {
      store.remove_study(id);
      io.out << fmt::format("removed study {}\n", id);
    }
  });
}

}  // namespace fabcast::cli
