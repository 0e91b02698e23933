#pragma once
// The chart libraries HTML reports inline (vega, vega-lite, vega-embed from web/node_modules,
// pinned in web/package-lock.json), compiled into the binary by cmake/embed.cmake.

#include "data/embedded.hpp"

#include <string_view>
#include <vector>

namespace fabcast::report {

using EmbeddedFile = data::EmbeddedFile;

//! The libraries, in load order: vega, vega-lite, vega-embed.
const std::vector<EmbeddedFile>& web_assets();

}  // namespace fabcast::report
