// Study reports: what a sweep, a seek and a sensitivity study put in their Documents (charts and
// tables), from hand-built results, and the bar charts drawn as SVG and Vega-Lite.

#include "report/study_report.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace fabcast::report {
namespace {

using ::testing::HasSubstr;

analysis::SweepResult two_key_sweep() {
  analysis::SweepResult r;
  r.scenario = "altman-7t";
  r.seed = 3;
  r.samples = 100;
  r.axes = {{"program.budget_usd", {"1e11", "1e12", "1e13"}}, {"program.hold_starts_for_power", {"true", "false"}}};
  r.outputs = {"committed_usd"};
  for (int i = 0; i < 3; ++i) {
    for (int j = 0; j < 2; ++j) {
      analysis::SweepPoint p;
      p.values = {r.axes[0].values[static_cast<std::size_t>(i)], r.axes[1].values[static_cast<std::size_t>(j)]};
      const double v = std::pow(10.0, 11 + i) * (j ? 0.9 : 1.0);
      analysis::SweepCell c;
      c.quantiles = {0.5 * v, 0.8 * v, v, 1.1 * v, 1.2 * v};
      c.mean = v;
      p.cells = {c};
      p.most_binding = i < 2 ? "capital" : "datacentres";
      r.points.push_back(p);
    }
  }
  return r;
}

TEST(StudyReport, SweepCurvesOneFanPerValueOfTheSecondKey) {
  const auto d = sweep_document(two_key_sweep());
  ASSERT_EQ(d.charts.size(), 1u);
  const auto& c = std::get<Chart>(d.charts[0]);
  EXPECT_EQ(c.x_title, "program.budget_usd");
  EXPECT_TRUE(c.log_x);  // two decades
  EXPECT_EQ(c.time, (std::vector<double>{1e11, 1e12, 1e13}));
  ASSERT_EQ(c.fans.size(), 2u);
  EXPECT_EQ(c.fans[1].label, "hold_starts_for_power = false");
  EXPECT_DOUBLE_EQ(*c.fans[1].p50[2], 0.9e13);
  EXPECT_DOUBLE_EQ(*c.fans[0].p95[1], 1.2e12);
  // The table: values as numbers read, what binds.
  const auto& table = d.sections_after_charts.at(0);
  EXPECT_EQ(table.rows.size(), 6u);
  EXPECT_EQ(table.rows[4].cells[0], "1e13");
  EXPECT_EQ(table.rows[4].cells.back(), "datacentres");
  const auto md = markdown_document(d, "x_charts");
  EXPECT_THAT(md.markdown, HasSubstr("![committed_usd against program.budget_usd](x_charts/sweep-committed_usd.svg)"));
  ASSERT_EQ(md.files.size(), 1u);
  EXPECT_THAT(md.files[0].second, HasSubstr("hold_starts_for_power = false"));
  EXPECT_THAT(html_document(d), HasSubstr("\"id\":\"chart-sweep-committed_usd\""));
  // Dollars on both axes: a swept budget and money committed read $1T, not 1T or 1e12.
  EXPECT_EQ(c.x_unit, Unit::usd);
  EXPECT_EQ(c.y_unit, Unit::usd);
  const auto spec = vega_lite_spec(c);
  EXPECT_TRUE(spec["layer"][0]["encoding"]["x"]["axis"].contains("labelExpr"));
  EXPECT_TRUE(spec["layer"][0]["encoding"]["y"]["axis"].contains("labelExpr"));
  EXPECT_THAT(md.files[0].second, HasSubstr(">$1T</text>"));  // an x tick at the middle point
}

TEST(StudyReport, AWordKeyHasATableButNoCurve) {
  auto r = two_key_sweep();
  std::swap(r.axes[0], r.axes[1]);
  EXPECT_TRUE(sweep_document(r).charts.empty());
}

TEST(StudyReport, SeekShowsTheSearchTheGoalAndTheVerdict) {
  analysis::SeekResult r;
  r.request.scenario = "altman-7t";
  r.request.key = "program.budget_usd";
  r.request.lo = 1e11;
  r.request.hi = 8e12;
  r.request.log = true;
  r.request.target = analysis::parse_seek_target("P(installed_flops_2035 >= 2e23) >= 0.8");
  r.request.verify_seed = 77;
  r.samples = 1000;
  r.path = {{1e11, 0, false, "capital"},
            {8e12, 0.95, true, "datacentres"},
            {1.6e12, 0.801, true, "capital"},
            {1.5e12, 0.79, false, "capital"}};
  r.found = true;
  r.answer = r.path[2];
  r.neighbour = r.path[3];
  r.verified = {0.8, 0.79, 0.81};
  r.verified_run = true;
  const auto d = seek_document(r);
  const auto& c = std::get<Chart>(d.charts.at(0));
  EXPECT_EQ(c.time, (std::vector<double>{1e11, 1.5e12, 1.6e12, 8e12}));  // sorted by value
  EXPECT_EQ(*c.y_rule, 0.8);
  EXPECT_EQ(c.y_title, "P(installed_flops_2035 >= 2e23) ");
  const auto& answer = d.sections_before_charts.at(0);
  EXPECT_EQ(answer.intro, "**program.budget_usd = 1.6e12**");
  EXPECT_THAT(answer.rows.at(3).cells[1], HasSubstr("at the target within sampling noise"));
  EXPECT_THAT(svg_chart(c), HasSubstr("stroke-dasharray=\"6 4\""));
  // The budget in dollars, the probability in percent.
  EXPECT_EQ(c.x_unit, Unit::usd);
  EXPECT_EQ(c.y_unit, Unit::share);
  EXPECT_THAT(svg_chart(c), HasSubstr(">80%</text>"));
}

TEST(StudyReport, SobolBarsSortedByTotalWithIntervals) {
  analysis::SensitivityResult r;
  r.request.scenario = "altman-7t";
  r.input_names = {"a.x", "b.y", "b.z"};
  r.groups = {{"a", {0}}, {"b", {1, 2}}};
  analysis::SobolResult s;
  s.base_samples = 100;
  s.model_runs = 400;
  s.groups = r.groups;
  analysis::SobolOutput o;
  o.name = "npv_usd";
  o.variance = 4;
  o.groups = {{{0.1, 0.05, 0.15}, {0.2, 0.15, 0.25}}, {{0.6, 0.5, 0.7}, {0.8, 0.7, 0.9}}};
  s.outputs = {o};
  r.sobol = s;
  const auto d = sensitivity_document(r);
  const auto& c = std::get<BarChart>(d.charts.at(0));
  EXPECT_EQ(c.labels, (std::vector<std::string>{"b", "a"}));
  EXPECT_EQ(c.series.at(1).name, "ST (total)");
  EXPECT_EQ(c.series[1].value, (std::vector<double>{0.8, 0.2}));
  EXPECT_EQ(c.series[0].hi, (std::vector<double>{0.7, 0.15}));
  const auto svg = svg_chart(c);
  // Two bars and two whiskers a row, two rows; a legend swatch per series.
  std::size_t rects = 0, lines = 0;
  for (std::size_t i = 0; (i = svg.find("<rect", i)) != std::string::npos; ++i) ++rects;
  for (std::size_t i = 0; (i = svg.find("<line", i)) != std::string::npos; ++i) ++lines;
  EXPECT_EQ(rects, 2u * 2u + 2u + 2u);  // bars, legend swatches, background and frame
  EXPECT_GE(lines, 4u);                 // whiskers (and tick lines)
  const auto spec = vega_lite_spec(c);
  EXPECT_EQ(spec.at("layer").size(), 2u);  // bars and interval rules
  EXPECT_EQ(spec.at("data").at("values").size(), 4u);
  EXPECT_EQ(d.sections_after_charts.at(0).rows.at(0).cells.at(0), "b");
}

TEST(StudyReport, TornadoRunsFromLowToHighAroundTheCentre) {
  analysis::SensitivityResult r;
  r.request.scenario = "altman-7t";
  r.request.method = analysis::SensitivityMethod::rank;
  analysis::RankResult o;
  o.output = "committed_usd";
  o.centre = 7e12;
  o.r2 = 0.84;
  o.inputs = {{"compute.datacentre_gw_per_year_max", 0.83, 0.83, 3.9e12, 7e12}, {"other", 0.1, 0.1, 6.9e12, 7e12}};
  r.rank = {o};
  const auto d = sensitivity_document(r);
  const auto& c = std::get<BarChart>(d.charts.at(0));
  EXPECT_TRUE(c.range);
  EXPECT_EQ(*c.reference, 7e12);
  EXPECT_EQ(c.series.at(0).lo, (std::vector<double>{3.9e12, 6.9e12}));
  EXPECT_EQ(vega_lite_spec(c).at("layer").size(), 2u);  // range bars and the centre line
  // The output is money: its axis reads in dollars in both renderers.
  EXPECT_TRUE(vega_lite_spec(c)["layer"][0]["encoding"]["x"]["axis"].contains("labelExpr"));
  EXPECT_THAT(svg_chart(c), ::testing::MatchesRegex(".*>\\$[0-9.]+T</text>.*"));
}

}  // namespace
}  // namespace fabcast::report
