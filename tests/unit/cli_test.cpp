// The shell in-process: exit codes, error messages, and the output formats of `fabcast sample`.

#include "cli/cli.hpp"
#include "model/fab_model.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cstring>
#include <fstream>
#include <sstream>

namespace fabcast::cli {
namespace {

using ::testing::HasSubstr;

struct Outcome {
  int code;
  std::string out;
  std::string err;
};

Outcome fabcast(std::vector<std::string> args) {
  std::ostringstream out, err;
  const int code = run_cli(args, out, err);
  return {code, out.str(), err.str()};
}

TEST(Cli, HelpForTheAppAndEachCommandExitsZero) {
  const auto top = fabcast({"--help"});
  EXPECT_EQ(top.code, 0);
  EXPECT_THAT(top.out, HasSubstr("sample"));
  EXPECT_THAT(top.out, HasSubstr("Exit codes: 0 success, 1 failure while running, 2 bad input or usage."));
  const auto sample = fabcast({"sample", "--help"});
  EXPECT_EQ(sample.code, 0);
  EXPECT_THAT(sample.out, HasSubstr("--target-rel-error"));
  EXPECT_THAT(sample.out, HasSubstr("fabcast sample \"10e9 to 25e9\""));
}

TEST(Cli, UsageErrorsExitTwo) {
  EXPECT_EQ(fabcast({}).code, 2);
  EXPECT_EQ(fabcast({"frobnicate"}).code, 2);
  EXPECT_EQ(fabcast({"sample"}).code, 2);
  EXPECT_EQ(fabcast({"sample", "1 to 2", "--threads", "many"}).code, 2);
}

// An empty path is a usage error, whichever option it is given to: `--store ""` must not fall back
// to the user's own store, nor `-o ""` to a default file name. Nothing is opened or run.
TEST(Cli, EmptyPathsAreUsageErrors) {
  for (const std::vector<std::string>& args : std::vector<std::vector<std::string>>{
           {"export", "1", "-o", ""},
           {"report", "1", "-o", ""},
           {"runs", "list", "--store", ""},
           {"runs", "rm", "1", "--store", ""},
           {"run", "bench-b1", "--samples", "10", "--seed", "1", "--store", ""},
       }) {
    const auto r = fabcast(args);
    EXPECT_EQ(r.code, 2) << args[0];
    EXPECT_THAT(r.err, HasSubstr("expects a path, got an empty string")) << args[0];
    EXPECT_TRUE(r.out.empty()) << args[0];
  }
}

TEST(Cli, BadExpressionNamesTheColumn) {
  const auto r = fabcast({"sample", "10e9 to x"});
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.err,
            "fabcast: error: in the expression, column 9: expected a number after 'to', found 'x'\n"
            "  10e9 to x\n"
            "          ^\n");
  EXPECT_TRUE(r.out.empty());
}

TEST(Cli, BadFlagValuesSayWhatWasExpected) {
  EXPECT_THAT(fabcast({"sample", "1 to 2", "--samples", "lots", "--seed", "1"}).err,
              HasSubstr("--samples expects a whole number of samples from 1 to 4294967295 (such as 100000, 1e6 or "
                        "250k), got 'lots'"));
  EXPECT_THAT(fabcast({"sample", "1 to 2", "--samples", "0", "--seed", "1"}).err, HasSubstr("got '0'"));
  EXPECT_THAT(fabcast({"sample", "1 to 2", "--sampling", "sobol", "--seed", "1"}).err,
              HasSubstr("--sampling expects mc or lhs, got 'sobol'"));
  EXPECT_THAT(fabcast({"sample", "1 to 2", "--format", "xml", "--seed", "1"}).err,
              HasSubstr("--format expects table, json or csv, got 'xml'"));
  const auto both = fabcast({"sample", "1 to 2", "--samples", "100", "--target-rel-error", "0.01"});
  EXPECT_EQ(both.code, 2);
  EXPECT_THAT(both.err, HasSubstr("--samples and --target-rel-error are alternatives"));
  EXPECT_THAT(fabcast({"sample", "1 to 2", "--target-rel-error", "2"}).err, HasSubstr("--target-rel-error expects"));
}

TEST(Cli, JsonHoldsTheSummaryAndTheSeed) {
  const auto r = fabcast({"sample", "uniform(0, 1)", "--samples", "100k", "--seed", "5", "--format", "json", "-q"});
  ASSERT_EQ(r.code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["seed"], 5);
  EXPECT_EQ(j["samples"], 100000);
  EXPECT_EQ(j["sampling"], "mc");
  EXPECT_EQ(j["distribution"], "uniform(0, 1)");
  const double se = std::sqrt(1.0 / 12 / 100000);
  EXPECT_NEAR(j["mean"].get<double>(), 0.5, 4 * se);
  EXPECT_NEAR(j["se"].get<double>(), se, se * 0.01);
  // Sample quantiles of U(0,1): standard error sqrt(p (1 - p) / n).
  EXPECT_NEAR(j["p5"].get<double>(), 0.05, 4 * std::sqrt(0.05 * 0.95 / 100000));
  EXPECT_NEAR(j["p95"].get<double>(), 0.95, 4 * std::sqrt(0.05 * 0.95 / 100000));
  EXPECT_TRUE(r.err.empty());
}

TEST(Cli, WithoutASeedOneIsDrawnShownAndRecorded) {
  const auto r = fabcast({"sample", "1 to 2", "--samples", "100", "--format", "json"});
  ASSERT_EQ(r.code, 0);
  const auto seed = nlohmann::json::parse(r.out)["seed"].get<std::uint64_t>();
  EXPECT_THAT(r.err, HasSubstr("drew seed " + std::to_string(seed)));
  const auto again =
      fabcast({"sample", "1 to 2", "--samples", "100", "--format", "json", "--seed", std::to_string(seed)});
  EXPECT_EQ(again.out, r.out);
}

TEST(Cli, CsvListsEverySampleInOrder) {
  const auto r = fabcast({"sample", "choice(1: 0.5, 2: 0.5)", "-n", "1000", "--seed", "2", "--format", "csv"});
  ASSERT_EQ(r.code, 0);
  std::istringstream lines(r.out);
  std::string line;
  std::getline(lines, line);
  EXPECT_EQ(line, "sample,value");
  int rows = 0;
  while (std::getline(lines, line)) {
    EXPECT_THAT(line, ::testing::MatchesRegex(std::to_string(rows) + ",[12]"));
    ++rows;
  }
  EXPECT_EQ(rows, 1000);
}

TEST(Cli, LatinHypercubeIsSelectable) {
  const auto r =
      fabcast({"sample", "uniform(0, 1)", "-n", "1000", "--seed", "1", "--sampling", "lhs", "--format", "json"});
  ASSERT_EQ(r.code, 0);
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["sampling"], "lhs");
  // With one draw per stratum the p5 of 1000 LHS draws is within one stratum width of 0.05.
  EXPECT_NEAR(j["p5"].get<double>(), 0.05, 1e-3);
}

TEST(Cli, TargetRelativeErrorReportsConvergence) {
  const auto r = fabcast({"sample", "10 to 20", "--target-rel-error", "0.1%", "--seed", "3", "--format", "json"});
  ASSERT_EQ(r.code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_TRUE(j["converged"].get<bool>());
  EXPECT_LE(j["rel_error"].get<double>(), 0.001);
  EXPECT_NEAR(j["se"].get<double>() / j["mean"].get<double>(), j["rel_error"].get<double>(), 1e-12);
}

TEST(Cli, TableShowsSampleBesideExactQuantiles) {
  const auto r = fabcast({"sample", "10e9 to 25e9", "-n", "10000", "--seed", "1"});
  ASSERT_EQ(r.code, 0);
  EXPECT_THAT(r.out, HasSubstr("distribution  1e10 to 2.5e10"));
  EXPECT_THAT(r.out, ::testing::ContainsRegex("p5 +[0-9.e]+ +1e10\n"));
  EXPECT_THAT(r.out, ::testing::ContainsRegex("p95 +[0-9.e]+ +2.5e10\n"));
}

}  // namespace
}  // namespace fabcast::cli

namespace fabcast::cli {
namespace {

std::string read_source_file(const std::string& relative) {
  std::ifstream in(std::string(FABCAST_SOURCE_DIR) + "/" + relative);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

TEST(Docs, GeneratedDocumentationIsUpToDate) {
  // scripts/gen-docs.sh regenerates both; this fails when someone forgot to run it.
  EXPECT_EQ(read_source_file("docs/data-sources.md"), fabcast({"docs", "data-sources"}).out);
  EXPECT_EQ(read_source_file("docs/validation.md"), fabcast({"docs", "validation"}).out);
  const auto format = read_source_file("docs/scenario-format.md");
  const auto begin = format.find("<!-- BEGIN GENERATED KEYS -->\n");
  const auto end = format.find("<!-- END GENERATED KEYS -->");
  ASSERT_NE(begin, std::string::npos);
  ASSERT_NE(end, std::string::npos);
  const auto generated = format.substr(begin + 30, end - begin - 30);
  EXPECT_EQ(generated, fabcast({"docs", "scenario-keys"}).out);
  const auto outputs = read_source_file("docs/output-format.md");
  const std::string open = "<!-- BEGIN GENERATED OUTPUTS -->\n";
  const auto o_begin = outputs.find(open);
  const auto o_end = outputs.find("<!-- END GENERATED OUTPUTS -->");
  ASSERT_NE(o_begin, std::string::npos);
  ASSERT_NE(o_end, std::string::npos);
  EXPECT_EQ(outputs.substr(o_begin + open.size(), o_end - o_begin - open.size()), fabcast({"docs", "outputs"}).out);
}

// The output table names every output a run records, and no other: each series and scalar of a
// run recording "all" has a row (families by their pattern), in the table's order.
TEST(Docs, TheOutputTableListsExactlyWhatARunRecords) {
  const auto r = fabcast({"run", "altman-7t", "-n", "20", "--seed", "1", "--format", "json", "--no-store", "-q"});
  ASSERT_EQ(r.code, 0) << r.err;
  const auto doc = fabcast({"docs", "outputs"}).out;
  const auto json = nlohmann::json::parse(r.out);
  std::size_t seen = 0;
  for (const char* part : {"series", "scalars"}) {
    for (const auto& [name, value] : json[part].items()) {
      ++seen;
      bool listed = doc.find("| `" + name + "` |") != std::string::npos;
      std::vector<const char*> families(std::begin(model::KIND_NAMES), std::end(model::KIND_NAMES));
      families.insert(families.end(), std::begin(model::CONSTRAINT_NAMES), std::end(model::CONSTRAINT_NAMES));
      families.insert(families.end(), std::begin(model::STAGE_NAMES), std::end(model::STAGE_NAMES));
      families.insert(families.end(), std::begin(model::DEPLOY_LIMIT_NAMES), std::end(model::DEPLOY_LIMIT_NAMES));
      for (const auto* family : families) {
        std::string pattern = name;
        const auto at = pattern.find(family);
        if (at != std::string::npos)
          listed |= doc.find("| `" + pattern.replace(at, std::strlen(family), "{}") + "` |") != std::string::npos;
      }
      if (name.rfind("first_year_run_exceeds_", 0) == 0)
        listed |= doc.find("`first_year_run_exceeds_{}`") != std::string::npos;
      if (name.rfind("logic_modules_", 0) == 0) listed |= doc.find("| `logic_modules_{}` |") != std::string::npos;
      if (name.rfind("operator_starts_", 0) == 0) listed |= doc.find("| `operator_starts_{}` |") != std::string::npos;
      EXPECT_TRUE(listed) << name;
    }
  }
  EXPECT_GE(seen, 70u);  // 19 series rows and 21 scalar rows, families expanded
}

// Every flag value is parsed by fabcast, so nothing is clamped, defaulted or wrapped silently.
TEST(Cli, FlagValuesAreNeverClampedOrDefaultedSilently) {
  auto error_of = [](std::vector<std::string> args) {
    const auto r = fabcast(std::move(args));
    EXPECT_EQ(r.code, 2);
    EXPECT_TRUE(r.out.empty());
    return r.err;
  };
  EXPECT_THAT(error_of({"sample", "1 to 2", "--samples", ""}),
              HasSubstr("--samples expects a whole number of samples from 1 to 4294967295"));
  EXPECT_THAT(error_of({"sample", "1 to 2", "--sampling", "", "--seed", "1"}),
              HasSubstr("--sampling expects mc or lhs, got ''"));
  EXPECT_THAT(
      error_of({"sample", "1 to 2", "--seed", "99999999999999999999"}),
      HasSubstr("--seed expects a whole number from 0 to 18446744073709551615 (2^64 - 1), got '99999999999999999999'"));
  EXPECT_THAT(error_of({"sample", "1 to 2", "--seed", "-1"}), HasSubstr("got '-1'"));
  EXPECT_THAT(error_of({"sample", "1 to 2", "--seed", "1e5"}), HasSubstr("got '1e5'"));
  EXPECT_THAT(error_of({"sample", "1 to 2", "--seed", "1", "--threads", "4294967295"}),
              HasSubstr("--threads expects a whole number of threads from 1 to 1024, got '4294967295'"));
  EXPECT_THAT(error_of({"sample", "1 to 2", "--seed", "1", "--threads", "0"}), HasSubstr("got '0'"));
  EXPECT_THAT(error_of({"run", "bench-b1", "--no-store", "--samples", "", "--seed", "1"}),
              HasSubstr("--samples expects"));
  EXPECT_THAT(error_of({"sample", "1 to 2", "--samples", "4294967296", "--seed", "1"}),
              HasSubstr("from 1 to 4294967295"));  // a quantile sketch counts 2^32 - 1 values
  EXPECT_THAT(error_of({"run", "bench-b1", "--no-store", "-n", "64", "--seed", "1", "--max-samples", "banana"}),
              HasSubstr("--max-samples limits a --target-rel-error run; with a fixed count it has no use"));
  EXPECT_THAT(
      error_of({"run", "bench-b1", "--no-store", "-n", "64", "--seed", "1", "--target-output", "banana"}),
      HasSubstr("--target-output names the scalar a --target-rel-error run judges; give --target-rel-error too"));
  EXPECT_THAT(
      error_of({"run", "status-quo", "--no-store", "--seed", "1", "--target-rel-error", "0.5", "--target-output",
                "payback_year"}),
      HasSubstr("'payback_year' can be infinite (it means \"never\"), so its mean has no relative error to reach"));
  // The largest seed is taken as given.
  const auto top = fabcast({"sample", "1 to 2", "-n", "100", "--seed", "18446744073709551615", "--format", "json"});
  EXPECT_EQ(top.code, 0);
  EXPECT_EQ(nlohmann::json::parse(top.out)["seed"].get<std::uint64_t>(), 18446744073709551615ULL);
}

// validate runs every check run makes before its first sample: what one accepts, the other does.
TEST(Cli, ValidateRefusesWhatRunRefuses) {
  const std::string bad = std::string(FABCAST_SOURCE_DIR) + "/tests/scenarios/bad/";
  for (const char* file : {"unknown_output.toml", "correlation_twice.toml", "empty_correlation.toml"}) {
    const auto validate = fabcast({"validate", bad + file});
    const auto run = fabcast({"run", bad + file, "--no-store", "-n", "64", "--seed", "1"});
    EXPECT_EQ(validate.code, 2) << file;
    EXPECT_EQ(run.code, 2) << file;
    // The same problem, at the same line and column.
    const auto problem = run.err.substr(run.err.find('\n') + 1);
    EXPECT_THAT(validate.err, HasSubstr(problem)) << file;
  }
  // A directory or a device is not a scenario file.
  const auto dir = fabcast({"validate", bad});
  EXPECT_EQ(dir.code, 2);
  EXPECT_THAT(dir.err, HasSubstr("is a directory; expected a .toml scenario file"));
  const auto device = fabcast({"validate", "/dev/zero"});
  EXPECT_EQ(device.code, 2);
  EXPECT_THAT(device.err, HasSubstr("/dev/zero: is not a regular file (a device, pipe or socket)"));
}

// --set regions.*.KEY sets the key of every region (it once set nothing and show printed the old values).
TEST(Cli, WildcardSetAppliesToEveryName) {
  const auto shown =
      fabcast({"show", "altman-7t", "--format", "json", "--set", "regions.*.trainees_per_year_max=5000"});
  ASSERT_EQ(shown.code, 0) << shown.err;
  int regions = 0;
  const auto json = nlohmann::json::parse(shown.out);
  for (const auto& setting : json["settings"]) {
    const auto key = setting["key"].get<std::string>();
    if (!key.starts_with("regions.") || !key.ends_with(".trainees_per_year_max")) continue;
    ++regions;
    EXPECT_EQ(setting["value"], "5000") << key;
    EXPECT_EQ(setting["from"], "override") << key;
    EXPECT_EQ(setting["at"], "--set regions.*.trainees_per_year_max=5000") << key;
  }
  EXPECT_GE(regions, 6);
  const auto like = fabcast({"show", "altman-7t", "--set", "regions.Mars.like=US"});
  EXPECT_EQ(like.code, 2);
  EXPECT_THAT(
      like.err,
      HasSubstr("like = \"NAME\" defines a new region, node or operator and belongs in a scenario file, not in --set"));
}

// logic_only buys packaging and HBM without limit or price: the results say so wherever they go.
TEST(Cli, LogicOnlyRunsCarryTheirCaveat) {
  const auto plain = fabcast({"run", "altman-7t", "-n", "20", "--seed", "1", "--format", "json", "--no-store", "-q"});
  ASSERT_EQ(plain.code, 0) << plain.err;
  EXPECT_FALSE(nlohmann::json::parse(plain.out)["run"].contains("caveats"));
  const std::vector<std::string> logic_only = {"run", "altman-7t",  "-n", "20",    "--seed",
                                               "1",   "--no-store", "-q", "--set", "program.allocation=logic_only"};
  auto json_args = logic_only;
  json_args.insert(json_args.end(), {"--format", "json"});
  const auto json = fabcast(json_args);
  ASSERT_EQ(json.code, 0) << json.err;
  const auto caveats = nlohmann::json::parse(json.out)["run"]["caveats"];
  ASSERT_EQ(caveats.size(), 1u);
  EXPECT_THAT(caveats[0].get<std::string>(),
              HasSubstr("packaging and HBM are taken as bought, without limit or price"));
  EXPECT_THAT(fabcast(logic_only).out, HasSubstr("caveat: program.allocation = \"logic_only\""));
}

// A target-error run records its stopping rule and outcome in the JSON (stderr alone, hidden by -q, did).
TEST(Cli, ATargetErrorRunRecordsWhatItReached) {
  const auto r = fabcast({"run", "bench-b1", "--no-store", "-q", "--seed", "1", "--target-rel-error", "0.05",
                          "--max-samples", "5000", "--format", "json"});
  ASSERT_EQ(r.code, 0) << r.err;
  const auto stopping = nlohmann::json::parse(r.out)["run"]["stopping"];
  EXPECT_EQ(stopping["target_rel_error"], 0.05);
  EXPECT_EQ(stopping["target_output"], "committed_usd");
  EXPECT_TRUE(stopping["converged"].get<bool>());
  EXPECT_LE(stopping["rel_error"].get<double>(), 0.05);
}

TEST(Cli, ValidateAcceptsShippedScenariosAndRejectsBadOnes) {
  const auto ok = fabcast({"validate", "altman-7t"});
  EXPECT_EQ(ok.code, 0);
  EXPECT_THAT(ok.out, HasSubstr("ok  altman-7t"));
  const auto bad =
      fabcast({"validate", "altman-7t", std::string(FABCAST_SOURCE_DIR) + "/tests/scenarios/bad/unknown_key.toml"});
  EXPECT_EQ(bad.code, 2);
  EXPECT_THAT(bad.out, HasSubstr("ok  altman-7t"));  // the good file is still reported
  EXPECT_THAT(bad.err, HasSubstr("program.budjet_usd: unknown key; did you mean 'program.budget_usd'?"));
  const auto missing = fabcast({"validate", "altman-8t"});
  EXPECT_EQ(missing.code, 2);
  EXPECT_THAT(missing.err, HasSubstr("no shipped scenario named \"altman-8t\" (did you mean \"altman-7t\"?)"));
}

TEST(Cli, ShowListsEveryParameterWithItsSource) {
  const auto table = fabcast({"show", "altman-7t"});
  ASSERT_EQ(table.code, 0) << table.err;
  EXPECT_THAT(table.out, HasSubstr("world.leading_edge_wspm_2024"));
  EXPECT_THAT(table.out, HasSubstr("data: SEMI (2025-06-25)"));
  const auto json =
      nlohmann::json::parse(fabcast({"show", "altman-7t", "--format", "json", "--set", "program.budget_usd=5e12"}).out);
  int found = 0;  // the key must be there: a loop that never matches checks nothing
  for (const auto& s : json["settings"]) {
    if (s["key"] == "program.budget_usd") {
      ++found;
      EXPECT_EQ(s["value"], "5e12");
      EXPECT_EQ(s["from"], "override");
    }
  }
  EXPECT_EQ(found, 1);
  EXPECT_EQ(fabcast({"show", "altman-7t", "--format", "yaml"}).code, 2);
}

TEST(Cli, DataCommands) {
  const auto validate = fabcast({"data", "validate"});
  EXPECT_EQ(validate.code, 0) << validate.err;
  EXPECT_THAT(validate.out, HasSubstr("every entry has a source, unit, year and consistent range"));
  const auto show = fabcast({"data", "show", "regions.US.build_months"});
  EXPECT_EQ(show.code, 0);
  EXPECT_THAT(show.out, HasSubstr("34 to 54"));
  EXPECT_THAT(show.out, HasSubstr("[tsmc-arizona-2025] TSMC Arizona fab 1"));
  EXPECT_THAT(fabcast({"data", "show", "regions.US"}).out, HasSubstr("regions.US.subsidy_share"));
  const auto unknown = fabcast({"data", "show", "regions.US.build_month"});
  EXPECT_EQ(unknown.code, 2);
  EXPECT_THAT(unknown.err, HasSubstr("did you mean 'regions.US.build_months'?"));
  EXPECT_THAT(fabcast({"data", "list"}).out, HasSubstr("comparators.us_federal_outlays_fy2023_usd"));
  EXPECT_THAT(fabcast({"scenarios"}).out, HasSubstr("altman-7t"));
}

}  // namespace
}  // namespace fabcast::cli

namespace fabcast::cli {
namespace {

TEST(Cli, RunStopsAtATargetErrorOfTheNamedOutput) {
  const auto r = fabcast({"run", "altman-7t", "--target-rel-error", "5%", "--target-output", "installed_flops_2035",
                          "--seed", "3", "--format", "json", "--no-store"});
  ASSERT_EQ(r.code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  const auto& s = j["scalars"]["installed_flops_2035"];
  EXPECT_LE(s["se"].get<double>() / s["mean"].get<double>(), 0.05);
  EXPECT_THAT(r.err, HasSubstr("relative standard error of the mean of installed_flops_2035"));
  const auto bad =
      fabcast({"run", "altman-7t", "--target-rel-error", "5%", "--target-output", "nope", "--seed", "3", "--no-store"});
  EXPECT_EQ(bad.code, 2);
  EXPECT_THAT(bad.err, HasSubstr("no scalar output named 'nope'"));
}

}  // namespace
}  // namespace fabcast::cli

namespace fabcast::cli {
namespace {

// Every command whose work has threads names the flag one way, -j/--threads, as run does (runs
// rerun and studies rerun once took -t too). Walks every command the shell has, so a new one is
// checked without being listed here.
TEST(Cli, EveryCommandNamesItsThreadsFlagTheSameWay) {
  std::ostringstream out, err;
  CommandIo io{out, err};
  CLI::App app{"fabcast", "fabcast"};
  add_commands(app, io);
  std::vector<std::string> with_threads;
  std::function<void(const CLI::App&, const std::string&)> walk = [&](const CLI::App& command,
                                                                      const std::string& path) {
    for (const auto* option : command.get_options()) {
      const auto& longs = option->get_lnames();
      const auto& shorts = option->get_snames();
      EXPECT_EQ(std::count(shorts.begin(), shorts.end(), "t"), 0) << path << ": -t";
      if (std::find(longs.begin(), longs.end(), "threads") == longs.end()) continue;
      with_threads.push_back(path);
      EXPECT_EQ(longs, std::vector<std::string>{"threads"}) << path;
      EXPECT_EQ(shorts, std::vector<std::string>{"j"}) << path;
    }
    for (const auto* sub : command.get_subcommands([](const CLI::App*) { return true; }))
      walk(*sub, path + " " + sub->get_name());
  };
  walk(app, "fabcast");
  EXPECT_THAT(with_threads, ::testing::IsSupersetOf({"fabcast run", "fabcast sample", "fabcast report", "fabcast sweep",
                                                     "fabcast seek", "fabcast sensitivity", "fabcast runs rerun",
                                                     "fabcast studies rerun"}));
  // And -j is what the reruns take (in-process, on a store with no runs: the id is what fails).
  const auto rerun = fabcast({"runs", "rerun", "1", "-j", "1", "--store", "/nonexistent/fabcast/runs.db"});
  EXPECT_THAT(rerun.err, HasSubstr("no run 1"));
  EXPECT_THAT(fabcast({"runs", "rerun", "1", "-t", "1"}).err, HasSubstr("not expected"));
}

// A usage error points to the help of the command it belongs to, not the top-level one.
TEST(Cli, UsageErrorsPointToTheCommandsOwnHelp) {
  const auto rerun = fabcast({"runs", "rerun"});
  EXPECT_EQ(rerun.code, 2);
  EXPECT_THAT(rerun.err, HasSubstr("Run 'fabcast runs rerun --help' for usage."));
  const auto exported = fabcast({"export", "1"});
  EXPECT_EQ(exported.code, 2);
  EXPECT_THAT(exported.err, HasSubstr("--output is required"));
  EXPECT_THAT(exported.err, HasSubstr("Run 'fabcast export --help' for usage."));
  EXPECT_THAT(fabcast({"sample", "1 to 2", "--bogus"}).err, HasSubstr("Run 'fabcast sample --help' for usage."));
  EXPECT_THAT(fabcast({"frobnicate"}).err, HasSubstr("Run 'fabcast --help' for usage."));
}

// A list after --set is written as in a scenario file; the error shows that form, with the
// user's own values, and the form it shows is accepted.
TEST(Cli, AListGivenWithoutBracketsIsShownInListForm) {
  const auto bad = fabcast({"show", "altman-7t", "--set", "program.regions=US,Japan"});
  EXPECT_EQ(bad.code, 2);
  EXPECT_THAT(bad.err, HasSubstr("program.regions: found \"US,Japan\"; expected a list of names; a list is written in "
                                 "brackets, each name in double quotes, as in a scenario file: "
                                 "--set 'program.regions=[\"US\", \"Japan\"]'"));
  EXPECT_EQ(fabcast({"show", "altman-7t", "--set", "program.regions=[\"US\", \"Japan\"]"}).code, 0);
  const auto numbers = fabcast({"show", "altman-7t", "--set", "compute.thresholds_flop=1e25,1e27"});
  EXPECT_EQ(numbers.code, 2);
  EXPECT_THAT(numbers.err, HasSubstr("--set 'compute.thresholds_flop=[1e25, 1e27]'"));
  EXPECT_EQ(fabcast({"show", "altman-7t", "--set", "compute.thresholds_flop=[1e25, 1e27]"}).code, 0);
  // A number key's message stays as it was: no list syntax where no list is expected.
  EXPECT_THAT(fabcast({"show", "altman-7t", "--set", "program.budget_usd=US"}).err,
              ::testing::Not(HasSubstr("in brackets")));
}

// Names given short: a key without its table, an output without its unit.
TEST(Cli, NamesGivenShortGetASuggestion) {
  const auto key = fabcast({"show", "altman-7t", "--set", "budget_usd=1e12"});
  EXPECT_EQ(key.code, 2);
  EXPECT_THAT(key.err, HasSubstr("budget_usd: unknown key; did you mean 'program.budget_usd'?"));
  EXPECT_THAT(fabcast({"show", "altman-7t", "--set", "build_months=30"}).err,
              HasSubstr("did you mean 'regions.*.build_months'?"));
  const auto output = fabcast(
      {"run", "status-quo", "--no-store", "-q", "--seed", "1", "--target-rel-error", "0.1", "--target-output", "npv"});
  EXPECT_EQ(output.code, 2);
  EXPECT_THAT(output.err, HasSubstr("no scalar output named 'npv' to judge the target error by; did you mean "
                                    "'npv_usd'?"));
}

}  // namespace
}  // namespace fabcast::cli

namespace fabcast::cli {
namespace {

// The run summary prints money as money, says per what a price is, and labels the per-quarter
// series of its year-end table as what it is.
TEST(Cli, TheSummaryPrintsMoneyWithUnitsAndPerQuarterSeriesAsSuch) {
  const auto r = fabcast({"run", "altman-7t", "-n", "200", "--seed", "1", "--no-store", "-q"});
  ASSERT_EQ(r.code, 0) << r.err;
  for (const char* label : {"committed", "NPV", "cost per good wafer", "break-even price per accelerator",
                            "cost of money waiting", "tax paid"}) {
    // The label, then four money cells ("$6.991T", "-$2.68T", "$43,220"); no 4.666e11.
    EXPECT_THAT(r.out, ::testing::ContainsRegex(std::string("\n") + label +
                                                " +-?\\$[0-9.,]+[MBT]? +-?\\$[0-9.,]+[MBT]? +-?\\$[0-9.,]+[MBT]? "
                                                "+-?\\$[0-9.,]+[MBT]?\n"))
        << label;
  }
  EXPECT_THAT(r.out, ::testing::Not(HasSubstr("(USD)")));
  EXPECT_THAT(r.out, ::testing::ContainsRegex("committed by the end of 2030 +\\$[0-9.]+[BT] \\[\\$"));
  EXPECT_THAT(r.out, HasSubstr("accelerators made in Q4"));
  EXPECT_THAT(r.out, HasSubstr("key series at year end (the year's last quarter)"));
  EXPECT_THAT(r.out, ::testing::ContainsRegex("\n2030 .* \\$[0-9.]+[BT] \\[\\$[0-9.]+[BT], \\$[0-9.]+[BT]\\]\n"));
  // status-quo sells wafers: its break-even price is per wafer.
  const auto wafers = fabcast({"run", "status-quo", "-n", "100", "--seed", "1", "--no-store", "-q"});
  ASSERT_EQ(wafers.code, 0) << wafers.err;
  EXPECT_THAT(wafers.out, HasSubstr("\nbreak-even price per wafer "));
  // A yearly run's accelerators are those of the year.
  const auto yearly = fabcast({"run", "altman-7t", "-n", "50", "--seed", "1", "--no-store", "-q", "--set",
                               "run.step=\"year\"", "--set", "run.start=2025", "--set", "run.end=2040"});
  ASSERT_EQ(yearly.code, 0) << yearly.err;
  EXPECT_THAT(yearly.out, HasSubstr("accelerators made in the year"));
}

}  // namespace
}  // namespace fabcast::cli

namespace fabcast::cli {
namespace {

// The words of a command line as a shell splits them (double quotes only, as the README uses).
std::vector<std::string> shell_words(const std::string& line) {
  std::vector<std::string> words;
  std::string word;
  bool quoted = false, any = false;
  for (const char ch : line) {
    if (ch == '"') {
      quoted = !quoted;
      any = true;
    } else if (ch == ' ' && !quoted) {
      if (any) words.push_back(word);
      word.clear();
      any = false;
    } else {
      word += ch;
      any = true;
    }
  }
  if (any) words.push_back(word);
  return words;
}

// The README's example output is what its command prints now: the block between its GENERATED
// SAMPLE markers is the command line and its output (scripts/gen-docs.sh rewrites it); this fails
// when the output changed and the README was not regenerated.
TEST(Docs, TheReadmeExampleIsWhatItsCommandPrints) {
  std::ifstream in(std::string(FABCAST_SOURCE_DIR) + "/README.md");
  std::stringstream text;
  text << in.rdbuf();
  const std::string readme = text.str();
  const auto begin = readme.find("<!-- BEGIN GENERATED SAMPLE");
  const auto end = readme.find("<!-- END GENERATED SAMPLE -->");
  ASSERT_NE(begin, std::string::npos);
  ASSERT_NE(end, std::string::npos);
  const std::string block = readme.substr(begin, end - begin);
  const std::string fence = "```sh\n$ ./build/fabcast ";
  const auto command_at = block.find(fence);
  ASSERT_NE(command_at, std::string::npos) << block;
  const auto command_end = block.find('\n', command_at + fence.size());
  const auto args = shell_words(block.substr(command_at + fence.size(), command_end - command_at - fence.size()));
  ASSERT_FALSE(args.empty());
  const auto r = fabcast(args);
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(block.substr(command_end + 1), r.out + "```\n") << "run scripts/gen-docs.sh to update README.md";
}

}  // namespace
}  // namespace fabcast::cli
