#include "core/runner.hpp"

#include "core/errors.hpp"
#include "core/number_format.hpp"
#include "core/text_distance.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstring>
#include <exception>
#include <iterator>
#include <limits>
#include <map>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <thread>

namespace fabcast::core {

const ScalarResult* RunResult::find_scalar(std::string_view name) const noexcept {
  for (const auto& s : scalars) {
    if (s.name == name) return &s;
  }
  return nullptr;
}

const SeriesResult* RunResult::find_series(std::string_view name) const noexcept {
  for (const auto& s : series) {
    if (s.name == name) return &s;
  }
  return nullptr;
}

const ScalarResult& RunResult::scalar(std::string_view name) const {
  if (const auto* s = find_scalar(name)) return *s;
  throw std::out_of_range(fmt::format("no scalar output named '{}'", name));
}

std::uint64_t ScalarResult::count_at_most(double x) const {
  if (summary) return summary->count_at_most(x);
  return static_cast<std::uint64_t>(std::count_if(values.begin(), values.end(), [x](double v) { return v <= x; }));
}

QuantileSet ScalarResult::finite_quantiles() const {
  if (summary) return summary->finite_quantiles();
  std::vector<double> finite;
  std::copy_if(values.begin(), values.end(), std::back_inserter(finite), [](double v) { return std::isfinite(v); });
  if (finite.empty()) {
    QuantileSet none{};
    none.fill(std::numeric_limits<double>::quiet_NaN());
    return none;
  }
  return quantiles_of(finite);
}

std::uint64_t ScalarResult::infinite_count() const {
  if (summary) return summary->infinite_count();
  return static_cast<std::uint64_t>(
      std::count_if(values.begin(), values.end(), [](double v) { return std::isinf(v); }));
}

std::uint64_t ScalarResult::zero_count() const {
  if (summary) return summary->zero_count();
  return static_cast<std::uint64_t>(std::count(values.begin(), values.end(), 0.0));  // -0 == 0
}

std::vector<double> ScalarResult::quantiles_at(std::span<const double> levels) const {
  if (summary) return summary->quantiles_at(levels);
  return quantiles_of(values, levels);
}

namespace {
// A series cell's sketch, as typically filled (values over two or three decades): the estimate
// memory refusals rest on, not a bound.
constexpr std::uint64_t SKETCH_BYTES_TYPICAL = 8 * 1024;
// A ScalarSummary while it counts distinct values, and its sketch.
constexpr std::uint64_t SUMMARY_BYTES = ScalarSummary::MAX_DISTINCT * 2 * 16 + SKETCH_BYTES_TYPICAL;

std::uint64_t planned_samples(const StoppingRule& stop) { return stop.samples ? *stop.samples : stop.max_samples; }

unsigned workers_for(const RunOptions& options) {
  const std::uint64_t chunks = (planned_samples(options.stop) + CHUNK_SIZE - 1) / CHUNK_SIZE;
  return static_cast<unsigned>(std::max<std::uint64_t>(1, std::min<std::uint64_t>(options.threads, chunks)));
}
}  // namespace

MemoryEstimate estimate_memory(const Model& model, const InputDesign& design, const RunOptions& options) {
  const OutputSchema& schema = model.schema();
  MemoryEstimate m;
  const std::uint64_t cells = schema.series.size() * schema.steps;
  std::uint64_t sketched = 0;
  for (std::size_t j = 0; j < schema.series.size(); ++j) {
    sketched += (schema.series_quantiles.empty() || schema.series_quantiles[j]) ? schema.steps : 0;
  }
  const std::uint64_t samples = planned_samples(options.stop);
  // Values kept: all of them when asked, else up to the limit (a fixed count past it keeps none).
  const std::uint64_t kept = options.keep_values ? samples
                             : options.stop.samples && samples > EXACT_SCALAR_LIMIT
                                 ? 0
                                 : std::min(samples, EXACT_SCALAR_LIMIT);
  m.threads = workers_for(options);
  m.per_thread_bytes = (design.inputs().size() + schema.scalars.size() + cells) * CHUNK_SIZE * sizeof(double) +
                       sketched * SKETCH_BYTES_TYPICAL + (kept < samples ? schema.scalars.size() * SUMMARY_BYTES : 0) +
                       model.worker_bytes();
  m.values_bytes = kept * schema.scalars.size() * sizeof(double);
  // A correlated block spans the run (a round, for a target-error run): k columns, and Iman-Conover's
  // scores, score matrix, centred copy and result beside them, about (4k + 5) doubles a sample.
  const std::uint64_t k = design.correlated_inputs();
  m.block_bytes = k > 0 ? (4 * k + 5) * samples * sizeof(double) : 0;
  return m;
}

const SeriesResult& RunResult::series_named(std::string_view name) const {
  if (const auto* s = find_series(name)) return *s;
  throw std::out_of_range(fmt::format("no series output named '{}'", name));
}

namespace {

constexpr double NaN = std::numeric_limits<double>::quiet_NaN();

// The moments one chunk accumulates before it is merged, in chunk order, into the totals.
struct ChunkMoments {
  std::vector<Moments> scalars;
  std::vector<Moments> series;  // series_idx * steps + step_idx
};

class Engine {
 public:
  Engine(const Model& model, InputDesign& design, const RunOptions& options)
      : model_(model),
        schema_(model.schema()),
        design_(design),
        options_(options),
        threads_(workers_for(options)),
        series_cells_(schema_.series.size() * schema_.steps),
        scalar_totals_(schema_.scalars.size()),
        series_totals_(series_cells_),
        scalar_values_(schema_.scalars.size()),
        cell_values_(options.keep_cells.size()),
        sketches_(threads_),
        summaries_(threads_),
        converted_(schema_.scalars.size()) {
    for (std::size_t j = 0; j < schema_.series.size(); ++j) {
      sketched_.push_back(schema_.series_quantiles.empty() || schema_.series_quantiles[j]);
    }
    for (std::size_t s = 0; s < schema_.scalars.size(); ++s) {
      infinity_ok_.push_back(!schema_.scalar_may_be_infinite.empty() && schema_.scalar_may_be_infinite[s]);
    }
  }

  RunResult run() {
    const auto& stop = options_.stop;
    if (stop.samples.has_value() == stop.target_rel_error.has_value()) {
      throw InputError("give either a sample count or a target relative error, not both and not neither");
    }
    if (stop.samples && *stop.samples == 0) throw InputError("the sample count must be at least 1");
    for (const auto& c : options_.keep_cells) {
      if (c.series >= schema_.series.size() || c.step >= schema_.steps)
        throw std::out_of_range("a kept cell the model does not have");
    }
    if (planned_samples(stop) > MAX_SAMPLES) {
      throw InputError(fmt::format("a run has at most {} samples (what a quantile sketch counts); got {}", MAX_SAMPLES,
                                   planned_samples(stop)));
    }
    std::size_t target_idx = 0;
    if (stop.target_rel_error) {
      if (!(*stop.target_rel_error > 0)) throw InputError("the target relative error must be > 0");
      if (schema_.scalars.empty()) throw InputError("a target relative error needs a scalar output to judge");
      if (!stop.target_output.empty()) {
        const auto it = std::find(schema_.scalars.begin(), schema_.scalars.end(), stop.target_output);
        if (it == schema_.scalars.end()) {
          const auto hint = closest_match(
              stop.target_output, std::vector<std::string_view>(schema_.scalars.begin(), schema_.scalars.end()));
          throw InputError(fmt::format("no scalar output named '{}' to judge the target error by{}", stop.target_output,
                                       hint.empty() ? "" : fmt::format("; did you mean '{}'?", hint)));
        }
        target_idx = static_cast<std::size_t>(it - schema_.scalars.begin());
      }
      // An output that can be infinite ("never") has no relative error to reach.
      if (infinity_ok_[target_idx]) {
        throw InputError(
            fmt::format("'{}' can be infinite (it means \"never\"), so its mean has no relative error to "
                        "reach; judge another output",
                        schema_.scalars[target_idx]));
      }
    }

    if (options_.memory_limit_bytes > 0) check_memory();
    // A target-error run keeps values until it grows past the limit (stop_keeping_values).
    keep_values_ = options_.keep_values || !stop.samples || *stop.samples <= EXACT_SCALAR_LIMIT;

    RunResult result;
    result.seed = options_.seed;
    if (stop.target_rel_error) {
      result.target_rel_error = stop.target_rel_error;
      result.target_output = schema_.scalars[target_idx];
    }
    result.sampling = design_.method();
    result.steps = schema_.steps;
    std::uint64_t done = 0;
    std::uint64_t planned = stop.samples
                                ? *stop.samples
                                : std::min(round_up(std::min(stop.min_samples, stop.max_samples)), stop.max_samples);
    while (true) {
      run_round(done, planned);
      result.round_ends.push_back(planned);
      done = planned;
      if (stop.samples) break;
      const double rel = scalar_totals_[target_idx].rel_error();
      result.rel_error = rel;
      if (options_.on_progress) options_.on_progress({done, 0, rel});
      if (rel <= *stop.target_rel_error) break;
      if (done >= stop.max_samples) {
        result.converged = false;
        break;
      }
      // Samples needed scale as (rel / target)^2; aim 10 % past it, grow at least a chunk and
      // at most fourfold per round so a noisy early estimate cannot overshoot far.
      const double ratio = std::isfinite(rel) ? rel / *stop.target_rel_error : 2.0;
      const double needed = static_cast<double>(done) * ratio * ratio * 1.1;
      const double capped = std::clamp(needed, static_cast<double>(done + CHUNK_SIZE), 4.0 * static_cast<double>(done));
      planned = std::min(round_up(static_cast<std::uint64_t>(capped)), stop.max_samples);
    }
    if (!stop.samples) result.rel_error = scalar_totals_[target_idx].rel_error();
    result.samples = done;
    finalize(result);
    return result;
  }

 private:
  static std::uint64_t round_up(std::uint64_t n) { return (n + CHUNK_SIZE - 1) / CHUNK_SIZE * CHUNK_SIZE; }

  // A run that would not fit, refused before its first sample with the figure and what would fit.
  // The engine names quantities, not flags (it serves shells other than the command line); the
  // figures say what would fit.
  void check_memory() const {
    const auto need = estimate_memory(model_, design_, options_);
    const std::uint64_t limit = options_.memory_limit_bytes;
    if (need.total() <= limit) return;
    auto gib = [](std::uint64_t bytes) {
      const double b = static_cast<double>(bytes);
      return b >= (1 << 30) ? fmt::format("{:.1f} GiB", b / (1 << 30)) : fmt::format("{:.1f} MiB", b / (1 << 20));
    };
    const std::uint64_t threads_bytes = need.per_thread_bytes * need.threads;
    const std::uint64_t samples = planned_samples(options_.stop);
    // Per sample: its kept values and its share of a correlated block.
    const std::uint64_t per_sample = (need.values_bytes + need.block_bytes) / std::max<std::uint64_t>(1, samples);
    std::string fix;
    if (need.values_bytes + need.block_bytes >= threads_bytes) {
      const std::uint64_t fits =
          limit > threads_bytes ? (limit - threads_bytes) / std::max<std::uint64_t>(1, per_sample) : 0;
      fix = fmt::format("{}{} take {}; {} samples or fewer would fit",
                        need.values_bytes > 0 ? fmt::format("every sample's {} scalar value{}", schema_.scalars.size(),
                                                            schema_.scalars.size() == 1 ? "" : "s")
                                              : "",
                        need.block_bytes > 0
                            ? fmt::format("{}the block of {} correlated inputs", need.values_bytes > 0 ? " and " : "",
                                          design_.correlated_inputs())
                            : "",
                        gib(need.values_bytes + need.block_bytes), fits);
      if (options_.keep_values) fix += ", or not keeping every value (past 1,000,000 samples they are summarised)";
    } else {
      const std::uint64_t room =
          limit > need.values_bytes + need.block_bytes ? limit - need.values_bytes - need.block_bytes : 0;
      fix = fmt::format(
          "each of the {} worker threads needs {} (chunk buffers for {} output cells, sketches and model "
          "state); {} threads or fewer would fit",
          need.threads, gib(need.per_thread_bytes), schema_.series.size() * schema_.steps,
          room / std::max<std::uint64_t>(1, need.per_thread_bytes));
    }
    throw InputError(fmt::format("this run needs about {} of memory, more than the {} available; {}", gib(need.total()),
                                 gib(limit), fix));
  }

  // Past EXACT_SCALAR_LIMIT samples (a target-error run growing), the values kept so far move into
  // summaries and later chunks add to summaries directly.
  void stop_keeping_values(std::uint64_t kept) {
    for (std::size_t s = 0; s < scalar_values_.size(); ++s) {
      converted_[s].add_many(scalar_values_[s].data(), kept, 1);
      scalar_values_[s] = {};
    }
    keep_values_ = false;
  }

  void run_round(std::uint64_t begin, std::uint64_t end) {
    if (design_.block_dependent()) design_.prepare_block(begin, end);
    if (keep_values_ && !options_.keep_values && end > EXACT_SCALAR_LIMIT) stop_keeping_values(begin);
    if (keep_values_) {
      for (auto& values : scalar_values_) values.resize(end, NaN);
    }
    for (auto& values : cell_values_) values.resize(end, NaN);
    round_begin_ = begin;
    round_end_ = end;
    chunk_count_ = (end - begin + CHUNK_SIZE - 1) / CHUNK_SIZE;
    next_chunk_ = 0;
    next_merge_ = 0;
    failed_chunk_ = NO_CHUNK;
    error_chunk_ = NO_CHUNK;
    if (threads_ == 1) {
      work(0);
    } else {
      std::vector<std::jthread> pool;
      const auto n = static_cast<unsigned>(std::min<std::uint64_t>(threads_, chunk_count_));
      for (unsigned t = 0; t < n; ++t) pool.emplace_back([this, t] { work(t); });
    }
    if (error_) std::rethrow_exception(error_);
  }

  // Moments of n values read with a stride, in one pass: sums of deviations from the first finite
  // value (a shift close to the mean keeps the variance accurate), min and max, and whether any
  // value is NaN. Four interleaved partial sums keep the adds independent (a single running sum
  // waits on each add's latency); the result depends only on the values, not on the thread.
  // A column holding +-inf ("never") has an infinite mean and variance.
  static Moments chunk_moments(const double* values, std::size_t n, std::size_t stride, bool& has_nan, bool& has_inf) {
    double shift = 0;
    for (std::size_t i = 0; i < n; ++i) {
      if (std::isfinite(values[i * stride])) {
        shift = values[i * stride];
        break;
      }
    }
    constexpr std::size_t LANES = 4;
    double s1[LANES] = {}, s2[LANES] = {}, lo[LANES], hi[LANES];
    std::fill_n(lo, LANES, INFINITY);
    std::fill_n(hi, LANES, -INFINITY);
    // No flags in the loop: a NaN or an infinity shows in the sums (NaN, or an infinite sum of
    // squares), and only then is the column scanned for which it was (2-3 % of altman-7t's time).
    auto add = [&](std::size_t l, double v) {
      const double d = v - shift;
      s1[l] += d;
      s2[l] += d * d;
      lo[l] = v < lo[l] ? v : lo[l];
      hi[l] = v > hi[l] ? v : hi[l];
    };
    std::size_t i = 0;
    if (stride == 1) {
      // Contiguous (series columns): the four lanes as two vectors of two, the same arithmetic
      // lane by lane (bit for bit the loop below), two values an instruction.
      using V = double __attribute__((vector_size(16)));
      const V sh = {shift, shift};
      V a1 = {0, 0}, b1 = a1, a2 = a1, b2 = a1, alo = {INFINITY, INFINITY}, blo = alo, ahi = -alo, bhi = ahi;
      for (; i + LANES <= n; i += LANES) {
        V va, vb;
        std::memcpy(&va, values + i, sizeof va);
        std::memcpy(&vb, values + i + 2, sizeof vb);
        const V da = va - sh, db = vb - sh;
        a1 += da;
        b1 += db;
        a2 += da * da;
        b2 += db * db;
        alo = va < alo ? va : alo;
        blo = vb < blo ? vb : blo;
        ahi = va > ahi ? va : ahi;
        bhi = vb > bhi ? vb : bhi;
      }
      s1[0] = a1[0], s1[1] = a1[1], s1[2] = b1[0], s1[3] = b1[1];
      s2[0] = a2[0], s2[1] = a2[1], s2[2] = b2[0], s2[3] = b2[1];
      lo[0] = alo[0], lo[1] = alo[1], lo[2] = blo[0], lo[3] = blo[1];
      hi[0] = ahi[0], hi[1] = ahi[1], hi[2] = bhi[0], hi[3] = bhi[1];
    }
    for (; i + LANES <= n; i += LANES) {
      for (std::size_t l = 0; l < LANES; ++l) add(l, values[(i + l) * stride]);
    }
    for (; i < n; ++i) add(i % LANES, values[i * stride]);
    const double sum1 = (s1[0] + s1[1]) + (s1[2] + s1[3]);
    const double sum2 = (s2[0] + s2[1]) + (s2[2] + s2[3]);
    bool nan = false, infinite = false;
    if (!std::isfinite(sum1) || !std::isfinite(sum2)) {
      for (std::size_t j = 0; j < n; ++j) {
        const double v = values[j * stride];
        nan |= std::isnan(v);
        infinite |= std::isinf(v);
      }
    }
    has_nan = nan;
    has_inf = infinite;
    Moments m;
    m.n = n;
    m.min = std::min(std::min(lo[0], lo[1]), std::min(lo[2], lo[3]));
    m.max = std::max(std::max(hi[0], hi[1]), std::max(hi[2], hi[3]));
    if (infinite) {
      m.mean = sum1;  // +-inf, or NaN when both signs occur
      m.m2 = INFINITY;
    } else {
      m.mean = shift + sum1 / static_cast<double>(n);
      m.m2 = std::max(0.0, sum2 - sum1 * sum1 / static_cast<double>(n));
    }
    return m;
  }

  // Whether a chunk's column holds only what an output may hold: finite numbers within
  // +-MAX_MAGNITUDE (so no sum of squares overflows), and +-inf only where it means "never". The
  // moments' min and max and its flags answer it without a pass, but for a column with infinities.
  static bool column_ok(const Moments& m, bool nan, bool inf, bool infinity_ok, const double* values, std::size_t n,
                        std::size_t stride) {
    if (nan || (inf && !infinity_ok)) return false;
    if (!inf) return m.min >= -MAX_MAGNITUDE && m.max <= MAX_MAGNITUDE;
    for (std::size_t i = 0; i < n; ++i) {
      const double v = values[i * stride];
      if (std::isfinite(v) && std::fabs(v) > MAX_MAGNITUDE) return false;
    }
    return true;
  }

  // A column that failed column_ok: the first sample that gave a NaN, an infinity where the output
  // has no such meaning, or a number past +-MAX_MAGNITUDE fails the run, named with its inputs.
  [[noreturn]] void report_bad(const double* values, std::size_t n, std::size_t stride, const std::string& name,
                               std::uint64_t first, bool infinity_ok) const {
    for (std::size_t i = 0; i < n; ++i) {
      const double v = values[i * stride];
      if (std::isnan(v) || (std::isinf(v) ? !infinity_ok : std::fabs(v) > MAX_MAGNITUDE))
        bad_output(name, first + i, v);
    }
    bad_output(name, first, NaN);
  }

  void work(unsigned thread_idx) {
    std::uint64_t current = NO_CHUNK;  // the chunk being run (NO_CHUNK: an error before the first)
    try {
      auto worker = model_.make_worker();
      const std::size_t k = design_.inputs().size();
      const std::size_t n_scalars = schema_.scalars.size();
      std::vector<double> inputs(k * CHUNK_SIZE);
      // A chunk's outputs: scalars sample-major; series cell-major (each cell's CHUNK_SIZE values
      // side by side, the samples writing interleaved), accumulated cell by cell once the chunk is
      // done, so each quantile sketch stays in cache for its CHUNK_SIZE adds.
      std::vector<double> scalars(n_scalars * CHUNK_SIZE);
      std::vector<double> series(series_cells_ * CHUNK_SIZE);
      auto& sketches = sketches_[thread_idx];
      sketches.resize(series_cells_);
      auto& summaries = summaries_[thread_idx];
      if (!keep_values_) summaries.resize(n_scalars);
      while (true) {
        // Chunks are claimed in order: past a failed chunk none is started, and every chunk before
        // it, already claimed, is finished, so the error reported is that of the first failing
        // sample whatever the thread count.
        const std::uint64_t chunk = next_chunk_.fetch_add(1);
        if (chunk >= chunk_count_ || chunk > failed_chunk_.load()) break;
        current = chunk;
        std::unique_ptr<ChunkMoments> acc = acquire();
        const std::uint64_t first = round_begin_ + chunk * CHUNK_SIZE;
        const std::uint64_t last = std::min(first + CHUNK_SIZE, round_end_);
        const std::size_t n = last - first;
        design_.draw_chunk(first, n, inputs);
        std::fill(scalars.begin(), scalars.begin() + static_cast<std::ptrdiff_t>(n * n_scalars), NaN);
        std::fill(series.begin(), series.end(), NaN);
        for (std::size_t i = 0; i < n; ++i) {
          // A model without series has an empty buffer: no offset into it (null + i is undefined).
          SampleOutputs out{
              std::span<double>(scalars.data() + i * n_scalars, n_scalars),
              series.empty() ? std::span<double>() : std::span<double>(series.data() + i, series.size() - i),
              schema_.steps, CHUNK_SIZE};
          worker->run(SampleContext{options_.seed, first + i}, std::span<const double>(inputs.data() + i * k, k), out);
        }
        for (std::size_t s = 0; s < n_scalars; ++s) {
          bool nan = false, inf = false;
          acc->scalars[s] = chunk_moments(scalars.data() + s, n, n_scalars, nan, inf);
          if (!column_ok(acc->scalars[s], nan, inf, infinity_ok_[s], scalars.data() + s, n, n_scalars)) {
            report_bad(scalars.data() + s, n, n_scalars, schema_.scalars[s], first, infinity_ok_[s]);
          }
          if (keep_values_) {
            double* values = scalar_values_[s].data() + first;
            for (std::size_t i = 0; i < n; ++i) values[i] = scalars[i * n_scalars + s];
          } else {
            summaries[s].add_many(scalars.data() + s, n, n_scalars);
          }
        }
        for (std::size_t cell = 0; cell < series_cells_; ++cell) {
          const double* column = series.data() + cell * CHUNK_SIZE;
          const std::size_t j = cell / schema_.steps;
          bool nan = false, inf = false;
          acc->series[cell] = chunk_moments(column, n, 1, nan, inf);
          if (!column_ok(acc->series[cell], nan, inf, false, column, n, 1))
            report_bad(column, n, 1, schema_.series[j], first, false);
          if (sketched_[j]) sketches[cell].add_many(column, n);
        }
        for (std::size_t k = 0; k < cell_values_.size(); ++k) {
          const auto& c = options_.keep_cells[k];
          const double* column = series.data() + (c.series * schema_.steps + c.step) * CHUNK_SIZE;
          std::copy(column, column + n, cell_values_[k].data() + first);
        }
        submit(chunk, std::move(acc), n);
      }
    } catch (...) {
      const std::lock_guard lock(mutex_);
      if (!error_ || current < error_chunk_) {
        error_ = std::current_exception();
        error_chunk_ = current;
      }
      std::uint64_t seen = failed_chunk_.load();
      while (current < seen && !failed_chunk_.compare_exchange_weak(seen, current)) {
      }
    }
  }

  [[noreturn]] void bad_output(const std::string& name, std::uint64_t sample_idx, double value) const {
    throw RunError(fmt::format(
        "sample {} of seed {} gave output '{}' = {} ({}); {}", sample_idx, options_.seed, name, format_number(value),
        std::isnan(value)   ? "undefined: a 0/0, inf - inf or an input outside what the model can use"
        : std::isinf(value) ? "beyond the range of a double: an overflow"
                            : "beyond +-1e145, where its square would overflow the variance",
        describe_inputs(sample_idx)));
  }

  // The inputs of one sample, for a failure message: those at zero (the usual cause of a 0/0) and
  // the drawn ones with their values.
  [[nodiscard]] std::string describe_inputs(std::uint64_t sample_idx) const {
    const auto& specs = design_.inputs();
    std::vector<double> values(specs.size());
    design_.draw(sample_idx, values);
    std::vector<std::string> zero, drawn;
    for (std::size_t j = 0; j < specs.size(); ++j) {
      if (values[j] == 0) zero.push_back(specs[j].name);
      if (!specs[j].dist.is_fixed()) drawn.push_back(fmt::format("{} = {}", specs[j].name, format_sig(values[j], 6)));
    }
    constexpr std::size_t SHOWN = 12;
    auto some = [&](const std::vector<std::string>& items) {
      const std::vector<std::string> head(items.begin(),
                                          items.begin() + static_cast<std::ptrdiff_t>(std::min(items.size(), SHOWN)));
      return fmt::format("{}{}", fmt::join(head, ", "),
                         items.size() > SHOWN ? fmt::format(" and {} more", items.size() - SHOWN) : std::string());
    };
    std::string out = "the sample's inputs";
    if (!zero.empty()) out += fmt::format(" at zero: {};", some(zero));
    out += drawn.empty() ? " are all fixed" : fmt::format(" drawn: {}", some(drawn));
    return out;
  }

  std::unique_ptr<ChunkMoments> acquire() {
    {
      const std::lock_guard lock(mutex_);
      if (!free_.empty()) {
        auto acc = std::move(free_.back());  // every cell is assigned afresh by the chunk
        free_.pop_back();
        return acc;
      }
    }
    auto acc = std::make_unique<ChunkMoments>();
    acc->scalars.resize(schema_.scalars.size());
    acc->series.resize(series_cells_);
    return acc;
  }

  // Queues a finished chunk and merges every chunk that is next in order.
  void submit(std::uint64_t chunk, std::unique_ptr<ChunkMoments> acc, std::uint64_t size) {
    const std::lock_guard lock(mutex_);
    pending_.emplace(chunk, std::make_pair(std::move(acc), size));
    for (auto it = pending_.find(next_merge_); it != pending_.end(); it = pending_.find(next_merge_)) {
      auto& [moments, n] = it->second;
      for (std::size_t s = 0; s < scalar_totals_.size(); ++s) scalar_totals_[s].merge(moments->scalars[s]);
      for (std::size_t c = 0; c < series_cells_; ++c) series_totals_[c].merge(moments->series[c]);
      merged_ += n;
      free_.push_back(std::move(moments));
      pending_.erase(it);
      ++next_merge_;
      if (options_.on_progress && options_.stop.samples) options_.on_progress({merged_, *options_.stop.samples, 0});
    }
  }

  void finalize(RunResult& result) {
    const std::size_t n_scalars = schema_.scalars.size();
    result.scalars.resize(n_scalars);
    result.values_kept = keep_values_;
    // Each kept cell as one more scalar, summarised as a kept scalar is.
    for (std::size_t k = 0; k < cell_values_.size(); ++k) {
      ScalarResult r;
      r.name = options_.keep_cells[k].name;
      r.values = std::move(cell_values_[k]);
      for (double v : r.values) r.moments.add(v);
      r.quantiles = quantiles_of(r.values);
      result.scalars.push_back(std::move(r));
    }
    std::atomic<std::size_t> next{0};
    auto summarise = [&] {
      for (std::size_t s = next++; s < n_scalars; s = next++) {
        ScalarResult& r = result.scalars[s];
        r.name = schema_.scalars[s];
        r.moments = scalar_totals_[s];
        if (keep_values_) {
          r.quantiles = quantiles_of(scalar_values_[s]);
          r.values = std::move(scalar_values_[s]);
          continue;
        }
        // Integer counts: the merged summary is the same whatever the thread that held a chunk.
        ScalarSummary merged = std::move(converted_[s]);
        for (auto& per_thread : summaries_) {
          if (!per_thread.empty()) merged.merge(per_thread[s]);
        }
        r.quantiles = merged.quantiles();
        r.exact = merged.exact();
        r.summary = std::move(merged);
      }
    };
    {
      std::vector<std::jthread> pool;
      for (unsigned t = 1; t < std::min<std::size_t>(threads_, n_scalars); ++t) pool.emplace_back(summarise);
      summarise();
    }
    for (std::size_t j = 0; j < schema_.series.size(); ++j) {
      SeriesResult r;
      r.name = schema_.series[j];
      for (std::size_t step = 0; step < schema_.steps; ++step) {
        const std::size_t cell = j * schema_.steps + step;
        QuantileSketch merged;
        for (auto& per_thread : sketches_) {
          if (!per_thread.empty()) merged.merge(per_thread[cell]);
        }
        QuantileSet q{};
        for (std::size_t i = 0; i < QUANTILE_LEVELS.size(); ++i) q[i] = merged.quantile(QUANTILE_LEVELS[i]);
        r.moments.push_back(series_totals_[cell]);
        r.quantiles.push_back(q);
        r.sketches.push_back(std::move(merged));
      }
      result.series.push_back(std::move(r));
    }
  }

  const Model& model_;
  const OutputSchema& schema_;
  InputDesign& design_;
  const RunOptions& options_;
  unsigned threads_;
  std::size_t series_cells_;

  std::vector<Moments> scalar_totals_;
  std::vector<Moments> series_totals_;
  std::vector<std::vector<double>> scalar_values_;     // [scalar][sample_idx]
  std::vector<std::vector<double>> cell_values_;       // [kept cell][sample_idx]
  std::vector<std::vector<QuantileSketch>> sketches_;  // [thread][cell]
  bool keep_values_ = true;                            // scalars kept per sample, else summarised
  std::vector<std::vector<ScalarSummary>> summaries_;  // [thread][scalar], when not kept
  std::vector<ScalarSummary> converted_;               // [scalar]: values kept before the switch
  std::vector<bool> sketched_;                         // [series]: keeps quantiles
  std::vector<bool> infinity_ok_;                      // [scalar]: +-inf means "never"

  std::uint64_t round_begin_ = 0;
  std::uint64_t round_end_ = 0;
  std::uint64_t chunk_count_ = 0;
  std::atomic<std::uint64_t> next_chunk_{0};
  static constexpr std::uint64_t NO_CHUNK = std::numeric_limits<std::uint64_t>::max();
  std::atomic<std::uint64_t> failed_chunk_{NO_CHUNK};  // the first chunk that failed (NO_CHUNK: none)
  std::uint64_t error_chunk_ = NO_CHUNK;               // error_'s chunk

  std::mutex mutex_;  // guards everything below
  std::map<std::uint64_t, std::pair<std::unique_ptr<ChunkMoments>, std::uint64_t>> pending_;
  std::vector<std::unique_ptr<ChunkMoments>> free_;
  std::uint64_t next_merge_ = 0;
  std::uint64_t merged_ = 0;
  std::exception_ptr error_;
};

}  // namespace

RunResult run(const Model& model, InputDesign& design, const RunOptions& options) {
  return Engine(model, design, options).run();
}

}  // namespace fabcast::core
