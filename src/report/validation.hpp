#pragma once
// Validation against history: the checks of tests/validation, computed once here so the tests and
// the generated docs/validation.md report the same figures.

#include <cstdint>
#include <string>
#include <vector>

namespace fabcast::report {

//! Months from the first start to the first operating logic module, one module only, for
//! altman-7t's data restricted to `region` (with `overrides`, as for --set); one value per sample
//! whose module started and produced within the run.
std::vector<double> months_to_first_output(const std::string& region, std::size_t samples, std::uint64_t seed,
                                           const std::vector<std::string>& overrides = {});

//! One year-end of SEMI's leading-edge (7 nm and below) capacity path beside status-quo's
//! logic_capacity_wspm there (wafer starts a month).
struct CapacityPoint {
  std::string year;                 //!< "2025", ...
  double semi = 0;                  //!< SEMI 300mm Fab Outlook, June 2025
  bool calibrated = false;          //!< the scenario takes this year from SEMI (not a check)
  double p5 = 0, p50 = 0, p95 = 0;  //!< from the run's sketches (0.39 % relative accuracy)
  double mean = 0;                  //!< exact
  [[nodiscard]] bool inside() const { return semi >= p5 && semi <= p95; }
};

//! status-quo (with `overrides`, as for --set) at the ends of 2025, 2026 and 2028, beside SEMI.
std::vector<CapacityPoint> semi_capacity_path(std::size_t samples, std::uint64_t seed,
                                              const std::vector<std::string>& overrides = {});

//! ASML's EUV shipments in one year, from altman-7t's order book without the program (budget 0),
//! beside what ASML sold or planned.
struct ShipmentPoint {
  int year = 0;
  std::string target;        //!< "53", "at least 60", ...
  double low = 0, high = 0;  //!< the target as a range (a point: low = high)
  std::string source;
  bool calibrated = false;          //!< the data take this year's figure (not a check)
  double tolerance = 0;             //!< a path without spread there is checked within this share
  double p5 = 0, p50 = 0, p95 = 0;  //!< shipped in the year
  [[nodiscard]] bool inside() const { return high >= p5 * (1 - tolerance) && low <= p95 * (1 + tolerance); }
};

//! 2023 to 2027, yearly steps.
std::vector<ShipmentPoint> euv_shipments(std::size_t samples, std::uint64_t seed);
//! The same for the other tool makers' equipment (USD a year) against SEMI's sales.
std::vector<ShipmentPoint> equipment_sales(std::size_t samples, std::uint64_t seed);

//! What the world spends on AI accelerators a year without the program (the market's path), 2023-2026,
//! beside NVIDIA's and AMD's figures.
std::vector<ShipmentPoint> world_accelerator_spend(std::size_t samples, std::uint64_t seed);
//! The H100-equivalents the world buys in 2024 and 2025, beside what Epoch AI's counts imply.
std::vector<ShipmentPoint> world_bought_h100e(std::size_t samples, std::uint64_t seed);

//! A scalar of a whole run beside a published figure.
struct ScalarPoint {
  std::string what, target;
  double low = 0, high = 0;  //!< the target as a range
  std::string source;
  double p5 = 0, p50 = 0, p95 = 0;
  double share = 1;  //!< of samples where the scalar is defined
  [[nodiscard]] bool inside() const { return high >= p5 && low <= p95; }
};

//! status-quo's IRR (where defined) beside TSMC's return on invested capital, and its break-even
//! wafer price beside the prices of the nodes it builds.
std::vector<ScalarPoint> industry_returns(std::size_t samples, std::uint64_t seed);

//! docs/validation.md: each target, its source, the model's figures, and the command that
//! regenerates it. Runs the model (a few seconds).
std::string validation_markdown();

}  // namespace fabcast::report
