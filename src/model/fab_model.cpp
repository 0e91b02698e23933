#include "model/fab_model.hpp"

#include "core/errors.hpp"
#include "core/number_format.hpp"
#include "core/rng.hpp"
#include "core/text_distance.hpp"
#include "model/spec.hpp"
#include "scenario/loader.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>

namespace fabcast::model {

// The model's worker, defined in simulate.cpp.
std::unique_ptr<core::SampleWorker> make_fab_worker(std::shared_ptr<const Spec> spec);
std::uint64_t fab_worker_bytes(const Spec& spec);

namespace {

// Collects the scenario numbers the model reads as engine inputs, each under its key's name.
class Binder {
 public:
  explicit Binder(const scenario::Scenario& sc) : sc_(sc) {}

  Idx operator()(const std::string& key) {
    if (const auto it = index_.find(key); it != index_.end()) return it->second;
    const Idx idx{static_cast<std::uint32_t>(inputs_.size())};
    inputs_.push_back({key, sc_.dist(key)});
    index_.emplace(key, idx);
    return idx;
  }

  std::vector<core::InputSpec> take() { return std::move(inputs_); }

 private:
  const scenario::Scenario& sc_;
  std::vector<core::InputSpec> inputs_;
  std::map<std::string, Idx> index_;
};

double period_time(const std::string& text, bool end) {
  const auto p = *scenario::parse_period(text);
  const int quarter = p.quarter ? p.quarter : (end ? 4 : 1);
  return p.year + (quarter - 1) / 4.0;
}

// A scenario the model cannot run, reported as the loader reports problems: at the key's place.
[[noreturn]] void refuse(const scenario::Scenario& sc, const std::string& key, const std::string& message) {
  const auto* setting = sc.find(key);
  const std::string where = setting ? data::format_location(setting->origin.at) : sc.file();
  throw scenario::ScenarioError({fmt::format("{}: {}: {}", where, key, message)});
}

double fixed_of(const scenario::Scenario& sc, const std::string& key) {
  const auto& d = sc.dist(key);
  if (!d.is_fixed()) refuse(sc, key, fmt::format("found {}; the model needs a fixed number here", d.to_string()));
  return d.params()[0];
}

}  // namespace

FabModel::FabModel(const scenario::Scenario& sc) {
  auto spec = std::make_shared<Spec>();
  Spec& s = *spec;
  Binder bind(sc);

  // Time axis.
  const bool yearly = sc.text("run.step") == "year";
  s.dt = yearly ? 1.0 : 0.25;
  s.step_months = yearly ? 12.0 : 3.0;
  const double start = period_time(sc.text("run.start"), false);
  const double end = period_time(sc.text("run.end"), true);
  s.t0 = yearly ? std::floor(start) : start;
  const double last = yearly ? std::floor(end) : end;  // a yearly run's steps are whole years
  s.steps = static_cast<std::size_t>(std::llround((last - s.t0) / s.dt)) + 1;

  // Program.
  s.budget = bind("program.budget_usd");
  s.drawdown_years = bind("program.drawdown_years");
  s.existing_logic_wspm = bind("program.existing_logic_wspm");
  s.pipeline_wspm_per_year = bind("program.pipeline_wspm_per_year");
  s.pipeline_years = bind("program.pipeline_years");
  s.discount_rate = bind("program.discount_rate");
  s.project_spread = bind("program.project_spread");
  const auto& drawdown = sc.text("program.drawdown");
  s.drawdown = drawdown == "front"  ? Spec::Drawdown::front
               : drawdown == "back" ? Spec::Drawdown::back
               : drawdown == "list" ? Spec::Drawdown::list
                                    : Spec::Drawdown::even;
  s.drawdown_list = sc.numbers("program.drawdown_usd_per_year");
  s.balanced = sc.text("program.allocation") == "balanced";
  if (sc.find("program.target_logic_modules")) s.target_logic_modules = fixed_of(sc, "program.target_logic_modules");
  s.revenue_accelerators = sc.text("program.revenue_mode") == "accelerator";
  s.build_datacentres = sc.text("program.datacentres") == "build";
  s.charge_datacentre_capex = !s.build_datacentres && sc.flag("program.charge_datacentre_capex");
  if (s.build_datacentres) {
    s.hold_starts_for_power = sc.flag("program.hold_starts_for_power");
    s.dc_lead_years = bind("compute.datacentre_lead_years");
    s.dc_gw_per_year_max = bind("compute.datacentre_gw_per_year_max");
  }
  s.staff_at_completion = sc.text("program.staff_from_pool_at") == "completion";
  if (s.balanced) {
    s.exec_2025[PACKAGING] = bind("execution.packaging_starts_per_year_2025");
    s.exec_2025[MEMORY] = bind("execution.memory_starts_per_year_2025");
  }
  s.exec_growth = bind("execution.growth_per_year");

  // Regions the program may build in.
  for (const auto& name : sc.active_regions()) {
    const std::string p = "regions." + name + ".";
    RegionSpec r;
    r.name = name;
    r.capex_mult = bind(p + "capex_mult");
    r.build_months = bind(p + "build_months");
    r.workers_2025 = bind(p + "workers_2025");
    r.worker_growth = bind(p + "worker_growth_per_year");
    r.grid_mw_per_year = bind(p + "grid_headroom_mw_per_year");
    r.subsidy = bind(p + "subsidy_share");
    r.subsidy_pool = bind(p + "subsidy_pool_usd");
    r.subsidy_last_year = bind(p + "subsidy_last_year");
    r.euv_licence_probability = bind(p + "euv_licence_probability");
    r.crews_2025 = bind(p + "construction_workers_2025");
    r.crews_growth = bind(p + "construction_workers_growth_per_year");
    r.trainees_max = bind(p + "trainees_per_year_max");
    r.trainee_cost = bind(p + "trainee_cost_usd");
    r.technician_months = bind(p + "technician_training_months");
    r.engineer_years = bind(p + "engineer_training_years");
    r.technician_share = bind(p + "technician_share");
    r.max_share = bind(p + "max_share_of_starts");
    const auto& euv = sc.text(p + "euv_access");
    r.euv = euv == "no" ? RegionSpec::Euv::no : euv == "licence" ? RegionSpec::Euv::licence : RegionSpec::Euv::yes;
    r.licence_stream = core::stream_id("euv_licence:" + name);
    s.regions.push_back(std::move(r));
  }

  // Operators of the logic modules, preferred first, and the regions each builds in (the loader
  // checked that every region has one).
  s.spread_operators = sc.text("program.operator_choice") == "spread";
  const auto& operators = sc.names("program.operators");
  if (operators.size() > MAX_OPERATORS) {  // the loader refuses it first; a library caller may not have
    refuse(sc, "program.operators",
           fmt::format("has {} operators; expected at most {}", operators.size(), MAX_OPERATORS));
  }
  for (std::size_t o = 0; o < operators.size(); ++o) {
    const std::string p = "operators." + operators[o] + ".";
    s.operators.push_back(
        {operators[o], bind(p + "logic_starts_per_year_2025"), bind(p + "d0_launch_mult"), bind(p + "d0_mature_mult")});
    const auto& where = sc.names(p + "regions");
    const bool everywhere = std::find(where.begin(), where.end(), "*") != where.end();
    for (auto& r : s.regions) {
      if (everywhere || std::find(where.begin(), where.end(), r.name) != where.end())
        r.operators.push_back(static_cast<std::uint8_t>(o));
    }
  }

  // Module kinds.
  s.kinds_used = s.balanced ? KIND_COUNT : 1;  // logic_only buys packaging and HBM
  if (!s.balanced) {
    caveats_.push_back(
        "program.allocation = \"logic_only\": packaging and HBM are taken as bought, without limit or price, so "
        "accelerators count logic dies alone; under \"balanced\" the program builds them and they can limit output");
  }
  for (int k = 0; k < s.kinds_used; ++k) {
    const std::string p = std::string("modules.") + KIND_NAMES[k] + ".";
    KindSpec& m = s.kinds[static_cast<std::size_t>(k)];
    m.capacity = bind(p + "capacity_wafers_per_month");
    m.staff = bind(p + "staff");
    m.construction_workers = bind(p + "construction_workers_peak");
    m.ramp_months = bind(p + "ramp_months");
    m.peak_utilisation = bind(p + "peak_utilisation");
    m.opex_share = bind(p + "opex_share_of_capex_per_year");
  }
  s.kinds[LOGIC].power = bind("modules.logic.power_mw_per_10kwspm");
  if (s.balanced) {
    s.kinds[PACKAGING].power = bind("modules.packaging.power_mw");
    s.kinds[PACKAGING].capex = bind("modules.packaging.capex_usd");
    s.kinds[MEMORY].power = bind("modules.memory.power_mw_per_10kwspm");
    s.kinds[MEMORY].capex = bind("modules.memory.capex_usd_per_kwspm");
    s.kinds[MEMORY].euv = bind("modules.memory.euv_per_10kwspm");
  }

  // Nodes: the allowed ones and the reference node, by first volume.
  const auto& allowed = sc.names("program.nodes");
  const std::string reference = sc.text("accelerator.reference_node");
  std::vector<std::string> node_names(allowed.begin(), allowed.end());
  if (std::find(node_names.begin(), node_names.end(), reference) == node_names.end()) node_names.push_back(reference);
  for (const auto& name : node_names) {
    const std::string p = "nodes." + name + ".";
    NodeSpec n;
    n.name = name;
    n.first_volume = period_time(sc.text(p + "first_volume"), false);
    n.slip_quarters = bind(p + "slip_quarters");
    n.capex_per_kwspm = bind(p + "capex_usd_per_kwspm");
    n.euv_per_10kwspm = bind(p + "euv_per_10kwspm");
    n.wafer_price = bind(p + "wafer_price_usd");
    n.perf_gain = bind(p + "perf_gain");
    n.d0_launch = bind(p + "d0_launch_per_cm2");
    n.d0_mature = bind(p + "d0_mature_per_cm2");
    n.requires_euv = sc.flag(p + "requires_euv");
    n.allowed = std::find(allowed.begin(), allowed.end(), name) != allowed.end();
    s.nodes.push_back(std::move(n));
  }
  std::stable_sort(s.nodes.begin(), s.nodes.end(),
                   [](const auto& a, const auto& b) { return a.first_volume < b.first_volume; });
  s.reference_node = static_cast<std::size_t>(
      std::find_if(s.nodes.begin(), s.nodes.end(), [&](const auto& n) { return n.name == reference; }) -
      s.nodes.begin());
  s.later_nodes = sc.flag("node_roadmap.later_nodes");
  s.cadence_years = bind("node_roadmap.cadence_years");
  s.capex_growth_per_node = bind("node_roadmap.capex_growth_per_node");
  s.euv_growth_per_node = bind("node_roadmap.euv_growth_per_node");
  s.price_growth_per_node = bind("node_roadmap.wafer_price_growth_per_node");

  // Yield and the accelerator.
  const auto& yield_model = sc.text("yield.model");
  s.yield_model = yield_model == "poisson"  ? YieldModel::poisson
                  : yield_model == "murphy" ? YieldModel::murphy
                                            : YieldModel::negative_binomial;
  s.direct_good_dies = sc.find("accelerator.good_dies_per_wafer") != nullptr;
  if (s.direct_good_dies) {
    s.good_dies_per_wafer = bind("accelerator.good_dies_per_wafer");
  } else {
    s.alpha = bind("yield.alpha");
    s.d0_tau_quarters = bind("yield.d0_learning_quarters");
    s.salvage_share = bind("yield.salvage_share");
    s.die_area = bind("accelerator.die_area_mm2");
    s.wafer_diameter = bind("accelerator.wafer_diameter_mm");
    s.edge_exclusion = bind("accelerator.edge_exclusion_mm");
  }
  s.wafer_price_decline = bind("yield.wafer_price_decline_per_year");
  s.dies_per_package = fixed_of(sc, "accelerator.dies_per_package");
  s.flops_per_die_2025 = bind("accelerator.flops_per_die_2025");
  if (s.balanced) {
    s.hbm_stacks = bind("accelerator.hbm_stacks_per_package");
    s.hbm_stacks_2027 = bind("accelerator.hbm_stacks_per_package_2027");
    s.packages_per_wafer = bind("accelerator.packages_per_interposer_wafer");
    s.packaging_yield = bind("accelerator.packaging_yield");
    s.stacks_per_wafer = bind("accelerator.hbm_stacks_per_dram_wafer");
  }
  s.all_in_kw = bind("accelerator.all_in_kw");
  s.arch_gain = bind("accelerator.arch_gain_per_year");
  s.arch_years = bind("accelerator.arch_gain_years_per_node");
  s.price_2025 = bind("accelerator.price_usd_2025");
  s.price_decline = bind("accelerator.price_decline_per_year");

  // Compute, economics, world.
  s.deploy_lag_quarters = bind("compute.deploy_lag_quarters");
  s.useful_life_years = bind("compute.useful_life_years");
  s.pue = bind("compute.pue");
  s.datacentre_capex_per_mw = bind("compute.datacentre_capex_usd_per_mw");
  s.run_share = bind("compute.run_share");
  s.mfu = bind("compute.mfu");
  s.run_days = bind("compute.run_days");
  s.run_campus_2026 = bind("compute.run_campus_gw_2026");
  s.run_campus_2030 = bind("compute.run_campus_gw_2030");
  s.algo_halving_months = bind("compute.algo_halving_months");
  s.thresholds_flop = sc.numbers("compute.thresholds_flop");
  s.energy_price = bind("economics.energy_usd_per_mwh");
  s.labour_cost = bind("economics.labour_usd_per_year");
  s.market_entrant = sc.text("program.market_role") == "entrant";
  s.leading_edge_2024 = bind("world.leading_edge_wspm_2024");
  s.leading_edge_2028 = bind("world.leading_edge_wspm_2028");
  s.leading_edge_growth = bind("world.leading_edge_growth_after_2028");
  if (!s.revenue_accelerators) {
    s.ai_share_2024 = bind("world.ai_share_of_leading_edge_2024");
    s.ai_share_growth = bind("world.ai_share_growth_per_year");
  }
  s.fund_suppliers = sc.flag("program.fund_suppliers");
  // A supplier's book: world.<prefix>_* for the other buyers and the supplier, suppliers.<prefix>_line_*
  // (each with its unit in its name) for the capacity the program may fund.
  auto bind_book = [&](const std::string& demand_2025, const std::string& demand_2027, const std::string& prefix,
                       const std::string& line_cost, const std::string& line_max, const std::string& line_pace) {
    BookSpec b;
    b.demand_2025 = bind(demand_2025);
    b.demand_2027 = bind(demand_2027);
    b.headroom = bind("world." + prefix + "_capacity_headroom");
    b.lead_months = bind("world." + prefix + "_lead_months");
    if (s.fund_suppliers) {
      b.line_cost = bind(line_cost);
      b.line_lead_years = bind("suppliers." + prefix + "_line_lead_years");
      b.line_max = bind(line_max);
      b.line_pace = bind(line_pace);
    }
    return b;
  };
  if (sc.text("world.euv_supply") == "allowance") {
    s.euv_supply = Spec::EuvSupply::allowance;
    s.euv_world_2025 = bind("world.euv_tools_per_year_2025");
    s.euv_share = bind("world.euv_program_share");
    s.euv_growth = bind("world.euv_growth_per_year");
    s.euv_ceiling = bind("world.euv_ceiling_per_year");
    s.euv_at_completion = sc.text("world.euv_tools_at") == "completion";
  } else {
    s.euv_book = bind_book("world.euv_tools_per_year_2025", "world.euv_demand_2027", "euv",
                           "suppliers.euv_line_usd_per_tool_year", "suppliers.euv_line_max_tools_per_year",
                           "suppliers.euv_line_pace_tools_per_year");
  }
  s.equipment_book = sc.text("world.wfe_supply") == "order_book";
  if (s.equipment_book) {
    s.wfe_book = bind_book("world.wfe_usd_2025", "world.wfe_usd_2027", "wfe", "suppliers.wfe_line_usd_per_usd_year",
                           "suppliers.wfe_line_max_usd_per_year", "suppliers.wfe_line_pace_usd_per_year");
    s.equipment_share = bind("suppliers.equipment_share_of_capex");
    s.euv_tool_usd = bind("suppliers.euv_tool_usd");
  }
  if (s.euv_supply == Spec::EuvSupply::order_book || s.equipment_book) {
    s.max_wait_months = bind("program.euv_max_wait_months");
  }

  // Outputs: every one the model can produce, in the order of the table in outputs.hpp;
  // run.outputs picks among them.
  const auto& wanted = sc.names("run.outputs");
  const bool all = std::find(wanted.begin(), wanted.end(), "all") != wanted.end();
  schema_.steps = s.steps;
  // Scalars at a year exist only when the run covers that year's last step.
  const double last_year = std::floor(s.t0 + static_cast<double>(s.steps - 1) * s.dt + 1e-9);
  std::vector<std::vector<int>> slots(OUTPUT_COUNT);
  std::vector<std::string> operator_names;  // the members of the operator family
  for (const auto& o : s.operators) operator_names.push_back(o.name);
  for (const bool series : {true, false}) {  // series first, then scalars
    for (std::size_t id = 0; id < OUTPUT_COUNT; ++id) {
      const OutputDef& def = OUTPUTS[id];
      if (def.series != series) continue;
      for (const auto& member : family_members(def.family, s.thresholds_flop, operator_names)) {
        const std::string name = output_name(def, member);
        int slot = OutputIndex::NO;
        const bool without_target = id == LOGIC_TARGET_YEAR && s.target_logic_modules < 0;
        const bool without_datacentres = !s.build_datacentres && (id == DATACENTRE_POWER || id == CHIPS_WAITING ||
                                                                  id == DEPLOY_LIMIT || id == DATACENTRE_ADDED);
        if (without_target || without_datacentres ||
            (def.year && (def.year > last_year || def.year < std::floor(s.t0)))) {
          slots[id].push_back(slot);
          continue;
        }
        output_names_.push_back(name);
        if (all || std::find(wanted.begin(), wanted.end(), name) != wanted.end()) {
          if (series) {
            slot = static_cast<int>(schema_.series.size());
            schema_.series.push_back(name);
            schema_.series_quantiles.push_back(def.quantiles);
          } else {
            // `never`: the scalar is +inf when its event never happens (a payback, a first year), or
            // when it is undefined for want of output (the cost per wafer of a program that made none).
            slot = static_cast<int>(schema_.scalars.size());
            schema_.scalars.push_back(name);
            schema_.scalar_may_be_infinite.push_back(def.never);
          }
        }
        slots[id].push_back(slot);
      }
    }
  }
  auto& o = s.out;
  for (std::size_t id = 0; id < OUTPUT_COUNT; ++id) o.add(static_cast<Output>(id), slots[id]);
  for (const auto& w : wanted) {
    if (w != "all" && std::find(output_names_.begin(), output_names_.end(), w) == output_names_.end()) {
      const auto hint =
          core::closest_match(w, std::vector<std::string_view>(output_names_.begin(), output_names_.end()));
      refuse(sc, "run.outputs",
             fmt::format("names \"{}\", which the model does not produce{}; the outputs are listed in docs/model.md "
                         "(\"all\" records every one)",
                         w, hint.empty() ? "" : fmt::format(" (did you mean \"{}\"?)", hint)));
    }
  }
  // Wafer prices matter only for money outputs under wafer revenue.
  const bool money =
      o(REVENUE) >= 0 || o(CASH) >= 0 || o(NPV) >= 0 || o(IRR) >= 0 || o(PAYBACK_YEAR) >= 0 || o(BREAKEVEN_PRICE) >= 0;
  s.need_wafer_price = money && !s.revenue_accelerators;
  s.need_largest_run = o(LARGEST_RUN) >= 0;
  // The money and the market are read only when an output depends on them (drawing their inputs
  // for nothing cost benchmark B1 a fifth of its time).
  const bool cash = money || o(TAX_PAID) >= 0 || o(IDLE_FUNDS_COST) >= 0 || o(INTEGRATION_COST) >= 0;
  if (cash) {
    s.risk_premium = bind("program.risk_premium");
    if (s.revenue_accelerators) s.integration_share = bind("economics.integration_cost_share");
    s.tax_rate = bind("economics.tax_rate");
    s.depreciation_years = bind("economics.depreciation_years");
    s.carry_rate = bind("economics.idle_funds_carry_rate");
  }
  s.need_market = (s.market_entrant && (money || o(TRAINING_COST_DECLINE) >= 0)) || o(WORLD_SPEND) >= 0 ||
                  o(MARKET_PRICE_INDEX) >= 0 || o(PROGRAM_MARKET_SHARE) >= 0 || o(WORLD_BOUGHT_H100E) >= 0 ||
                  o(WORLD_INSTALLED_H100E) >= 0 || o(PROGRAM_COMPUTE_SHARE) >= 0 || o(RUN_COST_1E25) >= 0 ||
                  o(MARKET_SHARE_2030) >= 0 || o(MARKET_SHARE_2035) >= 0 || o(PRICE_INDEX_2030) >= 0 ||
                  o(PRICE_INDEX_2035) >= 0;
  if (s.need_market) {
    s.spend_2025 = bind("market.accelerator_spend_usd_2025");
    s.spend_growth_2030 = bind("market.spend_growth_to_2030");
    s.spend_growth_after = bind("market.spend_growth_after_2030");
    if (s.market_entrant) s.elasticity = bind("market.demand_elasticity");
    s.installed_h100e_2026 = bind("market.installed_h100e_2026");
    s.h100_flops = bind("market.h100_flops");
  }
  for (std::size_t i = 0; i < s.thresholds_flop.size(); ++i) s.need_largest_run |= o(FIRST_YEAR_RUN_EXCEEDS, i) >= 0;

  // Correlation over the model's inputs (a named key the model does not read is bound anyway).
  if (const auto* corr = sc.find("run.correlation.inputs")) {
    const auto& keys = std::get<data::TextList>(corr->value);
    const auto& rows = std::get<data::Matrix>(sc.value("run.correlation.matrix"));
    core::RankCorrelation rc;
    rc.names = keys;
    rc.matrix.resize(static_cast<Eigen::Index>(rows.size()), static_cast<Eigen::Index>(rows.size()));
    for (std::size_t i = 0; i < rows.size(); ++i) {
      for (std::size_t j = 0; j < rows.size(); ++j)
        rc.matrix(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j)) = rows[i][j];
    }
    for (const auto& k : keys) bind(k);
    correlation_ = std::move(rc);
  }
  inputs_ = bind.take();
  spec_ = std::move(spec);
}

FabModel::~FabModel() = default;

bool FabModel::sells_wafers() const noexcept { return !spec_->revenue_accelerators; }

std::unique_ptr<core::SampleWorker> FabModel::make_worker() const { return make_fab_worker(spec_); }

std::uint64_t FabModel::worker_bytes() const { return fab_worker_bytes(*spec_); }

std::size_t FabModel::steps() const noexcept { return spec_->steps; }
double FabModel::step_years() const noexcept { return spec_->dt; }
double FabModel::time_at(std::size_t step) const noexcept { return spec_->t0 + static_cast<double>(step) * spec_->dt; }

std::string FabModel::step_label(std::size_t step) const {
  const double t = time_at(step) + 1e-9;
  const int year = static_cast<int>(std::floor(t));
  if (spec_->dt >= 1) return std::to_string(year);
  return fmt::format("{}Q{}", year, static_cast<int>((t - year) * 4) + 1);
}

}  // namespace fabcast::model
