#include "analysis/study.hpp"

#include "core/errors.hpp"
#include "core/text_distance.hpp"
#include "model/fab_model.hpp"
#include "scenario/loader.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace fabcast::analysis {

scenario::Scenario load_study_scenario(const StudyScenario& scenario, const std::vector<std::string>& overrides) {
  if (scenario.text.empty()) return scenario::load_scenario(scenario.name, {overrides});
  return scenario::load_scenario_text(scenario.text, scenario.name + " (stored scenario)", {overrides});
}

void check_scalar_outputs(const StudyScenario& scenario, const std::vector<std::string>& overrides,
                          const std::vector<std::string>& outputs) {
  auto all = overrides;
  all.emplace_back("run.outputs=[\"all\"]");
  const model::FabModel model(load_study_scenario(scenario, all));
  const auto& scalars = model.schema().scalars;
  for (const auto& name : outputs) {
    if (std::find(scalars.begin(), scalars.end(), name) != scalars.end()) continue;
    std::vector<std::string_view> names(scalars.begin(), scalars.end());
    const auto hint = core::closest_match(name, names);
    throw InputError(fmt::format("--output {}: not a scalar output of {}{} (fabcast docs outputs lists them)", name,
                                 scenario.name, hint.empty() ? "" : fmt::format("; did you mean '{}'?", hint)));
  }
}

core::RunResult run_point(const StudyScenario& scenario, std::vector<std::string> overrides,
                          const std::vector<std::string>& outputs, core::RunOptions options,
                          core::SamplingMethod sampling) {
  std::string recorded = "run.outputs=[";
  for (const auto& name : outputs) recorded += "\"" + name + "\",";
  for (auto name : model::CONSTRAINT_NAMES) recorded += fmt::format("\"binding_{}\",", name);
  recorded.back() = ']';
  overrides.push_back(recorded);
  const model::FabModel model(load_study_scenario(scenario, overrides));
  core::InputDesign design(model.inputs(), model.correlation(), sampling, options.seed);
  options.on_progress = nullptr;
  return core::run(model, design, options);
}

std::string most_binding(const core::RunResult& result) {
  std::string most = "-";
  double best = 0;
  for (auto name : model::CONSTRAINT_NAMES) {
    if (std::string_view(name) == "none") continue;
    const auto* s = result.find_series(std::string("binding_") + name);
    if (!s) continue;
    double total = 0;
    for (const auto& m : s->moments) total += m.mean;
    if (total > best) {
      best = total;
      most = name;
    }
  }
  return most;
}

}  // namespace fabcast::analysis
