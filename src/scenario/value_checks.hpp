#pragma once
// Checks of resolved values against their keys, the loader's last pass: a number and every draw
// it can produce inside its key's bounds; a list item by item; the correlation block as a whole.
// Each appends what it finds; the loader reports them with the rest, in reading order.

#include "scenario/scenario.hpp"

#include <functional>
#include <string>
#include <vector>

namespace fabcast::scenario {

struct Problem {
  data::Location at;
  std::string key;
  std::string message;
};

//! A number or distribution: an integer where the key wants one; its draws inside the key's bounds.
void check_number(const Setting& s, std::vector<Problem>& out);
//! A list of numbers: no longer than the key allows; every item finite and inside the bounds;
//! thresholds (each an output) listed once.
void check_number_list(const Setting& s, std::vector<Problem>& out);
// A list of names: no longer than the key allows, no name twice.
void check_name_list(const Setting& s, std::vector<Problem>& out);
//! run.correlation, both halves present: two or more distinct uncertain keys of the scenario
//! (looked up with `find`), a square matrix of their size, and a valid correlation matrix.
void check_correlation(const Setting& inputs, const Setting& matrix,
                       const std::function<const Setting*(const std::string&)>& find, std::vector<Problem>& out);

}  // namespace fabcast::scenario
