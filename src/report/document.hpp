#pragma once
// A report's content independent of its format (titled sections of tables, and charts), drawn as
// one self-contained HTML page whose charts vega-embed renders offline from inlined libraries, or
// as Markdown with SVG charts beside it. Run reports and study reports (sweep, seek, sensitivity)
// are both Documents.

#include "report/charts.hpp"

#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace fabcast::report {

//! Any chart a report draws.
using AnyChart = std::variant<Chart, BarChart, CdfChart>;

struct Row {
  std::vector<std::string> cells;
};

struct Section {
  std::string title;
  std::string intro;  //!< may hold **bold**
  std::vector<std::string> header;
  std::vector<Row> rows;
  bool collapsed = false;          //!< long reference tables: folded in HTML
  std::vector<AnyChart> charts{};  //!< drawn after the table (a section without a header has no table)
};

struct Document {
  std::string title, description, run_line;
  std::string generator;  //!< fabcast's version
  std::vector<Section> sections_before_charts, sections_after_charts;
  std::string charts_title, charts_intro;
  std::vector<AnyChart> charts;
};

struct MarkdownReport {
  std::string markdown;
  std::vector<std::pair<std::string, std::string>> files;  //!< (path relative to the .md, SVG text)
};

//! Text safe inside HTML, SVG or XML: & < > " as entities.
std::string escape_markup(std::string_view text);

//! The page: window.fabcastReport tells a browser test when every chart is drawn and which failed.
std::string html_document(const Document& document);
//! The same as Markdown; charts are SVG files under `charts_dir` (relative to the .md).
MarkdownReport markdown_document(const Document& document, const std::string& charts_dir);

}  // namespace fabcast::report
