#pragma once
// A supplier's order book (docs/model.md, "Tools from order books"). The supplier makes
// supply[u] units in step u. The other buyers come first: their orders come due at their demand,
// others[u] a step, and what the supplier cannot make for them waits, ahead of everything else, as
// their backlog (they hold long-term agreements; Intel, TSMC and Samsung co-invested in ASML's
// EUV in 2012). What is left, the spare, ships to the program's orders, first due first served;
// they come due in the order placed (a fixed lead time after each start). Supply that finds no
// order due is lost: a supplier that builds to order does not build ahead of its orders.
//
//   others:   O(u) = min(O(u-1) + supply[u], others due by u)           spare[u] = supply[u] - (O(u) - O(u-1))
//   program:  P(u) = min(P(u-1) + spare[u], program orders due by u)
//
// An order's place among the program's orders never changes once placed: it is everything the
// program ordered before it, `position`, and it has received clamp(P - position, 0, amount), one
// subtraction however many wait. P unrolls to
//
//   P(E) = min(P(t) + S(t, E], min over t < k <= E of due(k) + S(k, E])     (S(a, b]: spare in a+1..b)
//
// which lets the program project, when it orders at step t, how much of an order due at d will
// have arrived by a later step E: exactly, for the supply known then.

#include <algorithm>
#include <cstddef>
#include <vector>

namespace fabcast::model {

class OrderBook {
 public:
  //! Empties the book for a run of `steps` steps (the last a horizon beyond the run's end).
  void reset(std::size_t steps) {
    supply_.assign(steps, 0);
    others_.assign(steps, 0);
    others_shipped_.assign(steps, 0);
    spare_sum_.assign(steps, 0);
    program_.assign(steps, 0);
    shipped_ = due_ = ordered_ = shipped_now_ = 0;
    served_ = 0;
  }
  [[nodiscard]] std::size_t steps() const noexcept { return supply_.size(); }

  // ---- set-up, before the first step is served ----
  void set_supply(std::size_t u, double amount) { supply_[u] = amount; }
  void set_others(std::size_t u, double amount) { others_[u] = amount; }
  //! Serves the other buyers over the whole horizon; call after set_supply and set_others.
  void finish_setup() { serve_others_from(0); }
  //! Capacity added from step `from` on (funded expansion): `per_step` more every step. The other
  //! buyers' backlog, if any, takes it first.
  void add_supply(std::size_t from, double per_step) {
    for (std::size_t u = from; u < supply_.size(); ++u) supply_[u] += per_step;
    serve_others_from(from);
  }

  // ---- the run ----
  //! Ships step u's spare to the program's orders due by then. Steps are served once each, in order.
  void serve(std::size_t u) {
    due_ += program_[u];
    const double before = shipped_;
    shipped_ = std::min(shipped_ + spare(u), due_);
    shipped_now_ = others_step(u) + (shipped_ - before);
    served_ = u + 1;
  }
  //! Places a program order due at step `due` (after the last step served, and no earlier than any
  //! order placed before it); returns its position.
  double place(std::size_t due, double amount) {
    const double position = ordered_;
    program_[due] += amount;
    ordered_ += amount;
    return position;
  }
  //! The position the next program order will take.
  [[nodiscard]] double next_position() const noexcept { return ordered_; }
  //! What a program order at `position` for `amount` has received so far.
  [[nodiscard]] double received(double position, double amount) const {
    return std::clamp(shipped_ - position, 0.0, amount);
  }

  //! The floor that projects the program's shipments from the last step served, for an order
  //! placed last and due at `due`: floor + spare_through(E) bounds P(E) from above for E >= due, and
  //! P(E) >= position + amount exactly when the bound is (the terms it leaves out, for k >= due,
  //! hold every order up to the last). Valid until the program's orders due before `due` change or
  //! supply is added.
  [[nodiscard]] double projection_floor(std::size_t due) const {
    const std::size_t t = served_ - 1;  // at least one step served
    double floor = shipped_ - spare_sum_[t];
    double ahead = due_;
    for (std::size_t k = served_; k < due && k < supply_.size(); ++k) {
      ahead += program_[k];
      floor = std::min(floor, ahead - spare_sum_[k]);
    }
    return floor;
  }
  //! The program's shipments by the end of step E (at or after the due step of the floor), as projected.
  [[nodiscard]] double projected_shipped(double floor, std::size_t E) const {
    return floor + spare_sum_[std::min(E, spare_sum_.size() - 1)];
  }

  [[nodiscard]] double supply(std::size_t u) const { return supply_[u]; }
  [[nodiscard]] double spare(std::size_t u) const { return spare_sum_[u] - (u > 0 ? spare_sum_[u - 1] : 0); }
  [[nodiscard]] double spare_through(std::size_t u) const { return spare_sum_[u]; }
  [[nodiscard]] double others_shipped_through(std::size_t u) const { return others_shipped_[u]; }
  [[nodiscard]] double shipped_this_step() const noexcept { return shipped_now_; }  // every buyer
  [[nodiscard]] double program_shipped() const noexcept { return shipped_; }        // cumulative
  [[nodiscard]] double program_due() const noexcept { return due_; }                // cumulative
  [[nodiscard]] double program_ordered() const noexcept { return ordered_; }

 private:
  [[nodiscard]] double others_step(std::size_t u) const {
    return others_shipped_[u] - (u > 0 ? others_shipped_[u - 1] : 0);
  }
  // The other buyers' shipments, cumulative, and the running sum of the spare, from step `from` on.
  void serve_others_from(std::size_t from) {
    double due = 0;
    for (std::size_t u = 0; u < from; ++u) due += others_[u];
    double shipped = from > 0 ? others_shipped_[from - 1] : 0;
    double spare_sum = from > 0 ? spare_sum_[from - 1] : 0;
    for (std::size_t u = from; u < supply_.size(); ++u) {
      due += others_[u];
      const double now = std::min(shipped + supply_[u], due);
      spare_sum += supply_[u] - (now - shipped);
      shipped = now;
      others_shipped_[u] = shipped;
      spare_sum_[u] = spare_sum;
    }
  }

  std::vector<double> supply_, others_, others_shipped_, spare_sum_, program_;
  double shipped_ = 0, due_ = 0, ordered_ = 0, shipped_now_ = 0;  // the program's
  std::size_t served_ = 0;                                        // steps served so far
};

}  // namespace fabcast::model
