#include "report/document.hpp"

#include "report/web_assets.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace fabcast::report {
namespace {

using Json = nlohmann::ordered_json;

// ---- HTML ----

std::string esc(const std::string& s) { return escape_markup(s); }

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

const std::string& chart_id(const AnyChart& c) {
  return std::visit([](const auto& x) -> const std::string& { return x.id; }, c);
}
const std::string& chart_title(const AnyChart& c) {
  return std::visit([](const auto& x) -> const std::string& { return x.title; }, c);
}

// A chart's place on the page; its spec joins the ones the page renders.
std::string html_chart(const AnyChart& ch, Json& specs) {
  specs.push_back(
      {{"id", "chart-" + chart_id(ch)}, {"spec", std::visit([](const auto& x) { return vega_lite_spec(x); }, ch)}});
  return fmt::format("<div class=\"chart\" id=\"chart-{}\" data-title=\"{}\"></div>\n", esc(chart_id(ch)),
                     esc(chart_title(ch)));
}

std::string html_section(const Section& s, Json& specs) {
  std::string out = fmt::format("<section><h2>{}</h2>\n", esc(s.title));
  if (!s.intro.empty()) out += "<p>" + inline_html(s.intro) + "</p>\n";
  if (s.header.empty()) {
    for (const auto& ch : s.charts) out += html_chart(ch, specs);
    return out + "</section>\n";
  }
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
  for (const auto& ch : s.charts) out += html_chart(ch, specs);
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

std::string html_document(const Document& c) {
  std::string out = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n";
  out += fmt::format("<title>{}</title>\n<meta name=\"generator\" content=\"fabcast {}\">\n<style>{}</style>\n",
                     esc(c.title), esc(c.generator), STYLE);
  for (const auto& asset : web_assets()) out += "<script>" + std::string(asset.text) + "</script>\n";
  out += "</head><body>\n";
  out += fmt::format("<h1>{}</h1>\n", esc(c.title));
  if (!c.description.empty()) out += fmt::format("<p class=\"sub\">{}</p>\n", esc(c.description));
  out += fmt::format("<p class=\"note\">{}</p>\n", esc(c.run_line));
  Json specs = Json::array();
  for (const auto& s : c.sections_before_charts) out += html_section(s, specs);
  if (!c.charts.empty()) {
    out += fmt::format("<section><h2>{}</h2>\n", esc(c.charts_title));
    if (!c.charts_intro.empty()) out += fmt::format("<p class=\"note\">{}</p>\n", inline_html(c.charts_intro));
    for (const auto& ch : c.charts) out += html_chart(ch, specs);
    out += "</section>\n";
  }
  for (const auto& s : c.sections_after_charts) out += html_section(s, specs);
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

MarkdownReport markdown_document(const Document& c, const std::string& charts_dir) {
  MarkdownReport md;
  auto cell = [](std::string s) {
    for (std::size_t i = 0; (i = s.find('|', i)) != std::string::npos; i += 2) s.replace(i, 1, "\\|");
    return s;
  };
  auto chart = [&](const AnyChart& ch) {
    const std::string file = charts_dir + "/" + chart_id(ch) + ".svg";
    md.files.emplace_back(file, std::visit([](const auto& x) { return svg_chart(x); }, ch));
    return fmt::format("\n![{}]({})\n", chart_title(ch), file);
  };
  auto section = [&](const Section& s) {
    std::string out = "\n## " + s.title + "\n\n";
    if (!s.intro.empty()) out += s.intro + "\n\n";
    if (s.header.empty()) {
      for (const auto& ch : s.charts) out += chart(ch);
      return out;
    }
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
    for (const auto& ch : s.charts) out += chart(ch);
    return out;
  };
  md.markdown = "# " + c.title + "\n\n" + (c.description.empty() ? "" : c.description + "\n\n") + c.run_line + "\n";
  for (const auto& s : c.sections_before_charts) md.markdown += section(s);
  if (!c.charts.empty()) {
    md.markdown += "\n## " + c.charts_title + "\n\n";
    if (!c.charts_intro.empty()) md.markdown += c.charts_intro + "\n";
    for (const auto& ch : c.charts) md.markdown += chart(ch);
  }
  for (const auto& s : c.sections_after_charts) md.markdown += section(s);
  return md;
}

std::string escape_markup(std::string_view text) {
  std::string out;
  for (const char ch : text) {
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

}  // namespace fabcast::report
