#pragma once
// The fab-program model of MODEL.md sections 2 to 7: from a budget to modules started under
// binding constraints, wafers, good dies, accelerators, installed AI compute and the program's
// cash flows, one time path per sample.

#include "core/design.hpp"
#include "core/model.hpp"
#include "scenario/scenario.hpp"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace fabcast::model {

enum Kind : std::uint8_t { LOGIC, PACKAGING, MEMORY, KIND_COUNT };
enum Constraint : std::uint8_t {
  CAPITAL,
  EXECUTION,
  WORKERS,
  CONSTRUCTION,
  EUV,
  EQUIPMENT,
  POWER,
  DATACENTRES,
  NONE,
  CONSTRAINT_COUNT
};
enum Stage : std::uint8_t { STAGE_LOGIC, STAGE_PACKAGING, STAGE_HBM, STAGE_COUNT };

inline constexpr const char* KIND_NAMES[KIND_COUNT] = {"logic", "packaging", "memory"};
inline constexpr const char* CONSTRAINT_NAMES[CONSTRAINT_COUNT] = {
    "capital", "execution", "workers", "construction", "euv", "equipment", "power", "datacentres", "none"};
inline constexpr const char* STAGE_NAMES[STAGE_COUNT] = {"logic", "packaging", "hbm"};
// What limits the chips in service in a step (docs/model.md, "Data centres"): the chips made
// (every one is powered), the data centres' power (chips wait for capacity under construction or
// beyond the build pace), or the money to order that power.
enum DeployLimit : std::uint8_t { DEPLOY_CHIPS, DEPLOY_POWER, DEPLOY_CAPITAL, DEPLOY_LIMIT_COUNT };
inline constexpr const char* DEPLOY_LIMIT_NAMES[DEPLOY_LIMIT_COUNT] = {"chips", "power", "capital"};

struct Spec;  // the scenario compiled to input indices (model/spec.hpp)

class FabModel final : public core::Model {
 public:
  //! Compiles a resolved scenario. Throws InputError when the scenario cannot run (an unknown
  //! output in run.outputs, a program with no region able to build logic).
  explicit FabModel(const scenario::Scenario& scenario);
  ~FabModel() override;

  [[nodiscard]] const core::OutputSchema& schema() const override { return schema_; }
  [[nodiscard]] std::unique_ptr<core::SampleWorker> make_worker() const override;
  [[nodiscard]] std::uint64_t worker_bytes() const override;

  //! The uncertain and fixed numbers the model reads, named by scenario key, in input order.
  [[nodiscard]] const std::vector<core::InputSpec>& inputs() const noexcept { return inputs_; }
  //! run.correlation, over those inputs.
  [[nodiscard]] const std::optional<core::RankCorrelation>& correlation() const noexcept { return correlation_; }

  //! Number of steps, their length in years, and the calendar label of each ("2025Q1" or "2025").
  [[nodiscard]] std::size_t steps() const noexcept;
  [[nodiscard]] double step_years() const noexcept;
  [[nodiscard]] std::string step_label(std::size_t step) const;
  //! Calendar time at the start of a step, in years (2025.25 = the start of 2025 Q2).
  [[nodiscard]] double time_at(std::size_t step) const noexcept;

  //! Every output the model can record for this scenario, series then scalars (run.outputs picks among them).
  [[nodiscard]] const std::vector<std::string>& output_names() const noexcept { return output_names_; }

  //! Whether the program sells logic wafers (program.revenue_mode = wafer), not accelerators: what a
  //! break-even price is per.
  [[nodiscard]] bool sells_wafers() const noexcept;

  //! What the results of this scenario leave out, in sentences a report prints beside them (a
  //! setting that makes part of the supply free, say); empty when nothing is.
  [[nodiscard]] const std::vector<std::string>& caveats() const noexcept { return caveats_; }

 private:
  std::shared_ptr<const Spec> spec_;
  core::OutputSchema schema_;
  std::vector<core::InputSpec> inputs_;
  std::optional<core::RankCorrelation> correlation_;
  std::vector<std::string> output_names_;
  std::vector<std::string> caveats_;
};

}  // namespace fabcast::model
