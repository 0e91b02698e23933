#pragma once
// The reference-data files and shipped scenarios, compiled into the binary (cmake/embed.cmake).

#include <string_view>
#include <vector>

namespace fabcast::data {

struct EmbeddedFile {
  std::string_view path;  //!< as in the repository: "data/regions.toml", "scenarios/altman-7t.toml"
  std::string_view text;
};

//! Every embedded file, in path order.
const std::vector<EmbeddedFile>& embedded_files();

}  // namespace fabcast::data
