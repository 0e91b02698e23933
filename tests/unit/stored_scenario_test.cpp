// A stored scenario read back as rows: every key of the resolved scenario, in order, with its value
// as written, its unit and its origin, as scenario::to_toml wrote them.

#include "report/stored_scenario.hpp"

#include "data/library.hpp"
#include "scenario/loader.hpp"
#include "scenario/writer.hpp"

#include <gtest/gtest.h>

#include <map>

namespace fabcast::report {
namespace {

TEST(StoredInputs, ReadBackEveryKeyWithItsValueUnitAndOrigin) {
  const auto& lib = data::Library::builtin();
  const auto sc = scenario::load_scenario(
      "altman-7t", {{"program.budget_usd=5e12", "description=\"a \\\"quoted\\\" description  # not a comment\""}});
  const auto inputs = stored_inputs(scenario::to_toml(sc, lib));
  // Every setting once (to_toml groups them by table, so the order is the file's).
  ASSERT_EQ(inputs.size(), sc.settings().size());
  std::map<std::string, StoredInput> by_key;
  for (const auto& in : inputs) by_key[in.key] = in;
  ASSERT_EQ(by_key.size(), inputs.size());
  for (const auto& s : sc.settings()) {
    ASSERT_TRUE(by_key.contains(s.key)) << s.key;
    EXPECT_EQ(by_key[s.key].origin, scenario::describe_origin(s, lib)) << s.key;
    const std::string unit = s.spec && s.spec->unit != "1" ? std::string(s.spec->unit) : "";
    EXPECT_EQ(by_key[s.key].unit, unit) << s.key;
  }
  auto find = [&](const std::string& key) {
    for (const auto& in : inputs) {
      if (in.key == key) return in;
    }
    ADD_FAILURE() << key;
    return StoredInput{};
  };
  EXPECT_EQ(find("program.budget_usd").value, "5e12");
  EXPECT_EQ(find("program.budget_usd").unit, "USD");
  EXPECT_EQ(find("program.budget_usd").origin, "--set program.budget_usd=5e12");
  EXPECT_EQ(find("program.discount_rate").value, "0.06 to 0.1");  // a distribution, as written
  EXPECT_EQ(find("description").value, "a \"quoted\" description  # not a comment");
  EXPECT_EQ(find("regions.US.build_months").unit, "months");
  EXPECT_FALSE(stored_sells_wafers(scenario::to_toml(sc, lib)));
  EXPECT_TRUE(stored_sells_wafers(scenario::to_toml(scenario::load_scenario("status-quo"), lib)));
}

}  // namespace
}  // namespace fabcast::report
