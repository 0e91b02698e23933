// The EUV order book (model/order_book.hpp): hand-built backlogs against shipments worked out by
// hand, its projection against the book served step by step, and conservation on random paths.

#include "model/order_book.hpp"

#include <gtest/gtest.h>

#include <random>

namespace fabcast::model {
namespace {

OrderBook flat(std::size_t steps, double supply, double others) {
  OrderBook b;
  b.reset(steps);
  for (std::size_t u = 0; u < steps; ++u) {
    b.set_supply(u, supply);
    b.set_others(u, others);
  }
  b.finish_setup();
  return b;
}

TEST(OrderBook, ABacklogFillsOverThreeYearsBehindTheOtherBuyers) {
  // Yearly steps: ASML makes 20 tools a year, the other buyers want 10. An order for 30 placed in
  // year 0, due in year 1, gets what is left after the others each year: 10, 10, 10.
  OrderBook b = flat(6, 20, 10);
  b.serve(0);
  EXPECT_DOUBLE_EQ(b.shipped_this_step(), 10);
  const double position = b.place(1, 30);
  EXPECT_DOUBLE_EQ(position, 0);  // the program's first order
  const double second = b.place(1, 5);
  EXPECT_DOUBLE_EQ(second, 30);  // behind the first
  const double expected[] = {10, 20, 30, 30};
  const double expected_second[] = {0, 0, 0, 5};
  for (std::size_t u = 1; u <= 4; ++u) {
    b.serve(u);
    EXPECT_DOUBLE_EQ(b.received(position, 30), expected[u - 1]) << "year " << u;
    EXPECT_DOUBLE_EQ(b.received(second, 5), expected_second[u - 1]) << "year " << u;
    // Every tool made while an order was due ships: 20 in years 1-3, then the others' 10 and 5.
    EXPECT_DOUBLE_EQ(b.shipped_this_step(), u < 4 ? 20 : 15) << "year " << u;
  }
}

TEST(OrderBook, TheOtherBuyersBacklogComesFirst) {
  // The others want 30 a year for two years, then 5, against 20 made: their backlog (10, then 20,
  // then 5) ships first, and the program's order, due in year 1, gets only what is left after it.
  OrderBook b;
  b.reset(6);
  for (std::size_t u = 0; u < 6; ++u) {
    b.set_supply(u, 20);
    b.set_others(u, u < 2 ? 30 : 5);
  }
  b.finish_setup();
  EXPECT_DOUBLE_EQ(b.spare(1), 0);
  EXPECT_DOUBLE_EQ(b.spare(2), 0);   // 20 of the backlog of 20 and this year's 5
  EXPECT_DOUBLE_EQ(b.spare(3), 10);  // the backlog's last 5 and this year's 5
  EXPECT_DOUBLE_EQ(b.spare(4), 15);
  b.serve(0);
  const double position = b.place(1, 12);
  const double expected[] = {0, 0, 10, 12};
  for (std::size_t u = 1; u <= 4; ++u) {
    b.serve(u);
    EXPECT_DOUBLE_EQ(b.received(position, 12), expected[u - 1]) << "year " << u;
  }
}

TEST(OrderBook, SupplyNoOneOrderedIsLostAndAnOrderShipsNoEarlierThanItIsDue) {
  OrderBook b = flat(5, 20, 5);
  b.serve(0);
  EXPECT_DOUBLE_EQ(b.shipped_this_step(), 5);  // 15 made for no order: not kept for later
  const double position = b.place(2, 12);
  b.serve(1);
  EXPECT_DOUBLE_EQ(b.received(position, 12), 0);  // not due yet
  b.serve(2);
  EXPECT_DOUBLE_EQ(b.received(position, 12), 12);
}

TEST(OrderBook, FundedCapacityShipsFromItsArrivalOn) {
  // No headroom: the others take all 10 a year. A line of 4 a year arriving in year 3 serves an
  // order for 8 in years 3 and 4, and nothing before.
  OrderBook b = flat(8, 10, 10);
  b.serve(0);
  const double position = b.place(1, 8);
  b.add_supply(3, 4);
  EXPECT_DOUBLE_EQ(b.supply(2), 10);
  EXPECT_DOUBLE_EQ(b.supply(3), 14);
  EXPECT_DOUBLE_EQ(b.spare_through(4), 8);  // 4 in years 3 and 4
  const double expected[] = {0, 0, 4, 8};
  for (std::size_t u = 1; u <= 4; ++u) {
    b.serve(u);
    EXPECT_DOUBLE_EQ(b.received(position, 8), expected[u - 1]) << "year " << u;
  }
}

// The projection an order is planned with equals what the book, served step by step, ships to it,
// on random capacities, demands and orders ahead of it.
TEST(OrderBook, TheProjectionIsWhatTheBookShips) {
  std::mt19937_64 rng(11);
  std::uniform_real_distribution<double> u01(0, 1);
  for (int trial = 0; trial < 400; ++trial) {
    const std::size_t steps = 30;
    OrderBook b;
    b.reset(steps);
    for (std::size_t u = 0; u < steps; ++u) {
      b.set_supply(u, 20 * u01(rng));
      b.set_others(u, 20 * u01(rng));
    }
    b.finish_setup();
    const std::size_t lead = 1 + static_cast<std::size_t>(4 * u01(rng));
    const std::size_t t = static_cast<std::size_t>(10 * u01(rng));
    for (std::size_t u = 0; u < t; ++u) {  // earlier orders
      b.serve(u);
      if (u01(rng) < 0.5) b.place(u + lead, 30 * u01(rng));
    }
    b.serve(t);
    const std::size_t due = t + lead;
    const double floor = b.projection_floor(due);
    const double amount = 1 + 40 * u01(rng);
    const double position = b.place(due, amount);
    for (std::size_t u = t + 1; u < steps; ++u) {
      b.serve(u);
      if (u < due) continue;
      const double projected = std::clamp(b.projected_shipped(floor, u) - position, 0.0, amount);
      EXPECT_NEAR(b.received(position, amount), projected, 1e-9) << "trial " << trial << " step " << u;
    }
  }
}

TEST(OrderBook, ShipsNoMoreThanItMakesNorMoreThanIsDue) {
  std::mt19937_64 rng(5);
  std::uniform_real_distribution<double> u01(0, 1);
  for (int trial = 0; trial < 200; ++trial) {
    OrderBook b;
    b.reset(40);
    std::vector<double> others(40);
    for (std::size_t u = 0; u < 40; ++u) {
      b.set_supply(u, 10 * u01(rng));
      b.set_others(u, others[u] = 10 * u01(rng));
    }
    b.finish_setup();
    double ordered = 0, made = 0, others_due = 0;
    std::vector<std::pair<double, double>> orders;
    for (std::size_t u = 0; u + 3 < 40; ++u) {
      b.serve(u);
      made += b.supply(u);
      others_due += others[u];
      EXPECT_LE(b.program_shipped() + b.others_shipped_through(u), made * (1 + 1e-12));
      EXPECT_LE(b.others_shipped_through(u), others_due * (1 + 1e-12));
      EXPECT_LE(b.program_shipped(), b.program_due() * (1 + 1e-12));
      double received = 0;
      for (const auto& [position, amount] : orders) received += b.received(position, amount);
      EXPECT_LE(received, ordered * (1 + 1e-12));
      EXPECT_NEAR(received, b.program_shipped(), 1e-9);
      if (u01(rng) < 0.3) {
        const double amount = 15 * u01(rng);
        orders.emplace_back(b.place(u + 3, amount), amount);
        ordered += amount;
      }
      if (u == 10) b.add_supply(15, 5);  // shipped before 15 stays as it was
    }
    EXPECT_DOUBLE_EQ(b.program_ordered(), ordered);
  }
}

}  // namespace
}  // namespace fabcast::model
