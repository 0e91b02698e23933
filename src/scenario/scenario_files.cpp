#include "scenario/scenario_files.hpp"

#include "scenario/loader.hpp"

#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <fstream>

namespace fabcast::scenario {

namespace fs = std::filesystem;

const data::EmbeddedFile* embedded(std::string_view path) {
  for (const auto& f : data::embedded_files()) {
    if (f.path == path) return &f;
  }
  return nullptr;
}

std::string stem_of(const std::string& file) { return fs::path(file).stem().string(); }

FileText read_scenario_file(const fs::path& path) {
  auto failed = [](std::string why) { return FileText{{}, std::move(why)}; };
  std::error_code ec;
  const auto status = fs::status(path, ec);
  if (ec) return failed(fmt::format("cannot read: {}", ec.message()));
  if (fs::is_directory(status)) return failed("is a directory; expected a .toml scenario file");
  if (!fs::is_regular_file(status))
    return failed("is not a regular file (a device, pipe or socket); expected a .toml scenario file");
  const auto size = fs::file_size(path, ec);
  if (ec) return failed(fmt::format("cannot read: {}", ec.message()));
  if (size > MAX_SCENARIO_BYTES) {
    return failed(fmt::format("is {} bytes; scenario files are limited to {} bytes", size, MAX_SCENARIO_BYTES));
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return failed(fmt::format("cannot read: {}", std::strerror(errno)));
  FileText out{std::string(static_cast<std::size_t>(size), '\0'), {}};
  in.read(out.text.data(), static_cast<std::streamsize>(out.text.size()));
  if (in.gcount() != static_cast<std::streamsize>(out.text.size()))
    return failed("cannot read: the file changed while it was read");
  return out;
}

bool is_path(std::string_view s) { return s.find('/') != std::string_view::npos || s.ends_with(".toml"); }

}  // namespace fabcast::scenario
