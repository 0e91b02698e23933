#include "core/text_distance.hpp"

#include <algorithm>
#include <vector>

namespace fabcast::core {

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

std::string closest_match(std::string_view word, std::span<const std::string_view> candidates) {
  std::string best;
  std::size_t best_distance = std::max<std::size_t>(2, word.size() / 3) + 1;
  for (auto candidate : candidates) {
    const auto d = edit_distance(word, candidate);
    if (d < best_distance) {
      best_distance = d;
      best = candidate;
    }
  }
  if (!best.empty() || word.empty()) return best;
  // Too far for a typo, but maybe a name given short: "npv" for npv_usd, "budget_usd" for
  // program.budget_usd. Only when one candidate alone extends it so.
  std::size_t extending = 0;
  for (auto candidate : candidates) {
    const bool longer = candidate.size() > word.size() + 1;
    const bool head = longer && candidate.starts_with(word) && candidate[word.size()] == '_';
    const bool tail = longer && candidate.ends_with(word) && candidate[candidate.size() - word.size() - 1] == '.';
    if (head || tail) {
      ++extending;
      best = candidate;
    }
  }
  return extending == 1 ? best : std::string();
}

}  // namespace fabcast::core
