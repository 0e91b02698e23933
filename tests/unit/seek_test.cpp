// Goal seek: the target language, the statistics and their intervals against textbook values, and
// the search against an oracle: direct runs, with the same seed, on either side of its answer.

#include "analysis/seek.hpp"
#include "core/errors.hpp"
#include "model/fab_model.hpp"
#include "scenario/loader.hpp"

#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <numeric>

namespace fabcast::analysis {
namespace {

using ::testing::HasSubstr;
using Stat = SeekTarget::Statistic;

std::string target_error(const std::string& text) {
  try {
    parse_seek_target(text);
  } catch (const InputError& e) {
    return e.what();
  }
  return "no error";
}

TEST(SeekTarget, ParsesEachForm) {
  const auto p = parse_seek_target("P(installed_flops_2035 >= 1e24) >= 0.8");
  EXPECT_EQ(p.statistic, Stat::probability);
  EXPECT_EQ(p.output, "installed_flops_2035");
  EXPECT_EQ(p.event, Compare::at_least);
  EXPECT_EQ(p.threshold, 1e24);
  EXPECT_EQ(p.goal_compare, Compare::at_least);
  EXPECT_EQ(p.goal, 0.8);
  const auto q = parse_seek_target(" p95( logic_target_year )<2032 ");
  EXPECT_EQ(q.statistic, Stat::quantile);
  EXPECT_EQ(q.level, 0.95);
  EXPECT_EQ(q.goal_compare, Compare::below);
  EXPECT_EQ(q.goal, 2032);
  EXPECT_EQ(parse_seek_target("median(npv_usd) > -1T").goal, -1e12);
  EXPECT_EQ(parse_seek_target("median(npv_usd) > -1T").level, 0.5);
  EXPECT_EQ(parse_seek_target("P(irr > 8%) <= 50%").goal, 0.5);
  EXPECT_EQ(parse_seek_target("P(irr > 8%) <= 50%").threshold, 0.08);
  EXPECT_EQ(parse_seek_target("mean(committed_usd) >= 2.5T").statistic, Stat::mean);
}

TEST(SeekTarget, BadTargetsNameTheForms) {
  EXPECT_THAT(target_error("installed_flops_2035 >= 1e24"), HasSubstr("expected P(OUTPUT >= X) >= P"));
  EXPECT_THAT(target_error("P(installed_flops_2035 = 1e24) >= 0.8"), HasSubstr("expected"));
  EXPECT_THAT(target_error("P(x >= lots) >= 0.8"), HasSubstr("the threshold must be a number"));
  EXPECT_THAT(target_error("P(x >= 1) >= 80"), HasSubstr("the probability must be from 0 to 1"));
  EXPECT_THAT(target_error("p100(x) >= 1"), HasSubstr("between 0 and 100"));
  EXPECT_THAT(target_error("p0(x) >= 1"), HasSubstr("between 0 and 100"));
  EXPECT_THAT(target_error("mean(x) >= "), HasSubstr("expected"));
}

// Wilson (1927) intervals as tabulated (Newcombe 1998, Table I): 80 of 100 -> [0.7112, 0.8666];
// 0 of 10 -> [0, 0.2775].
TEST(SeekEstimate, ProbabilityHasTheWilsonInterval) {
  std::vector<double> values(100, 0.0);
  std::fill(values.begin(), values.begin() + 80, 1.0);
  const auto t = parse_seek_target("P(x >= 1) >= 0.8");
  const auto e = seek_estimate(t, values);
  EXPECT_DOUBLE_EQ(e.value, 0.8);
  EXPECT_NEAR(e.lo, 0.7112, 5e-5);
  EXPECT_NEAR(e.hi, 0.8666, 5e-5);
  const auto none = seek_estimate(t, std::vector<double>(10, 0.0));
  EXPECT_EQ(none.value, 0);
  EXPECT_EQ(none.lo, 0);
  EXPECT_NEAR(none.hi, 0.2775, 5e-5);
  // "Never" (+inf) counts as above any threshold and below none.
  std::vector<double> years = {2030, 2031, INFINITY, INFINITY};
  EXPECT_EQ(seek_statistic(parse_seek_target("P(y <= 2031) >= 0.5"), years), 0.5);
  EXPECT_EQ(seek_statistic(parse_seek_target("P(y > 2030) >= 0.5"), years), 0.75);
}

// The median of 1..100 is 50.5 (type 7); its large-sample distribution-free 95 % interval is
// [X(41), X(60)] (Conover 1999, section 3.2: ranks 50 -+ 1.96 x 5 = 40.2, 59.8, rounded up).
TEST(SeekEstimate, QuantileHasTheOrderStatisticInterval) {
  std::vector<double> values(100);
  std::iota(values.rbegin(), values.rend(), 1.0);  // unsorted on purpose
  const auto e = seek_estimate(parse_seek_target("median(x) >= 0"), values);
  EXPECT_EQ(e.value, 50.5);
  EXPECT_EQ(e.lo, 41);
  EXPECT_EQ(e.hi, 60);
  const auto p95 = seek_estimate(parse_seek_target("p95(x) >= 0"), values);
  EXPECT_DOUBLE_EQ(p95.value, 95.05);
  EXPECT_EQ(p95.lo, 91);   // ceil(95 - 1.96 x 2.179) = 91
  EXPECT_EQ(p95.hi, 100);  // ceil(99.27) = 100
}

TEST(SeekEstimate, MeanHasTheNormalInterval) {
  const std::vector<double> values = {1, 2, 3, 4, 5};  // mean 3, sd sqrt(2.5), se sqrt(0.5)
  const auto e = seek_estimate(parse_seek_target("mean(x) >= 0"), values);
  EXPECT_DOUBLE_EQ(e.value, 3);
  EXPECT_NEAR(e.hi - e.value, 1.959964 * std::sqrt(0.5), 1e-6);
  EXPECT_NEAR(e.value - e.lo, 1.959964 * std::sqrt(0.5), 1e-6);
}

TEST(SeekPath, MonotonicityAndStretchesMet) {
  auto pt = [](double v, double s, bool met) { return SeekPoint{v, s, met, "capital"}; };
  // Flat steps do not break monotonicity; the order run does not matter.
  const auto up = path_shape({pt(3, 0.9, true), pt(1, 0.1, false), pt(2, 0.1, false), pt(4, 0.95, true)}, "k");
  EXPECT_TRUE(up.monotone);
  EXPECT_EQ(up.met_stretches, 1u);
  const auto bump = path_shape({pt(1, 0.1, false), pt(2, 0.9, true), pt(3, 0.5, false), pt(4, 0.85, true)}, "k");
  EXPECT_FALSE(bump.monotone);
  EXPECT_EQ(bump.note, "the statistic rose up to 0.9 at k = 2, then fell to 0.5 at 3");
  EXPECT_EQ(bump.met_stretches, 2u);
}

SeekRequest budget_seek(const std::string& target, unsigned threads = 1) {
  SeekRequest rq;
  rq.scenario = "altman-7t";
  rq.key = "program.budget_usd";
  rq.lo = 0.25e12;
  rq.hi = 4e12;
  rq.target = parse_seek_target(target);
  rq.tolerance = 1e-2;
  rq.options.seed = 5;
  rq.options.threads = threads;
  rq.options.stop.samples = 400;
  rq.verify_seed = 6;
  return rq;
}

// The statistic of a direct run of the scenario with the key set: the oracle.
double direct(const SeekRequest& rq, double value) {
  const auto sc = scenario::load_scenario(rq.scenario, {{rq.key + "=" + fmt::format("{}", value)}});
  const model::FabModel model(sc);
  core::InputDesign design(model.inputs(), model.correlation(), core::SamplingMethod::monte_carlo, rq.options.seed);
  auto options = rq.options;
  options.keep_values = true;
  return seek_statistic(rq.target, core::run(model, design, options).scalar(rq.target.output).values);
}

// While capital binds, the committed money is the budget: the smallest budget whose median
// commitment reaches $1.2T is $1.2T, found within the tolerance (1 % of the range).
TEST(Seek, FindsTheBudgetWhereCapitalStillBinds) {
  const auto r = run_seek(budget_seek("p50(committed_usd) >= 1.2e12"));
  ASSERT_TRUE(r.found);
  EXPECT_GE(r.answer.value, 1.2e12 * (1 - 1e-11));
  EXPECT_LE(r.answer.value, 1.2e12 + 0.01 * (4e12 - 0.25e12));
  ASSERT_TRUE(r.neighbour);
  EXPECT_LT(r.neighbour->value, 1.2e12);
  EXPECT_TRUE(r.monotone);
  EXPECT_EQ(r.answer.most_binding, "capital");
  // Within the bracket's width of the grid: 5 points, then bisection to 1 % of the range.
  EXPECT_LE(r.path.size(), 5u + 7u);
}

// A probability target, checked against direct runs on either side of the answer; and NPV falls
// with the budget, so the largest budget keeping the median NPV above -$1T is the answer.
TEST(Seek, AnswersAgreeWithDirectRunsOnEitherSide) {
  const auto p = budget_seek("P(accelerators_total >= 1e8) >= 0.6");
  const auto rp = run_seek(p);
  ASSERT_TRUE(rp.found);
  ASSERT_TRUE(rp.neighbour);
  EXPECT_GE(direct(p, rp.answer.value), 0.6);
  EXPECT_LT(direct(p, rp.neighbour->value), 0.6);
  EXPECT_LE(rp.answer.value - rp.neighbour->value, 0.01 * (4e12 - 0.25e12) * 1.0000001);
  EXPECT_GT(rp.answer.value, rp.neighbour->value);
  EXPECT_TRUE(rp.verified_run);
  EXPECT_GT(rp.verified.hi, rp.verified.lo);

  auto n = budget_seek("median(npv_usd) >= -1e12");
  n.largest = true;
  const auto rn = run_seek(n);
  ASSERT_TRUE(rn.found);
  ASSERT_TRUE(rn.neighbour);
  EXPECT_GT(rn.neighbour->value, rn.answer.value);  // beyond the answer: not met
  EXPECT_GE(direct(n, rn.answer.value), -1e12);
  EXPECT_LT(direct(n, rn.neighbour->value), -1e12);
}

TEST(Seek, OutOfReachSaysSoWithTheBestReached) {
  const auto r = run_seek(budget_seek("p5(committed_usd) >= 5e12"));
  EXPECT_FALSE(r.found);
  EXPECT_FALSE(r.verified_run);
  EXPECT_EQ(r.answer.value, 4e12);  // the most money commits the most
  EXPECT_EQ(r.path.size(), 5u);     // the grid alone
  EXPECT_THAT(seek_table(r), HasSubstr("Out of reach in this range: the best reached is"));
}

TEST(Seek, MetAtTheRangeEndIsFlagged) {
  const auto r = run_seek(budget_seek("p50(committed_usd) >= 1e11"));
  ASSERT_TRUE(r.found);
  EXPECT_TRUE(r.at_range_end);
  EXPECT_EQ(r.answer.value, 0.25e12);
  EXPECT_THAT(seek_table(r), HasSubstr("met already at the range's low end"));
}

TEST(Seek, ResultsDoNotDependOnTheThreadCount) {
  const auto one = seek_json(run_seek(budget_seek("P(accelerators_total >= 1e8) >= 0.6", 1))).dump();
  const auto two = seek_json(run_seek(budget_seek("P(accelerators_total >= 1e8) >= 0.6", 2))).dump();
  EXPECT_EQ(one, two);
}

TEST(Seek, BadRequestsAreRefused) {
  auto error = [](const SeekRequest& rq) -> std::string {
    try {
      run_seek(rq);
    } catch (const InputError& e) {
      return e.what();
    }
    return "no error";
  };
  auto rq = budget_seek("P(acelerators_total >= 1e8) >= 0.6");
  EXPECT_THAT(error(rq), HasSubstr("did you mean 'accelerators_total'"));
  rq = budget_seek("P(accelerators_total >= 1e8) >= 0.6");
  rq.lo = 5e12;
  EXPECT_THAT(error(rq), HasSubstr("LO must be below HI"));
  rq = budget_seek("P(accelerators_total >= 1e8) >= 0.6");
  rq.lo = 0;
  rq.log = true;
  EXPECT_THAT(error(rq), HasSubstr("above 0"));
  rq = budget_seek("P(accelerators_total >= 1e8) >= 0.6");
  rq.key = "program.budget";
  EXPECT_THAT(error(rq), HasSubstr("program.budget"));
}

}  // namespace
}  // namespace fabcast::analysis
