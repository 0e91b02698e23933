#pragma once
// A stored run as tables (series quantiles, scalars, binding shares, raw samples) and those tables
// as CSV files, one Excel workbook, or one JSON document (docs/output-format.md, "Exports").

#include "store/run_store.hpp"

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace fabcast::report {

//! One table; an empty cell (a missing or non-finite value) is nullopt.
struct Table {
  std::string name;  //!< "series", "scalars", "binding", "samples"
  std::string description;
  std::vector<std::string> columns;                         //!< text columns first, then number columns
  std::vector<std::vector<std::string>> text;               //!< per row, its leading text cells (none: no rows of text)
  std::vector<std::vector<std::optional<double>>> numbers;  //!< per row, one entry per number column
};

//! The run's tables: series (one row per series and step), scalars, binding (one row per step),
//! and samples (one row per sample) when the run kept them. A result or samples not as fabcast
//! writes them throw (nlohmann::json's exceptions, std::invalid_argument), never read out of bounds.
std::vector<Table> run_tables(const store::StoredRun& run);

//! Checks that `dir` can take the CSV files (an existing or new directory); throws InputError otherwise.
void check_csv_directory(const std::filesystem::path& dir);

//! One table as CSV text (RFC 4180, CRLF line ends; numbers in the shortest form that reads back
//! exactly; a value that is not a finite number is an empty cell).
std::string csv_text(const Table& table);

//! Writes each table as DIR/<name>.csv (RFC 4180; numbers in the shortest form that reads back
//! exactly), each file by write_output_file.
void write_csv(const std::vector<Table>& tables, const std::filesystem::path& dir);

//! The workbook's bytes: a README sheet naming the run and scenario, then one sheet per table.
//! `path` (where it will go) only names it in errors.
std::string xlsx_workbook(const store::StoredRun& run, const std::vector<Table>& tables,
                          const std::filesystem::path& path);

//! Writes the workbook to `path` by write_output_file.
void write_xlsx(const store::StoredRun& run, const std::vector<Table>& tables, const std::filesystem::path& path);

//! One JSON document: the run's metadata, its resolved scenario, its result and its samples.
std::string export_json(const store::StoredRun& run);

}  // namespace fabcast::report
