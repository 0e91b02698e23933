// fabcast export ID: a stored run's tables as CSV files, an Excel workbook or JSON.

#include "cli/commands.hpp"
#include "cli/exit_codes.hpp"
#include "cli/scenario_run.hpp"
#include "core/errors.hpp"
#include "report/claims_report.hpp"
#include "report/export.hpp"
#include "report/output_file.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <memory>
#include <optional>
#include <ostream>
#include <vector>

namespace fabcast::cli {

namespace {

std::vector<std::string> table_names(const std::vector<report::Table>& tables) {
  std::vector<std::string> names;
  for (const auto& t : tables) names.push_back(t.name);
  return names;
}

}  // namespace

void add_export_command(CLI::App& app, CommandIo& io) {
  struct Args {
    std::string id;
    std::string format;
    std::string output;
    std::string table;
    std::string claims;
    StoreFlags store;
  };
  auto args = std::make_shared<Args>();
  auto* cmd = app.add_subcommand(
      "export",
      "Export a stored run: series, scalars, binding shares, training-run probabilities, inputs and kept samples");
  cmd->add_option("ID", args->id, "Run id (fabcast runs list), or latest")->required();
  cmd->add_option("-f,--format", args->format,
                  "csv, xlsx or json (default: from -o's extension; '-' json; else csv, a directory of files)");
  cmd->add_option("-o,--output", args->output,
                  "Where to write: a directory (every table as CSV), FILE.csv (one table), FILE.xlsx, FILE.json, or "
                  "'-' (standard output: JSON, or one CSV table with --format csv)")
      ->required()
      ->check(NON_EMPTY_PATH);
  cmd->add_option("--table", args->table,
                  "The table a single CSV file (FILE.csv, or -o - --format csv) holds (default: scalars)");
  cmd->add_option("--claims", args->claims,
                  "Also check a claims file (altman-7t-2024, or a .toml) against the run: a claims table (sheet), "
                  "or a claims member in JSON");
  add_store_flags(*cmd, args->store, false);
  cmd->callback([args, &io] {
    const bool to_stdout = args->output == "-";
    const std::filesystem::path path(args->output);
    const auto ext = path.extension().string();
    std::string format = args->format;
    if (format.empty()) {
      format = to_stdout ? "json" : ext == ".xlsx" ? "xlsx" : ext == ".json" ? "json" : "csv";
    }
    if (format != "csv" && format != "xlsx" && format != "json") {
      throw InputError(fmt::format("--format expects csv, xlsx or json, got '{}'", format));
    }
    if (to_stdout && format == "xlsx") {
      throw InputError(
          "-o - (standard output) takes --format json (its default) or csv (one table, --table); a workbook is a "
          "file: give -o FILE.xlsx");
    }
    // CSV holds one table a file: FILE.csv (or standard output) is one table, any other path a
    // directory of them all (an existing directory stays one, whatever its name).
    std::error_code ec;
    const bool one_csv_file =
        format == "csv" && (to_stdout || (ext == ".csv" && !std::filesystem::is_directory(path, ec)));
    if (!args->table.empty() && !one_csv_file) {
      throw InputError(fmt::format(
          "--table picks the one table of a CSV file (-o FILE.csv, or -o - --format csv); {} holds every table",
          format == "csv"    ? "a directory"
          : format == "xlsx" ? "a workbook"
                             : "the JSON export"));
    }
    // A target that cannot be written is refused before the store is read.
    if (format == "csv" && !one_csv_file) {
      report::check_csv_directory(path);
    } else if (!to_stdout) {
      report::check_output_path(path);
    }
    // A claims file is read before the store, so a bad one is refused first.
    std::optional<analysis::ClaimsFile> claims_file;
    if (!args->claims.empty()) claims_file = analysis::load_claims(args->claims);
    const auto store = open_store(args->store, store::StoreAccess::read);
    const auto id = store.resolve(args->id);
    const auto run = store.get(id, true);
    std::optional<analysis::ClaimsResult> claims;
    if (claims_file) claims = analysis::check_claims(*claims_file, report::claims_request_for(run));
    if (format == "json") {
      std::string text;
      read_stored_run(store, run, [&] {
        if (claims) {
          auto json = nlohmann::ordered_json::parse(report::export_json(run));
          json["claims"] = analysis::claims_json(*claims);
          text = json.dump(1) + "\n";
        } else {
          text = report::export_json(run) + "\n";
        }
      });
      if (to_stdout) {
        io.out << text;
        io.exit_code = EXIT_OK;
        return;
      }
      report::write_output_file(path, text);
    } else {
      std::vector<report::Table> tables;
      read_stored_run(store, run, [&] { tables = report::run_tables(run); });
      if (claims) tables.push_back(report::claims_export_table(*claims));
      if (format == "xlsx") {
        report::write_xlsx(run, tables, path);
      } else if (!one_csv_file) {
        report::write_csv(tables, path);
      } else {
        const std::string name = args->table.empty() ? "scalars" : args->table;
        const auto it = std::find_if(tables.begin(), tables.end(), [&](const auto& t) { return t.name == name; });
        if (it == tables.end()) {
          throw InputError(fmt::format(
              "--table expects one of {} (the tables of run {}{}), got '{}'", fmt::join(table_names(tables), ", "), id,
              run.samples_by_output.empty() ? "; samples only with --keep-samples" : "", name));
        }
        if (to_stdout) {
          io.out << report::csv_text(*it);
          io.exit_code = EXIT_OK;
          return;
        }
        report::write_output_file(path, report::csv_text(*it));
        io.err << fmt::format("fabcast: run {}'s {} table exported as CSV to {}{}\n", id, name, args->output,
                              args->table.empty()
                                  ? fmt::format(" (--table picks another: {}; a directory takes them all)",
                                                fmt::join(table_names(tables), ", "))
                                  : "");
        io.exit_code = EXIT_OK;
        return;
      }
    }
    io.err << fmt::format("fabcast: run {} exported as {} to {}{}\n", id, format, args->output,
                          run.samples_by_output.empty() ? "" : " (with its per-sample scalars and inputs)");
    io.exit_code = EXIT_OK;
  });
}

}  // namespace fabcast::cli
