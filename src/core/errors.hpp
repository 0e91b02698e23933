#pragma once
// The three error channels (docs/architecture.md):
//  1. bad user input  -> InputError (or a subclass), turned into exit code 2 at the edge;
//  2. expected failures inside a computation -> returned values (std::optional, result structs);
//  3. programmer errors -> assertions no user input can trigger.

#include <stdexcept>
#include <string>

namespace fabcast {

//! Bad user input: a scenario, an expression, a flag. Carries where it came from.
class InputError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

//! Failure while running a valid input (exit code 1).
class RunError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace fabcast
