#include "report/validation.hpp"

#include "core/number_format.hpp"
#include "core/quantiles.hpp"
#include "core/runner.hpp"
#include "model/fab_model.hpp"
#include "scenario/loader.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace fabcast::report {
namespace {

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return core::quantile_sorted(v, 0.5);
}

core::RunResult run(const model::FabModel& model, std::uint64_t samples, std::uint64_t seed) {
  core::InputDesign design(model.inputs(), model.correlation(), core::SamplingMethod::monte_carlo, seed);
  core::RunOptions opt;
  opt.seed = seed;
  opt.threads = 2;
  opt.stop.samples = samples;
  return core::run(model, design, opt);
}

double share_over_run(const core::RunResult& r, const std::string& series) {
  const auto& s = r.series_named(series);
  double total = 0;
  for (const auto& m : s.moments) total += m.mean;
  return total / static_cast<double>(s.moments.size());
}

std::string pct(double x) { return fmt::format("{:.0f} %", 100 * x); }

// The step labelled `label` (e.g. "2028Q4").
std::size_t step_at(const model::FabModel& model, const std::string& label) {
  for (std::size_t t = 0; t < model.steps(); ++t) {
    if (model.step_label(t) == label) return t;
  }
  throw std::out_of_range("no step " + label + " in the run");
}

}  // namespace

std::vector<CapacityPoint> semi_capacity_path(std::size_t samples, std::uint64_t seed,
                                              const std::vector<std::string>& overrides) {
  std::vector<std::string> set = overrides;
  set.emplace_back("run.outputs=[\"logic_capacity_wspm\"]");
  const model::FabModel model(scenario::load_scenario("status-quo", {set}));
  const auto r = run(model, samples, seed);
  std::vector<CapacityPoint> path = {{"2025", 982e3, true}, {"2026", 1.16e6, false}, {"2028", 1.4e6, false}};
  const auto& series = r.series_named("logic_capacity_wspm");
  for (auto& p : path) {
    const std::size_t t = step_at(model, p.year + "Q4");
    p.p5 = series.quantiles.at(t)[0];
    p.p50 = series.quantiles.at(t)[2];
    p.p95 = series.quantiles.at(t)[4];
    p.mean = series.moments.at(t).mean;
  }
  return path;
}

// A supplier's shipments a year without the program (altman-7t's data, budget 0, yearly steps
// 2023-2027), set beside `points`.
std::vector<ShipmentPoint> shipments_without_program(const std::string& series_name, std::vector<ShipmentPoint> points,
                                                     std::size_t samples, std::uint64_t seed) {
  const model::FabModel model(
      scenario::load_scenario("altman-7t", {{"program.budget_usd=0", "run.start=2023", "run.end=2027", "run.step=year",
                                             "run.outputs=[\"" + series_name + "\"]"}}));
  const auto r = run(model, samples, seed);
  const auto& series = r.series_named(series_name);
  for (auto& p : points) {
    const std::size_t t = step_at(model, std::to_string(p.year));
    p.p5 = series.quantiles.at(t)[0];
    p.p50 = series.quantiles.at(t)[2];
    p.p95 = series.quantiles.at(t)[4];
  }
  return points;
}

std::vector<ShipmentPoint> euv_shipments(std::size_t samples, std::uint64_t seed) {
  return shipments_without_program(
      "euv_shipped_per_year",
      {
          {2023, "53", 53, 53, "ASML sales (asml-reports; weak)"},
          {2024, "44", 44, 44, "ASML sales (asml-reports; weak)"},
          {2025, "48", 48, 48, "ASML sales (asml-reports; weak)", true},
          {2026, "at least 60", 60, 1e9, "ASML plan, Q1-2026 call (asml-capacity-plans; weak)"},
          {2027, "about 80", 75, 85, "ASML plan, Q1-2026 call (asml-capacity-plans; weak)", true},
      },
      samples, seed);
}

std::vector<ShipmentPoint> equipment_sales(std::size_t samples, std::uint64_t seed) {
  // Before 2025 the path has no spread (2025's sales are a fixed figure, the world's capacity path
  // fixed to 2028): those years are checked within 5 %.
  return shipments_without_program("equipment_shipped_usd_per_year",
                                   {
                                       {2023, "$96B", 96e9, 96e9, "SEMI, December 2024", false, 0.05},
                                       {2024, "$104B", 104e9, 104e9, "SEMI, December 2025", false, 0.05},
                                       {2025, "$115.7B", 115.7e9, 115.7e9, "SEMI, December 2025", true},
                                       {2026, "about $126B", 126e9, 126e9, "SEMI forecast (+9 %), December 2025"},
                                       {2027, "$135.2B", 135.2e9, 135.2e9, "SEMI forecast, December 2025", true},
                                   },
                                   samples, seed);
}

std::vector<ShipmentPoint> world_accelerator_spend(std::size_t samples, std::uint64_t seed) {
  return shipments_without_program(
      "world_accelerator_spend_usd_per_year",
      {
          {2023, "about $45-60B", 45e9, 60e9,
           "AMD: a $45B market in 2023 (amd-ai-market-2025); NVIDIA: $47.5B of data-centre revenue in FY2024, "
           "networking "
           "included (nvidia-fy2026)"},
          {2024, "about $95-135B", 95e9, 135e9,
           "NVIDIA: $115.2B of data-centre revenue in FY2025, less networking and systems, plus AMD's about $5B and "
           "custom accelerators (nvidia-fy2026, amd-ai-market-2025)"},
          {2025, "$140-220B", 140e9, 220e9, "market.accelerator_spend_usd_2025 (nvidia-fy2026)", true},
          {2026, "about $230-330B", 230e9, 330e9,
           "NVIDIA expects more than $500B of Blackwell and Rubin revenue over 2025-2026 (nvidia-fy2026; weak), less "
           "2025's, as packages, plus the others"},
      },
      samples, seed);
}

std::vector<ShipmentPoint> world_bought_h100e(std::size_t samples, std::uint64_t seed) {
  return shipments_without_program(
      "world_bought_h100e",
      {
          {2024, "about 2.5-4M", 2.5e6, 4e6,
           "Epoch AI: about 4M H100e of NVIDIA's early in 2025, growing 2.3 times a year; the others 10-35 % more "
           "(epoch-chip-sales-2026)"},
          {2025, "9.4-11.3M", 9.4e6, 11.3e6,
           "Epoch AI: 15M installed in January 2026, the stock growing 2.7-4.1 times a year "
           "(epoch-chip-sales-2026; weak)"},
      },
      samples, seed);
}

std::vector<ScalarPoint> industry_returns(std::size_t samples, std::uint64_t seed) {
  const model::FabModel model(
      scenario::load_scenario("status-quo", {{"run.outputs=[\"irr\", \"breakeven_price_usd\"]"}}));
  const auto r = run(model, samples, seed);
  std::vector<ScalarPoint> points = {
      {"IRR, where defined", "17-20 %", 0.17, 0.201,
       "TSMC's return on invested capital, 17.0 % (2023) and 20.1 % (2024) (mlq.ai; weak); its return on investment "
       "was 23.5 % in 2024 (FT)"},
      {"break-even wafer price (USD)", "about $30k (N2), $18-20k (N3)", 18e3, 30e3,
       "TSMC's wafer prices (wafer-prices): status-quo builds mostly N2 and newer"},
  };
  for (auto& p : points) {
    const auto& s = r.scalar(p.what.starts_with("IRR") ? "irr" : "breakeven_price_usd");
    const auto q = s.finite_quantiles();
    p.p5 = q[0];
    p.p50 = q[2];
    p.p95 = q[4];
    p.share = 1 - static_cast<double>(s.infinite_count()) / static_cast<double>(r.samples);
  }
  return points;
}

std::vector<double> months_to_first_output(const std::string& region, std::size_t samples, std::uint64_t seed,
                                           const std::vector<std::string>& overrides) {
  std::vector<std::string> set = {"program.regions=[\"" + region + "\"]", "program.allocation=logic_only",
                                  "program.target_logic_modules=1",
                                  "run.outputs=[\"modules_operating_logic\", \"modules_started_logic\"]"};
  set.insert(set.end(), overrides.begin(), overrides.end());
  const auto sc = scenario::load_scenario("altman-7t", {set});
  const model::FabModel model(sc);
  core::InputDesign design(model.inputs(), std::nullopt, core::SamplingMethod::monte_carlo, seed);
  std::vector<double> in(model.inputs().size()), scalars, series(2 * model.steps());
  const auto& names = model.schema().series;
  auto column = [&](const char* name) {
    return series.data() +
           (std::find(names.begin(), names.end(), name) - names.begin()) * static_cast<std::ptrdiff_t>(model.steps());
  };
  auto worker = model.make_worker();
  std::vector<double> months;
  for (std::uint64_t i = 0; i < samples; ++i) {
    design.draw(i, in);
    core::SampleOutputs out{scalars, series, model.steps()};
    worker->run({seed, i}, in, out);
    const double* started = column("modules_started_logic");
    const double* operating = column("modules_operating_logic");
    const auto s = std::find_if(started, started + model.steps(), [](double v) { return v > 0; }) - started;
    const auto o = std::find_if(operating, operating + model.steps(), [](double v) { return v > 0; }) - operating;
    if (static_cast<std::size_t>(s) < model.steps() && static_cast<std::size_t>(o) < model.steps()) {
      months.push_back(static_cast<double>(o - s) * model.step_years() * 12);
    }
  }
  return months;
}

std::string validation_markdown() {
  std::string out =
      "# Validation against history\n\n"
      "Generated by `fabcast docs validation` (or `make docs`); do not edit by hand. Each check names\n"
      "its target and source and sets the model's figures beside it; `tests/validation/` asserts the\n"
      "targets in every `make test`. Figures below use fixed seeds.\n";

  // 1. Module build times.
  const double us = median(months_to_first_output("US", 4000, 2024));
  const double tw = median(months_to_first_output("Taiwan", 4000, 2024));
  out +=
      "\n## A single logic module, groundbreaking to first output\n\n"
      "| region | target (median) | source | fabcast median | holds |\n|---|---|---|---|---|\n";
  out += fmt::format(
      "| US | 36-48 months | TSMC Arizona fab 1: April 2021 to volume production Q4 2024, 43 months (Tom's Hardware; "
      "C.C. Wei, January 2025) | {} months | {} |\n",
      core::format_sig(us, 3), us >= 36 && us <= 48 ? "yes" : "**no**");
  out += fmt::format(
      "| Taiwan | 18-30 months | Exyte (February 2025): 19 months from permit to production | {} months | {} |\n",
      core::format_sig(tw, 3), tw >= 18 && tw <= 30 ? "yes" : "**no**");
  out +=
      "\n4,000 samples of altman-7t's data with one region and one logic module (seed 2024); build\n"
      "times are whole quarters, and include the project spread (lognormal, sigma 0.15).\n";

  // 2. What binds altman-7t, against Epoch AI.
  const auto sc = scenario::load_scenario("altman-7t");
  const model::FabModel model(sc);
  const auto r = run(model, 10000, 2026);
  const auto& power = r.scalar("peak_power_gw");
  const double never_builds =
      static_cast<double>(r.scalar("accelerators_total").count_at_most(0)) / static_cast<double>(r.samples);
  out += "\n## What binds the $7T program, against Epoch AI (2024)\n\n";
  out +=
      "Epoch AI (Sevilla et al., \"Can AI scaling continue through 2030?\", 20 August 2024) find that\n"
      "power, then chip production (CoWoS packaging and HBM memory), bind first for AI scaling to\n"
      "2030, and that logic wafers do not. fabcast's altman-7t (10,000 samples, seed 2026), as shares of\n"
      "all sample-quarters 2025-2045:\n\n| what | share |\n|---|---|\n";
  for (auto c : model::CONSTRAINT_NAMES) {
    out += fmt::format("| new starts stopped by {} | {} |\n", c, pct(share_over_run(r, std::string("binding_") + c)));
  }
  for (auto st : model::STAGE_NAMES) {
    out += fmt::format("| accelerator output limited by {} | {} |\n", st,
                       pct(share_over_run(r, std::string("limiting_") + st)));
  }
  for (auto d : model::DEPLOY_LIMIT_NAMES) {
    out += fmt::format("| chips in service limited by {} | {} |\n", d,
                       pct(share_over_run(r, std::string("deploy_limit_") + d)));
  }
  out += "\nThe output and service shares leave out the quarters before any accelerator is made.\n";
  out += fmt::format(
      "\n**Where fabcast agrees.** Once chips are made, HBM and packaging, not logic wafers, limit how\n"
      "many accelerators the program produces, as Epoch finds.\n\n"
      "Power binds first, as Epoch finds: the data centres the program builds for its chips\n"
      "(docs/model.md, \"Data centres\") come online years after they are ordered and at most 5-30 GW a\n"
      "year, so chips wait for power, and the program starts no fab while the chips already coming would\n"
      "outrun the data centres it can build (`program.hold_starts_for_power`): data centres stop new\n"
      "starts in {} of sample-quarters, more than anything else. The chips in service draw {} GW at peak\n"
      "(median; p5 {}, p95 {}), against Epoch's 5-6 GW for a 2030 frontier run and the 74-132 GW LBNL\n"
      "projects for all US data centres in 2028.\n\n"
      "**Where it differs, and why.** Before the data centres bind, tools, construction crews and skilled\n"
      "workers stop new fabs, and the fabs' own grid power almost never does (40-100 MW per 10,000 wafer\n"
      "starts a month, which the regions' headroom covers). Epoch also treats EUV as ample for 2030\n"
      "(AI used about 5 % of TSMC's 5 nm-class output in 2024); fabcast asks what a program building new\n"
      "fabs on its own can buy: what ASML and the other tool makers make beyond the other buyers' demand,\n"
      "plus capacity the program funds (docs/model.md, \"Tools from order books\"). EUV tools stop new\n"
      "starts in {} of sample-quarters and other equipment in {}; no logic module is ever built in {} of\n"
      "samples.\n",
      pct(share_over_run(r, "binding_datacentres")), core::format_sig(power.quantiles[2], 3),
      core::format_sig(power.quantiles[0], 3), core::format_sig(power.quantiles[4], 3),
      pct(share_over_run(r, "binding_euv")), pct(share_over_run(r, "binding_equipment")), pct(never_builds));

  // 3. ASML's EUV shipments.
  const auto shipments = euv_shipments(10000, 2023);
  out +=
      "\n## ASML's EUV shipments, 2023-2027\n\n"
      "The order book (docs/model.md) without the program (`--set program.budget_usd=0`, yearly steps\n"
      "from 2023): what ASML ships to the other buyers, against what it sold and planned (10,000 samples,\n"
      "seed 2023). The data take 2025's sales and 2027's plan as the other buyers' demand (calibrated);\n"
      "2023, 2024 and 2026 are the checks.\n\n"
      "| year | ASML | source | fabcast p5 | p50 | p95 | inside p5-p95 |\n|---|---|---|---|---|---|---|\n";
  for (const auto& p : shipments) {
    out += fmt::format("| {} | {} | {} | {} | {} | {} | {} |\n", p.year, p.target, p.source, core::format_sig(p.p5, 3),
                       core::format_sig(p.p50, 3), core::format_sig(p.p95, 3),
                       p.calibrated ? "calibrated"
                       : p.inside() ? "yes"
                                    : "**no**");
  }
  out +=
      "\n**Holds** for 2024 and 2026 (`tests/validation/euv_shipments_test.cpp`). **2023** lies above the\n"
      "band: ASML shipped tools then that it could not make in 2022, when it filled about 60 % of its\n"
      "orders (Tom's Hardware, weak); fabcast's book starts empty in 2023 and grows demand with the\n"
      "world's leading-edge capacity, so it has no such catch-up. Without a program, ASML ships what the\n"
      "others order: its capacity (`world.euv_capacity_headroom` above demand) does not show here.\n";

  // The world market for AI accelerators.
  const auto spend = world_accelerator_spend(10000, 2025);
  const auto bought = world_bought_h100e(10000, 2025);
  auto market_row = [](const ShipmentPoint& p, double scale) {
    return fmt::format("| {} | {} | {} | {} | {} | {} | {} |\n", p.year, p.target, p.source,
                       core::format_sig(p.p5 / scale, 3), core::format_sig(p.p50 / scale, 3),
                       core::format_sig(p.p95 / scale, 3),
                       p.calibrated ? "calibrated"
                       : p.inside() ? "yes"
                                    : "**no**");
  };
  out +=
      "\n## The world market for AI accelerators, 2023-2026\n\n"
      "The market's path without the program (docs/model.md, \"Market\"): altman-7t's data with no budget,\n"
      "yearly steps from 2023 (10,000 samples, seed 2025). What the world spends on accelerator packages\n"
      "a year, in billions of dollars; the data take 2025's (calibrated), and the years before it follow\n"
      "from the 2025-2030 growth run backwards.\n\n"
      "| year | target | source | fabcast p5 | p50 | p95 | inside p5-p95 |\n|---|---|---|---|---|---|---|\n";
  for (const auto& p : spend) out += market_row(p, 1e9);
  out +=
      "\n**2023** lies above the band: the market grew about 2.5 times from 2023 to 2024 and 1.7 times to\n"
      "2025, faster than any growth in `market.spend_growth_to_2030` (15-45 % a year), which runs the\n"
      "path backwards too. 2024 and 2026 are the checks.\n\n"
      "The accelerators that spending buys at the list price, in millions of H100-equivalents a year,\n"
      "beside what Epoch AI's counts of the installed base imply.\n\n"
      "| year | target | source | fabcast p5 | p50 | p95 | inside p5-p95 |\n|---|---|---|---|---|---|---|\n";
  for (const auto& p : bought) out += market_row(p, 1e6);
  out += fmt::format(
      "\n**2025 {}.** **2024** lies above the band: the list price per H100-equivalent runs back from\n"
      "2025's (a B200 at $25-40k for 2.3 H100e) at 15-30 % a year, which puts it near $18k in 2024, while\n"
      "H100s sold for $25-30k then. 2025's purchases sit above Epoch's at the median too, so runs that\n"
      "start before 2026 take a stock at their start below Epoch's (about 2.5M H100e at the start of 2025\n"
      "against its 4-5M): the installed base is January 2026's (an input) less what the market buys before\n"
      "then. `tests/validation/market_test.cpp` asserts 2024's and 2026's spending and 2025's purchases.\n",
      bought[1].inside() ? "holds" : "does not hold");

  // Returns of the industry's own path against a leading-edge foundry's.
  const auto returns = industry_returns(10000, 2024);
  out +=
      "\n## Returns of the industry's own path, against TSMC\n\n"
      "status-quo sells wafers at the nodes' prices, pays tax and the carry on its idle money, and\n"
      "discounts at 6-10 % (10,000 samples, seed 2024). Its IRR is a project's return, TSMC's a firm's\n"
      "return on the capital it employs: alike in kind, not in definition.\n\n"
      "| what | target | source | fabcast p5 | p50 | p95 | defined in | inside p5-p95 |\n"
      "|---|---|---|---|---|---|---|---|\n";
  for (const auto& p : returns) {
    const bool rate = p.what.starts_with("IRR");
    auto f = [&](double x) { return rate ? pct(x) : core::format_sig(x, 3); };
    out += fmt::format("| {} | {} | {} | {} | {} | {} | {} | {} |\n", p.what, p.target, p.source, f(p.p5), f(p.p50),
                       f(p.p95), pct(p.share), p.inside() ? "yes" : "**no**");
  }
  out += fmt::format(
      "\n**{}** TSMC's figures lie in the band's upper part (`tests/validation/market_test.cpp` asserts\n"
      "it); the path's median is lower: modules started late pay all their capex but sell wafers only\n"
      "until the run ends in 2045, while TSMC also earns on fabs it has written off. The break-even price\n"
      "is the wafer price at which the path's NPV is zero before tax; it sits below N2's $30k at the\n"
      "median, so the path earns more than its cost of capital at N2's price, as TSMC does.\n",
      returns[0].inside() ? "Holds." : "Does not hold.");

  // 4. World equipment sales.
  const auto sales = equipment_sales(10000, 2024);
  out +=
      "\n## World wafer-fab equipment sales, 2023-2027 (SEMI)\n\n"
      "The other tool makers' order book without the program, as above (10,000 samples, seed 2024), in\n"
      "billions of dollars a year. The data take 2025's sales and SEMI's 2027 forecast as the other\n"
      "buyers' demand (calibrated); 2023, 2024 and 2026 are the checks. Before 2025 the path has no\n"
      "spread (a fixed 2025 figure, scaled back by SEMI's fixed capacity path), so those years hold when\n"
      "within 5 %.\n\n"
      "| year | SEMI | source | fabcast p5 | p50 | p95 | inside p5-p95 (or 5 %) |\n|---|---|---|---|---|---|---|\n";
  for (const auto& p : sales) {
    out +=
        fmt::format("| {} | {} | {} | {} | {} | {} | {} |\n", p.year, p.target, p.source,
                    core::format_sig(p.p5 / 1e9, 3), core::format_sig(p.p50 / 1e9, 3), core::format_sig(p.p95 / 1e9, 3),
                    p.calibrated ? "calibrated"
                    : p.inside() ? "yes"
                                 : "**no**");
  }
  out +=
      "\n**2023** lies 6 % below: sales grew 8 % from 2023 to 2024, less than the 13 % a year of the world's\n"
      "leading-edge capacity that the book scales them by before 2025.\n"
      "SEMI's figures include ASML's EUV tools (about $12B in 2025), so the other buyers' demand in this\n"
      "book counts them too, and the tool makers' headroom over it is about a tenth larger than over\n"
      "their own sales: within `world.wfe_capacity_headroom`'s range. Growth after 2027 follows the\n"
      "world's leading-edge capacity (about 11 % a year), faster than SEMI's 7-9 % for 2025-2027: the\n"
      "other buyers' demand, and so the tool makers' capacity, may grow more slowly than fabcast assumes.\n";

  // 5. SEMI's leading-edge capacity path.
  const auto path = semi_capacity_path(10000, 2028);
  out +=
      "\n## Leading-edge capacity path (SEMI, June 2025)\n\n"
      "SEMI's 300mm Fab Outlook (25 June 2025) puts the world's capacity at 7 nm and below at 850k wafer\n"
      "starts a month in 2024, 982k in 2025, about 1.16M in 2026 and 1.4M in 2028. status-quo starts at\n"
      "the end of 2024 from the 850k base. The phases then under construction come online at 132k a\n"
      "year for 2 to 4 years: the rate is SEMI's 2025 increase, all of which must come from them, since\n"
      "no phase started in 2025 produces within 2025 (Taiwan's, the fastest, take 18 to 30 months; a\n"
      "test checks that none does in any sample). On top, status-quo adds what the industry's\n"
      "advanced-logic capex can start. So 2025 is calibration, and 2026 and 2028 are the checks\n"
      "(10,000 samples, seed 2028; year-end values):\n\n"
      "| year end | SEMI | fabcast p5 | p50 | p95 | SEMI inside p5-p95 |\n|---|---|---|---|---|---|\n";
  bool holds_2028 = false;
  for (const auto& p : path) {
    if (p.year == "2028") holds_2028 = p.inside();
    out += fmt::format("| {} | {:.0f}k | {:.0f}k | {:.0f}k | {:.0f}k | {} |\n", p.year, p.semi / 1e3, p.p5 / 1e3,
                       p.p50 / 1e3, p.p95 / 1e3,
                       p.calibrated ? "calibrated"
                       : p.inside() ? "yes"
                                    : "**no**");
  }
  out += fmt::format(
      "\nSeries quantiles come from the run's sketches, within 0.4 % (2025 is exactly 850k + 132k in every\n"
      "sample: mean {:.0f}k).\n\n"
      "**{}** The target is SEMI's 2028 figure inside the p5-p95 band; `tests/validation/` asserts it.\n",
      path.front().mean / 1e3, holds_2028 ? "Holds." : "Does not hold.");

  // What the check tests: the same path without new starts, the pipeline alone.
  const auto pipeline_only = semi_capacity_path(10000, 2028, {"program.budget_usd=0"});
  const CapacityPoint& with = path.back();
  const CapacityPoint& without = pipeline_only.back();
  out += fmt::format(
      "\n**What it tests.** Without new starts (`--set program.budget_usd=0`) the path reaches {:.0f}k at\n"
      "the end of 2028 (p5 {:.0f}k, p95 {:.0f}k): how long the pipeline keeps delivering carries most of\n"
      "the band, and the phases the industry starts in 2025 and 2026 add {:.0f}k at the median (they\n"
      "reach first output from 2026 and ramp over 12-36 months). The pipeline's length, 2 to 4 years, is\n"
      "derived from build times (its last phases are US and Japanese fabs begun in 2022-2024), not from\n"
      "SEMI.\n",
      without.p50 / 1e3, without.p5 / 1e3, without.p95 / 1e3, (with.p50 - without.p50) / 1e3);
  const CapacityPoint& y2026 = path[1];
  if (!y2026.inside()) {
    out += fmt::format(
        "\n**2026.** SEMI's 1.16M lies {} the band: SEMI's 2026 increase (178k) is larger than its 2025\n"
        "one (132k), while status-quo's pipeline delivers at the 2025 rate and the phases started in\n"
        "2025 barely produce by the end of 2026. A pipeline that speeds up (TSMC's N2 alone: about 45k at\n"
        "the end of 2025 and 100k at the end of 2026, research/fab-data section 2) needs a schedule of\n"
        "phases rather than one rate, which fabcast does not take yet.\n",
        y2026.semi > y2026.p95 ? "above" : "below");
  }
  if (holds_2028) return out;

  // What money alone allows: the same path with every other limit on new starts lifted
  // (workers, construction crews, grid, EUV tools, execution capacity).
  std::vector<std::string> lifted = {"world.euv_tools_per_year_2025=1e9", "world.euv_ceiling_per_year=1e9",
                                     "operators.*.logic_starts_per_year_2025=1e9"};
  for (const char* region : {"Taiwan", "US", "Japan", "Korea"}) {
    for (const char* key : {"workers_2025", "construction_workers_2025", "grid_headroom_mw_per_year"}) {
      lifted.push_back(fmt::format("regions.{}.{}=1e9", region, key));
    }
  }
  const CapacityPoint money = semi_capacity_path(10000, 2028, lifted).back();
  out += fmt::format(
      "\n**Why.** Lifting every limit on new starts but money (workers, construction crews, grid, EUV\n"
      "tools and execution capacity all set to 1e9; same seed) gives {:.0f}k at the end of 2028 (p5 {:.0f}k,\n"
      "p95 {:.0f}k): {}.\n",
      money.p50 / 1e3, money.p5 / 1e3, money.p95 / 1e3,
      money.inside() ? "SEMI's figure is within reach of the money alone, so other limits on new starts keep the "
                       "path short (see the binding table of `fabcast run status-quo`)"
                     : "even then SEMI's figure is outside the band, so the money, at the data's cost per unit of "
                       "capacity, or the pipeline, keeps the path away from it");
  return out;
}

}  // namespace fabcast::report
