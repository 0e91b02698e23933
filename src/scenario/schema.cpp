#include "scenario/schema.hpp"

#include "core/number_format.hpp"

#include <fmt/format.h>

#include <cmath>
#include <map>

namespace fabcast::scenario {

std::string_view to_string(ValueType type) noexcept {
  switch (type) {
    case ValueType::number:
      return "number or distribution";
    case ValueType::text:
      return "text";
    case ValueType::boolean:
      return "true or false";
    case ValueType::number_list:
      return "list of numbers";
    case ValueType::text_list:
      return "list of names";
    case ValueType::period:
      return "period (\"2025Q1\" or 2025)";
    case ValueType::matrix:
      return "matrix (list of rows)";
  }
  return "";
}

namespace {

constexpr double INF = std::numeric_limits<double>::infinity();

// Every number key has a finite upper bound, well beyond any real value, so that no product the
// model forms overflows: a key's bounds say what the model can compute with, not what is likely
// (the data library's ranges say that). Growth rates a year stop at 1,000 %; divisors and factors
// that compound over hundreds of steps or nodes start above zero, far enough that their powers
// neither underflow to a 0/0 nor overflow, and no output passes 1e145 (MAX_MAGNITUDE; with every
// factor at its largest, FLOP/s compound as 1e17 x 2^200 nodes x 1.5^175 years = 2e108 a die).
constexpr double GROWTH_MAX = 10;

// Shorthands for the table below.
KeySpec num(std::string_view path, std::string_view unit, double min, double max, std::string_view doc) {
  return {path, ValueType::number, unit, min, max, doc, {}, {}, true};
}

KeySpec share(std::string_view path, std::string_view doc) { return num(path, "share", 0, 1, doc); }
KeySpec word(std::string_view path, std::vector<std::string_view> choices, std::string_view fallback,
             std::string_view doc, bool from_data = false) {
  return {path, ValueType::text, "", -INF, INF, doc, std::move(choices), fallback, from_data};
}

// The table is kept one key a line, as a table reads, not as clang-format would wrap it.
// clang-format off
std::vector<KeySpec> build() {
  std::vector<KeySpec> s;
  // Identity
  s.push_back({"name", ValueType::text, "", -INF, INF, "Short name of the scenario (default: the file name)", {}, "\"\""});
  s.push_back({"description", ValueType::text, "", -INF, INF, "One line on what the scenario represents", {}, "\"\""});
  // Run settings
  s.push_back({"run.start", ValueType::period, "", -INF, INF, "First step of the simulation", {}, "\"2025Q1\""});
  s.push_back({"run.end", ValueType::period, "", -INF, INF, "Last step (a bare year means its last quarter)", {}, "\"2045Q4\""});
  s.push_back(word("run.step", {"quarter", "year"}, "\"quarter\"", "Length of one time step"));
  s.push_back({"run.samples", ValueType::number, "samples", 1, 4294967295.0, "Samples when the command line gives no --samples", {}, "10000", false, true});
  // Scenario numbers are doubles, which hold every whole number up to 2^53 exactly; a larger seed
  // would silently become a neighbour (--seed takes all 64 bits).
  s.push_back({"run.seed", ValueType::number, "", 0, 9007199254740992.0, "Random seed (unset: drawn and recorded at run time)", {}, {}, false, true, true});
  s.push_back(word("run.sampling", {"mc", "lhs"}, "\"mc\"", "Monte Carlo or Latin hypercube sampling"));
  s.push_back({"run.outputs", ValueType::text_list, "", -INF, INF, "Outputs to record, by name (\"all\": every one; fewer is faster)", {}, "[\"all\"]"});
  s.push_back({"run.correlation.inputs", ValueType::text_list, "", -INF, INF, "Uncertain keys to correlate (full key paths)", {}, {}, false, false, true});
  s.push_back({"run.correlation.matrix", ValueType::matrix, "", -1, 1, "Spearman rank-correlation matrix over those keys (Iman-Conover)", {}, {}, false, false, true});
  // Program
  s.push_back(num("program.budget_usd", "USD", 0, 1e15, "Total money the program can commit"));
  s.push_back(word("program.drawdown", {"even", "front", "back", "list"}, "\"even\"",
                   "How the budget arrives: evenly, front- or back-loaded over drawdown_years, or as drawdown_usd_per_year"));
  s.push_back(num("program.drawdown_years", "years", 1, 100, "Years over which the budget arrives"));
  s.push_back({"program.drawdown_usd_per_year", ValueType::number_list, "USD", 0, 1e15, "Tranche per year from the start, for drawdown = \"list\" (must sum to the budget)", {}, "[]",
               false, false, false, 301});
  s.push_back({"program.target_logic_modules", ValueType::number, "modules", 0, 1e9,
               "Stop starting logic modules once this many have started (the policy's target; unset: no target)", {}, {}, false, true, true});
  s.push_back({"program.existing_logic_wspm", ValueType::number, "wafers/month", 0, 1e9,
               "Leading-edge logic capacity the operators already run at the start (counts in logic_capacity_wspm only)", {}, "0"});
  s.push_back({"program.pipeline_wspm_per_year", ValueType::number, "wafers/month per year", 0, 1e9,
               "Capacity already funded and under construction at the start: what of it comes online each year (counts in logic_capacity_wspm only)", {}, "0"});
  s.push_back({"program.pipeline_years", ValueType::number, "years", 0.01, 100,
               "Years that pipeline keeps coming online, evenly from the start", {}, "2"});
  s.push_back(num("program.discount_rate", "1/year", 0, 1, "Discount rate for NPV"));
  s.push_back(num("program.risk_premium", "1/year", 0, 1, "Project-risk premium added to the discount rate for NPV (and the break-even price)"));
  s.push_back(word("program.market_role", {"entrant", "incumbent"}, "\"entrant\"",
                   "entrant: the program's accelerators add to the world's and lower the price (docs/model.md, Market); incumbent: they are part of the world's supply path and sell at the list price"));
  s.push_back(word("program.allocation", {"balanced", "logic_only"}, "\"balanced\"",
                   "balanced builds logic, packaging and memory in the ratio one accelerator needs; logic_only buys packaging and HBM"));
  s.push_back(word("program.revenue_mode", {"wafer", "accelerator"}, "\"wafer\"", "Sell logic wafers, or accelerators"));
  s.push_back({"program.regions", ValueType::text_list, "", -INF, INF, "Regions the program may build in", {},
               "[\"Taiwan\", \"US\", \"Japan\", \"Korea\", \"Europe\", \"Gulf\"]"});
  s.push_back({"program.nodes", ValueType::text_list, "", -INF, INF, "Logic nodes the program may build (later roadmap nodes follow the newest)", {},
               "[\"N3\", \"N2\", \"A16\", \"A14\"]"});
  s.push_back({"program.operators", ValueType::text_list, "", -INF, INF, "Operators that may run the program's logic modules, preferred first", {},
               "[\"TSMC\", \"Samsung\", \"Intel\", \"entrant\"]", false, false, false, 8});
  s.push_back(word("program.operator_choice", {"preferred", "spread"}, "\"preferred\"",
                   "preferred: a region's first operator in program.operators with a start left runs the module; spread: each operator's share of the starts follows its capacity (Sainte-Lague)"));
  s.push_back({"program.regions_exclude", ValueType::text_list, "", -INF, INF, "Regions removed from program.regions (to trim an inherited list)", {}, "[]"});
  s.push_back(num("program.project_spread", "1", 0, 3, "Sigma of the per-module lognormal factor (median 1) on build time and cost"));
  s.push_back(word("program.datacentres", {"external", "build"}, "\"external\"",
                   "build: the program builds and pays for the data centres its chips run in, and chips wait unpowered when they are short; external: someone else's, never short"));
  s.push_back({"program.hold_starts_for_power", ValueType::boolean, "", -INF, INF, "build: start no module in a step in which the program cannot order all the data-centre power its chips will need (the build pace or the money cuts the order)", {}, "true"});
  s.push_back({"program.charge_datacentre_capex", ValueType::boolean, "", -INF, INF, "external: charge the data centres the chips need (at their peak power) to the program", {}, "false"});
  s.push_back(word("program.staff_from_pool_at", {"completion", "start"}, "\"completion\"",
                   "Which pool a module's operating staff must fit in: the region's at its completion, when they are hired (tool-in), or at its start (benchmark B1's rule)"));
  s.push_back(num("program.euv_max_wait_months", "months", 0, 600, "A module starts only if all its EUV tools and other equipment can arrive within this long of its completion"));
  s.push_back({"program.fund_suppliers", ValueType::boolean, "", -INF, INF, "The program may fund new EUV and equipment capacity when tools are what stops a start (suppliers.*)", {}, "true"});
  // Execution capacity
  s.push_back(num("execution.memory_starts_per_year_2025", "modules/year", 0, 1e12, "Memory (HBM) modules a year, in 2025"));
  s.push_back(num("execution.packaging_starts_per_year_2025", "modules/year", 0, 1e12, "Packaging modules a year, in 2025"));
  s.push_back(num("execution.growth_per_year", "1/year", 0, GROWTH_MAX, "Growth of execution capacity a year"));
  // Regions
  // Operators of the program's logic modules (docs/model.md, "Operators")
  s.push_back({"operators.*.like", ValueType::text, "", -INF, INF, "For a new operator: copy every value of this operator first", {}, {}, false, false, true});
  s.push_back({"operators.*.regions", ValueType::text_list, "", -INF, INF, "Regions where the operator builds (\"*\": every region)", {}, {}, true});
  s.push_back(num("operators.*.logic_starts_per_year_2025", "modules/year", 0, 1e12, "Leading-edge logic modules the operator can start a year, in 2025 (grows with execution.growth_per_year)"));
  s.push_back(num("operators.*.d0_launch_mult", "x", 0, 1000, "Its defect density at a node's first volume, as a multiple of the node's (TSMC's)"));
  s.push_back(num("operators.*.d0_mature_mult", "x", 0, 1000, "Its mature defect density, as a multiple of the node's (TSMC's)"));
  s.push_back({"regions.*.like", ValueType::text, "", -INF, INF, "For a new region: copy every value of this region first", {}, {}, false, false, true});
  s.push_back(num("regions.*.capex_mult", "x", 0, 100, "Capex multiplier against Taiwan"));
  s.push_back(num("regions.*.build_months", "months", 0, 1200, "Groundbreaking to first output"));
  s.push_back(num("regions.*.workers_2025", "workers", 0, 1e9, "Skilled workers free for the program in 2025"));
  s.push_back(num("regions.*.worker_growth_per_year", "1/year", -1, GROWTH_MAX, "Growth of that pool a year"));
  s.push_back(num("regions.*.grid_headroom_mw_per_year", "MW/year", 0, 1e12, "New grid power a year new fabs can claim"));
  s.push_back(share("regions.*.subsidy_share", "Share of capex paid by subsidies and tax credits"));
  s.push_back(num("regions.*.subsidy_pool_usd", "USD", 0, 1e15, "Most subsidy the region pays the program's modules in all (1e15: an uncapped tax credit)"));
  s.push_back(num("regions.*.subsidy_last_year", "year", 1900, 3000, "Last calendar year in which a module's start earns the subsidy"));
  s.push_back(word("regions.*.euv_access", {"yes", "no", "licence"}, {}, "Whether EUV tools can be delivered there", true));
  s.push_back(share("regions.*.euv_licence_probability", "For euv_access = licence: chance the licence is granted (drawn once a sample)"));
  s.push_back(num("regions.*.construction_workers_2025", "workers", 0, 1e12, "Fab construction crews (trades and tool installers) the region can put on sites at once, in 2025; a module holds its peak crew while it builds"));
  s.push_back(num("regions.*.construction_workers_growth_per_year", "1/year", 0, GROWTH_MAX, "Growth of those crews a year"));
  s.push_back(num("regions.*.trainees_per_year_max", "workers/year", 0, 1e9, "Trainees a year the program funds"));
  s.push_back(num("regions.*.trainee_cost_usd", "USD", 0, 1e9, "Cost of training one worker"));
  s.push_back(num("regions.*.technician_training_months", "months", 0, 1200, "Time to a productive technician"));
  s.push_back(num("regions.*.engineer_training_years", "years", 0, 100, "Time to a productive engineer"));
  s.push_back(share("regions.*.technician_share", "Share of trainees who train as technicians"));
  s.push_back(share("regions.*.max_share_of_starts", "Cap on the region's share of all starts"));
  // Module kinds
  s.push_back(num("modules.*.capacity_wafers_per_month", "wafers/month", 0, 1e7, "Wafer starts (packaging: interposer wafers) a month at full output"));
  s.push_back(num("modules.*.staff", "workers", 0, 1e6, "Operating staff"));
  s.push_back(num("modules.*.construction_workers_peak", "workers", 0, 1e6, "Construction workers at peak"));
  s.push_back(num("modules.*.ramp_months", "months", 0, 1200, "First output to full output"));
  s.push_back(share("modules.*.peak_utilisation", "Share of capacity used at full ramp"));
  s.push_back(num("modules.*.opex_share_of_capex_per_year", "1/year", 0, 1, "Cash operating cost a year, as a share of capex"));
  s.push_back(num("modules.logic.power_mw_per_10kwspm", "MW per 10 kWSPM", 0, 1e5, "Average power per 10,000 wafer starts a month"));
  s.push_back(num("modules.packaging.capex_usd", "USD", 0, 1e12, "Capex of one packaging module"));
  s.push_back(num("modules.packaging.power_mw", "MW", 0, 1e5, "Average power of one packaging module"));
  s.push_back(num("modules.memory.capex_usd_per_kwspm", "USD/kWSPM", 0, 1e12, "Capex per 1,000 wafer starts a month"));
  s.push_back(num("modules.memory.euv_per_10kwspm", "tools per 10 kWSPM", 0, 1e3, "EUV tools per 10,000 wafer starts a month"));
  s.push_back(num("modules.memory.power_mw_per_10kwspm", "MW per 10 kWSPM", 0, 1e5, "Average power per 10,000 wafer starts a month"));
  // Nodes
  s.push_back({"nodes.*.like", ValueType::text, "", -INF, INF, "For a new node: copy every value of this node first", {}, {}, false, false, true});
  s.push_back({"nodes.*.first_volume", ValueType::period, "quarter", -INF, INF, "Quarter of first volume production", {}, {}, true});
  s.push_back(num("nodes.*.slip_quarters", "quarters", 0, 400, "Delay beyond first_volume"));
  s.push_back(num("nodes.*.capex_usd_per_kwspm", "USD/kWSPM", 0, 1e12, "Logic capex per 1,000 wafer starts a month, at Taiwan cost"));
  s.push_back(num("nodes.*.euv_per_10kwspm", "tools per 10 kWSPM", 0, 1e3, "EUV tools per 10,000 wafer starts a month"));
  s.push_back(num("nodes.*.wafer_price_usd", "USD/wafer", 0, 1e9, "Price of a processed wafer at launch"));
  s.push_back(num("nodes.*.perf_gain", "x", 0.1, 2, "FLOP/s per die over the previous node"));
  s.push_back(num("nodes.*.d0_launch_per_cm2", "defects/cm2", 0, 100, "Defect density at first volume"));
  s.push_back(num("nodes.*.d0_mature_per_cm2", "defects/cm2", 0, 100, "Mature defect density"));
  s.push_back({"nodes.*.requires_euv", ValueType::boolean, "", -INF, INF, "The node needs EUV tools", {}, {}, true});
  s.push_back({"node_roadmap.later_nodes", ValueType::boolean, "", -INF, INF, "Add nodes after the newest listed one, every cadence_years", {}, "true"});
  s.push_back(num("node_roadmap.cadence_years", "years", 0, 100, "Years between nodes after the listed ones"));
  s.push_back(num("node_roadmap.capex_growth_per_node", "share", -0.9, 1, "Capex per kWSPM growth a node"));
  s.push_back(num("node_roadmap.euv_growth_per_node", "share", -0.9, 1, "EUV tools per 10 kWSPM growth a node"));
  s.push_back(num("node_roadmap.wafer_price_growth_per_node", "share", -0.9, 1, "Wafer price growth a node"));
  // Yield
  s.push_back(word("yield.model", {"negative_binomial", "poisson", "murphy"}, {}, "Die-yield model", true));
  s.push_back(num("yield.alpha", "1", 0.01, 1e3, "Clustering parameter of the negative-binomial model"));
  s.push_back(num("yield.d0_learning_quarters", "quarters", 0.01, 1e3, "Time constant of defect-density learning"));
  s.push_back(share("yield.salvage_share", "Share of failed dies salvaged by disabling units"));
  s.push_back(num("yield.wafer_price_decline_per_year", "1/year", 0, 1, "Fall of a node's wafer price a year after launch"));
  // Accelerator
  s.push_back(word("accelerator.reference_node", {}, {}, "Node of the reference performance figure", true));
  s.push_back(num("accelerator.die_area_mm2", "mm2", 1, 1e5, "Area of one logic die"));
  s.push_back({"accelerator.dies_per_package", ValueType::number, "dies", 1, 16, "Logic dies per package", {}, {}, true, true});
  s.push_back({"accelerator.good_dies_per_wafer", ValueType::number, "dies", 0, 1e6,
               "Good dies per logic wafer, given directly (unset: from die area, defect density and yield)", {}, {}, false, false, true});
  s.push_back(num("accelerator.flops_per_die_2025", "FLOP/s", 1, 1e17, "Dense BF16 FLOP/s of one die on the reference node in 2025"));
  s.push_back(num("accelerator.hbm_stacks_per_package", "stacks", 0, 1e3, "HBM stacks per package until 2026"));
  s.push_back(num("accelerator.hbm_stacks_per_package_2027", "stacks", 0, 1e3, "HBM stacks per package from 2027"));
  s.push_back(num("accelerator.all_in_kw", "kW", 0, 1e3, "Power per package with host, network and cooling share, before PUE"));
  s.push_back(num("accelerator.wafer_diameter_mm", "mm", 1, 450, "Wafer diameter"));
  s.push_back(num("accelerator.edge_exclusion_mm", "mm", 0, 50, "Unusable rim of the wafer"));
  s.push_back(num("accelerator.arch_gain_per_year", "1/year", -0.5, 0.5, "Architecture and number-format gain a year"));
  s.push_back(num("accelerator.packages_per_interposer_wafer", "packages", 0, 1e4, "Packages per interposer wafer"));
  s.push_back(share("accelerator.packaging_yield", "Packages that pass final test"));
  s.push_back(num("accelerator.hbm_stacks_per_dram_wafer", "stacks", 0, 1e5, "HBM stacks per DRAM wafer"));
  s.push_back(num("accelerator.arch_gain_years_per_node", "years", 0, 1000, "Years after a node is available in which its chips gain from architecture; then they hold (a new architecture moves to a newer node)"));
  s.push_back(num("accelerator.price_usd_2025", "USD", 0, 1e9, "Price of one accelerator in 2025 (accelerator revenue)"));
  s.push_back(num("accelerator.price_decline_per_year", "1/year", 0, 1, "Fall of that price a year"));
  // Compute and AI outcomes
  s.push_back(num("compute.deploy_lag_quarters", "quarters", 0, 400, "Packaging to running in a data centre"));
  s.push_back(num("compute.useful_life_years", "years", 0.25, 100, "Accelerators retire after this"));
  s.push_back(num("compute.pue", "x", 1, 10, "Power usage effectiveness of the data centres"));
  s.push_back(num("compute.datacentre_capex_usd_per_mw", "USD/MW", 0, 1e12, "Capex of data-centre capacity per MW the chips draw (facility and its power)"));
  s.push_back(num("compute.datacentre_lead_years", "years", 0, 100, "program.datacentres = build: from ordering data-centre capacity to its power coming online"));
  s.push_back(num("compute.datacentre_gw_per_year_max", "GW/year", 0, 1e6, "program.datacentres = build: most data-centre power the program can add a year"));
  s.push_back(share("compute.run_share", "Share of installed compute one training run can use"));
  s.push_back(num("compute.mfu", "share", 0.001, 1, "Model FLOP utilisation of a large run"));
  s.push_back(num("compute.run_days", "days", 0, 3650, "Length of one training run"));
  s.push_back(num("compute.run_campus_gw_2026", "GW", 0, 1e6, "Power of the largest campus one training run can use, 2026"));
  s.push_back(num("compute.run_campus_gw_2030", "GW", 0, 1e6, "The same in 2030 (joined geometrically from 2026; held after 2030)"));
  // Each threshold is an output of its own: a list is a handful of sizes, not a grid.
  s.push_back({"compute.thresholds_flop", ValueType::number_list, "FLOP", 0, 1e50, "Training-run sizes reported as crossing probabilities", {}, {}, true,
               false, false, 100});
  s.push_back(num("compute.algo_halving_months", "months", 0.1, 1200, "Compute for fixed capability halves every this many months"));
  // Economics
  s.push_back(num("economics.energy_usd_per_mwh", "USD/MWh", 0, 1e5, "Electricity price for the fabs"));
  s.push_back(num("economics.labour_usd_per_year", "USD/year", 0, 1e9, "Cost of one fab worker a year"));
  s.push_back(share("economics.integration_cost_share", "program.revenue_mode = accelerator: what the program pays a chip designer's way (design, software, substrates, boards, test), a share of the list price of each accelerator it sells"));
  s.push_back(share("economics.tax_rate", "Tax on the program's profit (revenue less running costs and depreciation), losses carried forward"));
  s.push_back(num("economics.depreciation_years", "years", 0.25, 100, "Capex is depreciated for tax evenly over this many years from its payment"));
  s.push_back(num("economics.idle_funds_carry_rate", "1/year", 0, 1, "Cost a year of money received and not yet committed: the financing rate less what the money earns while it waits"));
  // The world market for AI accelerators
  s.push_back(num("market.accelerator_spend_usd_2025", "USD/year", 0, 1e15, "World spending on AI accelerators in 2025, without the program"));
  s.push_back(num("market.spend_growth_to_2030", "1/year", -1, GROWTH_MAX, "Its growth a year, 2025 to 2030 (also back before 2025)"));
  s.push_back(num("market.spend_growth_after_2030", "1/year", -1, GROWTH_MAX, "Its growth a year after 2030"));
  s.push_back(num("market.demand_elasticity", "1", 0.05, 20, "program.market_role = entrant: price elasticity of the world's demand for accelerators (units of performance)"));
  s.push_back(num("market.installed_h100e_2026", "H100e", 0, 1e15, "AI accelerators installed worldwide in January 2026, without the program"));
  s.push_back(num("market.h100_flops", "FLOP/s", 1, 1e20, "FLOP/s of one H100-equivalent, the unit of the market's counts"));
  // World
  s.push_back(num("world.leading_edge_wspm_2024", "wafers/month", 0, 1e9, "World capacity at 7 nm and below, 2024"));
  s.push_back(num("world.leading_edge_wspm_2028", "wafers/month", 0, 1e9, "The same, 2028"));
  s.push_back(num("world.leading_edge_growth_after_2028", "1/year", -1, GROWTH_MAX, "Its growth a year after 2028"));
  s.push_back(share("world.ai_share_of_leading_edge_2024", "program.revenue_mode = wafer: share of leading-edge logic output that became AI accelerators in 2024"));
  s.push_back(num("world.ai_share_growth_per_year", "1/year", -1, GROWTH_MAX, "program.revenue_mode = wafer: growth of that share a year to 2029, held after (never above 1)"));
  s.push_back(word("world.euv_supply", {"order_book", "allowance"}, "\"order_book\"",
                   "EUV tools from ASML's order book shared with the other buyers, or as a fixed share of each year's output (benchmark B1's rule)"));
  s.push_back(num("world.euv_tools_per_year_2025", "tools/year", 0, 1e12, "EUV tools ASML sold in 2025 (order book: the other buyers' demand that year)"));
  s.push_back(num("world.euv_demand_2027", "tools/year", 0, 1e12, "The other buyers' EUV demand in 2027; later it grows with the world's leading-edge capacity"));
  s.push_back(num("world.euv_capacity_headroom", "share", 0, 100, "Order book: ASML's EUV capacity over its customers' demand, kept as demand grows"));
  s.push_back(num("world.euv_growth_per_year", "1/year", -1, GROWTH_MAX, "Allowance: growth a year of ASML's EUV output"));
  s.push_back(num("world.euv_ceiling_per_year", "tools/year", 0, 1e12, "Allowance: most EUV tools ASML makes a year"));
  s.push_back(num("world.euv_lead_months", "months", 0, 120, "Order book: an EUV order ships at the earliest this long after it is placed"));
  s.push_back(share("world.euv_program_share", "Allowance: share of EUV output the program can buy"));
  s.push_back(word("world.euv_tools_at", {"completion", "start"}, "\"completion\"",
                   "Allowance: whose year's allowance a module's EUV tools come from: its completion year (tools arrive at fit-out) or its start year"));
  s.push_back(word("world.wfe_supply", {"order_book", "unlimited"}, "\"order_book\"",
                   "Other wafer-fab equipment from the tool makers' order book shared with the other buyers, or without limit (benchmark B1)"));
  s.push_back(num("world.wfe_usd_2025", "USD/year", 0, 1e15, "World wafer-fab equipment sales in 2025 (the other buyers' demand then)"));
  s.push_back(num("world.wfe_usd_2027", "USD/year", 0, 1e15, "The same in 2027; later they grow with the world's leading-edge capacity"));
  s.push_back(num("world.wfe_capacity_headroom", "share", 0, 100, "The tool makers' capacity over their customers' demand, kept as demand grows"));
  s.push_back(num("world.wfe_lead_months", "months", 0, 120, "An equipment order ships at the earliest this long after it is placed"));
  // Suppliers the program can fund
  s.push_back(num("suppliers.euv_line_usd_per_tool_year", "USD per tool/year", 0, 1e15, "Cost of one more EUV tool a year of ASML capacity"));
  s.push_back(num("suppliers.euv_line_lead_years", "years", 0, 40, "From funding to the new EUV capacity's first output"));
  s.push_back(num("suppliers.euv_line_max_tools_per_year", "tools/year", 0, 1e12, "Most EUV capacity money can add to ASML's own"));
  s.push_back(num("suppliers.equipment_share_of_capex", "share", 0, 1, "Share of a module's cost that is wafer-fab equipment (EUV tools included)"));
  s.push_back(num("suppliers.euv_tool_usd", "USD", 0, 1e12, "Price of one EUV tool (its part of the equipment is bought from ASML, not the other tool makers)"));
  s.push_back(num("suppliers.wfe_line_usd_per_usd_year", "USD per USD/year", 0, 1e3, "Cost of one more dollar a year of the other tool makers' capacity"));
  s.push_back(num("suppliers.wfe_line_lead_years", "years", 0, 40, "From funding to the new equipment capacity's first output"));
  s.push_back(num("suppliers.wfe_line_max_usd_per_year", "USD/year", 0, 1e15, "Most equipment capacity money can add to the tool makers' own"));
  s.push_back(num("suppliers.wfe_line_pace_usd_per_year", "USD/year per year", 0, 1e15, "Most equipment capacity the program's funding adds in a year"));
  s.push_back(num("suppliers.euv_line_pace_tools_per_year", "tools/year per year", 0, 1e12, "Most EUV capacity the program's funding adds in a year"));
  return s;
}
// clang-format on

}  // namespace

const std::vector<KeySpec>& schema() {
  static const std::vector<KeySpec> specs = build();
  return specs;
}

const KeySpec* find_spec(std::string_view key) {
  static const std::map<std::string, const KeySpec*, std::less<>> index = [] {
    std::map<std::string, const KeySpec*, std::less<>> m;
    for (const auto& s : schema()) m.emplace(std::string(s.path), &s);
    return m;
  }();
  if (const auto it = index.find(key); it != index.end()) return it->second;
  for (auto collection : NAMED_COLLECTIONS) {
    if (!key.starts_with(collection) || key.size() <= collection.size() || key[collection.size()] != '.') continue;
    const auto name_end = key.find('.', collection.size() + 1);
    if (name_end == std::string_view::npos) return nullptr;
    const std::string pattern = std::string(collection) + ".*" + std::string(key.substr(name_end));
    if (const auto it = index.find(pattern); it != index.end()) return it->second;
  }
  return nullptr;
}

std::string expectation(const KeySpec& spec) {
  switch (spec.type) {
    case ValueType::number: {
      std::string what = spec.integer ? "a whole number" : "a number or distribution";
      if (spec.unit == "share" && spec.min == 0 && spec.max == 1) return what + " in [0, 1] (a share)";
      std::string range;
      if (std::isfinite(spec.min) && std::isfinite(spec.max)) {
        range = fmt::format(" in [{}, {}]", core::format_number(spec.min), core::format_number(spec.max));
      } else if (std::isfinite(spec.min)) {
        range = fmt::format(" >= {}", core::format_number(spec.min));
      }
      return what + range + (spec.unit.empty() || spec.unit == "1" ? "" : fmt::format(" ({})", spec.unit));
    }
    case ValueType::text:
      if (!spec.choices.empty()) return fmt::format("one of {}", fmt::join(spec.choices, ", "));
      return "a text";
    case ValueType::boolean:
      return "true or false";
    case ValueType::number_list: {
      std::string what = "a list of numbers";
      if (std::isfinite(spec.min) && std::isfinite(spec.max)) {
        what += fmt::format(" in [{}, {}]", core::format_number(spec.min), core::format_number(spec.max));
      }
      if (spec.max_items > 0) what += fmt::format(", at most {}", spec.max_items);
      return what + (spec.unit.empty() ? "" : fmt::format(" ({})", spec.unit));
    }
    default:
      return std::string("a ") + std::string(to_string(spec.type));
  }
}

}  // namespace fabcast::scenario
