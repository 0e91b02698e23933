#include "cli/progress_bar.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <ostream>

namespace fabcast::cli {

namespace {
constexpr auto SHOW_AFTER = std::chrono::milliseconds(1000);
constexpr auto REDRAW_EVERY = std::chrono::milliseconds(100);
constexpr int WIDTH = 30;
}  // namespace

bool stderr_is_terminal() { return isatty(STDERR_FILENO) == 1; }

ProgressBar::ProgressBar(std::ostream& err, bool enabled, double target_rel_error)
    : err_(err), enabled_(enabled), target_(target_rel_error), start_(std::chrono::steady_clock::now()) {}

ProgressBar::~ProgressBar() { finish(); }

void ProgressBar::update(const core::Progress& progress) {
  if (!enabled_) return;
  const auto now = std::chrono::steady_clock::now();
  if (now - start_ < SHOW_AFTER || (shown_ && now - last_ < REDRAW_EVERY)) return;
  last_ = now;
  shown_ = true;
  const double seconds = std::chrono::duration<double>(now - start_).count();
  std::string line;
  if (progress.planned > 0) {
    const double share = static_cast<double>(progress.done) / static_cast<double>(progress.planned);
    const int filled = static_cast<int>(share * WIDTH);
    line = fmt::format("[{}{}] {:3.0f}%  {} of {} samples  {:.1f} s", std::string(filled, '#'),
                       std::string(WIDTH - filled, '.'), share * 100, progress.done, progress.planned, seconds);
  } else {
    line = fmt::format("{} samples, relative error {:.3g}% (target {:.3g}%)  {:.1f} s", progress.done,
                       progress.rel_error * 100, target_ * 100, seconds);
  }
  err_ << "\r" << line << "\033[K" << std::flush;
}

void ProgressBar::finish() {
  if (shown_) err_ << "\r\033[K" << std::flush;
  shown_ = false;
}

}  // namespace fabcast::cli
