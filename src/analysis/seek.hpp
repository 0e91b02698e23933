#pragma once
// Goal seek (docs/cli.md, "fabcast seek"): the smallest (or largest) value of one key, within a
// range, at which a statistic of an output meets a target, such as
// "P(installed_flops_2035 >= 1e24) >= 0.8". The search runs every point with the same seed
// (common random numbers: the statistic moves with the key, not with sampling noise), first on a
// grid that shows where the target is met and whether the statistic moves one way, then by
// bisection; a run with a fresh seed then verifies the answer and gives the statistic's interval.
// A library function: the CLI, and next a server or an MPI driver, call it.

#include "core/design.hpp"
#include "core/runner.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace fabcast::analysis {

enum class Compare { at_least, above, at_most, below };  // >=, >, <=, <

//! x COMPARE y.
bool compares(double x, Compare c, double y);
//! ">=", ">", "<=", "<".
std::string_view to_string(Compare c) noexcept;

//! What a seek aims at: STATISTIC COMPARE GOAL, where STATISTIC is P(OUTPUT COMPARE THRESHOLD),
//! pNN(OUTPUT) (the NN-th percentile, type 7), median(OUTPUT) or mean(OUTPUT).
struct SeekTarget {
  enum class Statistic { probability, quantile, mean };
  Statistic statistic = Statistic::probability;
  std::string output;
  Compare event = Compare::at_least;  //!< probability: the event OUTPUT event THRESHOLD
  double threshold = 0;               //!< probability only
  double level = 0.5;                 //!< quantile only, in (0, 1)
  Compare goal_compare = Compare::at_least;
  double goal = 0;
  std::string text;  //!< as the user wrote it
};

//! Parses a target; throws InputError naming what is wrong and the accepted forms, each message
//! starting with `label` and the text.
SeekTarget parse_seek_target(const std::string& text, std::string_view label = "--target");

//! The statistic of `values` (every sample's value of the output, +inf meaning "never").
double seek_statistic(const SeekTarget& target, std::vector<double> values);

//! Whether `statistic` meets the target.
bool meets(const SeekTarget& target, double statistic);

//! The statistic with a 95 % interval: a Wilson score interval for a probability, a
//! distribution-free order-statistic interval for a quantile, a normal one for a mean.
struct Estimate {
  double value = 0, lo = 0, hi = 0;
};
Estimate seek_estimate(const SeekTarget& target, std::vector<double> values);

struct SeekRequest {
  std::string scenario;
  std::string scenario_text;           //!< a stored study run again: the resolved scenario (empty: load `scenario`)
  std::vector<std::string> overrides;  //!< --set, applied at every point before the key
  std::string key;
  double lo = 0, hi = 0;  //!< the range searched, lo < hi
  bool log = false;       //!< search on a log scale (lo > 0)
  bool largest = false;   //!< the largest value meeting the target (default: the smallest)
  SeekTarget target;
  //! Stop when the bracket is this share of the range wide (of its logarithm with `log`).
  double tolerance = 1e-3;
  std::size_t grid = 5;  //!< points of the first pass, both ends included (at least 2)
  core::RunOptions options;
  core::SamplingMethod sampling = core::SamplingMethod::monte_carlo;
  std::uint64_t verify_seed = 0;  //!< the fresh seed of the verifying run
};

//! One run of the search.
struct SeekPoint {
  double value = 0;
  double statistic = 0;
  bool met = false;
  std::string most_binding;  //!< what stops new starts most in that run
};

//! Whether the statistic moved one way (non-strictly) along the values run, where it first did
//! not, and on how many stretches of consecutive values the target was met.
struct PathShape {
  bool monotone = true;
  std::string note;
  std::size_t met_stretches = 0;
};
PathShape path_shape(std::vector<SeekPoint> path, const std::string& key);

struct SeekResult {
  SeekRequest request;
  std::uint64_t samples = 0;
  std::vector<SeekPoint> path;         //!< every run of the search, in the order run
  bool found = false;                  //!< the target is met somewhere on the range
  SeekPoint answer;                    //!< found: the smallest (largest) value met; else the best reached
  std::optional<SeekPoint> neighbour;  //!< found: the value beside it that does not meet the target
  bool at_range_end = false;           //!< found at the range's end: the boundary may lie beyond
  bool monotone = true;                //!< the statistic moved one way along the values run
  std::string monotone_note;           //!< where it did not
  std::size_t met_stretches = 0;       //!< runs of consecutive values met, along the values run
  Estimate verified;                   //!< the statistic at the answer with verify_seed
  bool verified_run = false;           //!< whether the verifying run was made (found only)
};

//! Runs the seek; `progress` is told after each run (runs so far). Throws InputError for a bad
//! request (an empty range, a log range reaching 0, an output the scenario cannot record, a key
//! it refuses).
SeekResult run_seek(const SeekRequest& request, const std::function<void(std::size_t)>& progress = {});

//! What the verifying run says of the answer, and whether the statistic moved one way: one
//! sentence each, as the table and the report print them.
std::string verification_text(const SeekResult& result);
std::string monotonicity_text(const SeekResult& result);

std::string seek_table(const SeekResult& result);
nlohmann::ordered_json seek_json(const SeekResult& result);

}  // namespace fabcast::analysis
