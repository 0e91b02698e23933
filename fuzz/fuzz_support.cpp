#include "fuzz_support.hpp"

#include "core/design.hpp"
#include "core/runner.hpp"
#include "model/fab_model.hpp"
#include "report/run_job.hpp"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

namespace fabcast::fuzz {

namespace {

// Few samples: a run then costs little more than its per-step summaries, yet every sample still
// walks a whole time path, where a model hangs or overflows. One thread and a fixed seed make a
// finding replay exactly.
constexpr std::uint64_t SAMPLES = 8;
constexpr std::uint64_t SEED = 1;
// Valid horizons reach 1,204 quarters (1900Q1 to 2200Q4). A run's cost grows with steps times
// outputs, and past a century of quarters one run takes seconds under the sanitizers, which
// libFuzzer would report as a hang; yearly steps still cover the longest horizons (301 steps).
constexpr std::size_t MAX_RUN_STEPS = 400;

}  // namespace

void finding(std::string_view what, std::string_view detail) {
  std::fprintf(stderr, "\n==fuzz== FINDING: %.*s%s%.*s\n", static_cast<int>(what.size()), what.data(),
               detail.empty() ? "" : ": ", static_cast<int>(detail.size()), detail.data());
  std::fflush(stderr);
  std::abort();
}

bool flag(const char* name) {
  const char* value = std::getenv(name);
  return value != nullptr && value[0] != '\0' && std::string_view(value) != "0";
}

void compile_and_run(const scenario::Scenario& sc, bool run) {
  expect_input_errors([&] {
    // What validate checks is what run checks (report::check_runnable): a scenario that loads
    // either compiles, model and input design, or is refused with an InputError.
    report::check_runnable(sc);
    const model::FabModel model(sc);
    if (!run || model.steps() > MAX_RUN_STEPS) return;
    // run_job is the path every shell takes: model (compiled again), input design, engine, JSON
    // and summary.
    core::RunOptions options;
    options.seed = SEED;
    options.threads = 1;
    options.stop.samples = SAMPLES;
    const auto sampling = core::parse_sampling_method(sc.text("run.sampling"));
    if (!sampling) finding("run.sampling passed validation but does not parse", sc.text("run.sampling"));
    try {
      report::run_job(sc, options, *sampling);
    } catch (const RunError& e) {
      // A valid scenario may fail while running only for want of a limit (modules that cost
      // nothing and nothing stopping their starts); a NaN or an overflow in an output means a
      // scenario bound let through an input the model cannot compute with.
      if (std::string_view(e.what()).find(" gave output ") != std::string_view::npos) {
        finding("a valid scenario gave a NaN or infinite output", e.what());
      }
    }
  });
}

}  // namespace fabcast::fuzz
