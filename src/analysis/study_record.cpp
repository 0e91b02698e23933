#include "analysis/study_record.hpp"

#include <stdexcept>

namespace fabcast::analysis {
namespace {

using Json = nlohmann::ordered_json;

core::SamplingMethod sampling_of(const Json& j) {
  const auto m = core::parse_sampling_method(j.at("sampling").get<std::string>());
  if (!m) throw std::invalid_argument("unknown sampling method");
  return *m;
}

}  // namespace

Json request_json(const SweepRequest& r) {
  Json axes = Json::array();
  for (const auto& a : r.axes) axes.push_back({{"key", a.key}, {"values", a.values}});
  return {{"scenario", r.scenario},
          {"overrides", r.overrides},
          {"axes", axes},
          {"outputs", r.outputs},
          {"seed", r.options.seed},
          {"samples", r.options.stop.samples.value_or(0)},
          {"sampling", std::string(core::to_string(r.sampling))}};
}

Json request_json(const SeekRequest& r) {
  return {{"scenario", r.scenario},
          {"overrides", r.overrides},
          {"key", r.key},
          {"lo", r.lo},
          {"hi", r.hi},
          {"log", r.log},
          {"largest", r.largest},
          {"target", r.target.text},
          {"tolerance", r.tolerance},
          {"grid", r.grid},
          {"seed", r.options.seed},
          {"samples", r.options.stop.samples.value_or(0)},
          {"sampling", std::string(core::to_string(r.sampling))},
          {"verify_seed", r.verify_seed}};
}

Json request_json(const SensitivityRequest& r) {
  Json rules = Json::array();
  for (const auto& g : r.rules) rules.push_back({{"pattern", g.pattern}, {"name", g.name}});
  return {{"scenario", r.scenario},
          {"overrides", r.overrides},
          {"outputs", r.outputs},
          {"rules", rules},
          {"per_input", r.per_input},
          {"method", r.method == SensitivityMethod::sobol ? "sobol" : "rank"},
          {"seed", r.seed},
          {"samples", r.samples},
          {"target_half_width", r.target_half_width},
          {"max_base_samples", r.max_base_samples},
          {"bootstrap", r.bootstrap},
          {"tornado_mean", r.tornado_mean}};
}

StudyResult rerun_study(const std::string& kind, const Json& j, const std::string& scenario_name,
                        const std::string& scenario_text, unsigned threads) {
  try {
    if (kind == "sweep") {
      SweepRequest r;
      r.scenario = scenario_name;
      r.scenario_text = scenario_text;
      r.overrides = j.at("overrides").get<std::vector<std::string>>();
      for (const auto& a : j.at("axes")) {
        r.axes.push_back({a.at("key").get<std::string>(), a.at("values").get<std::vector<std::string>>()});
      }
      r.outputs = j.at("outputs").get<std::vector<std::string>>();
      r.options.seed = j.at("seed").get<std::uint64_t>();
      r.options.stop.samples = j.at("samples").get<std::uint64_t>();
      r.options.threads = threads;
      r.sampling = sampling_of(j);
      return run_sweep(r);
    }
    if (kind == "seek") {
      SeekRequest r;
      r.scenario = scenario_name;
      r.scenario_text = scenario_text;
      r.overrides = j.at("overrides").get<std::vector<std::string>>();
      r.key = j.at("key").get<std::string>();
      r.lo = j.at("lo").get<double>();
      r.hi = j.at("hi").get<double>();
      r.log = j.at("log").get<bool>();
      r.largest = j.at("largest").get<bool>();
      r.target = parse_seek_target(j.at("target").get<std::string>());
      r.tolerance = j.at("tolerance").get<double>();
      r.grid = j.at("grid").get<std::size_t>();
      r.options.seed = j.at("seed").get<std::uint64_t>();
      r.options.stop.samples = j.at("samples").get<std::uint64_t>();
      r.options.threads = threads;
      r.sampling = sampling_of(j);
      r.verify_seed = j.at("verify_seed").get<std::uint64_t>();
      return run_seek(r);
    }
    if (kind == "sensitivity") {
      SensitivityRequest r;
      r.scenario = scenario_name;
      r.scenario_text = scenario_text;
      r.overrides = j.at("overrides").get<std::vector<std::string>>();
      r.outputs = j.at("outputs").get<std::vector<std::string>>();
      for (const auto& g : j.at("rules")) {
        r.rules.push_back({g.at("pattern").get<std::string>(), g.at("name").get<std::string>()});
      }
      r.per_input = j.at("per_input").get<bool>();
      r.method = j.at("method").get<std::string>() == "rank" ? SensitivityMethod::rank : SensitivityMethod::sobol;
      r.seed = j.at("seed").get<std::uint64_t>();
      r.samples = j.at("samples").get<std::uint64_t>();
      r.target_half_width = j.at("target_half_width").get<double>();
      r.max_base_samples = j.at("max_base_samples").get<std::uint64_t>();
      r.bootstrap = j.at("bootstrap").get<std::size_t>();
      r.tornado_mean = j.at("tornado_mean").get<bool>();
      r.threads = threads;
      return run_sensitivity(r);
    }
  } catch (const nlohmann::json::exception& e) {
    throw std::invalid_argument(std::string("the stored request is not as fabcast writes it: ") + e.what());
  }
  throw std::invalid_argument("unknown kind of study '" + kind + "'");
}

Json study_json(const StudyResult& result) {
  return std::visit(
      [](const auto& r) -> Json {
        using T = std::decay_t<decltype(r)>;
        if constexpr (std::is_same_v<T, SweepResult>)
          return sweep_json(r);
        else if constexpr (std::is_same_v<T, SeekResult>)
          return seek_json(r);
        else
          return sensitivity_json(r);
      },
      result);
}

std::string study_table(const StudyResult& result) {
  return std::visit(
      [](const auto& r) -> std::string {
        using T = std::decay_t<decltype(r)>;
        if constexpr (std::is_same_v<T, SweepResult>)
          return sweep_table(r);
        else if constexpr (std::is_same_v<T, SeekResult>)
          return seek_table(r);
        else
          return sensitivity_table(r);
      },
      result);
}

}  // namespace fabcast::analysis
