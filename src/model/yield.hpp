#pragma once
// Dies per wafer and die yield (MODEL.md section 4.6).

#include <cmath>
#include <numbers>

namespace fabcast::model {

//! Gross die candidates per wafer (de Vries, IEEE Trans. Semiconductor Manufacturing 18(1), 2005):
//! pi r^2 / A - pi d / sqrt(2 A), with d the usable diameter (wafer minus twice the edge
//! exclusion) and A the die area. The second term is itself the loss of partial dies at the edge,
//! so fabcast applies it at the full diameter by default (edge_exclusion_mm = 0): it gives 63 for
//! an 814 mm2 die, and stays within 6 % of an exact grid count inside a 3 mm exclusion ring (below
//! it for reticle-size dies, 63.5 against 67; slightly above it for small dies).
inline double gross_dies_per_wafer(double wafer_diameter_mm, double edge_exclusion_mm, double die_area_mm2) {
  const double d = wafer_diameter_mm - 2 * edge_exclusion_mm;
  if (d <= 0 || die_area_mm2 <= 0) return 0;
  const double n = std::numbers::pi * d * d / (4 * die_area_mm2) - std::numbers::pi * d / std::sqrt(2 * die_area_mm2);
  return std::max(0.0, n);
}

enum class YieldModel { negative_binomial, poisson, murphy };

//! Share of dies free of killer defects at defect density d0 (per cm2) for die area A (mm2):
//! Poisson exp(-A D0); Murphy (1964) ((1 - exp(-A D0)) / (A D0))^2; negative binomial (Stapper
//! 1983) (1 + A D0 / alpha)^-alpha, which tends to Poisson as alpha grows.
inline double die_yield(YieldModel model, double die_area_mm2, double d0_per_cm2, double alpha) {
  const double ad = die_area_mm2 / 100.0 * d0_per_cm2;  // mm2 -> cm2
  if (ad <= 0) return 1.0;
  switch (model) {
    case YieldModel::poisson:
      return std::exp(-ad);
    case YieldModel::murphy: {
      const double x = (1 - std::exp(-ad)) / ad;
      return x * x;
    }
    case YieldModel::negative_binomial:
      break;
  }
  return std::pow(1 + ad / alpha, -alpha);
}

//! Defect density of a node `age_quarters` after its first volume:
//! D0(age) = D_mature + (D_launch - D_mature) exp(-age / tau) (MODEL.md section 4.5).
//! The same from decay = exp(-age / tau), for callers that advance it step by step.
inline double defect_density_decayed(double d0_launch, double d0_mature, double decay) {
  return d0_mature + (d0_launch - d0_mature) * decay;
}

inline double defect_density(double d0_launch, double d0_mature, double age_quarters, double tau_quarters) {
  if (age_quarters <= 0) return d0_launch;
  return defect_density_decayed(d0_launch, d0_mature, std::exp(-age_quarters / tau_quarters));
}

}  // namespace fabcast::model
