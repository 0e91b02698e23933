// "Did you mean": edit distance, the closest plausible typo, and a name given short.

#include "core/text_distance.hpp"

#include <gtest/gtest.h>

#include <string_view>
#include <vector>

namespace fabcast::core {
namespace {

TEST(EditDistance, CountsInsertionsDeletionsAndSubstitutions) {
  EXPECT_EQ(edit_distance("kitten", "sitting"), 3u);
  EXPECT_EQ(edit_distance("", "abc"), 3u);
  EXPECT_EQ(edit_distance("abc", "abc"), 0u);
}

TEST(ClosestMatch, FindsATypo) {
  const std::vector<std::string_view> names = {"npv_usd", "irr", "committed_usd"};
  EXPECT_EQ(closest_match("comitted_usd", names), "committed_usd");
  EXPECT_EQ(closest_match("banana", names), "");
}

// Beyond a typo's distance: the one candidate that extends the word after '_' or before '.'.
TEST(ClosestMatch, FindsANameGivenShort) {
  const std::vector<std::string_view> outputs = {"npv_usd", "irr", "committed_usd", "modules_operating_logic",
                                                 "modules_operating_memory"};
  EXPECT_EQ(closest_match("npv", outputs), "npv_usd");
  EXPECT_EQ(closest_match("modules", outputs), "");  // two extend it: no guess
  EXPECT_EQ(closest_match("usd", outputs), "");      // a suffix after '_' is not a name given short
  const std::vector<std::string_view> keys = {"program.budget_usd", "program.start", "world.euv_tools"};
  EXPECT_EQ(closest_match("budget_usd", keys), "program.budget_usd");
  EXPECT_EQ(closest_match("get_usd", keys), "");  // only whole parts
}

}  // namespace
}  // namespace fabcast::core
