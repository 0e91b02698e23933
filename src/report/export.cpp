#include "report/export.hpp"

#include "core/errors.hpp"
#include "model/outputs.hpp"
#include "report/output_file.hpp"
#include "report/stored_scenario.hpp"
#include "report/zip_check.hpp"

#include <fmt/format.h>
#include <xlsxwriter.h>
#include <nlohmann/json.hpp>

#include <unistd.h>
#include <algorithm>
#include <array>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iterator>
#include <memory>
#include <stdexcept>

namespace fabcast::report {
namespace {

using Json = nlohmann::ordered_json;

std::optional<double> number_of(const Json& v) {
  if (!v.is_number()) return std::nullopt;
  const double x = v.get<double>();
  return std::isfinite(x) ? std::optional<double>(x) : std::nullopt;
}

// A file in the temporary directory, removed when it goes out of scope.
class ScratchFile {
 public:
  ScratchFile() {
    std::string name = (std::filesystem::temp_directory_path() / "fabcast-XXXXXX.xlsx").string();
    const int fd = ::mkstemps(name.data(), 5);
    if (fd < 0) {
      throw RunError(fmt::format("{}: cannot create a scratch file for the workbook: {}", name, std::strerror(errno)));
    }
    ::close(fd);
    path_ = name;
  }
  ~ScratchFile() { ::unlink(path_.c_str()); }
  ScratchFile(const ScratchFile&) = delete;
  ScratchFile& operator=(const ScratchFile&) = delete;

  [[nodiscard]] const std::filesystem::path& path() const noexcept { return path_; }
  [[nodiscard]] std::string read() const {
    std::ifstream in(path_, std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (!in) throw RunError(fmt::format("{}: cannot read back the workbook: {}", path_.string(), std::strerror(errno)));
    return bytes;
  }

 private:
  std::filesystem::path path_;
};

Table make_table(std::string name, std::string description, std::vector<std::string> columns) {
  Table t;
  t.name = std::move(name);
  t.description = std::move(description);
  t.columns = std::move(columns);
  return t;
}

// How a unit reads in a workbook: money scaled, shares and 0/1 shares as percentages, years whole.
Shown shown_for(const std::string& unit) {
  if (model::is_money(unit)) return Shown::usd;
  if (unit == "share" || unit == "0/1" || unit == "1/year") return Shown::percent;
  if (unit == "year") return Shown::year;
  return Shown::plain;
}

// The number formats of a workbook: Excel's own, so a cell keeps its full number and shows it for
// people. Money is scaled with Excel's thousands commas ("$#,##0.0,,,\"B\"" divides by 1e9).
class WorkbookFormats {
 public:
  explicit WorkbookFormats(lxw_workbook* wb)
      : usd_{make(wb, "$#,##0"), make(wb, "$#,##0.0,,\"M\""), make(wb, "$#,##0.0,,,\"B\""),
             make(wb, "$#,##0.00,,,,\"T\"")},
        percent_(make(wb, "0.0%")),
        year_(make(wb, "0")),
        missing_(workbook_add_format(wb)) {
    format_set_align(missing_, LXW_ALIGN_RIGHT);
  }
  //! "never", "undefined": text in a number column, set right like the numbers.
  [[nodiscard]] lxw_format* missing() const { return missing_; }
  //! The format of `x` shown as `shown`: money scaled to its own size, as format_usd does.
  [[nodiscard]] lxw_format* of(Shown shown, double x) const {
    const double size = std::abs(x);
    switch (shown) {
      case Shown::usd:
        return usd_[size >= 1e12 ? 3 : size >= 1e9 ? 2 : size >= 1e6 ? 1 : 0];
      case Shown::percent:
        return percent_;
      case Shown::year:
        return year_;
      case Shown::plain:
        break;
    }
    return nullptr;
  }

 private:
  static lxw_format* make(lxw_workbook* wb, const char* number_format) {
    lxw_format* f = workbook_add_format(wb);
    format_set_num_format(f, number_format);
    return f;
  }
  std::array<lxw_format*, 4> usd_;
  lxw_format* percent_;
  lxw_format* year_;
  lxw_format* missing_;
};

std::string csv_field(const std::string& s) {
  if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
  std::string q = "\"";
  for (char c : s) q += c == '"' ? std::string("\"\"") : std::string(1, c);
  return q + "\"";
}

}  // namespace

std::vector<Table> run_tables(const store::StoredRun& run) {
  // Checked access (at) throughout: a stored result changed outside fabcast fails with an error
  // the command names the run by, not with undefined behaviour.
  const auto j = Json::parse(run.result_json);
  const auto& steps = j.at("steps");
  const bool sells_wafers = stored_sells_wafers(run.scenario_text);
  std::vector<Table> tables;

  auto series = make_table("series", "Per-step mean and quantiles of each time series, with its unit",
                           {"series", "unit", "step", "mean", "p5", "p25", "p50", "p75", "p95"});
  auto wide =
      make_table("series_wide",
                 "The median (p50) of each series by step: a column per series, a row per step, to chart as it is "
                 "(units: the series table)",
                 {"step"});
  auto binding = make_table(
      "binding",
      "Per step: share of samples in which each constraint stopped new starts, and each stage limited output",
      {"step"});
  std::vector<const Json*> shares, medians;
  for (const auto& [name, s] : j.at("series").items()) {
    if (!s.contains("p50")) {  // 0/1 indicators: their mean is the share of samples
      binding.columns.push_back(name);
      binding.column_shown.push_back(Shown::percent);
      shares.push_back(&s.at("mean"));
      continue;
    }
    const auto unit = model::output_unit(name, sells_wafers);
    wide.columns.push_back(name);
    wide.column_shown.push_back(shown_for(unit));
    medians.push_back(&s.at("p50"));
    for (std::size_t t = 0; t < steps.size(); ++t) {
      series.text.push_back({name, unit, steps.at(t).get<std::string>()});
      std::vector<std::optional<double>> row;
      for (const char* k : {"mean", "p5", "p25", "p50", "p75", "p95"}) row.push_back(number_of(s.at(k).at(t)));
      series.numbers.push_back(std::move(row));
      series.row_shown.push_back(shown_for(unit));
    }
  }
  for (std::size_t t = 0; t < steps.size(); ++t) {
    binding.text.push_back({steps.at(t).get<std::string>()});
    std::vector<std::optional<double>> row;
    for (const auto* m : shares) row.push_back(number_of(m->at(t)));
    binding.numbers.push_back(std::move(row));
    wide.text.push_back({steps.at(t).get<std::string>()});
    std::vector<std::optional<double>> wide_row;
    for (const auto* m : medians) wide_row.push_back(number_of(m->at(t)));
    wide.numbers.push_back(std::move(wide_row));
  }

  auto scalars = make_table("scalars", "Each scalar output over the samples, with its unit", {"output", "unit"});
  const char* stats[] = {"mean", "sd", "se", "p5", "p25", "p50", "p75", "p95", "min", "max", "share_finite"};
  for (const char* k : stats) {
    scalars.columns.emplace_back(k);
    scalars.column_shown.push_back(std::string_view(k) == "share_finite" ? Shown::percent : Shown::plain);
  }
  for (const auto& [name, s] : j.at("scalars").items()) {
    const auto unit = model::output_unit(name, sells_wafers);
    scalars.text.push_back({name, unit});
    std::vector<std::optional<double>> row;
    for (const char* k : stats) row.push_back(s.contains(k) ? number_of(s.at(k)) : std::nullopt);
    scalars.numbers.push_back(std::move(row));
    scalars.row_shown.push_back(shown_for(unit));
    // Only outputs that may be infinite have empty cells: a year that never comes, or a figure
    // with nothing to divide by (an IRR no single rate gives, a cost over no wafers).
    const auto* def = model::find_output(name);
    scalars.row_missing.push_back(!def || !def->never ? "" : unit == "year" ? "never" : "undefined");
  }

  tables.push_back(std::move(series));
  tables.push_back(std::move(wide));
  tables.push_back(std::move(scalars));
  tables.push_back(std::move(binding));

  // P(largest feasible training run >= threshold) by year: a column per threshold.
  if (const auto runs = j.find("training_runs"); runs != j.end() && !runs->empty()) {
    auto training =
        make_table("training_runs",
                   "Share of samples in which the largest feasible training run has reached each threshold (FLOP) by "
                   "the end of the year: a column per threshold",
                   {});
    training.columns.emplace_back("year");
    training.column_shown.push_back(Shown::year);
    std::vector<const Json*> probabilities;
    for (const auto& [threshold, item] : runs->items()) {
      training.columns.push_back(threshold + " FLOP");
      training.column_shown.push_back(Shown::percent);
      probabilities.push_back(&item.at("probability"));
    }
    const auto& years = runs->begin().value().at("years");
    for (std::size_t y = 0; y < years.size(); ++y) {
      std::vector<std::optional<double>> row{number_of(years.at(y))};
      for (const auto* p : probabilities) row.push_back(number_of(p->at(y)));
      training.numbers.push_back(std::move(row));
    }
    tables.push_back(std::move(training));
  }

  auto inputs =
      make_table("inputs",
                 "Every input of the run as its resolved scenario holds it: the value (a number, or the distribution "
                 "drawn from), its unit and where it came from (a data entry with its sources, the scenario file, a "
                 "--set, or fabcast's default)",
                 {"key", "value", "unit", "source"});
  for (const auto& in : stored_inputs(run.scenario_text)) inputs.text.push_back({in.key, in.value, in.unit, in.origin});
  tables.push_back(std::move(inputs));

  if (!run.samples_by_output.empty()) {
    auto samples = make_table("samples", "Every sample's scalar outputs and drawn inputs (input:KEY), in sample order",
                              {"sample"});
    samples.column_shown.push_back(Shown::plain);
    for (const auto& [name, values] : run.samples_by_output) {
      samples.columns.push_back(name);
      samples.column_shown.push_back(name.starts_with("input:") ? Shown::plain
                                                                : shown_for(model::output_unit(name, sells_wafers)));
    }
    const std::size_t n = run.samples_by_output.front().second.size();
    for (const auto& [name, values] : run.samples_by_output) {
      if (values.size() != n) {
        throw std::invalid_argument(fmt::format("kept samples: {} has {} values, {} has {}",
                                                run.samples_by_output.front().first, n, name, values.size()));
      }
    }
    for (std::size_t i = 0; i < n; ++i) {
      std::vector<std::optional<double>> row{static_cast<double>(i)};
      for (const auto& [name, values] : run.samples_by_output) {
        row.push_back(std::isfinite(values[i]) ? std::optional<double>(values[i]) : std::nullopt);
      }
      samples.numbers.push_back(std::move(row));
    }
    tables.push_back(std::move(samples));
  }
  return tables;
}

std::string csv_text(const Table& t) {
  std::string out;
  for (std::size_t c = 0; c < t.columns.size(); ++c) out.append(c ? "," : "").append(csv_field(t.columns[c]));
  out += "\r\n";
  for (std::size_t r = 0; r < t.rows(); ++r) {
    bool first = true;
    if (r < t.text.size()) {
      for (const auto& cell : t.text[r]) {
        out.append(first ? "" : ",").append(csv_field(cell));
        first = false;
      }
    }
    if (r < t.numbers.size()) {
      for (const auto& cell : t.numbers[r]) {
        out += first ? "" : ",";
        first = false;
        if (cell) out += fmt::format("{}", *cell);  // shortest text that reads back exactly
      }
    }
    out += "\r\n";
  }
  return out;
}

void write_csv(const std::vector<Table>& tables, const std::filesystem::path& dir) {
  check_csv_directory(dir);
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (!std::filesystem::is_directory(dir)) {
    throw RunError(fmt::format("{}: cannot create the directory for the CSV files: {}", dir.string(), ec.message()));
  }
  for (const auto& t : tables) write_output_file(dir / (t.name + ".csv"), csv_text(t));
}

void check_csv_directory(const std::filesystem::path& dir) {
  if (dir.empty()) throw InputError("the CSV directory path is empty: give a directory to write the tables into");
  std::error_code ec;
  if (std::filesystem::exists(dir, ec) && !std::filesystem::is_directory(dir, ec)) {
    throw InputError(
        fmt::format("{}: is not a directory; CSV export writes one file per table into a directory "
                    "(-o x.xlsx or -o x.json write one file)",
                    dir.string()));
  }
}

std::string xlsx_workbook(const store::StoredRun& run, const std::vector<Table>& tables,
                          const std::filesystem::path& path) {
  // libxlsxwriter writes only to a named file: a private scratch file, read back and removed, so
  // the workbook then goes to `path` by the same rule as every other output.
  ScratchFile scratch;
  std::unique_ptr<lxw_workbook, decltype(&lxw_workbook_free)> book(workbook_new(scratch.path().c_str()),
                                                                   &lxw_workbook_free);
  lxw_workbook* wb = book.get();
  if (!wb) throw RunError(fmt::format("{}: cannot create the workbook", path.string()));
  lxw_format* bold = workbook_add_format(wb);
  format_set_bold(bold);
  const WorkbookFormats formats(wb);

  lxw_worksheet* readme = workbook_add_worksheet(wb, "README");
  std::string overrides;
  for (std::size_t at = 0; at < run.overrides.size();) {
    const auto end_of_line = std::min(run.overrides.find('\n', at), run.overrides.size());
    if (end_of_line > at)
      overrides += (overrides.empty() ? "--set " : " --set ") + run.overrides.substr(at, end_of_line - at);
    at = end_of_line + 1;
  }
  const std::vector<std::pair<std::string, std::string>> about = {
      {"fabcast run", std::to_string(run.id)},
      {"scenario", run.scenario_name},
      {"overrides", overrides.empty() ? "none" : overrides},
      {"scenario sha256", run.scenario_hash},
      {"stored (UTC)", run.created},
      {"samples", std::to_string(run.samples)},
      {"seed", std::to_string(run.seed)},
      {"sampling", run.sampling},
      {"reference data", run.data_version},
      {"fabcast", run.fabcast_version + " (" + run.git_commit + ")"},
      {"reproduce", fmt::format("fabcast runs rerun {}", run.id)},
      {"numbers",
       "money in USD shown scaled ($466.6B; the cell holds the full number), shares as percentages, years "
       "whole; units in each table's unit column; \"never\": an event that never came in those samples, "
       "\"undefined\": a figure with nothing to divide by"},
  };
  lxw_row_t r = 0;
  for (const auto& [k, v] : about) {
    worksheet_write_string(readme, r, 0, k.c_str(), bold);
    worksheet_write_string(readme, r++, 1, v.c_str(), nullptr);
  }
  ++r;
  worksheet_write_string(readme, r++, 0, "sheet", bold);
  for (const auto& t : tables) {
    worksheet_write_string(readme, r, 0, t.name.c_str(), nullptr);
    worksheet_write_string(readme, r++, 1, t.description.c_str(), nullptr);
  }
  worksheet_set_column(readme, 0, 0, 18, nullptr);
  worksheet_set_column(readme, 1, 1, 70, nullptr);

  for (const auto& t : tables) {
    lxw_worksheet* ws = workbook_add_worksheet(wb, t.name.c_str());
    for (std::size_t c = 0; c < t.columns.size(); ++c)
      worksheet_write_string(ws, 0, static_cast<lxw_col_t>(c), t.columns[c].c_str(), bold);
    worksheet_freeze_panes(ws, 1, 0);
    const std::size_t text_columns = t.text.empty() ? 0 : t.text.front().size();
    for (std::size_t row = 0; row < t.rows(); ++row) {
      const auto at_row = static_cast<lxw_row_t>(row + 1);
      lxw_col_t c = 0;
      if (row < t.text.size()) {
        for (const auto& cell : t.text[row]) worksheet_write_string(ws, at_row, c++, cell.c_str(), nullptr);
      }
      if (row >= t.numbers.size()) continue;
      const auto& numbers = t.numbers[row];
      const Shown by_row = row < t.row_shown.size() ? t.row_shown[row] : Shown::plain;
      const std::string& missing = row < t.row_missing.size() ? t.row_missing[row] : std::string();
      for (std::size_t k = 0; k < numbers.size(); ++k, ++c) {
        const Shown by_column = k < t.column_shown.size() ? t.column_shown[k] : Shown::plain;
        const Shown shown = by_column != Shown::plain ? by_column : by_row;
        if (numbers[k]) {
          worksheet_write_number(ws, at_row, c, *numbers[k], formats.of(shown, *numbers[k]));
        } else if (!missing.empty()) {
          worksheet_write_string(ws, at_row, c, missing.c_str(), formats.missing());
        }
      }
    }
    worksheet_set_column(ws, 0, 0, t.name == "series" || t.name == "scalars" || t.name == "inputs" ? 34 : 10, nullptr);
    if (t.name == "inputs") {
      worksheet_set_column(ws, 1, 1, 28, nullptr);
      worksheet_set_column(ws, 2, 2, 14, nullptr);
      worksheet_set_column(ws, 3, 3, 90, nullptr);
    } else if (text_columns > 1) {
      worksheet_set_column(ws, 1, static_cast<lxw_col_t>(text_columns - 1), 14, nullptr);
    }
    if (t.name == "series_wide") {
      worksheet_set_column(ws, 1, static_cast<lxw_col_t>(t.columns.size() - 1), 16, nullptr);
    }
  }
  // workbook_close frees the workbook whether or not it succeeds.
  if (const lxw_error err = workbook_close(book.release()); err != LXW_NO_ERROR) {
    throw RunError(fmt::format("{}: cannot write the workbook: {}", path.string(), lxw_strerror(err)));
  }
  auto bytes = scratch.read();
  if (const auto part = first_incomplete_xml_part(bytes)) {
    throw RunError(fmt::format(
        "{}: cannot write the workbook: libxlsxwriter lost part of it ({} is cut short), most likely because the "
        "temporary directory {} is full",
        path.string(), *part, std::filesystem::temp_directory_path().string()));
  }
  return bytes;
}

void write_xlsx(const store::StoredRun& run, const std::vector<Table>& tables, const std::filesystem::path& path) {
  check_output_path(path);  // before the work, not after
  write_output_file(path, xlsx_workbook(run, tables, path));
}

std::string export_json(const store::StoredRun& run) {
  Json j;
  j["id"] = run.id;
  j["created"] = run.created;
  j["scenario_name"] = run.scenario_name;
  j["scenario_sha256"] = run.scenario_hash;
  j["scenario_toml"] = run.scenario_text;
  j["overrides"] = run.overrides;
  j["threads"] = run.threads;
  j["elapsed_seconds"] = run.elapsed_seconds;
  j["result"] = Json::parse(run.result_json);
  // What the tables add to the result: each output's unit, and the inputs as rows.
  const bool sells_wafers = stored_sells_wafers(run.scenario_text);
  auto& units = j["units"] = Json::object();
  for (const char* part : {"series", "scalars"}) {
    for (const auto& [name, value] : j["result"].at(part).items()) units[name] = model::output_unit(name, sells_wafers);
  }
  auto& inputs = j["inputs"] = Json::array();
  for (const auto& in : stored_inputs(run.scenario_text)) {
    inputs.push_back({{"key", in.key}, {"value", in.value}, {"unit", in.unit}, {"source", in.origin}});
  }
  if (!run.samples_by_output.empty()) {
    auto& s = j["samples"] = Json::object();
    for (const auto& [name, values] : run.samples_by_output) {
      auto& column = s[name] = Json::array();
      for (double v : values) column.push_back(std::isfinite(v) ? Json(v) : Json(nullptr));
    }
  }
  return j.dump(1);
}

}  // namespace fabcast::report
