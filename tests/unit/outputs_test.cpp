// The output table read back by name: every output a run records finds its row and unit.

#include "model/outputs.hpp"

#include "cli/cli.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <sstream>

namespace fabcast::model {
namespace {

TEST(FindOutput, NamesResolveToTheirRowAndUnit) {
  EXPECT_EQ(output_unit("committed_usd", false), "USD");
  EXPECT_EQ(output_unit("modules_operating_2030", false), "modules");    // the scalar, not the series family
  EXPECT_EQ(output_unit("binding_steps_euv_drawdown", false), "steps");  // not binding_{}
  EXPECT_EQ(output_unit("binding_euv", false), "0/1");
  EXPECT_EQ(output_unit("first_year_run_exceeds_1e27", false), "year");
  EXPECT_EQ(output_unit("logic_modules_TSMC", false), "modules");
  EXPECT_EQ(output_unit("cost_per_good_wafer_usd", false), "USD/wafer");
  EXPECT_EQ(output_unit("breakeven_price_usd", false), "USD/accelerator");
  EXPECT_EQ(output_unit("breakeven_price_usd", true), "USD/wafer");
  EXPECT_EQ(output_unit("no_such_output", false), "");
  EXPECT_TRUE(is_money("USD/year"));
  EXPECT_FALSE(is_money("share"));
}

TEST(FindOutput, EveryOutputARunRecordsHasARow) {
  std::ostringstream out, err;
  ASSERT_EQ(
      cli::run_cli({"run", "altman-7t", "-n", "10", "--seed", "1", "--format", "json", "--no-store", "-q"}, out, err),
      0)
      << err.str();
  const auto json = nlohmann::json::parse(out.str());
  for (const char* part : {"series", "scalars"}) {
    for (const auto& [name, value] : json[part].items()) {
      const auto* def = find_output(name);
      ASSERT_NE(def, nullptr) << name;
      EXPECT_EQ(def->series, std::string(part) == "series") << name;
    }
  }
}

}  // namespace
}  // namespace fabcast::model
