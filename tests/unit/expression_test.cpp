#include "core/expression.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>

namespace fabcast::core {
namespace {

TEST(ParseNumber, ReadsSuffixesSignsAndSeparators) {
  EXPECT_EQ(parse_number("7e12"), 7e12);
  EXPECT_EQ(parse_number("2.5B"), 2.5e9);
  EXPECT_EQ(parse_number("250k"), 250e3);
  EXPECT_EQ(parse_number("3M"), 3e6);
  EXPECT_EQ(parse_number("7T"), 7e12);
  EXPECT_EQ(parse_number("15%"), 0.15);
  EXPECT_EQ(parse_number("-3e-4"), -3e-4);
  EXPECT_EQ(parse_number("1_000_000"), 1e6);
  EXPECT_EQ(parse_number(".5"), 0.5);
  EXPECT_EQ(parse_number("inf"), Distribution::INF);
  EXPECT_EQ(parse_number("10x"), std::nullopt);
  EXPECT_EQ(parse_number("1e"), std::nullopt);
  EXPECT_EQ(parse_number(""), std::nullopt);
  EXPECT_EQ(parse_number("1 2"), std::nullopt);
}

TEST(ParseDistribution, ReadsEveryFamily) {
  EXPECT_EQ(parse_distribution("7e12"), Distribution::fixed(7e12));
  EXPECT_EQ(parse_distribution("  -2.5B "), Distribution::fixed(-2.5e9));
  EXPECT_EQ(parse_distribution("10e9 to 25e9"), Distribution::to(10e9, 25e9));
  EXPECT_EQ(parse_distribution("10B to 25B"), Distribution::to(10e9, 25e9));
  EXPECT_EQ(parse_distribution("normal(10, 2)"), Distribution::normal(10, 2));
  EXPECT_EQ(parse_distribution("lognormal(23, 0.3)"), Distribution::lognormal(23, 0.3));
  EXPECT_EQ(parse_distribution("uniform(1, 3)"), Distribution::uniform(1, 3));
  EXPECT_EQ(parse_distribution("loguniform(1, 100)"), Distribution::loguniform(1, 100));
  EXPECT_EQ(parse_distribution("triangular(1, 2, 5)"), Distribution::triangular(1, 2, 5));
  EXPECT_EQ(parse_distribution("pert(1, 2, 5)"), Distribution::pert(1, 2, 5));
  EXPECT_EQ(parse_distribution("pert(1, 2, 5, 6)"), Distribution::pert(1, 2, 5, 6));
  EXPECT_EQ(parse_distribution("beta(2, 5)"), Distribution::beta(2, 5));
  EXPECT_EQ(parse_distribution("beta(2, 5, 10, 20)"), Distribution::beta(2, 5, 10, 20));
  EXPECT_EQ(parse_distribution("choice(1: 0.2, 2: 0.8)"), Distribution::choice({1, 2}, {0.2, 0.8}));
  EXPECT_EQ(parse_distribution("discrete(1, 2)"), Distribution::choice({1, 2}, {1, 1}));
  EXPECT_EQ(parse_distribution("empirical(3, 5, 8)"), Distribution::empirical({3, 5, 8}));
  EXPECT_EQ(parse_distribution("truncate(normal(0, 1), 0, inf)"),
            Distribution::normal(0, 1).truncated(0, Distribution::INF));
  EXPECT_EQ(parse_distribution("truncate(1 to 10, -inf, 5)"), Distribution::to(1, 10).truncated(-Distribution::INF, 5));
  EXPECT_EQ(parse_distribution("uniform(5%, 15%)"), Distribution::uniform(0.05, 0.15));
}

struct BadCase {
  const char* text;
  std::size_t column;
  const char* detail;
};

class BadExpressions : public ::testing::TestWithParam<BadCase> {};

TEST_P(BadExpressions, NameTheColumnAndWhatWasExpected) {
  const auto& c = GetParam();
  try {
    (void)parse_distribution(c.text);
    FAIL() << "accepted: " << c.text;
  } catch (const ExpressionError& e) {
    EXPECT_EQ(e.column(), c.column) << c.text;
    EXPECT_EQ(e.detail(), c.detail) << c.text;
  }
}

INSTANTIATE_TEST_SUITE_P(
    Corpus, BadExpressions,
    ::testing::Values(
        BadCase{"10e9 to", 8, "expected a number after 'to', found end of input"},
        BadCase{"10e9 to x", 9, "expected a number after 'to', found 'x'"},
        BadCase{"", 1, "expected a number or a distribution such as 'normal(10, 2)', found end of input"},
        BadCase{"25e9 to 10e9", 1, "'a to b' needs a < b, got 2.5e10 to 1e10"},
        BadCase{"normal(1)", 1, "normal takes (mean, sd), got 1 argument"},
        BadCase{"normal(1, -2)", 1, "normal: sd must be > 0, got -2"},
        BadCase{
            "nromal(1, 2)", 1,
            "unknown distribution 'nromal' (did you mean 'normal'?); expected one of: a number (2.5B, 15%), "
            "'a to b', normal, lognormal, uniform, loguniform, triangular, pert, beta, choice, empirical, truncate"},
        BadCase{"uniform(3, 1)", 1, "uniform: needs min < max, got (3, 1)"},
        BadCase{"uniform(1, 3", 13, "expected ',' or ')' in the arguments of 'uniform', found end of input"},
        BadCase{"uniform(1 3)", 11, "expected ',' or ')' in the arguments of 'uniform', found number '3'"},
        BadCase{"10Q", 1, "unexpected 'Q' in a number (suffixes are k, M, B, T and %)"},
        BadCase{"1e+", 1, "expected digits after the exponent 'e'"},
        BadCase{"normal(1, 2) x", 14, "unexpected 'x' after the expression"},
        BadCase{"normal(0, 1) to 5", 14, "'to' needs a plain number on its left, as in '10 to 20'"},
        BadCase{"pert(1, 2)", 1, "pert takes (min, mode, max[, lambda]), got 2 arguments"},
        BadCase{"choice(1: 0.5, 2)", 16, "give every value a weight ('value: weight') or none (equal weights)"},
        BadCase{"normal(1: 2, 3)", 8, "'value: weight' pairs belong in choice(), not 'normal'"},
        BadCase{"truncate(normal(0, 1), 5, 2)", 1, "truncate: needs lo < hi, got (5, 2)"},
        BadCase{"uniform(1, normal(0, 1))", 12, "expected a number as an argument of 'uniform'"},
        BadCase{"10 $", 4, "unexpected character '$'"}, BadCase{"normal", 7, "expected '(' after 'normal'"},
        // Hardening: the end at fault, draws beyond a double, characters and columns in UTF-8.
        BadCase{"1 to inf", 6, "'a to b' needs a finite b, got b = inf"},
        BadCase{"-1 to 5", 1, "'a to b' needs 0 < a < b, got a = -1"},
        BadCase{
            "1 to 1e308", 1,
            "1 to 1e308 can draw inf at the high end of its range; every draw must be a finite number within +-1e145: "
            "narrow it or bound it with truncate()"},
        BadCase{"normal(0, 1e308)", 1,
                "normal(0, 1e308) can draw -inf at the low end of its range; every draw must be a finite number within "
                "+-1e145: "
                "narrow it or bound it with truncate()"},
        BadCase{"uniform(-1e308, 1e308)", 1,
                "uniform(-1e308, 1e308) can draw inf at the low end of its range; every draw must be a finite number "
                "within +-1e145: "
                "narrow it or bound it with truncate()"},
        BadCase{"lognormal(710, 0.1)", 1,
                "lognormal(710, 0.1) can draw 9.829841753104366e307 at the low end of its range; every draw must be a "
                "finite number within +-1e145: "
                "narrow it or bound it with truncate()"},
        BadCase{"é 5", 1, "unexpected character 'é'"}, BadCase{"normal(1, 2) é", 14, "unexpected character 'é'"},
        BadCase{"normal(1, 2)\xC3", 13, "unexpected byte 0xC3 (not UTF-8 text)"},
        BadCase{"\"é\" to 5", 1, "unexpected character '\"'"},
        BadCase{"uniform(1, 2) 😀", 15, "unexpected character '😀'"},
        BadCase{"normal(1,\t2)\x01", 13, "unexpected control character 0x01"}),
    [](const auto& param_info) { return "case" + std::to_string(param_info.index); });

TEST(ExpressionError, ColumnsCountCharactersNotBytes) {
  // "é" is two bytes: the 'x' after "ééé " is character 5, byte 8.
  try {
    (void)parse_distribution("ééé x");
    FAIL();
  } catch (const ExpressionError& e) {
    EXPECT_EQ(e.column(), 1u);  // the first character is already wrong
  }
  try {
    (void)parse_distribution("normal(1, 2) ééx");
    FAIL();
  } catch (const ExpressionError& e) {
    EXPECT_EQ(e.column(), 14u);
    EXPECT_EQ(e.pointer(), "  normal(1, 2) ééx\n               ^");
  }
  EXPECT_EQ(column_of("aé€😀b", 0), 1u);
  EXPECT_EQ(column_of("aé€😀b", 1), 2u);
  EXPECT_EQ(column_of("aé€😀b", 3), 3u);   // after é (2 bytes)
  EXPECT_EQ(column_of("aé€😀b", 6), 4u);   // after € (3 bytes)
  EXPECT_EQ(column_of("aé€😀b", 10), 5u);  // after 😀 (4 bytes)
}

TEST(ExpressionError, DeepNestingAndLongTextAreRefusedNotOverflowed) {
  // Thousands of nested calls overflow a recursive parser's stack (10,000 did, before the limit);
  // the parser stops at MAX_EXPRESSION_DEPTH, whatever follows.
  std::string deep;
  for (int i = 0; i < 3000; ++i) deep += "truncate(";
  deep += "1";
  for (int i = 0; i < 3000; ++i) deep += ", 0, 2)";
  try {
    (void)parse_distribution(deep);
    FAIL();
  } catch (const ExpressionError& e) {
    EXPECT_EQ(e.column(), 9 * MAX_EXPRESSION_DEPTH + 1);  // the call that is one too deep
    EXPECT_EQ(e.detail(),
              "calls nested more than 16 deep; a distribution needs at most two (truncate(normal(0, 1), 0, inf))");
  }
  std::string parentheses(100000, '(');
  EXPECT_THROW((void)parse_distribution(parentheses), ExpressionError);
  // Longer than MAX_EXPRESSION_BYTES: refused before parsing, whatever it holds.
  std::string values = "empirical(1";
  while (values.size() <= MAX_EXPRESSION_BYTES) values += ", 1";
  values += ")";
  try {
    (void)parse_distribution(values);
    FAIL();
  } catch (const ExpressionError& e) {
    EXPECT_EQ(e.detail(),
              fmt::format("the expression is {} bytes long; expressions are limited to 65536 bytes", values.size()));
  }
}

TEST(ExpressionError, PointsAtTheColumn) {
  try {
    (void)parse_distribution("10e9 to x");
  } catch (const ExpressionError& e) {
    EXPECT_EQ(e.pointer(), "  10e9 to x\n          ^");
    EXPECT_STREQ(e.what(), "column 9: expected a number after 'to', found 'x'");
  }
}

}  // namespace
}  // namespace fabcast::core
