// Scenario files: the bad corpus with its exact messages, layering and provenance, overrides,
// and the TOML round trip of `fabcast show`.

#include "scenario/loader.hpp"

#include "core/expression.hpp"
#include "report/run_job.hpp"
#include "scenario/writer.hpp"

#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace fabcast::scenario {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;

const fs::path BAD_DIR = fs::path(FABCAST_SOURCE_DIR) / "tests/scenarios/bad";

std::string read(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// What `fabcast validate` reports: loading, then every check a run makes before it starts.
std::vector<std::string> problems_of(const std::string& path) {
  try {
    report::check_runnable(load_scenario(path));
  } catch (const ScenarioError& e) {
    std::vector<std::string> out;
    for (auto p : e.problems()) {
      for (auto pos = p.find(BAD_DIR.string() + "/"); pos != std::string::npos; pos = p.find(BAD_DIR.string() + "/")) {
        p.erase(pos, BAD_DIR.string().size() + 1);
      }
      out.push_back(p);
    }
    return out;
  }
  return {};
}

TEST(BadCorpus, EveryFileIsRejectedWithExactlyItsExpectedMessages) {
  int files = 0;
  for (const auto& entry : fs::directory_iterator(BAD_DIR)) {
    if (entry.path().extension() != ".toml" || !entry.is_regular_file()) continue;  // a_directory.toml is a test input
    ++files;
    std::vector<std::string> expected;
    std::istringstream lines(read(entry.path()));
    for (std::string line; std::getline(lines, line);) {
      if (line.starts_with("# expect: ")) expected.push_back(line.substr(10));
    }
    ASSERT_FALSE(expected.empty()) << entry.path() << " states no expected message";
    EXPECT_EQ(problems_of(entry.path().string()), expected) << entry.path();
  }
  EXPECT_GE(files, 38);
}

// A chain of extends is read recursively: past MAX_EXTENDS_DEPTH files it is refused where it
// goes too deep (20,000 files once overflowed the stack).
TEST(Extends, AChainDeeperThanTheLimitIsRefusedWhereItGoesTooDeep) {
  const fs::path dir = fs::temp_directory_path() / "fabcast-extends-chain";
  fs::remove_all(dir);
  fs::create_directories(dir);
  const int files = static_cast<int>(MAX_EXTENDS_DEPTH) + 10;
  for (int i = 0; i < files; ++i) {
    std::ofstream(dir / fmt::format("c{}.toml", i))
        << (i + 1 < files ? fmt::format("extends = \"c{}.toml\"\n", i + 1) : "");
  }
  EXPECT_NO_THROW(
      (void)load_scenario((dir / fmt::format("c{}.toml", files - static_cast<int>(MAX_EXTENDS_DEPTH))).string()));
  try {
    (void)load_scenario((dir / "c0.toml").string());
    FAIL();
  } catch (const ScenarioError& e) {
    ASSERT_EQ(e.problems().size(), 1u);
    EXPECT_THAT(
        e.problems()[0],
        HasSubstr(fmt::format("c{}.toml:1:11: extends: the chain of extends is 65 files deep at '{}'; "
                              "it may be at most 64",
                              MAX_EXTENDS_DEPTH - 1, (dir / fmt::format("c{}.toml", MAX_EXTENDS_DEPTH)).string())));
  }
  fs::remove_all(dir);
}

TEST(Shipped, EveryShippedScenarioLoads) {
  const auto shipped = shipped_scenarios();
  ASSERT_FALSE(shipped.empty());
  for (const auto& [name, description] : shipped) {
    EXPECT_NO_THROW((void)load_scenario(name)) << name;
    EXPECT_FALSE(description.empty()) << name << " has no description";
  }
}

TEST(Layering, DataDefaultsCarryTheirEntryAndSources) {
  const auto sc = load_scenario("altman-7t");
  const auto* s = sc.find("regions.US.build_months");
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->origin.layer, Origin::Layer::data);
  EXPECT_EQ(s->origin.data_key, "regions.US.build_months");
  EXPECT_EQ(s->origin.at.file, "data/regions.toml");
  EXPECT_EQ(sc.dist("regions.US.build_months"), core::Distribution::to(34, 54));
  const auto* entry = data::Library::builtin().find(s->origin.data_key);
  ASSERT_NE(entry, nullptr);
  EXPECT_THAT(entry->sources, ::testing::Contains("tsmc-arizona-2025"));
  // A wildcard entry supplies a region-independent default.
  EXPECT_EQ(sc.find("regions.Gulf.trainee_cost_usd")->origin.data_key, "regions.*.trainee_cost_usd");
  EXPECT_EQ(sc.data_version(), data::Library::builtin().version());
}

TEST(Layering, AStarTableSetsTheKeyOfEveryRegionAndARegionsOwnKeyOverridesIt) {
  // [regions."*"] in a scenario applies to every region, as --set regions.*.x does; it was once
  // stored under the pattern itself and read by no region.
  const auto sc = load_scenario_text(
      "extends = \"altman-7t\"\n[regions.\"*\"]\ntrainees_per_year_max = 0\n"
      "[regions.US]\ntrainees_per_year_max = 100\n",
      "star.toml");
  EXPECT_EQ(sc.dist("regions.Taiwan.trainees_per_year_max"), core::Distribution::fixed(0));
  EXPECT_EQ(sc.dist("regions.China.trainees_per_year_max"), core::Distribution::fixed(0));
  EXPECT_EQ(sc.dist("regions.US.trainees_per_year_max"), core::Distribution::fixed(100));
  EXPECT_EQ(sc.find("regions.*.trainees_per_year_max"), nullptr);
  EXPECT_EQ(sc.find("regions.Taiwan.trainees_per_year_max")->origin.layer, Origin::Layer::scenario);
}

TEST(Layering, ExtendsThenFileThenOverrides) {
  const auto path = fs::temp_directory_path() / "fabcast_child.toml";
  std::ofstream(path) << "extends = \"altman-7t\"\nname = \"child\"\n[program]\nbudget_usd = \"5e12 to 7e12\"\n"
                         "regions_exclude = [\"Gulf\"]\n[regions.Mars]\nlike = \"US\"\nbuild_months = 70\n";
  const auto sc = load_scenario(path.string(), {{"program.drawdown_years=8", "regions.US.build_months=30 to 50"}});
  EXPECT_EQ(sc.name(), "child");
  EXPECT_EQ(sc.chain(), (std::vector<std::string>{"scenarios/altman-7t.toml", path.string()}));
  EXPECT_EQ(sc.dist("program.budget_usd"), core::Distribution::to(5e12, 7e12));
  EXPECT_EQ(sc.find("program.budget_usd")->origin.at.file, path.string());
  EXPECT_EQ(sc.find("program.allocation")->origin.at.file, "scenarios/altman-7t.toml");  // from the base
  EXPECT_EQ(sc.dist("program.drawdown_years"), core::Distribution::fixed(8));
  EXPECT_EQ(sc.find("program.drawdown_years")->origin.layer, Origin::Layer::override_);
  EXPECT_EQ(sc.dist("regions.US.build_months"), core::Distribution::to(30, 50));
  // The new region copied US (before the override) and set its own build time.
  EXPECT_EQ(sc.dist("regions.Mars.capex_mult"), sc.dist("regions.US.capex_mult"));
  EXPECT_EQ(sc.dist("regions.Mars.build_months"), core::Distribution::fixed(70));
  EXPECT_THAT(sc.names_in("regions"), ::testing::Contains("Mars"));
  EXPECT_EQ(sc.active_regions(), (std::vector<std::string>{"Taiwan", "US", "Japan", "Korea", "Europe"}));
  fs::remove(path);
}

TEST(Overrides, BadKeysAndValuesAreReportedWithTheFlag) {
  try {
    (void)load_scenario("altman-7t", {{"program.budjet_usd=1", "regions.US.subsidy_share=2", "nonsense"}});
    FAIL();
  } catch (const ScenarioError& e) {
    EXPECT_THAT(e.problems(),
                ::testing::ElementsAre(
                    "--set program.budjet_usd=1: program.budjet_usd: unknown key; did you mean 'program.budget_usd'?",
                    "--set regions.US.subsidy_share=2: regions.US.subsidy_share: found 2; expected a number or "
                    "distribution in [0, 1] (a share)",
                    "--set nonsense: expected KEY=VALUE, such as program.budget_usd=5e12"));
  }
}

TEST(InlineTables, EqualTheirExpressionForms) {
  const auto sc = load_scenario_text(
      "[regions.US]\nbuild_months = { dist = \"pert\", min = 30, mode = 40, max = 60 }\n"
      "capex_mult = { p5 = 1.2, p95 = 1.6 }\nworkers_2025 = { dist = \"normal\", mean = 1e4, sd = 2e3, lo = 0 }\n",
      "inline.toml");
  EXPECT_EQ(sc.dist("regions.US.build_months"), core::parse_distribution("pert(30, 40, 60)"));
  EXPECT_EQ(sc.dist("regions.US.capex_mult"), core::parse_distribution("1.2 to 1.6"));
  EXPECT_EQ(sc.dist("regions.US.workers_2025"), core::parse_distribution("truncate(normal(1e4, 2e3), 0, inf)"));
}

TEST(Show, TomlOutputLoadsBackToTheSameScenario) {
  const auto& lib = data::Library::builtin();
  const auto original = load_scenario("altman-7t", {{"regions.US.build_months=truncate(normal(40, 5), 0, inf)"}});
  const auto text = to_toml(original, lib);
  const auto reloaded = load_scenario_text(text, "resolved.toml");
  ASSERT_EQ(reloaded.settings().size(), original.settings().size());
  for (std::size_t i = 0; i < original.settings().size(); ++i) {
    EXPECT_EQ(reloaded.settings()[i].key, original.settings()[i].key);
    EXPECT_EQ(reloaded.settings()[i].value, original.settings()[i].value) << original.settings()[i].key;
  }
  EXPECT_EQ(to_toml(reloaded, lib).substr(text.find("\n[")).size() > 0, true);
}

TEST(Show, TableAndJsonNameEverySourceOfData) {
  const auto& lib = data::Library::builtin();
  const auto sc = load_scenario("altman-7t");
  const auto table = to_table(sc, lib);
  EXPECT_THAT(table, HasSubstr("regions.US.build_months"));
  EXPECT_THAT(table, HasSubstr("data: Tom's Hardware; C.C. Wei on TSMC's January 2025 earnings call (2025-01)"));
  EXPECT_THAT(to_json(sc, lib), HasSubstr("\"data_key\": \"regions.US.build_months\""));
}

TEST(Schema, EveryDataKeyHasAnEntryWithTheSameUnit) {
  EXPECT_THAT(check_library_against_schema(data::Library::builtin()), ::testing::IsEmpty());
}

TEST(Period, ParsesQuartersAndYears) {
  EXPECT_EQ(parse_period("2025Q3")->quarter, 3);
  EXPECT_EQ(parse_period("2031")->year, 2031);
  EXPECT_EQ(parse_period("2031")->quarter, 0);
  EXPECT_FALSE(parse_period("2025Q5"));
  EXPECT_FALSE(parse_period("25Q1"));
  EXPECT_FALSE(parse_period("2025-01"));
}

}  // namespace
}  // namespace fabcast::scenario
