#pragma once
// The run report (fabcast report): one self-contained HTML page whose charts vega-embed renders
// offline from inlined libraries, or the same content as Markdown with SVG charts beside it.

#include "report/document.hpp"
#include "store/run_store.hpp"

#include <string>
#include <utility>
#include <vector>

namespace fabcast::report {

//! The HTML report: scenario summary with sources, key results, charts, binding constraints,
//! comparators and the run's metadata for reproducing it. A result not as fabcast writes it throws
//! (nlohmann::json's exceptions, std::invalid_argument), never reads out of bounds; so does markdown_report.
//! `extra` sections (claims checked against the run) follow the headline.
std::string html_report(const store::StoredRun& run, const std::vector<Section>& extra = {});

//! The same report as Markdown; charts are SVG files under `charts_dir` (relative to the .md).
MarkdownReport markdown_report(const store::StoredRun& run, const std::string& charts_dir,
                               const std::vector<Section>& extra = {});

}  // namespace fabcast::report
