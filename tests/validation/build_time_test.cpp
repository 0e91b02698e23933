// Validation against history: how long a single leading-edge logic module takes from
// groundbreaking to first output. Sources: TSMC Arizona fab 1, April 2021 to volume production in
// Q4 2024, 43 months (Tom's Hardware; C.C. Wei, January 2025): the US median must lie within 36-48
// months. Exyte (February 2025): 19 months from permit to production in Taiwan: the Taiwan median
// must lie within 18-30 months.

#include "core/runner.hpp"
#include "model/fab_model.hpp"
#include "scenario/loader.hpp"

#include <gtest/gtest.h>

#include <algorithm>

namespace fabcast::model {
namespace {

// Months from the program's first start to its first operating logic module, one module only.
std::vector<double> months_to_first_output(const std::string& region) {
  const auto sc = scenario::load_scenario(
      "altman-7t", {{"program.regions=[\"" + region + "\"]", "program.allocation=logic_only",
                     "program.target_logic_modules=1", "run.outputs=[\"modules_operating_logic\", \"modules_started_logic\"]"}});
  const FabModel model(sc);
  core::InputDesign design(model.inputs(), std::nullopt, core::SamplingMethod::monte_carlo, 2024);
  std::vector<double> in(model.inputs().size()), scalars, series(2 * model.steps());
  auto worker = model.make_worker();
  std::vector<double> months;
  for (std::uint64_t i = 0; i < 4000; ++i) {
    design.draw(i, in);
    core::SampleOutputs out{scalars, series, model.steps()};
    worker->run({2024, i}, in, out);
    const auto& names = model.schema().series;
    auto column = [&](const char* name) {
      return series.data() + (std::find(names.begin(), names.end(), name) - names.begin()) * static_cast<std::ptrdiff_t>(model.steps());
    };
    const double* started = column("modules_started_logic");
    const double* operating = column("modules_operating_logic");
    const auto s = std::find_if(started, started + model.steps(), [](double v) { return v > 0; }) - started;
    const auto o = std::find_if(operating, operating + model.steps(), [](double v) { return v > 0; }) - operating;
    if (static_cast<std::size_t>(s) < model.steps() && static_cast<std::size_t>(o) < model.steps()) {
      months.push_back(static_cast<double>(o - s) * model.step_years() * 12);
    }
  }
  return months;
}

double median(std::vector<double> v) {
  std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(v.size() / 2), v.end());
  return v[v.size() / 2];
}

// The median build time of `region` must lie in [lo, hi] months; it is recorded in the test XML.
void expect_median_months(const std::string& region, double lo, double hi) {
  const auto months = months_to_first_output(region);
  ASSERT_GT(months.size(), 1000u) << region;
  const double m = median(months);
  EXPECT_GE(m, lo) << region;
  EXPECT_LE(m, hi) << region;
  ::testing::Test::RecordProperty(region + "_median_months", std::to_string(m));
}

TEST(Validation, UsModuleBuildTimeMatchesTsmcArizona) { expect_median_months("US", 36, 48); }

TEST(Validation, TaiwanModuleBuildTimeMatchesExyte) { expect_median_months("Taiwan", 18, 30); }

}  // namespace
}  // namespace fabcast::model
