// The hostile corpus (tests/scenarios/hostile): scenarios that validate yet push the model to an
// edge. Each runs 64 samples and must finish (every output finite, or +inf where it means "never",
// which the engine checks sample by sample) or fail with the message its file states.

#include "core/errors.hpp"
#include "model/fab_model.hpp"
#include "report/run_job.hpp"
#include "scenario/loader.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace fabcast {
namespace {

namespace fs = std::filesystem;

const fs::path HOSTILE_DIR = fs::path(FABCAST_SOURCE_DIR) / "tests/scenarios/hostile";

std::string stated(const fs::path& file, const std::string& prefix) {
  std::ifstream in(file);
  for (std::string line; std::getline(in, line);) {
    if (line.starts_with(prefix)) return line.substr(prefix.size());
  }
  return "";
}

TEST(HostileCorpus, EveryFileRunsOrFailsAsStated) {
  int files = 0;
  for (const auto& entry : fs::directory_iterator(HOSTILE_DIR)) {
    if (entry.path().extension() != ".toml") continue;
    ++files;
    const bool ok = stated(entry.path(), "# expect-run: ") == "ok";
    const std::string error = stated(entry.path(), "# expect-run-error: ");
    ASSERT_TRUE(ok != !error.empty()) << entry.path() << " states neither expect-run: ok nor expect-run-error";
    const auto sc = scenario::load_scenario(entry.path().string());
    core::RunOptions options;
    options.seed = 1;
    options.threads = 2;
    options.stop.samples = 64;
    try {
      const auto job = report::run_job(sc, options, core::SamplingMethod::monte_carlo);
      EXPECT_TRUE(ok) << entry.path() << " ran, but should have failed with: " << error;
      for (const auto& s : job.result.scalars) {
        for (double v : s.values) EXPECT_FALSE(std::isnan(v)) << entry.path() << ": " << s.name;
      }
    } catch (const RunError& e) {
      EXPECT_THAT(e.what(), ::testing::HasSubstr(ok ? "(expected to run)" : error)) << entry.path();
    }
  }
  EXPECT_GE(files, 7);
}

}  // namespace
}  // namespace fabcast
