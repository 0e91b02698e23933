#pragma once
// Where scenario text comes from: the scenarios built into fabcast, and files read with care
// (regular files only, at most MAX_SCENARIO_BYTES).

#include "data/embedded.hpp"

#include <filesystem>
#include <string>
#include <string_view>

namespace fabcast::scenario {

//! The built-in file at `path` ("scenarios/altman-7t.toml"), or nullptr.
const data::EmbeddedFile* embedded(std::string_view path);

//! A file's name without its directory and extension.
std::string stem_of(const std::string& file);

//! A scenario file's text, or why it cannot be read (`error`, empty when read).
struct FileText {
  std::string text;
  std::string error;
};

//! Reads a scenario file: only regular files (a directory reads as empty text, /dev/zero never
//! ends), and none larger than MAX_SCENARIO_BYTES.
FileText read_scenario_file(const std::filesystem::path& path);

//! Whether a scenario argument names a file (has a '/' or ends in .toml) rather than a built-in scenario.
bool is_path(std::string_view s);

}  // namespace fabcast::scenario
