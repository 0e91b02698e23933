// Claims files: parsing with file:line:column errors, data checks against the library's values and
// ranges computed here, model checks against the statistic counted by hand, and the verdict rules.

#include "analysis/claims.hpp"
#include "analysis/study.hpp"
#include "core/errors.hpp"
#include "data/library.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

namespace fabcast::analysis {
namespace {

using ::testing::HasSubstr;

std::string error_of(const std::string& text) {
  try {
    parse_claims(text, "mine.toml");
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

const std::string HEAD = R"(title = "t"
scenario = "altman-7t"
[[claims]]
id = "a"
text = "x"
by = "y"
date = "2024"
source = "wsj-2024-altman"
)";

TEST(Claims, TheShippedFileParsesAndEveryClaimHasASourceAndAJudgedCheck) {
  const auto file = load_claims("altman-7t-2024");
  EXPECT_EQ(file.scenario, "altman-7t");
  ASSERT_GE(file.claims.size(), 11U);
  for (const auto& c : file.claims) {
    EXPECT_FALSE(c.sources.empty()) << c.id;
    EXPECT_TRUE(std::any_of(c.checks.begin(), c.checks.end(), [](const Check& k) { return k.holds_if || k.fails_if; }))
        << c.id << " has no check with a rule";
  }
}

TEST(Claims, ADataCheckSpansEveryCornerOfItsInputsRanges) {
  const auto file = parse_claims(HEAD + R"toml(
  [[claims.checks]]
  data = "7e12 / (comparators.market_cap_alphabet_usd + comparators.market_cap_amazon_usd + comparators.market_cap_tesla_usd)"
  holds_if = "> 1"
)toml",
                                 "mine.toml");
  const auto result = check_claims(file, {});
  const auto& lib = data::Library::builtin();
  const auto* a = lib.find("comparators.market_cap_alphabet_usd");
  const auto* b = lib.find("comparators.market_cap_amazon_usd");
  const auto* t = lib.find("comparators.market_cap_tesla_usd");
  const auto& r = result.claims[0].checks[0];
  EXPECT_DOUBLE_EQ(r.value, 7e12 / (*a->central + *b->central + *t->central));
  // The ratio falls as each market value rises: its low end at the highs, its high end at the lows.
  EXPECT_DOUBLE_EQ(r.lo, 7e12 / (*a->high + *b->high + *t->central));
  EXPECT_DOUBLE_EQ(r.hi, 7e12 / (*a->low + *b->low + *t->central));
  EXPECT_EQ(r.verdict, Verdict::holds);
}

TEST(Claims, AModelCheckIsTheShareOfSamplesWithItsWilsonInterval) {
  const auto file = parse_claims(HEAD + R"toml(
  [[claims.checks]]
  model = "P(modules_operating_2035 >= 24)"
  holds_if = ">= 0.5"
  fails_if = "< 0.2"
)toml",
                                 "mine.toml");
  ClaimsRequest rq;
  rq.options.seed = 11;
  rq.options.stop.samples = 400;
  rq.options.threads = 2;
  const auto result = check_claims(file, rq);
  // The same run, counted here.
  auto options = rq.options;
  options.keep_values = true;
  const auto run = run_point({"altman-7t", ""}, {}, {"modules_operating_2035"}, options, rq.sampling);
  const auto& values = run.scalar("modules_operating_2035").values;
  const double n = static_cast<double>(values.size());
  const double p =
      static_cast<double>(std::count_if(values.begin(), values.end(), [](double v) { return v >= 24; })) / n;
  const auto& r = result.claims[0].checks[0];
  EXPECT_DOUBLE_EQ(r.value, p);
  const double z = 1.959963984540054, centre = (p + z * z / (2 * n)) / (1 + z * z / n);
  const double half = z / (1 + z * z / n) * std::sqrt(p * (1 - p) / n + z * z / (4 * n * n));
  EXPECT_NEAR(r.lo, centre - half, 1e-9);
  EXPECT_NEAR(r.hi, centre + half, 1e-9);
  EXPECT_EQ(r.samples, 400U);
  EXPECT_EQ(r.scenario, "altman-7t");
}

TEST(Claims, ARuleJudgesTheWholeInterval) {
  const Condition above{Compare::above, 1, "> 1"}, at_most{Compare::at_most, 1, "<= 1"};
  EXPECT_EQ(judge(above, at_most, 1.1, 1.3), Verdict::holds);
  EXPECT_EQ(judge(above, at_most, 0.8, 1.0), Verdict::fails);
  EXPECT_EQ(judge(above, at_most, 0.9, 1.2), Verdict::uncertain);  // straddles the line
  EXPECT_EQ(judge(std::nullopt, std::nullopt, 0.9, 1.2), Verdict::context);
  EXPECT_EQ(judge(above, std::nullopt, 0.5, 0.6), Verdict::uncertain);  // no fails_if: never fails
  EXPECT_EQ(judge(above, at_most, NAN, NAN), Verdict::uncertain);
}

TEST(Claims, AClaimFailsIfAnyCheckFailsAndHoldsOnlyIfEveryJudgedOneHolds) {
  EXPECT_EQ(combine({Verdict::holds, Verdict::context}), Verdict::holds);
  EXPECT_EQ(combine({Verdict::holds, Verdict::uncertain}), Verdict::uncertain);
  EXPECT_EQ(combine({Verdict::holds, Verdict::fails, Verdict::uncertain}), Verdict::fails);
  EXPECT_EQ(combine({Verdict::context}), Verdict::context);
}

TEST(Claims, BadFilesAreRefusedNamingFileLineColumnAndKey) {
  // An unknown key, with a did-you-mean.
  EXPECT_THAT(error_of(HEAD + "sources = \"x\"\n"), HasSubstr("mine.toml:9:1: claims[1].sources: unknown key; did you "
                                                              "mean 'claims[1].source'?"));
  // A data key the library lacks: the column of the name inside the expression.
  EXPECT_THAT(error_of(HEAD + "  [[claims.checks]]\n  data = \"7e12 / comparators.us_federal_outlays_usd\"\n"),
              HasSubstr("mine.toml:10:18: claims[1].checks[1].data: 'comparators.us_federal_outlays_usd' is not a "
                        "reference-data value; did you mean 'comparators.us_federal_outlays_fy2023_usd'?"));
  EXPECT_THAT(error_of(HEAD + "  [[claims.checks]]\n  data = \"7e12 / (1 + \"\n"),
              HasSubstr("mine.toml:10:24: claims[1].checks[1].data: the expression does not parse: Unexpected end"));
  EXPECT_THAT(error_of(HEAD + "  [[claims.checks]]\n  model = \"P(npv_usd >> 0)\"\n"),
              HasSubstr("claims[1].checks[1].model: the measure \"P(npv_usd >> 0)\": expected"));
  EXPECT_THAT(error_of(HEAD + "  [[claims.checks]]\n  data = \"1\"\n  model = \"mean(npv_usd)\"\n"),
              HasSubstr("has both data and model"));
  EXPECT_THAT(error_of(HEAD + "  [[claims.checks]]\n  data = \"1\"\n  holds_if = \"more than 1\"\n"),
              HasSubstr("mine.toml:11:14: claims[1].checks[1].holds_if: found \"more than 1\"; expected a comparison"));
  EXPECT_THAT(error_of("title = \"t\"\n[[claims]]\nid = \"a\"\n"), HasSubstr("claims[1].text: missing"));
  EXPECT_THAT(error_of("title = \"t\"\n[[claims]]\nid = \"a\"\n"), HasSubstr("claims[1].source: missing"));
  EXPECT_THAT(error_of("title = \"t\n"), HasSubstr("mine.toml:1:"));
  EXPECT_THAT(error_of(HEAD + "source = \"wsj-2024-altmann\"\n"), HasSubstr("source"));
  // Every problem is reported at once.
  EXPECT_THAT(error_of("title = 3\nclaims = 1\n"), HasSubstr("2 problems in the claims file"));
}

TEST(Claims, AnOutputTheScenarioCannotRecordIsRefusedBeforeAnythingRuns) {
  const auto file = parse_claims(HEAD + "  [[claims.checks]]\n  model = \"P(npv >= 0)\"\n", "mine.toml");
  try {
    check_claims(file, {});
    FAIL() << "expected an InputError";
  } catch (const InputError& e) {
    EXPECT_THAT(std::string(e.what()), HasSubstr("mine.toml:9:3: model:"));
    EXPECT_THAT(std::string(e.what()), HasSubstr("npv_usd"));
  }
}

TEST(Claims, AShippedNameThatDoesNotExistSuggestsOne) {
  EXPECT_THROW(load_claims("altman-7t-2025"), InputError);
  try {
    load_claims("altman-7t-2025");
  } catch (const InputError& e) {
    EXPECT_THAT(std::string(e.what()), HasSubstr("did you mean 'altman-7t-2024'?"));
  }
}

}  // namespace
}  // namespace fabcast::analysis
