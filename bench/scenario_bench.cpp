// Reading scenarios: load and validate (everything `fabcast validate` does) a scenario that
// defines N new regions, each copying one with like = "US". Validation was quadratic in N before
// (1,000 regions: 10.9 s); the times per N show whether it still grows faster than N.

#include "report/run_job.hpp"
#include "scenario/loader.hpp"

#include <benchmark/benchmark.h>
#include <fmt/format.h>

namespace fabcast::scenario {
namespace {

std::string regions_scenario(int regions) {
  std::string names, tables;
  for (int i = 0; i < regions; ++i) {
    names += fmt::format("{}\"R{}\"", i ? ", " : "", i);
    tables += fmt::format("[regions.R{}]\nlike = \"US\"\ncapex_mult = 1.1\n", i);
  }
  return fmt::format("extends = \"altman-7t\"\n[program]\nregions = [{}]\n{}", names, tables);
}

void BM_ValidateRegions(benchmark::State& state) {
  const auto text = regions_scenario(static_cast<int>(state.range(0)));
  for (auto _ : state) report::check_runnable(load_scenario_text(text, "regions.toml"));
  state.SetComplexityN(state.range(0));
}
BENCHMARK(BM_ValidateRegions)->Arg(100)->Arg(300)->Arg(1000)->Unit(benchmark::kMillisecond)->Complexity();

}  // namespace
}  // namespace fabcast::scenario
