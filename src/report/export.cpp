#include "report/export.hpp"

#include "core/errors.hpp"
#include "report/output_file.hpp"
#include "report/zip_check.hpp"

#include <fmt/format.h>
#include <xlsxwriter.h>
#include <nlohmann/json.hpp>

#include <unistd.h>
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
  std::vector<Table> tables;

  Table series{"series",
               "Per-step mean and quantiles of each time series",
               {"series", "step", "mean", "p5", "p25", "p50", "p75", "p95"},
               {},
               {}};
  Table binding{"binding",
                "Per step: share of samples in which each constraint stopped new starts, and each stage limited output",
                {"step"},
                {},
                {}};
  std::vector<const Json*> shares;
  for (const auto& [name, s] : j.at("series").items()) {
    if (!s.contains("p50")) {  // 0/1 indicators: their mean is the share of samples
      binding.columns.push_back(name);
      shares.push_back(&s.at("mean"));
      continue;
    }
    for (std::size_t t = 0; t < steps.size(); ++t) {
      series.text.push_back({name, steps.at(t).get<std::string>()});
      std::vector<std::optional<double>> row;
      for (const char* k : {"mean", "p5", "p25", "p50", "p75", "p95"}) row.push_back(number_of(s.at(k).at(t)));
      series.numbers.push_back(std::move(row));
    }
  }
  for (std::size_t t = 0; t < steps.size(); ++t) {
    binding.text.push_back({steps.at(t).get<std::string>()});
    std::vector<std::optional<double>> row;
    for (const auto* m : shares) row.push_back(number_of(m->at(t)));
    binding.numbers.push_back(std::move(row));
  }

  Table scalars{"scalars", "Each scalar output over the samples", {"output"}, {}, {}};
  const char* stats[] = {"mean", "sd", "se", "p5", "p25", "p50", "p75", "p95", "min", "max", "share_finite"};
  for (const char* k : stats) scalars.columns.emplace_back(k);
  for (const auto& [name, s] : j.at("scalars").items()) {
    scalars.text.push_back({name});
    std::vector<std::optional<double>> row;
    for (const char* k : stats) row.push_back(s.contains(k) ? number_of(s.at(k)) : std::nullopt);
    scalars.numbers.push_back(std::move(row));
  }
  tables.push_back(std::move(series));
  tables.push_back(std::move(scalars));
  tables.push_back(std::move(binding));

  if (!run.samples_by_output.empty()) {
    Table samples{
        "samples", "Every sample's scalar outputs and drawn inputs (input:KEY), in sample order", {"sample"}, {}, {}};
    for (const auto& [name, values] : run.samples_by_output) samples.columns.push_back(name);
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
  for (std::size_t r = 0; r < t.numbers.size(); ++r) {
    bool first = true;
    if (!t.text.empty()) {
      for (const auto& cell : t.text[r]) {
        out.append(first ? "" : ",").append(csv_field(cell));
        first = false;
      }
    }
    for (const auto& cell : t.numbers[r]) {
      out += first ? "" : ",";
      first = false;
      if (cell) out += fmt::format("{}", *cell);  // shortest text that reads back exactly
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

  lxw_worksheet* readme = workbook_add_worksheet(wb, "README");
  const std::vector<std::pair<std::string, std::string>> about = {
      {"fabcast run", std::to_string(run.id)},
      {"scenario", run.scenario_name},
      {"scenario sha256", run.scenario_hash},
      {"stored (UTC)", run.created},
      {"samples", std::to_string(run.samples)},
      {"seed", std::to_string(run.seed)},
      {"sampling", run.sampling},
      {"reference data", run.data_version},
      {"fabcast", run.fabcast_version + " (" + run.git_commit + ")"},
      {"reproduce", fmt::format("fabcast runs rerun {}", run.id)},
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
    for (std::size_t row = 0; row < t.numbers.size(); ++row) {
      lxw_col_t c = 0;
      if (!t.text.empty()) {
        for (const auto& cell : t.text[row])
          worksheet_write_string(ws, static_cast<lxw_row_t>(row + 1), c++, cell.c_str(), nullptr);
      }
      for (const auto& cell : t.numbers[row]) {
        if (cell) worksheet_write_number(ws, static_cast<lxw_row_t>(row + 1), c, *cell, nullptr);
        ++c;
      }
    }
    worksheet_set_column(ws, 0, 0, t.name == "series" || t.name == "scalars" ? 34 : 10, nullptr);
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
