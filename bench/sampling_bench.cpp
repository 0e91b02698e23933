// Sampling throughput of the Monte Carlo core: random streams, quantile functions, the input
// design (MC and LHS), the quantile sketch and the whole engine. Run with bench/run.sh; results
// and the machine are recorded in docs/performance.md.

#include "core/design.hpp"
#include "core/echo_model.hpp"
#include "core/expression.hpp"
#include "core/quantile_sketch.hpp"
#include "core/rng.hpp"
#include "core/runner.hpp"

#include <benchmark/benchmark.h>

namespace fabcast::core {
namespace {

void BM_PhiloxUniform(benchmark::State& state) {
  Stream s(1, stream_id("bench"), 0);
  for (auto _ : state) benchmark::DoNotOptimize(s.uniform());
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_PhiloxUniform);

void BM_PhiloxKeyedDraw(benchmark::State& state) {
  // One draw addressed by (seed, stream, sample): what each input of each sample costs.
  std::uint64_t i = 0;
  for (auto _ : state) benchmark::DoNotOptimize(to_open_unit(keyed_draw(1, 2, i++)));
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_PhiloxKeyedDraw);

void BM_Quantile(benchmark::State& state, const char* expr) {
  const auto d = parse_distribution(expr);
  Stream s(1, stream_id("bench"), 0);
  for (auto _ : state) benchmark::DoNotOptimize(d.quantile(s.uniform()));
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK_CAPTURE(BM_Quantile, uniform, "uniform(1, 3)");
BENCHMARK_CAPTURE(BM_Quantile, normal, "normal(10, 2)");
BENCHMARK_CAPTURE(BM_Quantile, to, "10e9 to 25e9");
BENCHMARK_CAPTURE(BM_Quantile, triangular, "triangular(1, 2, 5)");
BENCHMARK_CAPTURE(BM_Quantile, pert, "pert(18, 24, 36)");
BENCHMARK_CAPTURE(BM_Quantile, choice, "choice(1: 0.2, 2: 0.5, 5: 0.3)");
BENCHMARK_CAPTURE(BM_Quantile, truncated_normal, "truncate(normal(0.3, 0.2), 0, 1)");

// The 13 inputs of benchmark model B1 (MODEL.md section 9).
std::vector<InputSpec> b1_inputs() {
  const char* specs[][2] = {{"capex", "10e9 to 25e9"},  {"build", "2 to 5"},        {"ramp", "uniform(1, 3)"},
                            {"wpm", "1500 to 3500"},    {"w0", "10000 to 40000"},   {"wg", "uniform(0.03, 0.15)"},
                            {"e0", "40 to 70"},         {"eg", "uniform(0, 0.10)"}, {"es", "uniform(0.2, 0.5)"},
                            {"epm", "8 to 20"},         {"gdw", "20 to 45"},        {"f0", "1e15 to 2.5e15"},
                            {"pg", "uniform(0.2, 0.5)"}};
  std::vector<InputSpec> out;
  for (auto& s : specs) out.push_back({s[0], parse_distribution(s[1])});
  return out;
}

void BM_DesignDrawB1(benchmark::State& state) {
  // One engine chunk (CHUNK_SIZE samples) of B1's 13 inputs, as the engine draws them.
  const auto method = state.range(0) ? SamplingMethod::latin_hypercube : SamplingMethod::monte_carlo;
  InputDesign design(b1_inputs(), std::nullopt, method, 1);
  const std::uint64_t n = 1 << 20;
  design.prepare_block(0, n);
  std::vector<double> values(13 * CHUNK_SIZE);
  std::uint64_t first = 0;
  for (auto _ : state) {
    design.draw_chunk(first, CHUNK_SIZE, values);
    benchmark::DoNotOptimize(values.data());
    first = (first + CHUNK_SIZE) & (n - 1);
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * CHUNK_SIZE));  // samples
  state.SetLabel(method == SamplingMethod::monte_carlo ? "mc, samples of 13 inputs" : "lhs, samples of 13 inputs");
}
BENCHMARK(BM_DesignDrawB1)->Arg(0)->Arg(1);

void BM_SketchAdd(benchmark::State& state) {
  QuantileSketch sketch;
  Stream s(1, stream_id("bench"), 0);
  std::vector<double> xs(4096);
  for (auto& x : xs) x = std::exp(20 * s.uniform());
  std::size_t i = 0;
  for (auto _ : state) {
    sketch.add(xs[i]);
    i = (i + 1) & 4095;
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_SketchAdd);

// The whole engine on 1e6 samples of `inputs`, around a model that echoes the first `outputs` of
// them: draws, moments and exact quantiles, nothing of a model's own cost.
void engine_run(benchmark::State& state, const std::vector<InputSpec>& inputs, std::size_t outputs) {
  std::vector<std::string> names;
  for (std::size_t i = 0; i < outputs; ++i) names.push_back(inputs[i].name);
  const EchoModel model(names);
  for (auto _ : state) {
    InputDesign design(inputs, std::nullopt, SamplingMethod::monte_carlo, 1);
    RunOptions opt;
    opt.seed = 1;
    opt.threads = static_cast<unsigned>(state.range(0));
    opt.stop.samples = 1'000'000;
    benchmark::DoNotOptimize(run(model, design, opt));
  }
  state.SetItemsProcessed(state.iterations() * 1'000'000);
}

void BM_EngineSample(benchmark::State& state) {
  // `fabcast sample "10e9 to 25e9" -n 1e6` without the printing.
  engine_run(state, {{"value", parse_distribution("10e9 to 25e9")}}, 1);
}
BENCHMARK(BM_EngineSample)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

// What bench-b1 would cost if its model took no time: B1's 13 inputs drawn and 9 scalars (as many
// as bench-b1 records) summarised. A floor on bench-b1's time that no model change can lower.
void BM_EngineB1Floor(benchmark::State& state) { engine_run(state, b1_inputs(), 9); }
BENCHMARK(BM_EngineB1Floor)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
}  // namespace fabcast::core

BENCHMARK_MAIN();
