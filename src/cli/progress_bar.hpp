#pragma once

#include "core/runner.hpp"

#include <chrono>
#include <iosfwd>

namespace fabcast::cli {

//! A progress line on stderr for runs longer than about a second, only when stderr is a
//! terminal and --quiet was not given; it erases itself when done.
class ProgressBar {
 public:
  ProgressBar(std::ostream& err, bool enabled, double target_rel_error = 0);
  ~ProgressBar();
  ProgressBar(const ProgressBar&) = delete;
  ProgressBar& operator=(const ProgressBar&) = delete;

  void update(const core::Progress& progress);
  void finish();

 private:
  std::ostream& err_;
  bool enabled_;
  bool shown_ = false;
  double target_;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_;
};

//! True when the process's stderr is a terminal.
bool stderr_is_terminal();

}  // namespace fabcast::cli
