#include "report/run_document.hpp"

#include "core/number_format.hpp"
#include "data/library.hpp"
#include "report/charts.hpp"
#include "report/run_report.hpp"
#include "report/web_assets.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <sstream>

namespace fabcast::report {
namespace {

using Json = nlohmann::ordered_json;

// ---- content, independent of the format ----

struct Row {
  std::vector<std::string> cells;
};

struct Section {
  std::string title;
  std::string intro;
  std::vector<std::string> header;
  std::vector<Row> rows;
  bool collapsed = false;  //!< long reference tables: folded in HTML
};

// A member that may be absent (the quantile of an output with too few finite samples), or
// null: shown as "-". Required structure is read with at(), which throws rather than guess.
const Json& member(const Json& j, const std::string& key) {
  static const Json NONE;
  const auto it = j.find(key);  // end() for a non-object too
  return it == j.end() ? NONE : *it;
}

std::string num(const Json& v, int digits = 3) {
  if (!v.is_number()) return "-";
  return core::format_sig(v.get<double>(), digits);
}

// The stored scenario's lines "key = value  # origin", with their table prefix.
struct Input {
  std::string key, value, origin;
};

std::vector<Input> scenario_inputs(const std::string& toml) {
  std::vector<Input> inputs;
  std::istringstream lines(toml);
  std::string table;
  for (std::string line; std::getline(lines, line);) {
    if (line.empty() || line[0] == '#') continue;
    if (line[0] == '[') {
      table = line.substr(1, line.find(']') - 1);
      continue;
    }
    const auto eq = line.find(" = ");
    if (eq == std::string::npos) continue;
    const auto hash = line.rfind("  # ");
    const std::string key = line.substr(0, eq);
    std::string value = line.substr(eq + 3, hash == std::string::npos ? std::string::npos : hash - eq - 3);
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"') value = value.substr(1, value.size() - 2);
    inputs.push_back(
        {table.empty() ? key : table + "." + key, value, hash == std::string::npos ? "" : line.substr(hash + 4)});
  }
  return inputs;
}

struct Content {
  std::string title, description, run_line;
  std::vector<Section> sections_before_charts, sections_after_charts;
  std::vector<Chart> charts;
};

Content build(const store::StoredRun& run) {
  const auto result = Json::parse(run.result_json);
  const auto& scalars = result.at("scalars");
  const auto inputs = scenario_inputs(run.scenario_text);
  Content c;
  c.title = fmt::format("fabcast report: {}", run.scenario_name);
  for (const auto& in : inputs) {
    if (in.key == "description") c.description = in.value;
  }
  c.run_line = fmt::format("Run {} of {}: {} samples ({}), seed {}, stored {}.", run.id, run.scenario_name, run.samples,
                           run.sampling, run.seed, run.created);

  Section program{"Scenario",
                  "The program's settings; every input with its source is listed under Inputs below.",
                  {"key", "value", "source"},
                  {},
                  false};
  Section all{"Inputs",
              "Every input of the run, with its unit and where it came from (data entries cite their sources; see "
              "`fabcast data show KEY`).",
              {"key", "value", "source"},
              {},
              true};
  for (const auto& in : inputs) {
    if (in.key.rfind("program.", 0) == 0) program.rows.push_back({{in.key, in.value, in.origin}});
    all.rows.push_back({{in.key, in.value, in.origin}});
  }

  Section key{"Key results",
              "Quantiles over the samples; '-' where fewer than the quantile's share of samples reach a value (for "
              "example a payback that never comes).",
              {"output", "p5", "p50", "p95", "mean", "samples with a value"},
              {},
              false};
  for (const auto& [name, label] : KEY_SCALARS) {
    if (!scalars.contains(name)) continue;
    const auto& s = scalars.at(name);
    const int digits = std::string(name) == "payback_year" ? 4 : 3;  // a year reads whole
    const auto& share = member(s, "share_finite");
    key.rows.push_back({{label, num(member(s, "p5"), digits), num(member(s, "p50"), digits),
                         num(member(s, "p95"), digits), num(member(s, "mean"), digits),
                         share.is_number() ? fmt::format("{:.0f} %", 100 * share.get<double>()) : "-"}});
  }
  c.sections_before_charts = {program, key};
  // What the results leave out, stated by the model for this scenario.
  if (const auto& caveats = member(result.at("run"), "caveats"); caveats.is_array() && !caveats.empty()) {
    Section notes{"Caveats", "What these results leave out:", {"caveat"}, {}, false};
    for (const auto& text : caveats) notes.rows.push_back({{text.get<std::string>()}});
    c.sections_before_charts.insert(c.sections_before_charts.begin() + 1, notes);
  }

  Section binding{"Binding constraints",
                  fmt::format("Most binding over the program's life: **{}**. The first year each constraint stops new "
                              "starts, over the samples in which it ever does:",
                              result.at("binding").value("most_binding", std::string("-"))),
                  {"constraint", "p5", "p50", "p95", "share of samples"},
                  {},
                  false};
  if (result.at("binding").contains("first_binding_year")) {
    for (const auto& [name, q] : result.at("binding").at("first_binding_year").items()) {
      const auto& share = member(member(scalars, "first_binding_year_" + name), "share_finite");
      binding.rows.push_back({{name, num(member(q, "p5"), 4), num(member(q, "p50"), 4), num(member(q, "p95"), 4),
                               share.is_number() ? fmt::format("{:.0f} %", 100 * share.get<double>()) : "-"}});
    }
  }

  Section comparators{
      "Against what exists", "", {"comparator", "value (USD)", "committed / comparator", "source"}, {}, false};
  if (const auto& p50 = member(member(scalars, "committed_usd"), "p50"); p50.is_number()) {
    const double committed = p50.get<double>();
    comparators.intro = fmt::format("The money the program commits (median {} USD) set against public figures:",
                                    core::format_sig(committed, 3));
    const auto& lib = data::Library::builtin();
    for (const auto& e : lib.entries()) {
      if (e.key.rfind("comparators.", 0) != 0 || !e.central || e.unit != "USD") continue;
      comparators.rows.push_back({{e.note.empty() ? e.key : e.note, core::format_sig(*e.central, 4),
                                   fmt::format("{:.2f}x", committed / *e.central), lib.cite(e)}});
    }
  }

  Section meta{"Reproducing this run", "", {"what", "value"}, {}, false};
  meta.rows = {
      {{"run id", std::to_string(run.id)}},
      {{"stored (UTC)", run.created}},
      {{"scenario", run.scenario_name}},
      {{"scenario sha256", run.scenario_hash}},
      {{"seed", std::to_string(run.seed)}},
      {{"samples", std::to_string(run.samples)}},
      {{"sampling", run.sampling}},
      {{"threads (results do not depend on them)", std::to_string(run.threads)}},
      {{"reference data", run.data_version}},
      {{"fabcast", run.fabcast_version + " (commit " + run.git_commit + ")"}},
      {{"rerun from the store", fmt::format("fabcast runs rerun {}", run.id)}},
      {{"rerun anywhere",
        fmt::format(
            "fabcast runs show {} --scenario > run.toml && fabcast run run.toml --seed {} --samples {} --sampling {}",
            run.id, run.seed, run.samples, run.sampling)}}};
  c.sections_after_charts = {binding, comparators, meta, all};
  c.charts = report_charts(result);
  return c;
}

// ---- HTML ----

std::string esc(const std::string& s) {
  std::string out;
  for (char ch : s) {
    switch (ch) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += ch;
    }
  }
  return out;
}

// **bold** to <strong>, after escaping.
std::string inline_html(const std::string& s) {
  std::string e = esc(s), out;
  bool open = false;
  for (std::size_t i = 0; i < e.size(); ++i) {
    if (e.compare(i, 2, "**") == 0) {
      out += open ? "</strong>" : "<strong>";
      open = !open;
      ++i;
    } else {
      out += e[i];
    }
  }
  return out;
}

std::string html_section(const Section& s) {
  std::string out = fmt::format("<section><h2>{}</h2>\n", esc(s.title));
  if (!s.intro.empty()) out += "<p>" + inline_html(s.intro) + "</p>\n";
  if (s.collapsed) out += fmt::format("<details><summary>{} rows</summary>\n", s.rows.size());
  out += "<table><thead><tr>";
  for (const auto& h : s.header) out += "<th>" + esc(h) + "</th>";
  out += "</tr></thead><tbody>\n";
  for (const auto& r : s.rows) {
    out += "<tr>";
    for (const auto& cell : r.cells) out += "<td>" + esc(cell) + "</td>";
    out += "</tr>\n";
  }
  out += "</tbody></table>\n";
  if (s.collapsed) out += "</details>\n";
  return out + "</section>\n";
}

// JSON inside a <script> element: "</" must not close it.
std::string script_safe(std::string s) {
  for (std::size_t i = 0; (i = s.find("</", i)) != std::string::npos; i += 3) s.replace(i, 2, "<\\/");
  return s;
}

constexpr const char* STYLE = R"css(
body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; max-width: 1000px; margin: 2em auto; padding: 0 1em; color: #222; }
h1 { margin-bottom: 0.2em; } .sub { color: #555; margin-top: 0; }
table { border-collapse: collapse; margin: 0.5em 0 1em; font-size: 0.9em; }
th, td { border-bottom: 1px solid #ddd; padding: 4px 10px; text-align: left; vertical-align: top; }
td:nth-child(n+2) { font-variant-numeric: tabular-nums; }
.chart { width: 100%; min-height: 300px; margin: 1em 0 2em; }
.note { color: #555; font-size: 0.9em; }
)css";

}  // namespace

std::string html_report(const store::StoredRun& run) {
  const Content c = build(run);
  std::string out = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n";
  out += fmt::format("<title>{}</title>\n<meta name=\"generator\" content=\"fabcast {}\">\n<style>{}</style>\n",
                     esc(c.title), esc(run.fabcast_version), STYLE);
  for (const auto& asset : web_assets()) out += "<script>" + std::string(asset.text) + "</script>\n";
  out += "</head><body>\n";
  out += fmt::format("<h1>{}</h1>\n<p class=\"sub\">{}</p>\n<p class=\"note\">{}</p>\n", esc(c.title),
                     esc(c.description), esc(c.run_line));
  for (const auto& s : c.sections_before_charts) out += html_section(s);
  out +=
      "<section><h2>Over time</h2>\n<p class=\"note\">Fan charts: the line is the median over the samples, the dark "
      "band p25-p75, "
      "the light band p5-p95. Stacked areas: the share of samples in each state per step.</p>\n";
  Json specs = Json::array();
  for (const auto& ch : c.charts) {
    out += fmt::format("<div class=\"chart\" id=\"chart-{}\" data-title=\"{}\"></div>\n", ch.id, esc(ch.title));
    specs.push_back({{"id", "chart-" + ch.id}, {"spec", vega_lite_spec(ch)}});
  }
  out += "</section>\n";
  for (const auto& s : c.sections_after_charts) out += html_section(s);
  out += "<script id=\"fabcast-specs\" type=\"application/json\">" + script_safe(specs.dump()) + "</script>\n";
  out += R"js(<script>
// Renders every chart; window.fabcastReport says when all are done and which failed.
window.fabcastReport = { done: false, errors: [] };
(function () {
  const specs = JSON.parse(document.getElementById('fabcast-specs').textContent);
  const jobs = specs.map(function (s) {
    return vegaEmbed('#' + s.id, s.spec, { actions: false, renderer: 'svg' }).catch(function (e) {
      window.fabcastReport.errors.push(s.id + ': ' + e);
      document.getElementById(s.id).textContent = 'This chart could not be drawn: ' + e;
    });
  });
  Promise.all(jobs).then(function () { window.fabcastReport.done = true; });
})();
</script>
)js";
  out += "</body></html>\n";
  return out;
}

MarkdownReport markdown_report(const store::StoredRun& run, const std::string& charts_dir) {
  const Content c = build(run);
  MarkdownReport md;
  auto cell = [](std::string s) {
    for (std::size_t i = 0; (i = s.find('|', i)) != std::string::npos; i += 2) s.replace(i, 1, "\\|");
    return s;
  };
  auto section = [&](const Section& s) {
    std::string out = "\n## " + s.title + "\n\n";
    if (!s.intro.empty()) out += s.intro + "\n\n";
    out += "|";
    for (const auto& h : s.header) out.append(" ").append(cell(h)).append(" |");
    out += "\n|";
    for (std::size_t i = 0; i < s.header.size(); ++i) out += "---|";
    out += "\n";
    for (const auto& r : s.rows) {
      out += "|";
      for (const auto& x : r.cells) out.append(" ").append(cell(x)).append(" |");
      out += "\n";
    }
    return out;
  };
  md.markdown = "# " + c.title + "\n\n" + (c.description.empty() ? "" : c.description + "\n\n") + c.run_line + "\n";
  for (const auto& s : c.sections_before_charts) md.markdown += section(s);
  md.markdown +=
      "\n## Over time\n\nFan charts: the line is the median over the samples, the dark band p25-p75, the light band "
      "p5-p95.\n"
      "Stacked areas: the share of samples in each state per step.\n";
  for (const auto& ch : c.charts) {
    const std::string file = charts_dir + "/" + ch.id + ".svg";
    md.files.emplace_back(file, svg_chart(ch));
    md.markdown += fmt::format("\n![{}]({})\n", ch.title, file);
  }
  for (const auto& s : c.sections_after_charts) md.markdown += section(s);
  return md;
}

}  // namespace fabcast::report
