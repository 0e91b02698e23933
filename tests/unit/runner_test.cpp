// The engine: byte-identical results for any thread count, chunk merges against a single-pass
// oracle, exact scalar quantiles, the stopping rule, and errors that reach the caller.

#include "core/runner.hpp"

#include "core/echo_model.hpp"
#include "core/errors.hpp"
#include "core/normal.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <bit>
#include <cstring>

namespace fabcast::core {
namespace {

constexpr std::size_t STEPS = 40;

// A random walk: per-sample inputs drift and volatility, per-step shocks from the sample's own
// "shock" stream. Scalars: the final level and the maximum; series: the level and its square.
class WalkModel final : public Model {
 public:
  WalkModel() {
    schema_.scalars = {"final", "max"};
    schema_.series = {"level", "squared"};
    schema_.steps = STEPS;
  }
  [[nodiscard]] const OutputSchema& schema() const override { return schema_; }
  [[nodiscard]] std::unique_ptr<SampleWorker> make_worker() const override { return std::make_unique<Worker>(); }

  // The same computation, standalone, for the oracle.
  static void path(const SampleContext& ctx, double drift, double vol, double* level) {
    Stream shocks = ctx.stream(stream_id("shock"));
    double x = 100;
    for (std::size_t t = 0; t < STEPS; ++t) {
      x *= std::exp(drift + vol * normal_quantile(shocks.uniform()));
      level[t] = x;
    }
  }

 private:
  struct Worker final : SampleWorker {
    void run(const SampleContext& ctx, std::span<const double> in, SampleOutputs& out) override {
      double level[STEPS];
      path(ctx, in[0], in[1], level);
      for (std::size_t t = 0; t < STEPS; ++t) {
        out.series_at(0, t) = level[t];
        out.series_at(1, t) = level[t] * level[t];
      }
      out.scalars[0] = level[STEPS - 1];
      out.scalars[1] = *std::max_element(level, level + STEPS);
    }
  };
  OutputSchema schema_;
};

std::vector<InputSpec> walk_inputs() {
  return {{"drift", Distribution::normal(0.01, 0.005)}, {"vol", Distribution::to(0.01, 0.05)}};
}

// Every number of a result as raw bits, for byte-for-byte comparison.
std::vector<std::uint64_t> fingerprint(const RunResult& r) {
  std::vector<std::uint64_t> bits;
  auto put = [&](double x) { bits.push_back(std::bit_cast<std::uint64_t>(x)); };
  auto put_moments = [&](const Moments& m) {
    bits.push_back(m.n);
    put(m.mean);
    put(m.m2);
    put(m.min);
    put(m.max);
  };
  bits.push_back(r.samples);
  for (const auto& s : r.scalars) {
    put_moments(s.moments);
    for (double q : s.quantiles) put(q);
    for (double v : s.values) put(v);
  }
  for (const auto& s : r.series) {
    for (std::size_t t = 0; t < s.moments.size(); ++t) {
      put_moments(s.moments[t]);
      for (double q : s.quantiles[t]) put(q);
      for (int i = 0; i <= 20; ++i) put(s.sketches[t].quantile(i / 20.0));
    }
  }
  return bits;
}

RunResult run_walk(unsigned threads, std::uint64_t samples, SamplingMethod method = SamplingMethod::monte_carlo,
                   std::uint64_t seed = 12345) {
  WalkModel model;
  InputDesign design(walk_inputs(), std::nullopt, method, seed);
  RunOptions opt;
  opt.seed = seed;
  opt.threads = threads;
  opt.stop.samples = samples;
  return run(model, design, opt);
}

TEST(Runner, ResultsAreByteIdenticalForOneTwoAndEightThreads) {
  for (auto method : {SamplingMethod::monte_carlo, SamplingMethod::latin_hypercube}) {
    const auto one = fingerprint(run_walk(1, 10007, method));
    EXPECT_EQ(fingerprint(run_walk(2, 10007, method)), one);
    EXPECT_EQ(fingerprint(run_walk(8, 10007, method)), one);
  }
}

TEST(Runner, CorrelatedDesignsAreByteIdenticalAcrossThreads) {
  Eigen::MatrixXd m(2, 2);
  m << 1, -0.5, -0.5, 1;
  std::vector<std::uint64_t> prints[2];
  for (unsigned threads : {1u, 4u}) {
    WalkModel model;
    InputDesign design(walk_inputs(), RankCorrelation{{"drift", "vol"}, m}, SamplingMethod::latin_hypercube, 5);
    RunOptions opt;
    opt.seed = 5;
    opt.threads = threads;
    opt.stop.samples = 3000;
    prints[threads == 1 ? 0 : 1] = fingerprint(run(model, design, opt));
  }
  EXPECT_EQ(prints[0], prints[1]);
}

TEST(Runner, MatchesASinglePassOracle) {
  const std::uint64_t n = 5000;
  const auto result = run_walk(2, n);
  // Oracle: draw and simulate every sample in order in one loop, no chunks, no threads.
  InputDesign design(walk_inputs(), std::nullopt, SamplingMethod::monte_carlo, 12345);
  Moments final_m, level_m[STEPS];
  std::vector<double> finals;
  std::vector<std::vector<double>> levels(STEPS);
  for (std::uint64_t i = 0; i < n; ++i) {
    double in[2], level[STEPS];
    design.draw(i, in);
    WalkModel::path(SampleContext{12345, i}, in[0], in[1], level);
    final_m.add(level[STEPS - 1]);
    finals.push_back(level[STEPS - 1]);
    for (std::size_t t = 0; t < STEPS; ++t) {
      level_m[t].add(level[t]);
      levels[t].push_back(level[t]);
    }
  }
  const auto& fin = result.scalar("final");
  EXPECT_EQ(fin.moments.n, n);
  EXPECT_NEAR(fin.moments.mean, final_m.mean, 1e-13 * std::fabs(final_m.mean));
  EXPECT_NEAR(fin.moments.variance(), final_m.variance(), 1e-10 * final_m.variance());
  EXPECT_EQ(fin.values, finals);  // sample i is sample i, whichever thread ran it
  std::sort(finals.begin(), finals.end());
  EXPECT_EQ(fin.quantiles, quantiles_sorted(finals));
  const auto& lev = result.series_named("level");
  for (std::size_t t = 0; t < STEPS; ++t) {
    EXPECT_NEAR(lev.moments[t].mean, level_m[t].mean, 1e-13 * level_m[t].mean);
    std::sort(levels[t].begin(), levels[t].end());
    for (std::size_t k = 0; k < QUANTILE_LEVELS.size(); ++k) {
      const double exact = quantile_sorted(levels[t], QUANTILE_LEVELS[k]);
      EXPECT_LE(std::fabs(lev.quantiles[t][k] - exact), QuantileSketch::RELATIVE_ACCURACY * exact);
    }
  }
}

TEST(Runner, TargetRelativeErrorStopsWhenReachedAndMatchesAFixedRunOfThatSize) {
  WalkModel model;
  InputDesign design(walk_inputs(), std::nullopt, SamplingMethod::monte_carlo, 99);
  RunOptions opt;
  opt.seed = 99;
  opt.threads = 2;
  opt.stop.target_rel_error = 0.002;
  opt.stop.target_output = "final";
  const auto adaptive = run(model, design, opt);
  EXPECT_TRUE(adaptive.converged);
  EXPECT_LE(adaptive.rel_error, 0.002);
  EXPECT_EQ(adaptive.rel_error, adaptive.scalar("final").moments.rel_error());
  EXPECT_EQ(adaptive.samples % CHUNK_SIZE, 0u);
  // Monte Carlo sample i does not depend on the rounds, so a fixed run of the same size agrees.
  const auto fixed = run_walk(1, adaptive.samples, SamplingMethod::monte_carlo, 99);
  EXPECT_EQ(adaptive.scalar("final").moments.mean, fixed.scalar("final").moments.mean);
  EXPECT_EQ(adaptive.scalar("final").quantiles, fixed.scalar("final").quantiles);
}

TEST(Runner, TargetRelativeErrorGivesUpAtMaxSamples) {
  EchoModel model({"x"});
  InputDesign design({{"x", Distribution::normal(0, 1)}}, std::nullopt, SamplingMethod::monte_carlo, 1);
  RunOptions opt;
  opt.stop.target_rel_error = 1e-6;  // mean near zero: unreachable
  opt.stop.max_samples = 5000;
  const auto result = run(model, design, opt);
  EXPECT_FALSE(result.converged);
  EXPECT_EQ(result.samples, 5000u);
}

// Past EXACT_SCALAR_LIMIT samples scalars are summarised, not kept: memory stops growing with the
// sample count. The summary does not depend on the thread count or on the rounds of a target-error
// run; an integer output stays exact and a continuous one lies within the sketch's accuracy.
TEST(Runner, PastTheExactLimitScalarsAreSummarisedTheSameWhateverTheThreads) {
  EchoModel model({"money", "count"});
  std::vector<InputSpec> inputs = {{"money", Distribution::to(1e9, 1e11)},
                                   {"count", Distribution::empirical({0, 1, 2, 3, 5, 8, 13, 21})}};
  const std::uint64_t n = EXACT_SCALAR_LIMIT + 3 * CHUNK_SIZE;
  auto run_with = [&](unsigned threads, bool keep, std::optional<double> target = std::nullopt) {
    InputDesign design(inputs, std::nullopt, SamplingMethod::monte_carlo, 5);
    RunOptions opt;
    opt.seed = 5;
    opt.threads = threads;
    opt.keep_values = keep;
    if (target) {
      opt.stop.target_rel_error = *target;
      opt.stop.max_samples = n;
    } else {
      opt.stop.samples = n;
    }
    return run(model, design, opt);
  };
  const auto one = run_with(1, false);
  const auto three = run_with(3, false);
  const auto kept = run_with(2, true);
  const auto rounds = run_with(2, false, 1e-12);  // never converges: grows round by round to n
  EXPECT_FALSE(one.values_kept);
  EXPECT_TRUE(kept.values_kept);
  EXPECT_FALSE(rounds.converged);
  ASSERT_EQ(rounds.samples, n);
  for (std::size_t s = 0; s < 2; ++s) {
    EXPECT_TRUE(one.scalars[s].values.empty());
    EXPECT_EQ(kept.scalars[s].values.size(), n);
    EXPECT_EQ(one.scalars[s].quantiles, three.scalars[s].quantiles);
    EXPECT_EQ(one.scalars[s].quantiles, rounds.scalars[s].quantiles);
    EXPECT_EQ(one.scalars[s].exact, rounds.scalars[s].exact);
    EXPECT_EQ(one.scalars[s].moments.mean, three.scalars[s].moments.mean);
  }
  // count: 8 distinct values, exact; money: within the sketch's relative accuracy.
  EXPECT_TRUE(one.scalar("count").exact);
  EXPECT_EQ(one.scalar("count").quantiles, kept.scalar("count").quantiles);
  EXPECT_EQ(one.scalar("count").count_at_most(3), kept.scalar("count").count_at_most(3));
  EXPECT_FALSE(one.scalar("money").exact);
  for (std::size_t i = 0; i < QUANTILE_LEVELS.size(); ++i) {
    const double exact = kept.scalar("money").quantiles[i];
    EXPECT_NEAR(one.scalar("money").quantiles[i], exact, QuantileSketch::RELATIVE_ACCURACY * exact * 1.0001);
  }
}

TEST(Runner, ARunThatCannotFitIsRefusedBeforeItStartsWithWhatWouldFit) {
  EchoModel model({"a", "b", "c"});
  InputDesign design(
      {{"a", Distribution::uniform(0, 1)}, {"b", Distribution::uniform(0, 1)}, {"c", Distribution::uniform(0, 1)}},
      std::nullopt, SamplingMethod::monte_carlo, 1);
  RunOptions opt;
  opt.stop.samples = 100'000'000;
  opt.keep_values = true;  // 2.4 GB of values
  opt.memory_limit_bytes = 1ULL << 30;
  const auto need = estimate_memory(model, design, opt);
  EXPECT_EQ(need.values_bytes, 100'000'000ULL * 3 * 8);
  try {
    run(model, design, opt);
    FAIL();
  } catch (const InputError& e) {
    EXPECT_THAT(e.what(),
                ::testing::HasSubstr("this run needs about 2.2 GiB of memory, more than the 1.0 GiB available; "
                                     "every sample's 3 scalar values take 2.2 GiB; 44"));
    EXPECT_THAT(e.what(), ::testing::HasSubstr("samples or fewer would fit, or not keeping every value"));
  }
  // Without keeping values the same count needs a few chunks' worth, and runs (here: 64 samples).
  opt.keep_values = false;
  EXPECT_LT(estimate_memory(model, design, opt).total(), 1u << 20);
  // A rank correlation's block spans the run: (4k + 5) doubles a sample for k correlated inputs.
  RankCorrelation rc{{"a", "b"}, Eigen::MatrixXd::Identity(2, 2)};
  rc.matrix(0, 1) = rc.matrix(1, 0) = 0.5;
  InputDesign correlated(
      {{"a", Distribution::uniform(0, 1)}, {"b", Distribution::uniform(0, 1)}, {"c", Distribution::uniform(0, 1)}}, rc,
      SamplingMethod::monte_carlo, 1);
  opt.stop.samples = 1'000'000;
  EXPECT_EQ(estimate_memory(model, correlated, opt).block_bytes, 13ULL * 1'000'000 * 8);
  // Workers are never more than the chunks: a thread count far beyond the samples costs nothing.
  opt.stop.samples = 64;
  opt.threads = 1000;
  EXPECT_EQ(estimate_memory(model, design, opt).threads, 1u);
  EXPECT_EQ(run(model, design, opt).samples, 64u);
}

TEST(Runner, RejectsAmbiguousStoppingRules) {
  EchoModel model({"x"});
  InputDesign design({{"x", Distribution::normal(0, 1)}}, std::nullopt, SamplingMethod::monte_carlo, 1);
  RunOptions both;
  both.stop.samples = 10;
  both.stop.target_rel_error = 0.1;
  EXPECT_THROW(run(model, design, both), InputError);
  RunOptions neither;
  EXPECT_THROW(run(model, design, neither), InputError);
  RunOptions unknown;
  unknown.stop.target_rel_error = 0.1;
  unknown.stop.target_output = "y";
  EXPECT_THROW(run(model, design, unknown), InputError);
}

class FailingModel final : public Model {
 public:
  explicit FailingModel(bool nan) : nan_(nan) { schema_.scalars = {"out"}; }
  [[nodiscard]] const OutputSchema& schema() const override { return schema_; }
  [[nodiscard]] std::unique_ptr<SampleWorker> make_worker() const override { return std::make_unique<Worker>(nan_); }

 private:
  struct Worker final : SampleWorker {
    explicit Worker(bool leave_nan) : nan(leave_nan) {}
    void run(const SampleContext& ctx, std::span<const double>, SampleOutputs& out) override {
      if (ctx.sample_idx == 777) {
        if (nan) return;  // leaves the output undefined
        throw std::runtime_error("boom at 777");
      }
      out.scalars[0] = 1;
    }
    bool nan;
  };
  bool nan_;
  OutputSchema schema_;
};

TEST(Runner, AWorkerExceptionReachesTheCaller) {
  FailingModel model(false);
  InputDesign design({}, std::nullopt, SamplingMethod::monte_carlo, 1);
  RunOptions opt;
  opt.threads = 4;
  opt.stop.samples = 5000;
  EXPECT_THROW(
      {
        try {
          run(model, design, opt);
        } catch (const std::runtime_error& e) {
          EXPECT_STREQ(e.what(), "boom at 777");
          throw;
        }
      },
      std::runtime_error);
}

TEST(Runner, AnUndefinedOutputIsAnErrorNamingSampleAndSeed) {
  FailingModel model(true);
  InputDesign design({}, std::nullopt, SamplingMethod::monte_carlo, 3);
  RunOptions opt;
  opt.seed = 3;
  opt.threads = 2;
  opt.stop.samples = 1000;
  try {
    run(model, design, opt);
    FAIL();
  } catch (const RunError& e) {
    EXPECT_STREQ(e.what(),
                 "sample 777 of seed 3 gave output 'out' = nan (undefined: a 0/0, inf - inf or an input outside what "
                 "the model can use); the sample's inputs are all fixed");
  }
}

// out = a / b, and inf_out = 1 / b: the quotient's NaN (0 / 0) or infinity (x / 0) is a failure
// naming the sample and the inputs at zero and drawn; inf_out may be infinite ("never").
class RatioModel final : public Model {
 public:
  RatioModel() {
    schema_.scalars = {"out", "never"};
    schema_.scalar_may_be_infinite = {false, true};
  }
  [[nodiscard]] const OutputSchema& schema() const override { return schema_; }
  [[nodiscard]] std::unique_ptr<SampleWorker> make_worker() const override { return std::make_unique<Worker>(); }

 private:
  struct Worker final : SampleWorker {
    void run(const SampleContext&, std::span<const double> in, SampleOutputs& out) override {
      out.scalars[0] = in[0] / in[1];
      out.scalars[1] = 1 / in[1];
    }
  };
  OutputSchema schema_;
};

std::string failure_of(Model& model, std::vector<InputSpec> inputs, std::uint64_t samples = 256) {
  InputDesign design(std::move(inputs), std::nullopt, SamplingMethod::monte_carlo, 9);
  RunOptions opt;
  opt.seed = 9;
  opt.threads = 2;
  opt.stop.samples = samples;
  try {
    run(model, design, opt);
  } catch (const RunError& e) {
    return e.what();
  }
  return "";
}

TEST(Runner, AnInfiniteOutputIsAnOverflowUnlessItMeansNever) {
  RatioModel model;
  // b = 0 in every sample, a drawn: out = +-inf fails; "never" alone would be allowed.
  const std::string message = failure_of(model, {{"a", Distribution::uniform(1, 2)}, {"b", Distribution::fixed(0)}});
  EXPECT_THAT(message, ::testing::StartsWith(
                           "sample 0 of seed 9 gave output 'out' = inf (beyond the range of a double: an overflow);"));
  EXPECT_THAT(message, ::testing::HasSubstr("the sample's inputs at zero: b; drawn: a = "));
  // a = b = 0: out is NaN, named as undefined.
  EXPECT_THAT(failure_of(model, {{"a", Distribution::fixed(0)}, {"b", Distribution::fixed(0)}}),
              ::testing::StartsWith("sample 0 of seed 9 gave output 'out' = nan (undefined"));
  // b > 0: everything finite, no failure; "never" = 1 / b.
  EXPECT_EQ(failure_of(model, {{"a", Distribution::fixed(1)}, {"b", Distribution::uniform(1, 2)}}), "");
}

TEST(Runner, AnInfinityMeaningNeverIsKept) {
  class NeverModel final : public Model {
   public:
    NeverModel() {
      schema_.scalars = {"payback"};
      schema_.scalar_may_be_infinite = {true};
    }
    [[nodiscard]] const OutputSchema& schema() const override { return schema_; }
    [[nodiscard]] std::unique_ptr<SampleWorker> make_worker() const override { return std::make_unique<Worker>(); }

   private:
    struct Worker final : SampleWorker {
      void run(const SampleContext& ctx, std::span<const double>, SampleOutputs& out) override {
        out.scalars[0] = ctx.sample_idx % 2 ? INFINITY : 2030.0;
      }
    };
    OutputSchema schema_;
  } model;
  InputDesign design({}, std::nullopt, SamplingMethod::monte_carlo, 1);
  RunOptions opt;
  opt.stop.samples = 100;
  const auto result = run(model, design, opt);
  EXPECT_EQ(result.scalars[0].quantiles[0], 2030.0);    // p5
  EXPECT_EQ(result.scalars[0].quantiles[4], INFINITY);  // p95: never
}

TEST(Runner, ReportsProgressUpToThePlannedTotal) {
  EchoModel model({"x"});
  InputDesign design({{"x", Distribution::uniform(0, 1)}}, std::nullopt, SamplingMethod::monte_carlo, 1);
  RunOptions opt;
  opt.threads = 2;
  opt.stop.samples = 2000;
  std::uint64_t last = 0;
  bool monotone = true;
  opt.on_progress = [&](const Progress& p) {
    monotone &= p.done > last && p.planned == 2000;
    last = p.done;
  };
  run(model, design, opt);
  EXPECT_TRUE(monotone);
  EXPECT_EQ(last, 2000u);
}

}  // namespace
}  // namespace fabcast::core
