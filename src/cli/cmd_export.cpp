// fabcast export ID: a stored run's tables as CSV files, an Excel workbook or JSON.

#include "cli/commands.hpp"
#include "cli/exit_codes.hpp"
#include "cli/scenario_run.hpp"
#include "core/errors.hpp"
#include "report/export.hpp"
#include "report/output_file.hpp"

#include <fmt/format.h>

#include <memory>
#include <ostream>
#include <vector>

namespace fabcast::cli {

void add_export_command(CLI::App& app, CommandIo& io) {
  struct Args {
    std::string id;
    std::string format;
    std::string output;
    StoreFlags store;
  };
  auto args = std::make_shared<Args>();
  auto* cmd =
      app.add_subcommand("export", "Export a stored run: series quantiles, scalars, binding shares and kept samples");
  cmd->add_option("ID", args->id, "Run id (fabcast runs list), or latest")->required();
  cmd->add_option("-f,--format", args->format,
                  "csv (a directory of files), xlsx or json (default: from -o's extension, else csv)");
  cmd->add_option("-o,--output", args->output,
                  "Where to write: a directory for csv, a file for xlsx and json ('-': standard output)")
      ->required()
      ->check(NON_EMPTY_PATH);
  add_store_flags(*cmd, args->store, false);
  cmd->callback([args, &io] {
    std::string format = args->format;
    const auto ext = std::filesystem::path(args->output).extension().string();
    if (format.empty()) format = ext == ".xlsx" ? "xlsx" : ext == ".json" ? "json" : "csv";
    if (format != "csv" && format != "xlsx" && format != "json") {
      throw InputError(fmt::format("--format expects csv, xlsx or json, got '{}'", format));
    }
    if (args->output == "-" && format != "json")
      throw InputError("-o - (standard output) works only with --format json");
    // A target that cannot be written is refused before the store is read.
    if (format == "csv") {
      report::check_csv_directory(args->output);
    } else if (args->output != "-") {
      report::check_output_path(args->output);
    }
    const auto store = open_store(args->store, store::StoreAccess::read);
    const auto id = store.resolve(args->id);
    const auto run = store.get(id, true);
    if (format == "json") {
      std::string text;
      read_stored_run(store, run, [&] { text = report::export_json(run) + "\n"; });
      if (args->output == "-") {
        io.out << text;
        return;
      }
      report::write_output_file(args->output, text);
    } else {
      std::vector<report::Table> tables;
      read_stored_run(store, run, [&] { tables = report::run_tables(run); });
      if (format == "xlsx") {
        report::write_xlsx(run, tables, args->output);
      } else {
        report::write_csv(tables, args->output);
      }
    }
    io.err << fmt::format("fabcast: run {} exported as {} to {}{}\n", id, format, args->output,
                          run.samples_by_output.empty() ? "" : " (with its per-sample scalars and inputs)");
    io.exit_code = EXIT_OK;
  });
}

}  // namespace fabcast::cli
