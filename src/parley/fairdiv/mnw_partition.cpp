// Maximum Nash welfare when every party values the goods the same way, up to
// a factor: balanced multiway number partitioning, solved exactly.
//
// Interchangeable parties. If party p's base and values are c_p times one
// common (b, v) (integers, c_p >= 1), then N_p = c_p (b + v(S_p)) and the
// product of utilities is prod_p (c_p / d_p) times prod_p (b + v(S_p)): a
// constant times a product that does not care which party holds which bundle.
// So the parties are n identical bins and the task is to split the units into
// n bins maximising prod_i (b + s_i), s_i the bin's sum of values.
//
// The search (the complete greedy algorithm of Korf 1998 and of Schreiber,
// Korf & Moffitt 2018 for multiway partitioning, here with a product bound):
// the units in decreasing order of value, each to a bin, the emptier bins
// first, so the first leaf is the greedy (LPT) partition. Two bins with the
// same sum are the same state up to renaming, so only one of them is tried
// (that is all the symmetry there is: bins have no other identity).
//
// The bound, and why it holds: any completion ends with integer bin sums
// t_i >= s_i (values are integers) whose total is fixed, sum s + R. Over all
// such integer vectors the product of (b + t_i) is largest when the remaining
// R is poured into the lowest bins, a unit at a time to the lowest (an
// exchange argument: moving a unit from a higher to a lower bin never lowers
// the product), which gives the "water level" vector computed by
// water_level(). Its product bounds every completion of the node. At the root
// it is the balanced product (floor / ceiling of the mean), the AM-GM bound
// for integers; a partition reaching it is optimal without search.
//
// Exactness: a node is pruned when its bound's log is below the incumbent's by
// more than kTolerance, or, within that tolerance, when the exact integer
// product of its bound is at most the incumbent's exact product (Rational, so
// near-ties never round). So the answer is exactly optimal; the proof is the
// complete search (or the incumbent meeting the root bound).
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <numeric>
#include <optional>

#include "parley/fairdiv/mnw.h"

namespace parley::fairdiv {

namespace {

using Clock = std::chrono::steady_clock;

std::size_t at(int i) { return static_cast<std::size_t>(i); }

constexpr double kTolerance = 1e-9;

// Beyond this many units (shares cut fine) the expanded search is not tried:
// the general search handles such instances without expanding them.
constexpr std::int64_t kMostUnits = 20000;

// The common valuation: p's base and values are factor[p] times (base, value).
struct Common {
  std::vector<std::int64_t> value;  // [good], gcd with base is 1
  std::int64_t base = 0;
  std::vector<std::int64_t> factor;  // [party] >= 1
};

std::optional<Common> common_valuation(const GoodsInstance& g) {
  const std::size_t m = g.goods.size();
  std::int64_t divisor = g.base[0];
  for (std::int64_t x : g.value[0]) divisor = std::gcd(divisor, x);
  if (divisor <= 0) return std::nullopt;  // party 0 values nothing and has no base
  Common c;
  c.base = g.base[0] / divisor;
  for (std::int64_t x : g.value[0]) c.value.push_back(x / divisor);
  for (int p = 0; p < g.parties; ++p) {
    // The factor from the first good (or the base) the common valuation values.
    std::int64_t factor = 0;
    if (c.base > 0) {
      if (g.base[at(p)] % c.base != 0) return std::nullopt;
      factor = g.base[at(p)] / c.base;
    } else {
      for (std::size_t k = 0; k < m && factor == 0; ++k) {
        if (c.value[k] == 0) continue;
        if (g.value[at(p)][k] % c.value[k] != 0) return std::nullopt;
        factor = g.value[at(p)][k] / c.value[k];
      }
    }
    if (factor <= 0) return std::nullopt;
    // Compared by division, so that nothing overflows.
    if (g.base[at(p)] % factor != 0 || g.base[at(p)] / factor != c.base) return std::nullopt;
    for (std::size_t k = 0; k < m; ++k) {
      if (g.value[at(p)][k] % factor != 0 || g.value[at(p)][k] / factor != c.value[k]) return std::nullopt;
    }
    c.factor.push_back(factor);
  }
  return c;
}

class Partition {
 public:
  Partition(int bins, std::int64_t base, std::vector<std::int64_t> items, const MnwOptions& options)
      : n_(bins), base_(base), items_(std::move(items)) {
    if (options.time_limit > 0) {
      timed_ = true;
      deadline_ = Clock::now() + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(options.time_limit));
    }
    remaining_after_.assign(items_.size() + 1, 0);
    for (std::size_t j = items_.size(); j-- > 0;) remaining_after_[j] = remaining_after_[j + 1] + items_[j];
  }

  // Runs the search; bin_of()[j] is then the bin of item j in the best partition.
  void run() {
    sums_.assign(at(n_), 0);
    root_log_ = water_level(sums_, remaining_after_[0], level_);
    root_exact_ = product(level_);
    differencing();
    if (!done_) search();
  }

  bool proved() const { return !stopped_; }
  long long nodes() const { return nodes_; }
  const std::vector<int>& bin_of() const { return best_bin_; }
  // The root bound over the best product, minus 1: 0 when proved optimal.
  double gap() const { return stopped_ ? std::max(0.0, std::expm1(root_log_ - best_log_)) : 0.0; }

 private:
  // The best integer completion of bin sums `sums` with `left` more to pour
  // (see the top of the file): its sums in *level, its log product returned.
  double water_level(const std::vector<std::int64_t>& sums, std::int64_t left, std::vector<std::int64_t>& level) {
    sorted_ = sums;
    std::sort(sorted_.begin(), sorted_.end());
    std::size_t j = 1;
    std::int64_t height = sorted_[0];
    while (j < sorted_.size()) {
      const std::int64_t cost = (sorted_[j] - height) * static_cast<std::int64_t>(j);
      if (cost > left) break;
      left -= cost;
      height = sorted_[j];
      ++j;
    }
    const std::int64_t each = left / static_cast<std::int64_t>(j), extra = left % static_cast<std::int64_t>(j);
    level = sorted_;
    for (std::size_t i = 0; i < j; ++i) level[i] = height + each + (static_cast<std::int64_t>(i) < extra ? 1 : 0);
    double log_sum = 0;
    for (std::int64_t x : level) log_sum += std::log(static_cast<double>(base_ + x));
    return log_sum;
  }

  Rational product(const std::vector<std::int64_t>& sums) const {
    Rational x = 1;
    for (std::int64_t s : sums) x *= Rational(base_ + s);
    return x;
  }

  // Whether bin sums with this log product (and exact product, computed only
  // when needed) can beat the incumbent.
  template <typename Exact>
  bool beats(double log_sum, Exact exact) const {
    if (!found_) return true;
    if (log_sum > best_log_ + kTolerance) return true;
    if (log_sum < best_log_ - kTolerance) return false;
    return exact() > best_exact_;
  }

  void leaf() {
    double log_sum = 0;
    for (std::int64_t s : sums_) log_sum += std::log(static_cast<double>(base_ + s));
    if (!beats(log_sum, [&] { return product(sums_); })) return;
    found_ = true;
    best_log_ = log_sum;
    best_exact_ = product(sums_);
    best_bin_ = bin_;
    // Meeting the root bound is optimal: nothing can be better.
    if (best_exact_ == root_exact_) done_ = true;
  }

  // A first incumbent by multiway differencing (Karmarkar & Karp 1982, as
  // Schreiber, Korf & Moffitt describe it): every item starts as an n-bin
  // partial partition holding it alone; the two with the largest spread
  // (largest minus smallest bin) are merged, the largest bin of one with the
  // smallest of the other, until one is left. Then local moves and swaps.
  // On random instances with many small items it is usually perfect (it meets
  // the root bound), which ends the work before the search starts.
  void differencing() {
    const std::size_t count = items_.size();
    if (count == 0) return;
    struct Part {
      std::int64_t sum;
      int head, tail;  // a linked list of items through next_item
    };
    std::vector<int> next_item(count, -1);
    std::vector<std::vector<Part>> tuples(count);
    for (std::size_t j = 0; j < count; ++j) {
      tuples[j].assign(at(n_), Part{0, -1, -1});
      tuples[j][0] = Part{items_[j], static_cast<int>(j), static_cast<int>(j)};  // bins by non-increasing sum
    }
    auto spread = [&](std::size_t t) { return tuples[t].front().sum - tuples[t].back().sum; };
    auto lower = [&](std::size_t x, std::size_t y) { return spread(x) < spread(y); };
    std::vector<std::size_t> heap(count);
    std::iota(heap.begin(), heap.end(), std::size_t{0});
    std::make_heap(heap.begin(), heap.end(), lower);
    while (heap.size() > 1) {
      std::pop_heap(heap.begin(), heap.end(), lower);
      const std::size_t a = heap.back();
      heap.pop_back();
      std::pop_heap(heap.begin(), heap.end(), lower);
      const std::size_t b = heap.back();
      heap.pop_back();
      std::vector<Part>& x = tuples[a];
      const std::vector<Part>& y = tuples[b];
      for (std::size_t i = 0; i < x.size(); ++i) {
        const Part& other = y[x.size() - 1 - i];
        Part& mine = x[i];
        mine.sum += other.sum;
        if (other.head < 0) continue;
        if (mine.head < 0) {
          mine.head = other.head;
        } else {
          next_item[at(mine.tail)] = other.head;
        }
        mine.tail = other.tail;
      }
      tuples[b].clear();
      std::sort(x.begin(), x.end(), [](const Part& l, const Part& r) { return l.sum > r.sum; });
      heap.push_back(a);
      std::push_heap(heap.begin(), heap.end(), lower);
    }
    bin_.assign(count, -1);
    const std::vector<Part>& last = tuples[heap.front()];
    for (int i = 0; i < n_; ++i) {
      for (int j = last[at(i)].head; j >= 0; j = next_item[at(j)]) bin_[at(j)] = i;
    }
    improve();
    for (int i = 0; i < n_; ++i) sums_[at(i)] = 0;
    for (std::size_t j = 0; j < count; ++j) sums_[at(bin_[j])] += items_[j];
    leaf();
    sums_.assign(at(n_), 0);
    bin_.assign(count, -1);
  }

  // Moves of one item, and swaps of two, from a fuller bin to an emptier one
  // while they raise the product: moving d from a bin of sum s to one of sum
  // t < s raises (b + s)(b + t) exactly when 0 < d < s - t.
  void improve() {
    // The swaps are quadratic in the items: past this many, moves only.
    constexpr std::size_t kMostSwapped = 2000;
    std::vector<std::int64_t> sum(at(n_), 0);
    for (std::size_t j = 0; j < items_.size(); ++j) sum[at(bin_[j])] += items_[j];
    for (int round = 0; round < 20; ++round) {
      bool changed = false;
      for (std::size_t j = 0; j < items_.size(); ++j) {
        const int from = bin_[j];
        for (int to = 0; to < n_; ++to) {
          const std::int64_t gap = sum[at(from)] - sum[at(to)];
          if (items_[j] < gap) {
            sum[at(from)] -= items_[j];
            sum[at(to)] += items_[j];
            bin_[j] = to;
            changed = true;
            break;
          }
        }
      }
      for (std::size_t j = 0; j < items_.size() && items_.size() <= kMostSwapped; ++j) {
        for (std::size_t l = 0; l < items_.size(); ++l) {
          const int from = bin_[j], to = bin_[l];
          const std::int64_t d = items_[j] - items_[l], gap = sum[at(from)] - sum[at(to)];
          if (d > 0 && d < gap) {
            sum[at(from)] -= d;
            sum[at(to)] += d;
            std::swap(bin_[j], bin_[l]);
            changed = true;
          }
        }
      }
      if (!changed) break;
    }
  }

  // The bins worth trying for item j: one per distinct sum, emptiest first.
  void candidates(std::vector<int>& out) {
    out.clear();
    for (int i = 0; i < n_; ++i) out.push_back(i);
    std::stable_sort(out.begin(), out.end(), [&](int x, int y) { return sums_[at(x)] < sums_[at(y)]; });
    out.erase(std::unique(out.begin(), out.end(), [&](int x, int y) { return sums_[at(x)] == sums_[at(y)]; }), out.end());
  }

  // Depth-first with an explicit stack (one level per unit: thousands deep).
  void search() {
    const std::size_t depth_end = items_.size();
    bin_.assign(depth_end, -1);
    if (depth_end == 0) {
      leaf();
      return;
    }
    struct Frame {
      std::vector<int> bins;
      std::size_t next = 0;
    };
    std::vector<Frame> stack(depth_end);
    std::size_t d = 0;
    candidates(stack[0].bins);
    stack[0].next = 0;
    for (;;) {
      Frame& f = stack[d];
      if (bin_[d] >= 0) {  // undo the item's last placement
        sums_[at(bin_[d])] -= items_[d];
        bin_[d] = -1;
      }
      if (done_ || stopped_ || f.next == f.bins.size()) {
        if (d == 0) return;
        --d;
        continue;
      }
      const int b = f.bins[f.next++];
      sums_[at(b)] += items_[d];
      bin_[d] = b;
      // The clock is read only once there is an answer to give.
      if ((++nodes_ & 255) == 0 && found_ && timed_ && Clock::now() > deadline_) {
        stopped_ = true;
        continue;
      }
      if (d + 1 == depth_end) {
        leaf();
        continue;
      }
      const double bound = water_level(sums_, remaining_after_[d + 1], level_);
      if (!beats(bound, [&] { return product(level_); })) continue;
      ++d;
      candidates(stack[d].bins);
      stack[d].next = 0;
    }
  }

  const int n_;
  const std::int64_t base_;
  const std::vector<std::int64_t> items_;  // non-increasing
  std::vector<std::int64_t> remaining_after_;  // [j]: sum of items j..end
  bool timed_ = false;
  Clock::time_point deadline_;
  bool stopped_ = false, done_ = false, found_ = false;
  long long nodes_ = 0;

  std::vector<std::int64_t> sums_, sorted_, level_;
  std::vector<int> bin_, best_bin_;
  double root_log_ = 0, best_log_ = 0;
  Rational root_exact_, best_exact_;
};

}  // namespace

std::optional<MnwResult> max_nash_welfare_identical(const GoodsInstance& g, const MnwOptions& options) {
  if (g.parties <= 0) return std::nullopt;
  const std::optional<Common> common = common_valuation(g);
  if (!common) return std::nullopt;
  const std::size_t m = g.goods.size();
  std::int64_t units = 0;
  for (std::size_t k = 0; k < m; ++k) {
    if (common->value[k] > 0) units += g.goods[k].units;
  }
  if (units > kMostUnits) return std::nullopt;

  // Units by non-increasing value (ties by good, so the answer is reproducible).
  std::vector<int> good_of;
  for (std::size_t k = 0; k < m; ++k) {
    if (common->value[k] <= 0) continue;
    for (int u = 0; u < g.goods[k].units; ++u) good_of.push_back(static_cast<int>(k));
  }
  std::stable_sort(good_of.begin(), good_of.end(),
                   [&](int x, int y) { return common->value[at(x)] > common->value[at(y)]; });
  std::vector<std::int64_t> items;
  for (int k : good_of) items.push_back(common->value[at(k)]);

  Partition search(g.parties, common->base, std::move(items), options);
  search.run();

  MnwResult out;
  out.nodes = search.nodes();
  if (search.bin_of().size() != good_of.size()) return out;  // stopped before any partition: time_limit
  out.allocation.assign(m, std::vector<int>(at(g.parties), 0));
  for (std::size_t k = 0; k < m; ++k) {
    if (common->value[k] <= 0) out.allocation[k][0] = g.goods[k].units;  // worth nothing to anyone
  }
  for (std::size_t j = 0; j < good_of.size(); ++j) ++out.allocation[at(good_of[j])][at(search.bin_of()[j])];
  for (int p = 0; p < g.parties; ++p) {
    if (utility_numerator(g, out.allocation, p) > 0) out.positive_parties.push_back(p);
  }
  out.positive = static_cast<int>(out.positive_parties.size());
  if (search.proved()) {
    out.status = MnwStatus::optimal;
  } else {
    out.status = MnwStatus::feasible;
    out.gap = search.gap();
  }
  return out;
}

}  // namespace parley::fairdiv
