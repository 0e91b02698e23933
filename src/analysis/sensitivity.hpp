#pragma once
// Sensitivity of a scenario's outputs to its inputs (docs/cli.md, "fabcast sensitivity"): Sobol
// indices of groups of inputs (analysis/sobol.hpp), or rank measures and a tornado from one
// ordinary run (analysis/rank_sensitivity.hpp). A library function the CLI calls.

#include "analysis/rank_sensitivity.hpp"
#include "analysis/sobol.hpp"

#include <nlohmann/json.hpp>

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace fabcast::analysis {

//! Inputs whose names match `pattern` ('*' stands for any run of characters, dots included) go in
//! group `name`.
struct GroupRule {
  std::string pattern;
  std::string name;
};

//! Whether `name` matches `pattern`, '*' matching any run of characters.
bool glob_match(std::string_view pattern, std::string_view name);

//! The default groups, by submodel (docs/cli.md lists them): first rule matching wins.
const std::vector<GroupRule>& default_group_rules();

//! The groups of the uncertain inputs (fixed ones have no variance to share): each input goes to
//! the first of `rules` it matches, else the first default rule, else a group named after its
//! first key component; with `per_input`, each input is its own group. Groups a rank
//! correlation links are merged (their inputs cannot be taken apart), which `notes` tells.
std::vector<InputGroup> make_groups(const std::vector<core::InputSpec>& inputs,
                                    const std::optional<core::RankCorrelation>& correlation,
                                    const std::vector<GroupRule>& rules, bool per_input,
                                    std::vector<std::string>& notes);

//! Parses "PATTERN=NAME" (--group); throws InputError.
GroupRule parse_group_rule(const std::string& text);

enum class SensitivityMethod { sobol, rank };

struct SensitivityRequest {
  std::string scenario;
  std::string scenario_text;  //!< a stored study run again: the resolved scenario (empty: load `scenario`)
  std::vector<std::string> overrides;
  std::vector<std::string> outputs;  //!< scalar outputs; empty: default_sensitivity_outputs
  std::vector<GroupRule> rules;      //!< --group PATTERN=NAME, before the defaults
  bool per_input = false;            //!< --group none
  SensitivityMethod method = SensitivityMethod::sobol;
  std::uint64_t seed = 0;
  unsigned threads = 1;
  std::uint64_t samples = 0;        //!< sobol: the first N (0: 2048); rank: the run's samples (0: 10,000)
  double target_half_width = 0.05;  //!< sobol: grow N until every interval is this narrow
  std::uint64_t max_base_samples = 65'536;
  std::size_t bootstrap = 500;
  bool tornado_mean = false;  //!< rank: the tornado's statistic is the mean (else the median)
};

//! What sensitivity reports when no --output is given (those the scenario records).
const std::vector<std::string>& default_sensitivity_outputs();

struct SensitivityResult {
  SensitivityRequest request;
  std::vector<std::string> outputs;
  std::vector<InputGroup> groups;        //!< sobol
  std::vector<std::string> input_names;  //!< the model's inputs (groups index them)
  std::optional<SobolResult> sobol;
  std::vector<RankResult> rank;
  std::uint64_t samples = 0;       //!< rank: the run's samples
  std::vector<std::string> notes;  //!< what the reader must know (merged groups, targets missed)
};

//! Runs it; `progress` is told what is done as text ("Sobol, N = 4096: run 3 of 17").
SensitivityResult run_sensitivity(const SensitivityRequest& request,
                                  const std::function<void(const std::string&)>& progress = {});

std::string sensitivity_table(const SensitivityResult& result);
nlohmann::ordered_json sensitivity_json(const SensitivityResult& result);

}  // namespace fabcast::analysis
