// Commands on stored runs, in-process, each test on a store of its own in the temporary directory
// (never the user's): report and export of a stored run, runs list, show and diff.

#include "cli/cli.hpp"

#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cmath>
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

  //! `fabcast ARGS... --store DIR/runs.db` (without --store for show, which reads no store).
  Outcome fabcast(std::vector<std::string> args) const {
    if (args.front() != "show") args.insert(args.end(), {"--store", (dir_ / "runs.db").string()});
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

namespace fabcast::cli {
namespace {

// A scenario shown with --set is written as a modified one: named so, its description listing the
// overrides; it loads back to what was shown and runs under its new name. Without --set, or when
// --set names the scenario itself, the name is left as it is.
TEST_F(StoredRuns, AScenarioShownWithSetSaysItWasModified) {
  const auto shown = fabcast({"show", "altman-7t", "--format", "toml", "--set", "program.budget_usd=5e12", "--set",
                              "program.drawdown_years=8"});
  ASSERT_EQ(shown.code, 0) << shown.err;
  EXPECT_THAT(shown.out, HasSubstr("\nname = \"altman-7t-modified\"  # altman-7t changed by --set"));
  EXPECT_THAT(shown.out, HasSubstr("(modified from altman-7t by --set program.budget_usd=5e12, --set "
                                   "program.drawdown_years=8)\"  # the scenario's own, and the --set overrides\n"));
  const auto file = dir_ / "mine.toml";
  std::ofstream(file) << shown.out;
  const auto back = nlohmann::json::parse(fabcast({"show", file.string(), "--format", "json"}).out);
  EXPECT_EQ(back["name"], "altman-7t-modified");
  for (const auto& setting : back["settings"]) {
    if (setting["key"] == "program.budget_usd") {
      EXPECT_EQ(setting["value"], "5e12");
    }
  }
  // It loads back to the same scenario: every key with the value shown (from elsewhere now).
  const auto shown_json =
      nlohmann::json::parse(fabcast({"show", "altman-7t", "--format", "json", "--set", "program.budget_usd=5e12",
                                     "--set", "program.drawdown_years=8"})
                                .out);
  ASSERT_EQ(back["settings"].size(), shown_json["settings"].size());
  for (std::size_t i = 0; i < back["settings"].size(); ++i) {
    EXPECT_EQ(back["settings"][i]["key"], shown_json["settings"][i]["key"]);
    EXPECT_EQ(back["settings"][i]["value"], shown_json["settings"][i]["value"]) << back["settings"][i]["key"];
  }
  store_run(file.string(), {"-n", "20", "--seed", "1"});
  EXPECT_THAT(fabcast({"runs", "list"}).out, HasSubstr("altman-7t-modified"));

  const auto plain = fabcast({"show", "altman-7t", "--format", "toml"});
  EXPECT_THAT(plain.out, HasSubstr("\nname = \"altman-7t\"  # scenario"));
  EXPECT_THAT(plain.out, ::testing::Not(HasSubstr("modified")));
  const auto named =
      fabcast({"show", "altman-7t", "--format", "toml", "--set", "name=\"mine\"", "--set", "program.budget_usd=5e12"});
  EXPECT_THAT(named.out, HasSubstr("\nname = \"mine\"  # --set name=\"mine\""));
  EXPECT_THAT(named.out, HasSubstr(R"x((modified by --set name=\"mine\", --set program.budget_usd=5e12)")x"));
  const auto json =
      nlohmann::json::parse(fabcast({"show", "altman-7t", "--format", "json", "--set", "program.budget_usd=5e12"}).out);
  EXPECT_EQ(json["name"], "altman-7t-modified");
  EXPECT_EQ(json["modified_from"], "altman-7t");
  EXPECT_EQ(json["overrides"], nlohmann::json::array({"program.budget_usd=5e12"}));
}

// Two runs that differ only by --set are told apart in runs list (table and JSON) and runs show.
TEST_F(StoredRuns, ListAndShowNameEachRunsOverrides) {
  store_run("bench-b1", {"-n", "20", "--seed", "1"});
  store_run("bench-b1",
            {"-n", "20", "--seed", "1", "--set", "program.budget_usd=2e12", "--set", "program.drawdown_years=5"});
  const auto list = fabcast({"runs", "list"});
  ASSERT_EQ(list.code, 0) << list.err;
  EXPECT_THAT(list.out, HasSubstr("overrides (--set)"));
  EXPECT_THAT(list.out, ::testing::ContainsRegex("\n +2 .*bench-b1 .* program.budget_usd=2e12 "
                                                 "program.drawdown_years=5\n"));
  EXPECT_THAT(list.out, ::testing::ContainsRegex("\n +1 .*bench-b1 +20 +mc +1 +[0-9a-f]{8}\n"));
  const auto json = nlohmann::json::parse(fabcast({"runs", "list", "--format", "json"}).out);
  EXPECT_EQ(json[0]["overrides"], nlohmann::json::array({"program.budget_usd=2e12", "program.drawdown_years=5"}));
  EXPECT_EQ(json[1]["overrides"], nlohmann::json::array());
  EXPECT_THAT(fabcast({"runs", "show", "2"}).out,
              HasSubstr("overrides: --set program.budget_usd=2e12 --set program.drawdown_years=5\n"));
  EXPECT_THAT(fabcast({"runs", "show", "1"}).out, HasSubstr("overrides: none\n"));
}

}  // namespace
}  // namespace fabcast::cli

namespace fabcast::cli {
namespace {

// One output's row of runs diff: its unit and what the noise column says.
struct DiffRow {
  std::string unit, run_a, run_b, noise;
};

DiffRow diff_row(const std::string& diff, const std::string& output) {
  std::istringstream lines(diff);
  for (std::string line; std::getline(lines, line);) {
    std::istringstream words(line);
    std::string name;
    DiffRow row;
    if (!(words >> name) || name != output) continue;
    std::string change;
    words >> row.unit >> row.run_a >> row.run_b >> change;
    std::getline(words, row.noise);
    row.noise.erase(0, row.noise.find_first_not_of(' '));
    return row;
  }
  ADD_FAILURE() << "no row " << output << " in\n" << diff;
  return {};
}

double stat(const nlohmann::json& result, const std::string& output, const char* key) {
  return result["scalars"][output][key].get<double>();
}

// runs diff judges each output's difference against the two runs' sampling noise: runs that
// differ only in their seed are within it, runs with different budgets beyond it. The number of
// standard errors shown is the one the stored means and standard errors give.
TEST_F(StoredRuns, DiffSaysWhetherEachDifferenceExceedsSamplingNoise) {
  store_run("altman-7t", {"-n", "400", "--seed", "1"});
  store_run("altman-7t", {"-n", "400", "--seed", "2"});
  store_run("altman-7t", {"-n", "400", "--seed", "3", "--set", "program.budget_usd=2e12"});
  const auto seeds = fabcast({"runs", "diff", "1", "2"});
  ASSERT_EQ(seeds.code, 0) << seeds.err;
  EXPECT_THAT(seeds.out, HasSubstr("noise: the runs drew independent samples (seeds 1 and 2)"));
  // Fixed seeds, so this is deterministic; a different pair would put one output beyond noise by
  // chance about one time in 20 (each check is 2 se, two-sided).
  EXPECT_THAT(diff_row(seeds.out, "committed_usd").noise, ::testing::EndsWith(" se: within noise"));
  EXPECT_THAT(diff_row(seeds.out, "npv_usd").noise, HasSubstr("within noise"));
  const auto one = nlohmann::json::parse(fabcast({"runs", "show", "1", "--format", "json"}).out);
  const auto two = nlohmann::json::parse(fabcast({"runs", "show", "2", "--format", "json"}).out);
  for (const char* output : {"committed_usd", "npv_usd", "modules_started", "installed_flops_2035"}) {
    const double z = (stat(two, output, "mean") - stat(one, output, "mean")) /
                     std::hypot(stat(one, output, "se"), stat(two, output, "se"));
    EXPECT_EQ(diff_row(seeds.out, output).noise,
              fmt::format("{:.1f} se: {}", std::abs(z), std::abs(z) >= 2 ? "beyond noise" : "within noise"))
        << output;
  }
  const auto budget = fabcast({"runs", "diff", "1", "3"});
  ASSERT_EQ(budget.code, 0) << budget.err;
  EXPECT_THAT(budget.out, HasSubstr("program.budget_usd"));
  EXPECT_THAT(diff_row(budget.out, "committed_usd").noise, ::testing::EndsWith("se: beyond noise"));
  EXPECT_THAT(diff_row(budget.out, "modules_started").noise, ::testing::EndsWith("se: beyond noise"));
}

// Money is money, and each price says per what: a break-even price per accelerator is not set
// beside a cost per wafer as if alike.
TEST_F(StoredRuns, DiffShowsEachOutputWithItsUnit) {
  store_run("altman-7t", {"-n", "100", "--seed", "1"});
  store_run("altman-7t", {"-n", "100", "--seed", "2"});
  const auto diff = fabcast({"runs", "diff", "1", "2"}).out;
  EXPECT_EQ(diff_row(diff, "breakeven_price_usd").unit, "USD/accelerator");
  EXPECT_EQ(diff_row(diff, "cost_per_good_wafer_usd").unit, "USD/wafer");
  EXPECT_EQ(diff_row(diff, "installed_flops_2035").unit, "FLOP/s");
  EXPECT_EQ(diff_row(diff, "payback_year").unit, "year");
  EXPECT_THAT(diff_row(diff, "committed_usd").run_a, ::testing::MatchesRegex("\\$[0-9.]+T"));
  EXPECT_THAT(diff_row(diff, "breakeven_price_usd").run_a, ::testing::MatchesRegex("\\$[0-9]+,[0-9]{3}"));
  store_run("status-quo", {"-n", "100", "--seed", "1"});
  store_run("status-quo", {"-n", "100", "--seed", "2"});
  EXPECT_EQ(diff_row(fabcast({"runs", "diff", "3", "4"}).out, "breakeven_price_usd").unit, "USD/wafer");
  // Per accelerator in one run and per wafer in the other: not compared.
  EXPECT_THAT(diff_row(fabcast({"runs", "diff", "1", "3"}).out, "breakeven_price_usd").noise,
              HasSubstr("not compared: USD/accelerator in one run, USD/wafer in the other"));
}

// The same seed and samples (common random numbers): the comparison says it is paired; with kept
// samples in both runs, the difference is measured sample by sample, with its interval.
TEST_F(StoredRuns, DiffPairsRunsThatShareTheirDraws) {
  store_run("altman-7t", {"-n", "300", "--seed", "5"});
  store_run("altman-7t", {"-n", "300", "--seed", "5", "--set", "program.budget_usd=5e12"});
  const auto paired = fabcast({"runs", "diff", "1", "2"});
  ASSERT_EQ(paired.code, 0) << paired.err;
  EXPECT_THAT(paired.out, HasSubstr("paired: both runs drew with seed 5 and 300 samples (mc), common random numbers"));
  EXPECT_THAT(diff_row(paired.out, "committed_usd").noise, ::testing::EndsWith("se unpaired: beyond noise"));
  const auto same = fabcast({"runs", "diff", "1", "1"});
  EXPECT_EQ(diff_row(same.out, "committed_usd").noise, "no difference");

  store_run("altman-7t", {"-n", "300", "--seed", "5", "--keep-samples"});
  store_run("altman-7t", {"-n", "300", "--seed", "5", "--keep-samples", "--set", "program.budget_usd=5e12"});
  const auto kept = fabcast({"runs", "diff", "3", "4"});
  ASSERT_EQ(kept.code, 0) << kept.err;
  EXPECT_THAT(kept.out, HasSubstr("paired, sample by sample: both runs drew with seed 5 and 300 samples (mc)"));
  // The interval is the mean of the per-sample differences +- 1.96 se, from the kept samples.
  const auto a = nlohmann::json::parse(fabcast({"export", "3", "-o", "-"}).out)["samples"]["committed_usd"];
  const auto b = nlohmann::json::parse(fabcast({"export", "4", "-o", "-"}).out)["samples"]["committed_usd"];
  ASSERT_EQ(a.size(), 300u);
  double sum = 0, sum2 = 0;
  for (std::size_t i = 0; i < a.size(); ++i) sum += b[i].get<double>() - a[i].get<double>();
  const double mean = sum / 300;
  for (std::size_t i = 0; i < a.size(); ++i) sum2 += std::pow(b[i].get<double>() - a[i].get<double>() - mean, 2);
  const double se = std::sqrt(sum2 / 299 / 300);
  const auto row = diff_row(kept.out, "committed_usd");
  EXPECT_THAT(row.noise, HasSubstr(fmt::format("{:.1f} se, beyond noise", std::abs(mean / se))));
  EXPECT_THAT(row.noise, ::testing::StartsWith("-$"));  // 5e12 commits less than 7e12
  // Paired, the noise of the difference is far below the unpaired figure: the pairing is what
  // makes small changes visible.
  const auto unpaired_se = [&](const char* id) {
    return nlohmann::json::parse(
               fabcast({"runs", "show", id, "--format", "json"}).out)["scalars"]["committed_usd"]["se"]
        .get<double>();
  };
  EXPECT_LT(se, std::hypot(unpaired_se("3"), unpaired_se("4")));
}

}  // namespace
}  // namespace fabcast::cli
