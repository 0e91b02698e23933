#include "analysis/study.hpp"

#include "core/errors.hpp"
#include "core/quantiles.hpp"
#include "core/text_distance.hpp"
#include "model/fab_model.hpp"
#include "scenario/loader.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <charconv>
#include <optional>

namespace fabcast::analysis {

scenario::Scenario load_study_scenario(const StudyScenario& scenario, const std::vector<std::string>& overrides) {
  if (scenario.text.empty()) return scenario::load_scenario(scenario.name, {overrides});
  return scenario::load_scenario_text(scenario.text, scenario.name + " (stored scenario)", {overrides});
}

namespace {

struct SeriesAt {
  std::string series;
  std::size_t index = 0;  // among the model's series, as recorded
  std::size_t step = 0;
};

// SERIES@YEAR in a model recording SERIES: the last step of YEAR. Throws InputError.
std::optional<SeriesAt> series_at(const std::string& name, const model::FabModel& model) {
  const auto at = name.find('@');
  if (at == std::string::npos) return std::nullopt;
  SeriesAt s{name.substr(0, at), 0, 0};
  const auto& series = model.schema().series;
  const auto it = std::find(series.begin(), series.end(), s.series);
  if (it == series.end()) {
    std::vector<std::string_view> names(series.begin(), series.end());
    const auto hint = core::closest_match(s.series, names);
    throw InputError(fmt::format("--output {}: {} is not a series of this run{} (fabcast docs outputs lists them)",
                                 name, s.series, hint.empty() ? "" : fmt::format("; did you mean '{}'?", hint)));
  }
  s.index = static_cast<std::size_t>(it - series.begin());
  int year = 0;
  const auto text = name.substr(at + 1);
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), year);
  const double first = model.time_at(0), last = model.time_at(model.steps() - 1);
  if (ec != std::errc{} || end != text.data() + text.size() || year < first || year > last) {
    throw InputError(fmt::format("--output {}: expected SERIES@YEAR with a year the run covers ({} to {}), got '{}'",
                                 name, static_cast<int>(first), static_cast<int>(last), text));
  }
  for (std::size_t t = 0; t < model.steps(); ++t) {
    if (model.time_at(t) < year + 1 - 1e-9) s.step = t;
  }
  return s;
}

}  // namespace

std::vector<core::KeptCell> kept_cells(const std::vector<std::string>& outputs, const model::FabModel& model) {
  std::vector<core::KeptCell> cells;
  for (const auto& name : outputs) {
    if (const auto s = series_at(name, model)) cells.push_back({name, s->index, s->step});
  }
  return cells;
}

std::string recording(const std::vector<std::string>& outputs, bool binding) {
  std::vector<std::string> recorded;
  auto record = [&](const std::string& name) {
    if (std::find(recorded.begin(), recorded.end(), name) == recorded.end()) recorded.push_back(name);
  };
  for (const auto& name : outputs) record(name.substr(0, name.find('@')));
  if (binding) {
    for (auto name : model::CONSTRAINT_NAMES) record(fmt::format("binding_{}", name));
  }
  return fmt::format("run.outputs=[\"{}\"]", fmt::join(recorded, "\", \""));
}

std::vector<std::string> expand_outputs(const std::vector<std::string>& outputs) {
  std::vector<std::string> out;
  for (const auto& name : outputs) {
    const auto at = name.find('@'), dots = name.find("..");
    int y1 = 0, y2 = 0;
    if (at != std::string::npos && dots != std::string::npos && dots > at) {
      const auto a = name.substr(at + 1, dots - at - 1), b = name.substr(dots + 2);
      const auto [e1, c1] = std::from_chars(a.data(), a.data() + a.size(), y1);
      const auto [e2, c2] = std::from_chars(b.data(), b.data() + b.size(), y2);
      if (c1 == std::errc{} && c2 == std::errc{} && e1 == a.data() + a.size() && e2 == b.data() + b.size() &&
          y1 <= y2 && y2 - y1 <= 200) {
        for (int y = y1; y <= y2; ++y) out.push_back(fmt::format("{}@{}", name.substr(0, at), y));
        continue;
      }
      throw InputError(
          fmt::format("--output {}: expected SERIES@YEAR..YEAR, the first year not after the second", name));
    }
    out.push_back(name);
  }
  return out;
}

void check_scalar_outputs(const StudyScenario& scenario, const std::vector<std::string>& overrides,
                          const std::vector<std::string>& outputs) {
  auto all = overrides;
  all.emplace_back("run.outputs=[\"all\"]");
  const model::FabModel model(load_study_scenario(scenario, all));
  const auto& scalars = model.schema().scalars;
  for (const auto& name : outputs) {
    if (series_at(name, model)) continue;  // throws when it names no series or year of the run
    if (std::find(scalars.begin(), scalars.end(), name) != scalars.end()) continue;
    std::vector<std::string_view> names(scalars.begin(), scalars.end());
    const auto hint = core::closest_match(name, names);
    throw InputError(
        fmt::format("--output {}: not a scalar output of {}{} (fabcast docs outputs lists them; a series "
                    "in a year is SERIES@YEAR)",
                    name, scenario.name, hint.empty() ? "" : fmt::format("; did you mean '{}'?", hint)));
  }
}

core::RunResult run_point(const StudyScenario& scenario, std::vector<std::string> overrides,
                          const std::vector<std::string>& outputs, core::RunOptions options,
                          core::SamplingMethod sampling) {
  overrides.push_back(recording(outputs, true));
  const model::FabModel model(load_study_scenario(scenario, overrides));
  options.keep_cells = kept_cells(outputs, model);
  core::InputDesign design(model.inputs(), model.correlation(), sampling, options.seed);
  options.on_progress = nullptr;
  auto result = core::run(model, design, options);
  return result;
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
