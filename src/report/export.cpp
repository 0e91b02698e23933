#include "report/export.hpp"

#include "core/errors.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <xlsxwriter.h>

#include <cmath>
#include <fstream>
#include <stdexcept>

namespace fabcast::report {
namespace {

using Json = nlohmann::ordered_json;

std::optional<double> number_of(const Json& v) {
  if (!v.is_number()) return std::nullopt;
  const double x = v.get<double>();
  return std::isfinite(x) ? std::optional<double>(x) : std::nullopt;
}

std::string csv_field(const std::string& s) {
  if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
  std::string q = "\"";
  for (char c : s) q += c == '"' ? std::string("\"\"") : std::string(1, c);
  return q + "\"";
}

}  // namespace

void write_text_file(const std::filesystem::path& path, const std::string& text) {
  std::error_code ec;
  if (path.has_parent_path()) std::filesystem::create_directories(path.parent_path(), ec);
  const auto tmp = std::filesystem::path(path.string() + ".tmp");
  {
    std::ofstream out(tmp, std::ios::binary);
    out << text;
    if (!out) throw RunError(fmt::format("{}: cannot write", tmp.string()));
  }
  std::filesystem::rename(tmp, path, ec);
  if (ec) throw RunError(fmt::format("{}: cannot write: {}", path.string(), ec.message()));
}

std::vector<Table> run_tables(const store::StoredRun& run) {
  // Checked access (at) throughout: a stored result changed outside fabcast fails with an error
  // the command names the run by, not with undefined behaviour.
  const auto j = Json::parse(run.result_json);
  const auto& steps = j.at("steps");
  std::vector<Table> tables;

  Table series{"series", "Per-step mean and quantiles of each time series", {"series", "step", "mean", "p5", "p25", "p50", "p75", "p95"}, {}, {}};
  Table binding{"binding", "Per step: share of samples in which each constraint stopped new starts, and each stage limited output",
                {"step"}, {}, {}};
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
    Table samples{"samples", "Every sample's scalar outputs, in sample order", {"sample"}, {}, {}};
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

void write_csv(const std::vector<Table>& tables, const std::filesystem::path& dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (!std::filesystem::is_directory(dir)) throw RunError(fmt::format("{}: cannot create the directory for the CSV files", dir.string()));
  for (const auto& t : tables) {
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
    write_text_file(dir / (t.name + ".csv"), out);
  }
}

void write_xlsx(const store::StoredRun& run, const std::vector<Table>& tables, const std::filesystem::path& path) {
  const auto tmp = path.string() + ".tmp";
  lxw_workbook* wb = workbook_new(tmp.c_str());
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
    for (std::size_t c = 0; c < t.columns.size(); ++c) worksheet_write_string(ws, 0, static_cast<lxw_col_t>(c), t.columns[c].c_str(), bold);
    worksheet_freeze_panes(ws, 1, 0);
    for (std::size_t row = 0; row < t.numbers.size(); ++row) {
      lxw_col_t c = 0;
      if (!t.text.empty()) {
        for (const auto& cell : t.text[row]) worksheet_write_string(ws, static_cast<lxw_row_t>(row + 1), c++, cell.c_str(), nullptr);
      }
      for (const auto& cell : t.numbers[row]) {
        if (cell) worksheet_write_number(ws, static_cast<lxw_row_t>(row + 1), c, *cell, nullptr);
        ++c;
      }
    }
    worksheet_set_column(ws, 0, 0, t.name == "series" || t.name == "scalars" ? 34 : 10, nullptr);
  }
  if (const lxw_error err = workbook_close(wb); err != LXW_NO_ERROR) {
    throw RunError(fmt::format("{}: cannot write the workbook: {}", path.string(), lxw_strerror(err)));
  }
  std::filesystem::rename(tmp, path);
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
