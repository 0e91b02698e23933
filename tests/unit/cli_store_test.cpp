// Commands on stored runs, in-process, each test on a store of its own in the temporary directory
// (never the user's): report and export of a stored run, runs list, show and diff.

#include "cli/cli.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace fabcast::cli {
namespace {

using ::testing::HasSubstr;
namespace fs = std::filesystem;

struct Outcome {
  int code;
  std::string out;
  std::string err;
};

class StoredRuns : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("fabcast-cli-store-" + std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  //! `fabcast ARGS... --store DIR/runs.db`.
  Outcome fabcast(std::vector<std::string> args) const {
    args.insert(args.end(), {"--store", (dir_ / "runs.db").string()});
    std::ostringstream out, err;
    const int code = run_cli(args, out, err);
    return {code, out.str(), err.str()};
  }
  //! Stores a run of `scenario` with `extra` flags; fails the test unless it ran.
  void store_run(const std::string& scenario, std::vector<std::string> extra) const {
    std::vector<std::string> args = {"run", scenario, "-q"};
    args.insert(args.end(), extra.begin(), extra.end());
    const auto r = fabcast(args);
    ASSERT_EQ(r.code, 0) << r.err;
  }
  [[nodiscard]] static std::string read(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
  }
  fs::path dir_;
};

// A stored run's samples and seed are what they were: a sampling flag is refused, not ignored.
TEST_F(StoredRuns, AReportOfAStoredRunRefusesSamplingFlags) {
  store_run("bench-b1", {"-n", "50", "--seed", "1"});
  const auto html = (dir_ / "r.html").string();
  const auto r = fabcast({"report", "1", "-n", "500", "-o", html});
  EXPECT_EQ(r.code, 2);
  EXPECT_THAT(r.err, HasSubstr("-n/--samples applies when the report runs a scenario; run 1 is stored with its own "
                               "samples, seed and sampling: drop it, or name a scenario to run and report a new run"));
  EXPECT_FALSE(fs::exists(html));
  const auto several = fabcast({"report", "latest", "--seed", "3", "--sampling", "lhs", "-j", "2", "-o", html});
  EXPECT_EQ(several.code, 2);
  EXPECT_THAT(several.err, HasSubstr("--seed, -j/--threads, --sampling apply when the report runs a scenario"));
  EXPECT_THAT(fabcast({"report", "1", "--keep-samples", "-o", html}).err, HasSubstr("--keep-samples applies"));
  const auto plain = fabcast({"report", "1", "-o", html});
  EXPECT_EQ(plain.code, 0) << plain.err;
  EXPECT_TRUE(fs::exists(html));
}

// -o FILE.csv writes one CSV file (the scalars, or --table's), not a directory named FILE.csv; a
// directory path still takes every table.
TEST_F(StoredRuns, ACsvPathIsOneFileAndADirectoryTakesEveryTable) {
  store_run("status-quo", {"-n", "30", "--seed", "1"});
  const auto file = dir_ / "out.csv";
  const auto one = fabcast({"export", "1", "-o", file.string()});
  ASSERT_EQ(one.code, 0) << one.err;
  ASSERT_TRUE(fs::is_regular_file(file));
  EXPECT_TRUE(read(file).starts_with("output,"));
  EXPECT_THAT(one.err, HasSubstr("run 1's scalars table exported as CSV to"));
  EXPECT_THAT(one.err, HasSubstr("--table picks another"));
  ASSERT_EQ(fabcast({"export", "1", "-o", file.string(), "--table", "binding"}).code, 0);
  EXPECT_TRUE(read(file).starts_with("step,binding_"));
  const auto unknown = fabcast({"export", "1", "-o", file.string(), "--table", "nope"});
  EXPECT_EQ(unknown.code, 2);
  EXPECT_THAT(unknown.err, HasSubstr("--table expects one of series,"));
  EXPECT_THAT(unknown.err, HasSubstr("got 'nope'"));
  const auto dir = dir_ / "tables";
  ASSERT_EQ(fabcast({"export", "1", "-o", dir.string()}).code, 0);
  EXPECT_TRUE(fs::is_regular_file(dir / "scalars.csv"));
  EXPECT_TRUE(fs::is_regular_file(dir / "series.csv"));
  const auto table_with_dir = fabcast({"export", "1", "-o", dir.string(), "--table", "series"});
  EXPECT_EQ(table_with_dir.code, 2);
  EXPECT_THAT(table_with_dir.err, HasSubstr("--table picks the one table of a CSV file"));
}

// -o - is JSON unless told otherwise; CSV there is one table; a workbook is refused, saying what to pass.
TEST_F(StoredRuns, StandardOutputTakesJsonOrOneCsvTable) {
  store_run("bench-b1", {"-n", "50", "--seed", "1"});
  const auto json = fabcast({"export", "1", "-o", "-"});
  ASSERT_EQ(json.code, 0) << json.err;
  EXPECT_EQ(nlohmann::json::parse(json.out)["id"], 1);
  const auto csv = fabcast({"export", "1", "-o", "-", "--format", "csv", "--table", "series"});
  ASSERT_EQ(csv.code, 0) << csv.err;
  EXPECT_TRUE(csv.out.starts_with("series,"));
  const auto xlsx = fabcast({"export", "1", "-o", "-", "--format", "xlsx"});
  EXPECT_EQ(xlsx.code, 2);
  EXPECT_THAT(xlsx.err, HasSubstr("-o - (standard output) takes --format json (its default) or csv (one table, "
                                  "--table); a workbook is a file: give -o FILE.xlsx"));
  EXPECT_TRUE(xlsx.out.empty());
}

}  // namespace
}  // namespace fabcast::cli
