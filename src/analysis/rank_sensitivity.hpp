#pragma once
// Sensitivity from one ordinary run: rank correlations, standardized rank regression coefficients
// and a tornado of conditional medians (or means), per input. Cheap (the run's own samples) and
// robust to monotone transformations; they measure monotone association, not variance shares.

#include <Eigen/Dense>

#include <string>
#include <vector>

namespace fabcast::analysis {

struct RankMeasure {
  std::string input;
  double spearman = 0;  //!< Spearman's rank correlation of the input with the output
  double srrc = 0;      //!< its standardized rank regression coefficient (all inputs together)
  double low = 0;       //!< the output's median (or mean) over samples with the input in its lowest decile
  double high = 0;      //!< the same, its highest decile
};

struct RankResult {
  std::string output;
  std::string undefined;            //!< why no measure is given (the output does not vary), or empty
  double r2 = 0;                    //!< of the rank regression: how much of the output's ranks it explains
  double centre = 0;                //!< the output's median (or mean) over every sample
  bool mean = false;                //!< the tornado's statistic: mean (else median)
  std::vector<RankMeasure> inputs;  //!< sorted by |high - low|, largest first
};

//! Average ranks (1-based; ties share their mean rank).
std::vector<double> ranks(const std::vector<double>& values);

//! The inputs' side of the measures, computed once for every output: the standardized ranks of
//! the inputs that vary, and the factorised normal equations of the rank regression.
struct RankInputs {
  std::vector<std::string> names;          //!< of the inputs that vary
  std::vector<std::vector<double>> ranks;  //!< their ranks, per input
  Eigen::MatrixXd design;                  //!< standardized ranks, a column an input
  Eigen::LDLT<Eigen::MatrixXd> gram;       //!< of design' design
};

//! From inputs `x` (x[i * names.size() + j]: input j of sample i); inputs that do not vary are
//! left out.
RankInputs rank_inputs(const std::vector<std::string>& names, const std::vector<double>& x);

//! The measures of `output` (one value a sample; +inf, "never", ranks above every finite value).
RankResult rank_measures(const RankInputs& inputs, const std::string& output, const std::vector<double>& y,
                         bool mean = false);

//! The same in one call.
RankResult rank_measures(const std::vector<std::string>& names, const std::vector<double>& x, const std::string& output,
                         const std::vector<double>& y, bool mean = false);

}  // namespace fabcast::analysis
