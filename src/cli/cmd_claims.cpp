// fabcast claims [FILE]: public claims checked against reference data and the model
// (analysis/claims.hpp, docs/claims.md).

#include "analysis/claims.hpp"
#include "cli/commands.hpp"
#include "cli/exit_codes.hpp"
#include "cli/run_flags.hpp"
#include "cli/scenario_run.hpp"
#include "cli/study_command.hpp"
#include "core/errors.hpp"
#include "report/claims_report.hpp"

#include <fmt/format.h>

#include <memory>
#include <ostream>

namespace fabcast::cli {

void add_claims_command(CLI::App& app, CommandIo& io) {
  struct Args {
    std::string file = "altman-7t-2024", scenario, format = "table", report;
    RunFlags run;
  };
  auto args = std::make_shared<Args>();
  auto* cmd = app.add_subcommand("claims", "Check public claims against reference data and the model");
  cmd->add_option("FILE", args->file, "A shipped claims file's name or a .toml claims file")->capture_default_str();
  cmd->add_option("--scenario", args->scenario,
                  "The scenario model checks run (default: the file's scenario; checks naming one keep it)");
  cmd->add_option("-f,--format", args->format, "table or json")->capture_default_str();
  cmd->add_option("--report", args->report, "Also write the verdicts as a report: .html, or .md")
      ->check(NON_EMPTY_PATH);
  add_run_flags(*cmd, args->run, 10000);
  cmd->footer(
      "\nEach claim has its source and checks: an expression over reference data (its interval from the data's\n"
      "ranges) or a statistic of a model output (its 95 % interval). A check's rule gives holds, fails or\n"
      "uncertain; a claim fails if any check fails and holds if every judged check holds.\n"
      "Shipped: altman-7t-2024. Format: docs/claims.md.");
  cmd->callback([args, &io] {
    if (args->format != "table" && args->format != "json")
      throw InputError(fmt::format("--format expects table or json, got '{}'", args->format));
    if (!args->report.empty()) check_study_report_path(args->report);
    const auto file = analysis::load_claims(args->file);
    analysis::ClaimsRequest rq;
    rq.scenario = args->scenario;
    const std::string scenario = rq.scenario.empty() ? file.scenario : rq.scenario;
    if (!scenario.empty()) {
      const auto settings = study_run_settings(scenario, {}, args->run, 10000, io);
      rq.options = settings.options;
      rq.sampling = settings.sampling;
    }
    const auto result = analysis::check_claims(file, rq);
    if (args->format == "json") {
      io.out << analysis::claims_json(result).dump(2) << '\n';
    } else {
      io.out << analysis::claims_table(result);
    }
    if (!args->report.empty()) write_study_report(args->report, report::claims_document(result), io);
    io.exit_code = EXIT_OK;
  });
}

}  // namespace fabcast::cli
