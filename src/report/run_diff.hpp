#pragma once
// Two stored runs' scalar outputs side by side (fabcast runs diff): each output's median in both
// runs, with its unit, how it moved, and whether the difference of the means is more than sampling
// noise; paired when the runs share seed and samples (common random numbers), and measured sample
// by sample when both kept their samples.

#include "store/run_store.hpp"

#include <cstddef>
#include <string>
#include <vector>

namespace fabcast::report {

//! A difference of means this many standard errors or more is "beyond noise": for one output with
//! no real change, about a 5 % chance (two-sided, normal).
inline constexpr double NOISE_Z = 2.0;

//! How the samples of two runs relate.
enum class Pairing {
  independent,       //!< different seeds or sample counts: the runs' noise adds up
  paired_summaries,  //!< same seed, samples and sampling, no kept samples: paired, judged unpaired
  paired_samples,    //!< same seed, samples and sampling, both kept: per-sample differences
};

//! One scalar output in both runs. Numbers that are not finite are NaN ("never" in some samples, or undefined).
struct OutputComparison {
  std::string name;
  std::string unit_a, unit_b;  //!< the same unless a break-even price is per accelerator in one, per wafer in the other
  double median_a = 0, median_b = 0;
  double mean_difference = 0;  //!< mean of b minus mean of a (paired_samples: mean of the per-sample differences)
  double se = 0;               //!< its standard error: sqrt(se_a^2 + se_b^2), or the per-sample differences' se
  double z = 0;                //!< mean_difference / se
  std::size_t pairs = 0;       //!< paired_samples: the samples finite in both runs
};

struct RunComparison {
  Pairing pairing = Pairing::independent;
  std::vector<OutputComparison> outputs;  //!< the scalars both runs recorded, in run a's order
};

//! Compares the scalars of two runs (with their kept samples when both were read with them). A
//! result not as fabcast writes it throws (nlohmann::json's exceptions), never reads out of bounds.
RunComparison compare_runs(const store::StoredRun& a, const store::StoredRun& b);

//! The comparison as text: what pairing means for the noise, then one line per output.
std::string comparison_text(const RunComparison& comparison, const store::StoredRun& a, const store::StoredRun& b);

}  // namespace fabcast::report
