// The reference-data library: the shipped one validates, lookups fall back to wildcards, and a
// malformed library is rejected with the entry and what is wrong.

#include "data/library.hpp"

#include "core/errors.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace fabcast::data {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

TEST(Library, ShippedLibraryHasASourceUnitAndYearForEveryValue) {
  const auto& lib = Library::builtin();
  EXPECT_THAT(lib.validate(), ::testing::IsEmpty());
  EXPECT_FALSE(lib.version().empty());
  EXPECT_GT(lib.entries().size(), 150u);
  for (const auto& e : lib.entries()) {
    EXPECT_FALSE(e.sources.empty()) << e.key;
    EXPECT_GE(e.year, 1900) << e.key;
    if (std::holds_alternative<core::Distribution>(e.value)) {
      EXPECT_FALSE(e.unit.empty()) << e.key;
    }
  }
}

TEST(Library, FindFallsBackToTheWildcardEntry) {
  const auto& lib = Library::builtin();
  EXPECT_EQ(lib.find("regions.US.trainee_cost_usd")->key, "regions.*.trainee_cost_usd");
  EXPECT_EQ(lib.find("nodes.A14.slip_quarters")->key, "nodes.A14.slip_quarters");  // its own wins
  EXPECT_EQ(lib.find("nodes.N2.slip_quarters")->key, "nodes.*.slip_quarters");
  EXPECT_EQ(lib.find("no.such.key"), nullptr);
  EXPECT_THAT(lib.names_under("regions"), ElementsAre("China", "Europe", "Gulf", "Japan", "Korea", "Taiwan", "US"));
}

TEST(Library, SeedFactsMatchTheirPublications) {
  const auto& lib = Library::builtin();
  auto fixed = [&](const char* key) { return std::get<core::Distribution>(lib.find(key)->value).params()[0]; };
  EXPECT_EQ(fixed("program.budget_usd"), 7e12);                             // WSJ, Feb 2024
  EXPECT_EQ(fixed("comparators.us_federal_outlays_fy2023_usd"), 6.134e12);  // Treasury MTS, Sep 2023
  EXPECT_EQ(fixed("world.leading_edge_wspm_2024"), 850000);                 // SEMI, Jun 2025
  EXPECT_EQ(fixed("world.leading_edge_wspm_2028"), 1.4e6);
  const double caps = fixed("comparators.market_cap_alphabet_usd") + fixed("comparators.market_cap_amazon_usd") +
                      fixed("comparators.market_cap_meta_usd") + fixed("comparators.market_cap_tesla_usd");
  EXPECT_NEAR(caps, 5.45e12, 0.1e12);  // "sum about $5.4-5.5T", below $7T
}

std::map<std::string, std::string> files(const std::string& topic) {
  return {{"d/library.toml", "version = \"test\"\nfiles = [\"t.toml\"]\n"},
          {"d/sources.toml", "[src]\ntitle = \"A report\"\npublisher = \"Someone\"\ndate = \"2024\"\n"},
          {"d/t.toml", topic}};
}

TEST(Library, ValidateNamesEveryMissingOrInconsistentField) {
  const auto lib = Library::parse(
      files("[a.no_source]\ndist = 1\ncentral = 1\nunit = \"x\"\nyear = 2024\n"
            "[a.bad_range]\ndist = \"1 to 2\"\ncentral = 1.4\nlow = 1\nhigh = 3\nrange = \"p5-p95\"\n"
            "unit = \"x\"\nyear = 2024\nsource = \"src\"\n"
            "[a.no_year]\ndist = 5\ncentral = 5\nunit = \"x\"\nsource = \"nobody\"\n"
            "[a.outside]\ndist = \"uniform(1, 2)\"\ncentral = 3\nlow = 1\nhigh = 2\nrange = \"low-high\"\n"
            "unit = \"x\"\nyear = 2024\nsource = \"src\"\n"),
      "d");
  EXPECT_THAT(
      lib.validate(),
      ElementsAre("d/t.toml:6:1: a.bad_range: its distribution 1 to 2 puts the p5-p95 range at [1, 2], not [1, 3]",
                  "d/t.toml:1:1: a.no_source: has no source", "d/t.toml:15:1: a.no_year: cites unknown source 'nobody'",
                  "d/t.toml:15:1: a.no_year: has no year (the year the value describes)",
                  "d/t.toml:20:1: a.outside: central 3 lies outside [1, 2]"));
}

TEST(Library, MalformedFilesAreRejectedWithPositions) {
  try {
    (void)Library::parse(files("[a.x]\ndist = \"normal(1)\"\nunits = \"x\"\n"), "d");
    FAIL();
  } catch (const InputError& e) {
    EXPECT_THAT(e.what(), HasSubstr("d/t.toml:2:9: a.x: in \"normal(1)\": normal takes (mean, sd), got 1 argument"));
    EXPECT_THAT(e.what(), HasSubstr("d/t.toml:3:1: a.x: unknown field 'units' (did you mean 'unit'?)"));
    EXPECT_THAT(e.what(), HasSubstr("a.x: has no unit"));
  }
}

}  // namespace
}  // namespace fabcast::data
