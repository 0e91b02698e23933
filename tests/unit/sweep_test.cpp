// Sweeps: the grid a --vary argument names, and the property that makes a sweep worth reading:
// every point is the run `fabcast run --set KEY=VALUE` would give with the same seed (common random
// numbers), whatever the thread count.

#include "analysis/sweep.hpp"
#include "analysis/seek.hpp"
#include "analysis/sensitivity.hpp"
#include "analysis/study.hpp"
#include "core/errors.hpp"
#include "model/fab_model.hpp"
#include "scenario/loader.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace fabcast::analysis {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

std::string error_of(const std::string& text) {
  try {
    parse_sweep_axis(text);
  } catch (const InputError& e) {
    return e.what();
  }
  return "no error";
}

TEST(SweepAxis, ListsAndRanges) {
  EXPECT_THAT(parse_sweep_axis("program.market_role=entrant,incumbent").values, ElementsAre("entrant", "incumbent"));
  const auto lin = parse_sweep_axis("program.risk_premium=0..0.04:5");
  EXPECT_EQ(lin.key, "program.risk_premium");
  EXPECT_THAT(lin.values, ElementsAre("0", "0.01", "0.02", "0.03", "0.04"));
  // Geometric: 1e9 x 10^(i/2), rounded to 12 significant digits (no 9999999999.999998).
  EXPECT_THAT(parse_sweep_axis("program.budget_usd=1e9..1e11:5:log").values,
              ElementsAre("1000000000", "3162277660.17", "10000000000", "31622776601.7", "100000000000"));
  // A range may run downwards.
  EXPECT_THAT(parse_sweep_axis("k=2..1:3").values, ElementsAre("2", "1.5", "1"));
}

TEST(SweepAxis, BadAxesNameWhatIsWrong) {
  EXPECT_THAT(error_of("program.budget_usd"), HasSubstr("expects KEY=VALUES"));
  EXPECT_THAT(error_of("=1,2"), HasSubstr("expects KEY=VALUES"));
  EXPECT_THAT(error_of("k="), HasSubstr("no values after '='"));
  EXPECT_THAT(error_of("k=1,,2"), HasSubstr("an empty value"));
  EXPECT_THAT(error_of("k=1..2"), HasSubstr("LO..HI:N"));
  EXPECT_THAT(error_of("k=1..2:4:lin"), HasSubstr("LO..HI:N"));
  EXPECT_THAT(error_of("k=1..2:1"), HasSubstr("whole number from 2 to 10000"));
  EXPECT_THAT(error_of("k=1..2:2.5"), HasSubstr("whole number"));
  EXPECT_THAT(error_of("k=1..2:20000"), HasSubstr("whole number"));
  EXPECT_THAT(error_of("k=x..2:3"), HasSubstr("low end must be a number, got 'x'"));
  EXPECT_THAT(error_of("k=1..inf:3"), HasSubstr("high end must be a number"));
  EXPECT_THAT(error_of("k=0..2:3:log"), HasSubstr("above 0"));
}

SweepRequest budget_sweep(unsigned threads) {
  SweepRequest rq;
  rq.scenario = "altman-7t";
  rq.axes = {parse_sweep_axis("program.budget_usd=0.25e12,1e12,4e12")};
  rq.outputs = {"committed_usd", "accelerators_total", "irr"};
  rq.options.seed = 11;
  rq.options.threads = threads;
  rq.options.stop.samples = 400;
  return rq;
}

// Each point is the run with the key set, the same seed and samples: its quantiles equal that
// run's exactly (not within noise).
TEST(Sweep, EachPointIsTheRunWithTheKeySet) {
  const auto rq = budget_sweep(1);
  const auto sweep = run_sweep(rq);
  ASSERT_EQ(sweep.points.size(), 3u);
  for (std::size_t p = 0; p < 3; ++p) {
    const auto sc = scenario::load_scenario("altman-7t", {{"program.budget_usd=" + rq.axes[0].values[p]}});
    const model::FabModel model(sc);
    core::InputDesign design(model.inputs(), model.correlation(), core::SamplingMethod::monte_carlo, 11);
    const auto direct = core::run(model, design, rq.options);
    const auto& committed = direct.scalar("committed_usd");
    EXPECT_EQ(sweep.points[p].cells[0].quantiles, committed.quantiles) << p;
    EXPECT_EQ(sweep.points[p].cells[0].mean, committed.moments.mean) << p;
    EXPECT_EQ(sweep.points[p].cells[1].quantiles, direct.scalar("accelerators_total").quantiles) << p;
    // IRR: the quantiles of the samples where it is defined, and the share defined.
    const auto& irr = direct.scalar("irr");
    EXPECT_EQ(sweep.points[p].cells[2].share_finite, 1 - static_cast<double>(irr.infinite_count()) / 400) << p;
  }
}

TEST(Sweep, ResultsDoNotDependOnTheThreadCount) {
  EXPECT_EQ(sweep_json(run_sweep(budget_sweep(1))).dump(), sweep_json(run_sweep(budget_sweep(2))).dump());
}

// The first use of a sweep: a small budget is committed whole (capital binds in every sample);
// more money commits more, up to what the program can absorb, and something else binds there.
TEST(Sweep, CommittedMoneyFollowsTheBudgetUntilSomethingElseBinds) {
  const auto sweep = run_sweep(budget_sweep(1));
  const auto& small = sweep.points[0].cells[0].quantiles;
  // Within the rounding of money summed over the steps.
  EXPECT_NEAR(small[0], 0.25e12, 1e-11 * 0.25e12);  // p5
  EXPECT_NEAR(small[4], 0.25e12, 1e-11 * 0.25e12);  // p95
  EXPECT_EQ(sweep.points[0].most_binding, "capital");
  for (std::size_t p = 1; p < 3; ++p) {
    for (std::size_t q = 0; q < 5; ++q) {
      const double before = sweep.points[p - 1].cells[0].quantiles[q];
      EXPECT_GE(sweep.points[p].cells[0].quantiles[q], before * (1 - 1e-11)) << p << " " << q;
    }
  }
  EXPECT_NE(sweep.points[2].most_binding, "capital");
}

TEST(Sweep, TwoKeysMakeAGridFirstKeyOutermost) {
  auto rq = budget_sweep(1);
  rq.axes.push_back(parse_sweep_axis("program.market_role=entrant,incumbent"));
  rq.outputs = {"committed_usd"};
  rq.options.stop.samples = 50;
  const auto sweep = run_sweep(rq);
  ASSERT_EQ(sweep.points.size(), 6u);
  // A list's values as written.
  EXPECT_THAT(sweep.points[0].values, ElementsAre("0.25e12", "entrant"));
  EXPECT_THAT(sweep.points[1].values, ElementsAre("0.25e12", "incumbent"));
  EXPECT_THAT(sweep.points[5].values, ElementsAre("4e12", "incumbent"));
  const auto csv = sweep_csv(sweep);
  EXPECT_THAT(csv, HasSubstr("program.budget_usd,program.market_role,output,p5,p25,p50,p75,p95,mean,share_finite,"
                             "most_binding\n0.25e12,entrant,committed_usd,"));
}

TEST(Sweep, BadRequestsAreRefused) {
  auto error = [](SweepRequest rq) -> std::string {
    try {
      run_sweep(rq);
    } catch (const InputError& e) {
      return e.what();
    }
    return "no error";
  };
  auto rq = budget_sweep(1);
  rq.outputs = {"comitted_usd"};
  EXPECT_THAT(error(rq), HasSubstr("did you mean 'committed_usd'"));
  rq = budget_sweep(1);
  rq.axes.push_back(rq.axes[0]);
  EXPECT_THAT(error(rq), HasSubstr("names program.budget_usd twice"));
  rq = budget_sweep(1);
  rq.axes = {parse_sweep_axis("program.budget_usd=1e12,lots")};
  EXPECT_THAT(error(rq), HasSubstr("lots"));
  rq = budget_sweep(1);
  rq.axes = {parse_sweep_axis("program.budget=1e12")};
  EXPECT_THAT(error(rq), HasSubstr("program.budget"));
  rq = budget_sweep(1);
  rq.axes = {parse_sweep_axis("a=1..2:200"), parse_sweep_axis("b=1..2:200")};
  EXPECT_THAT(error(rq), HasSubstr("40000 points; at most 10000"));
}

}  // namespace
}  // namespace fabcast::analysis

namespace fabcast::analysis {
namespace {

// SERIES@YEAR is the series at the end of YEAR, kept sample by sample: installed_flops@2035 is
// exactly the scalar installed_flops_2035 the model reports, in a sweep and in Sobol indices.
TEST(SeriesAtYear, IsTheSeriesAtTheEndOfTheYear) {
  auto rq = budget_sweep(2);
  rq.outputs = {"installed_flops@2035", "installed_flops_2035"};
  const auto sweep = run_sweep(rq);
  for (const auto& p : sweep.points) {
    EXPECT_EQ(p.cells[0].quantiles, p.cells[1].quantiles);  // the same values
    // The engine sums a scalar's moments chunk by chunk; a kept cell's are summed in order.
    EXPECT_NEAR(p.cells[0].mean, p.cells[1].mean, 1e-12 * p.cells[1].mean);
  }
  SensitivityRequest s;
  s.scenario = "altman-7t";
  s.outputs = {"installed_flops@2035", "installed_flops_2035"};
  s.seed = 2;
  s.samples = 128;
  s.target_half_width = 0;
  s.bootstrap = 20;
  const auto r = run_sensitivity(s);
  ASSERT_EQ(r.sobol->outputs.size(), 2u);
  for (std::size_t g = 0; g < r.groups.size(); ++g) {
    EXPECT_EQ(r.sobol->outputs[0].groups[g].total.value, r.sobol->outputs[1].groups[g].total.value);
    EXPECT_EQ(r.sobol->outputs[0].groups[g].first.lo, r.sobol->outputs[1].groups[g].first.lo);
  }
  s.method = SensitivityMethod::rank;
  s.samples = 200;
  const auto k = run_sensitivity(s);
  EXPECT_EQ(k.rank[0].inputs[0].spearman, k.rank[1].inputs[0].spearman);
}

TEST(SeriesAtYear, RangesExpandAndBadNamesAreRefused) {
  EXPECT_EQ(
      expand_outputs({"npv_usd", "installed_flops@2030..2032"}),
      (std::vector<std::string>{"npv_usd", "installed_flops@2030", "installed_flops@2031", "installed_flops@2032"}));
  EXPECT_THROW(expand_outputs({"installed_flops@2032..2030"}), InputError);
  auto error = [](const std::string& output) -> std::string {
    try {
      check_scalar_outputs({"altman-7t", ""}, {}, {output});
    } catch (const InputError& e) {
      return e.what();
    }
    return "no error";
  };
  EXPECT_THAT(error("installed_flop@2030"), HasSubstr("did you mean 'installed_flops'"));
  EXPECT_THAT(error("installed_flops@2100"), HasSubstr("a year the run covers (2025 to 2045)"));
  EXPECT_THAT(error("installed_flops@20x0"), HasSubstr("expected SERIES@YEAR"));
  EXPECT_EQ(error("installed_flops@2045"), "no error");
  EXPECT_EQ(parse_seek_target("P(installed_flops@2032 >= 1e23) >= 0.5").output, "installed_flops@2032");
}

}  // namespace
}  // namespace fabcast::analysis
