// Sensitivity: Sobol indices against functions whose indices are known in closed form (Ishigami;
// Sobol's G), rank measures against bivariate-normal formulas, the design that takes B's columns
// into A, groups, and byte-identical results for any thread count.

#include "analysis/sensitivity.hpp"
#include "analysis/rank_sensitivity.hpp"
#include "analysis/sobol.hpp"
#include "core/design.hpp"
#include "core/errors.hpp"
#include "core/model.hpp"
#include "test_support.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <numbers>

namespace fabcast::analysis {
namespace {

using ::testing::HasSubstr;
constexpr double PI = std::numbers::pi;

// A model computing a function of its inputs, one scalar output "y".
class FunctionModel final : public core::Model {
 public:
  using Function = double (*)(std::span<const double>);
  explicit FunctionModel(Function f) : f_(f) { schema_.scalars = {"y"}; }
  [[nodiscard]] const core::OutputSchema& schema() const override { return schema_; }
  [[nodiscard]] std::unique_ptr<core::SampleWorker> make_worker() const override {
    return std::make_unique<Worker>(f_);
  }

 private:
  struct Worker final : core::SampleWorker {
    explicit Worker(Function f) : f(f) {}
    void run(const core::SampleContext&, std::span<const double> in, core::SampleOutputs& out) override {
      out.scalars[0] = f(in);
    }
    Function f;
  };
  Function f_;
  core::OutputSchema schema_;
};

// Ishigami & Homma (1990) with a = 7, b = 0.1, x_i ~ U(-pi, pi).
double ishigami(std::span<const double> x) {
  return std::sin(x[0]) + 7 * std::sin(x[1]) * std::sin(x[1]) + 0.1 * std::pow(x[2], 4) * std::sin(x[0]);
}

// Its indices in closed form (Saltelli et al. 2008, Global Sensitivity Analysis: The Primer, 4.8;
// Sobol & Levitan 1999): V = a^2/8 + b pi^4/5 + b^2 pi^8/18 + 1/2, V1 = b pi^4/5 + b^2 pi^8/50 + 1/2,
// V2 = a^2/8, V3 = 0, V13 = 8 b^2 pi^8 / 225.
struct Ishigami {
  static constexpr double a = 7, b = 0.1;
  double v = a * a / 8 + b * std::pow(PI, 4) / 5 + b * b * std::pow(PI, 8) / 18 + 0.5;
  double v1 = b * std::pow(PI, 4) / 5 + b * b * std::pow(PI, 8) / 50 + 0.5;
  double v2 = a * a / 8;
  double v13 = 8 * b * b * std::pow(PI, 8) / 225;
};

// Sobol's G function with a = (0, 1, 4.5, 9, 99, 99): each factor |4x - 2| + a over 1 + a.
constexpr std::array<double, 6> G_A = {0, 1, 4.5, 9, 99, 99};
double g_function(std::span<const double> x) {
  double y = 1;
  for (std::size_t i = 0; i < G_A.size(); ++i) y *= (std::abs(4 * x[i] - 2) + G_A[i]) / (1 + G_A[i]);
  return y;
}

std::vector<core::InputSpec> uniform_inputs(std::size_t k, double lo, double hi) {
  std::vector<core::InputSpec> inputs;
  for (std::size_t i = 0; i < k; ++i)
    inputs.push_back({"x" + std::to_string(i + 1), core::Distribution::uniform(lo, hi)});
  return inputs;
}

std::vector<InputGroup> singletons(std::size_t k) {
  std::vector<InputGroup> groups;
  for (std::size_t i = 0; i < k; ++i) groups.push_back({"x" + std::to_string(i + 1), {i}});
  return groups;
}

// An estimate within K_SE standard errors of the truth, the standard error taken from the 95 %
// bootstrap interval (half-width / 1.96), the house rule (test_support.hpp).
void expect_within(const Interval& i, double truth, const std::string& what) {
  const double se = (i.hi - i.lo) / 2 / 1.96;
  EXPECT_NEAR(i.value, truth, test::K_SE * se) << what << " [" << i.lo << ", " << i.hi << "]";
  EXPECT_LT(se, 0.05) << what;  // and the interval says something
}

TEST(Sobol, IshigamiIndicesWithinTheirIntervals) {
  const FunctionModel model(ishigami);
  SobolOptions options;
  options.seed = 2026;
  options.base_samples = 8192;
  const auto r = sobol_indices(model, uniform_inputs(3, -PI, PI), std::nullopt, singletons(3), {"y"}, options);
  const Ishigami t;
  const auto& g = r.outputs[0].groups;
  EXPECT_NEAR(r.outputs[0].variance, t.v, 0.05 * t.v);
  expect_within(g[0].first, t.v1 / t.v, "S1");             // 0.3139
  expect_within(g[1].first, t.v2 / t.v, "S2");             // 0.4424
  expect_within(g[2].first, 0, "S3");                      // 0
  expect_within(g[0].total, (t.v1 + t.v13) / t.v, "ST1");  // 0.5576
  expect_within(g[1].total, t.v2 / t.v, "ST2");            // 0.4424
  expect_within(g[2].total, t.v13 / t.v, "ST3");           // 0.2437
  EXPECT_EQ(r.model_runs, 8192u * 5);
}

// Grouped: {x1, x3} explains everything x2 does not, alone and in total: 1 - S2 = 0.5576.
TEST(Sobol, IshigamiGroupedIndices) {
  const FunctionModel model(ishigami);
  SobolOptions options;
  options.seed = 7;
  options.base_samples = 8192;
  const auto r = sobol_indices(model, uniform_inputs(3, -PI, PI), std::nullopt, {{"x1 and x3", {0, 2}}, {"x2", {1}}},
                               {"y"}, options);
  const Ishigami t;
  const double s13 = 1 - t.v2 / t.v;
  expect_within(r.outputs[0].groups[0].first, s13, "S13");
  expect_within(r.outputs[0].groups[0].total, s13, "ST13");
  expect_within(r.outputs[0].groups[1].first, t.v2 / t.v, "S2");
}

// G function: V_i = 1 / (3 (1 + a_i)^2), V = prod(1 + V_i) - 1, S_i = V_i / V,
// ST_i = V_i prod_{j != i} (1 + V_j) / V (Saltelli et al. 2008, 3.6).
TEST(Sobol, GFunctionIndicesWithinTheirIntervals) {
  const FunctionModel model(g_function);
  SobolOptions options;
  options.seed = 99;
  options.base_samples = 8192;
  const auto r = sobol_indices(model, uniform_inputs(6, 0, 1), std::nullopt, singletons(6), {"y"}, options);
  std::array<double, 6> vi{};
  double prod = 1;
  for (std::size_t i = 0; i < 6; ++i) {
    vi[i] = 1 / (3 * (1 + G_A[i]) * (1 + G_A[i]));
    prod *= 1 + vi[i];
  }
  const double v = prod - 1;
  for (std::size_t i = 0; i < 6; ++i) {
    expect_within(r.outputs[0].groups[i].first, vi[i] / v, "S" + std::to_string(i + 1));
    expect_within(r.outputs[0].groups[i].total, vi[i] * prod / (1 + vi[i]) / v, "ST" + std::to_string(i + 1));
  }
}

TEST(Sobol, ResultsDoNotDependOnTheThreadCount) {
  const FunctionModel model(ishigami);
  SobolOptions options;
  options.seed = 3;
  options.base_samples = 3000;
  options.threads = 1;
  const auto one = sobol_indices(model, uniform_inputs(3, -PI, PI), std::nullopt, singletons(3), {"y"}, options);
  options.threads = 2;
  const auto two = sobol_indices(model, uniform_inputs(3, -PI, PI), std::nullopt, singletons(3), {"y"}, options);
  for (std::size_t g = 0; g < 3; ++g) {
    EXPECT_EQ(one.outputs[0].groups[g].first.value, two.outputs[0].groups[g].first.value);
    EXPECT_EQ(one.outputs[0].groups[g].total.lo, two.outputs[0].groups[g].total.lo);
  }
}

TEST(Sobol, CorrelatedInputsTakenApartAreRefused) {
  const FunctionModel model(ishigami);
  core::RankCorrelation c{{"x1", "x2"}, Eigen::MatrixXd{{1, 0.5}, {0.5, 1}}};
  SobolOptions options;
  options.base_samples = 64;
  try {
    sobol_indices(model, uniform_inputs(3, -PI, PI), c, singletons(3), {"y"}, options);
    FAIL() << "no error";
  } catch (const InputError& e) {
    EXPECT_THAT(e.what(), HasSubstr("x1 and x2 are rank-correlated but lie in group x1 and group x2"));
  }
  // Together in one group they move from A to B as a pair: defined.
  const auto r = sobol_indices(model, uniform_inputs(3, -PI, PI), c, {{"x1 x2", {0, 1}}, {"x3", {2}}}, {"y"}, options);
  EXPECT_TRUE(r.outputs[0].undefined.empty());
}

// The design behind it: an input set to B's seed draws exactly B's column; the others keep A's.
TEST(Sobol, AnInputSetToAnotherSeedDrawsThatDesignsColumn) {
  const auto inputs = uniform_inputs(3, 0, 1);
  for (auto method : {core::SamplingMethod::monte_carlo, core::SamplingMethod::latin_hypercube}) {
    core::InputDesign a(inputs, std::nullopt, method, 1), b(inputs, std::nullopt, method, 2),
        ab(inputs, std::nullopt, method, 1);
    ab.set_input_seed(1, 2);
    for (auto* d : {&a, &b, &ab}) d->prepare_block(0, 100);
    std::vector<double> va(300), vb(300), vab(300);
    a.draw_chunk(0, 100, va);
    b.draw_chunk(0, 100, vb);
    ab.draw_chunk(0, 100, vab);
    for (std::size_t i = 0; i < 100; ++i) {
      EXPECT_EQ(vab[i * 3 + 0], va[i * 3 + 0]);
      EXPECT_EQ(vab[i * 3 + 1], vb[i * 3 + 1]);
      EXPECT_EQ(vab[i * 3 + 2], va[i * 3 + 2]);
    }
  }
}

TEST(Ranks, TiesShareTheirMeanRank) {
  EXPECT_EQ(ranks({3, 1, 2, 2, INFINITY}), (std::vector<double>{4, 1, 2.5, 2.5, 5}));
}

// Bivariate normal with correlation r: Spearman's rho = (6 / pi) asin(r / 2) (Pearson 1907;
// Kruskal 1958). y = x1 + 0.5 x2 + noise with independent standard normals: corr(x1, y) =
// 1 / sqrt(1.25 + s^2). The tornado of the mean: E[y | x1 in its top tenth] = E[x1 | x1 > z_0.9]
// = phi(1.2816) / 0.1 = 1.7550.
TEST(Ranks, SpearmanSrrcAndTornadoOfALinearModel) {
  const std::size_t n = 20000;
  const auto z1 = test::draws(core::Distribution::normal(0, 1), n, 1);
  const auto z2 = test::draws(core::Distribution::normal(0, 1), n, 2);
  const auto e = test::draws(core::Distribution::normal(0, 1), n, 3);
  std::vector<double> x(n * 3), y(n);
  for (std::size_t i = 0; i < n; ++i) {
    x[i * 3] = z1[i];
    x[i * 3 + 1] = z2[i];
    x[i * 3 + 2] = 4.0;  // fixed: left out
    y[i] = z1[i] + 0.5 * z2[i] + 0.5 * e[i];
  }
  const auto r = rank_measures({"x1", "x2", "fixed"}, x, "y", y, true);
  ASSERT_EQ(r.inputs.size(), 2u);
  EXPECT_EQ(r.inputs[0].input, "x1");  // the larger swing first
  const double c1 = 1 / std::sqrt(1.5), c2 = 0.5 / std::sqrt(1.5);
  // se of Spearman's rho ~ 1.06 (1 - rho^2) / sqrt(n) (Fieller, Hartley & Pearson 1957).
  const double rho1 = 6 / PI * std::asin(c1 / 2), rho2 = 6 / PI * std::asin(c2 / 2);
  EXPECT_NEAR(r.inputs[0].spearman, rho1, test::K_SE * 1.06 * (1 - rho1 * rho1) / std::sqrt(n));
  EXPECT_NEAR(r.inputs[1].spearman, rho2, test::K_SE * 1.06 * (1 - rho2 * rho2) / std::sqrt(n));
  // Independent inputs have uncorrelated ranks, so the rank regression's coefficients are the
  // rank correlations and its R^2 their sum of squares: 0.8031^2 + 0.3926^2 = 0.799.
  EXPECT_NEAR(r.inputs[0].srrc, rho1, test::K_SE * 1.06 * (1 - rho1 * rho1) / std::sqrt(n));
  EXPECT_NEAR(r.inputs[1].srrc, rho2, test::K_SE * 1.06 * (1 - rho2 * rho2) / std::sqrt(n));
  EXPECT_NEAR(r.r2, rho1 * rho1 + rho2 * rho2, test::K_SE * 2 * 1.06 * (1 - rho1 * rho1) / std::sqrt(n));
  // Tornado of the mean: +-1.755 for x1 (se of a mean of 2,000 values of sd ~0.7: 0.016).
  EXPECT_NEAR(r.inputs[0].high, 1.7550, test::K_SE * 0.016);
  EXPECT_NEAR(r.inputs[0].low, -1.7550, test::K_SE * 0.016);
  EXPECT_NEAR(r.inputs[1].high, 0.5 * 1.7550, test::K_SE * 0.02);
}

TEST(Groups, GlobPatterns) {
  EXPECT_TRUE(glob_match("regions.*.workers_*", "regions.US.workers_2025"));
  EXPECT_TRUE(glob_match("*", "anything.at.all"));
  EXPECT_TRUE(glob_match("compute.datacentre*", "compute.datacentre_lead_years"));
  EXPECT_FALSE(glob_match("regions.*.workers_*", "regions.US.worker_growth_per_year"));
  EXPECT_FALSE(glob_match("market.*", "marketing.x"));
  EXPECT_TRUE(glob_match("a*b*c", "aXXbYYbZc"));
  EXPECT_FALSE(glob_match("a*b*c", "aXXbYYbZ"));
}

TEST(Groups, RulesDefaultsAndCorrelatedMerges) {
  const std::vector<core::InputSpec> inputs = {
      {"regions.US.workers_2025", core::Distribution::uniform(1, 2)},
      {"regions.Japan.workers_2025", core::Distribution::uniform(1, 2)},
      {"regions.US.build_months", core::Distribution::uniform(1, 2)},
      {"market.demand_elasticity", core::Distribution::uniform(1, 2)},
      {"economics.tax_rate", core::Distribution::uniform(1, 2)},
      {"program.budget_usd", core::Distribution::fixed(7e12)},  // fixed: in no group
      {"strange.key", core::Distribution::uniform(1, 2)},
  };
  std::vector<std::string> notes;
  auto groups = make_groups(inputs, std::nullopt, {{"regions.US.*", "the US"}}, false, notes);
  ASSERT_EQ(groups.size(), 5u);
  EXPECT_EQ(groups[0].name, "the US");
  EXPECT_EQ(groups[0].inputs, (std::vector<std::size_t>{0, 2}));
  EXPECT_EQ(groups[1].name, "workers");
  EXPECT_EQ(groups[2].name, "market");
  EXPECT_EQ(groups[3].name, "money");
  EXPECT_EQ(groups[4].name, "strange");
  EXPECT_EQ(make_groups(inputs, std::nullopt, {}, true, notes).size(), 6u);
  // A correlation linking market and money makes them one group, and says so.
  core::RankCorrelation c{{"market.demand_elasticity", "economics.tax_rate"}, Eigen::MatrixXd{{1, 0.3}, {0.3, 1}}};
  groups = make_groups(inputs, c, {}, false, notes);
  ASSERT_EQ(groups.size(), 4u);  // workers, regions, market + money, strange
  EXPECT_EQ(groups[2].name, "market + money");
  EXPECT_THAT(notes.back(), HasSubstr("one group here"));
  EXPECT_THROW(make_groups(inputs, std::nullopt, {{"nothing.*", "x"}}, false, notes), InputError);
  EXPECT_THROW(parse_group_rule("workers"), InputError);
  EXPECT_EQ(parse_group_rule("regions.*.workers_*=all workers").name, "all workers");
}

// On the model itself: byte-identical on 1 and 2 threads, and the data-centre group (whose pace
// decides how fast the program may start modules) drives committed money in altman-7t.
TEST(Sensitivity, AltmanSobolIsThreadIndependent) {
  SensitivityRequest rq;
  rq.scenario = "altman-7t";
  rq.outputs = {"committed_usd"};
  rq.seed = 4;
  rq.samples = 256;
  rq.target_half_width = 0;
  rq.bootstrap = 50;
  rq.threads = 1;
  const auto one = sensitivity_json(run_sensitivity(rq)).dump();
  rq.threads = 2;
  const auto two = sensitivity_json(run_sensitivity(rq)).dump();
  EXPECT_EQ(one, two);
  rq.method = SensitivityMethod::rank;
  rq.samples = 500;
  const auto r1 = sensitivity_json(run_sensitivity(rq)).dump();
  rq.threads = 1;
  EXPECT_EQ(r1, sensitivity_json(run_sensitivity(rq)).dump());
}

}  // namespace
}  // namespace fabcast::analysis
