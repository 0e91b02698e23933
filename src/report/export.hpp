#pragma once
// A stored run as tables (series quantiles, scalars, binding shares, raw samples) and those tables
// as CSV files, one Excel workbook, or one JSON document (docs/output-format.md, "Exports").

#include "store/run_store.hpp"

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace fabcast::report {

//! How a number column or row reads in a workbook (CSV and JSON keep the plain numbers).
enum class Shown : std::uint8_t {
  plain,    //!< as it is
  usd,      //!< money, scaled to its size: $466.6B, $2.63T, $43,220
  percent,  //!< a share: 17.1%
  year,     //!< a whole year: 2029
};

//! One table; an empty cell (a missing or non-finite value) is nullopt.
struct Table {
  std::string name;  //!< "series", "series_wide", "scalars", "binding", "training_runs", "inputs", "samples"
  std::string description;
  std::vector<std::string> columns;                         //!< text columns first, then number columns
  std::vector<std::vector<std::string>> text;               //!< per row, its leading text cells (none: no rows of text)
  std::vector<std::vector<std::optional<double>>> numbers;  //!< per row, one entry per number column (none: all text)
  std::vector<Shown> column_shown;  //!< per number column (empty: plain); where not plain it wins over the row's
  std::vector<Shown> row_shown;     //!< per row, for tables whose rows differ in unit (empty: plain)
  //! Per row, what an empty number cell means there, written as text in a workbook: "never" (an
  //! event that never came, as a payback year), "undefined" (an IRR, a cost over no wafers), or "".
  std::vector<std::string> row_missing;

  [[nodiscard]] std::size_t rows() const noexcept { return std::max(text.size(), numbers.size()); }
};

//! The run's tables: series (one row per series and step, with its unit), series_wide (a column per
//! series, a row per step: the medians), scalars (one row per output, with its unit), binding (one
//! row per step), training_runs (one row per year, a column per threshold; when the run has them),
//! inputs (every key of the stored scenario: value, unit, source), and samples (one row per sample)
//! when the run kept them. A result or samples not as fabcast
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
