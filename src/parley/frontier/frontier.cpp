#include "parley/frontier/frontier.h"


#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <functional>
#include <map>
#include <utility>
#include <numeric>
#include <optional>

#include "parley/analysis/constraints.h"
#include "parley/core/common_denominator.h"
#include "parley/core/deadline.h"
#include "parley/analysis/evaluate.h"
#include "parley/analysis/integer_utility.h"
#include "parley/analysis/utility.h"
#include "parley/frontier/wide.h"
#include "parley/model/conditions.h"
#include "parley/model/outcome_space.h"

namespace parley::pareto {

namespace {

using Clock = std::chrono::steady_clock;

// One outcome of one issue never needs more values than this in memory.
constexpr std::size_t kIssueDomainLimit = 2'000'000;
// Candidates buffered before they are filtered down to their frontier.
constexpr std::size_t kCandidateChunk = std::size_t{1} << 21;

struct TimeUp {};
struct TooManyPoints {};

struct DisjointSets {
  std::vector<int> parent;
  explicit DisjointSets(std::size_t n) : parent(n) { std::iota(parent.begin(), parent.end(), 0); }
  int find(int x) {
    while (parent[static_cast<std::size_t>(x)] != x) x = parent[static_cast<std::size_t>(x)] = parent[static_cast<std::size_t>(parent[static_cast<std::size_t>(x)])];
    return x;
  }
  void unite(int a, int b) { parent[static_cast<std::size_t>(find(a))] = find(b); }
};

// "2 GiB", "48 MiB": the budget in a note.
std::string memory_text(std::size_t bytes) {
  const double mib = static_cast<double>(bytes) / double(1 << 20);
  char text[32];
  if (mib >= 1024) {
    std::snprintf(text, sizeof text, "%.3g GiB", mib / 1024);
  } else {
    std::snprintf(text, sizeof text, "%.3g MiB", mib);
  }
  return text;
}

}  // namespace

// Contributions kept between prepare() and run() when there are at most this
// many levels over all issues and parties (about 1 MiB of rationals); each
// is charged this much (the value and a big rational's limbs and control block).
constexpr std::size_t kKeptContributions = 8192;
constexpr std::size_t kRationalBytes = 128;

// Builds a Frontier; a struct so that Frontier can befriend it.
struct Builder {
  const Scenario& s;
  const FrontierOptions& options;
  Frontier& f;
  Clock::time_point deadline = Clock::time_point::max();
  std::size_t n = 0;
  std::vector<HardConstraint> constraints;
  std::vector<std::vector<int>> group_constraints;  // per group
  using Limbs = std::vector<std::uint64_t>;               // little-endian
  std::optional<Utilities> utilities;
  std::vector<WideCommonDenominator> denominators;     // D_p
  std::vector<Limbs> thresholds;                       // ceil(r_p * D_p), or 0
  std::size_t ticks = 0;
  std::size_t max_points = 0;
  std::size_t group_count = 0;  // independent groups of issues, known before they are listed
  std::size_t held = 0;         // points of the last partial frontier, for a stop's note
  // contribution[p][i][level], kept from prepare() for run() when there are
  // few levels in all (computing a contribution is most of a small
  // frontier's time); empty otherwise, and run() computes them again.
  std::vector<std::vector<std::vector<Rational>>> contributions;
  // tables[p]: party p's contributions as factor x multiplier (scale_products),
  // kept from prepare() for run(); nullopt where p took the rational path.
  std::vector<std::optional<ScaledProducts>> tables;
  std::vector<const std::vector<IssueValue>*> domain_of;  // per issue, for tabulate()
  std::size_t contributions_bytes = 0;  // charged to the budget for them
  std::size_t tables_bytes = 0;         // and for the tables
  // Shared: the Frontier may be moved out (returned) before the builder ends.
  std::shared_ptr<Budget> contributions_budget;

  ~Builder() {
    release_contributions();
    release_tables();
  }
  void release_contributions() {
    contributions.clear();
    if (contributions_budget) contributions_budget->give(std::exchange(contributions_bytes, 0));
  }
  void release_tables() {
    tables.clear();
    if (contributions_budget) contributions_budget->give(std::exchange(tables_bytes, 0));
  }

  // One allocator, handed out by reference: each copy of its shared budget
  // is an atomic increment and decrement, and a small frontier makes
  // hundreds of containers.
  BudgetAllocator<std::uint64_t> shared_allocator{f.budget_};
  const BudgetAllocator<std::uint64_t>& allocator() const { return shared_allocator; }
  Budget& budget() const { return *f.budget_; }

  // Counts work (1 a step, or the points a dominance check compared) and
  // looks at the clock every 65,536 units of it.
  void tick(std::size_t work = 1) {
    const std::size_t before = ticks;
    ticks += work;
    if ((before >> 16) != (ticks >> 16) && Clock::now() > deadline) throw TimeUp{};
  }

  // D_p * contribution of (issue, level) for each party, and each party's
  // threshold, in as many limbs as the largest D_p needs. The contributions
  // are computed here once to find D_p and again when they are scaled (run):
  // keeping them as rationals in between would cost more memory than the
  // tables themselves.
  std::optional<Failure> prepare(const std::string& source) {
    n = s.parties.size();
    utilities.emplace(s);
    denominators.clear();
    denominators.resize(n);
    thresholds.assign(n, Limbs{});
    bool keep = true;
    std::size_t kept = 0;
    tables.clear();
    tables.resize(n);
    std::size_t tabled = 0;  // levels in tables so far
    for (std::size_t p = 0; p < n; ++p) {
      if (options.integer_tables && tabulate(p, tabled)) {
        if (options.individually_rational && !utilities->reservation(static_cast<int>(p)).is_zero()) {
          thresholds[p] = denominators[p].scale_up(utilities->reservation(static_cast<int>(p)));
        }
        continue;
      }
      for (std::size_t i = 0; i < s.issues.size(); ++i) {
        const std::vector<IssueValue> values = issue_level_values(s, static_cast<int>(i), static_cast<int>(p));
        keep = keep && kept + values.size() <= kKeptContributions;
        if (keep) {
          if (contributions.empty()) contributions.assign(n, std::vector<std::vector<Rational>>(s.issues.size()));
          const std::size_t bytes = values.size() * kRationalBytes + kAllocationOverhead;
          contributions_budget = f.budget_;
          contributions_budget->take(bytes);
          contributions_bytes += bytes;
          contributions[p][i].reserve(values.size());
          kept += values.size();
        } else if (!contributions.empty()) {
          release_contributions();
        }
        for (const IssueValue& v : values) {
          tick();  // a share on a fine grid has a million levels: the clock runs here too
          Rational c = utilities->contribution(static_cast<int>(p), static_cast<int>(i), v);
          denominators[p].include(c);
          if (keep) contributions[p][i].push_back(std::move(c));
        }
      }
      if (options.individually_rational) {
        thresholds[p] = denominators[p].scale_up(utilities->reservation(static_cast<int>(p)));
      }
    }
    std::size_t bits = 0;
    for (const WideCommonDenominator& d : denominators) bits = std::max(bits, d.bits());
    for (std::size_t limbs : {1, 2, 3, 4, 6, 8}) {
      if (bits <= 64 * limbs) {
        f.limbs_ = limbs;
        return std::nullopt;
      }
    }
    return Failure{source,
                   {Diagnostic{"", "exact utilities need a common denominator of " + std::to_string(bits) +
                                       " bits for some party; the frontier supports up to 512 (weights and values "
                                       "with fewer distinct denominators would fit)"}},
                   FailureKind::unsupported};
  }

  // Party p's tables through scale_products (integers, no rational product),
  // kept for run(); false (nothing kept) when they would be too many levels
  // or some weight or value does not suit it, and prepare() takes the
  // rational path, which gives the same D_p and the same tables.
  bool tabulate(std::size_t p, std::size_t& tabled) {
    std::vector<Rational> weights;
    std::vector<Rational> values;  // every issue's levels, one after another
    std::vector<std::size_t> first;
    weights.reserve(s.issues.size());
    first.reserve(s.issues.size() + 1);
    if (domain_of.empty()) {
      // An issue's levels are its domain, as make_groups() listed it, unless it
      // is a share (a level per fraction) or agreed (a domain of one).
      domain_of.assign(s.issues.size(), nullptr);
      for (const Frontier::Group& g : f.groups_) {
        for (std::size_t k = 0; k < g.issues.size(); ++k) {
          const auto i = static_cast<std::size_t>(g.issues[k]);
          if (s.issues[i].kind != IssueKind::share && !s.agreed[i]) domain_of[i] = &g.domains[k];
        }
      }
    }
    std::vector<IssueValue> listed;
    for (std::size_t i = 0; i < s.issues.size(); ++i) {
      weights.push_back(utilities->weight(static_cast<int>(p), static_cast<int>(i)));
      if (domain_of[i] == nullptr) listed = issue_level_values(s, static_cast<int>(i), static_cast<int>(p));
      const std::vector<IssueValue>& level_values = domain_of[i] != nullptr ? *domain_of[i] : listed;
      first.push_back(values.size());
      if (tabled + values.size() + level_values.size() > kKeptContributions) return false;
      if (values.empty()) values.reserve(level_values.size() * s.issues.size());  // usually enough
      for (const IssueValue& v : level_values) {
        tick();
        values.push_back(utilities->value(static_cast<int>(p), static_cast<int>(i), v));
      }
    }
    first.push_back(values.size());
    const std::size_t levels = values.size();
    // The values, held for a moment, count too.
    const Charge held_values(budget(), levels * sizeof(Rational) + 2 * kAllocationOverhead);
    std::optional<ScaledProducts> table = scale_products(weights, values, first);
    if (!table) return false;
    // Multipliers, factors and offsets: three flat arrays.
    const std::size_t bytes = (levels + s.issues.size() * (table->limbs + 1) + 1) * sizeof(std::uint64_t) +
                              3 * kAllocationOverhead;
    contributions_budget = f.budget_;
    contributions_budget->take(bytes);
    tables_bytes += bytes;
    tabled += levels;
    denominators[p] = std::move(table->denominator);
    tables[p] = std::move(table);
    return true;
  }

  // Splits the issues into groups linked by constraints and enumerates each
  // group's domains. Returns false (with status too_large) when a group is
  // too large.
  bool make_groups() {
    constraints = hard_constraints(s);
    DisjointSets sets(s.issues.size());
    for (const HardConstraint& c : constraints) {
      for (std::size_t k = 1; k < c.issues.size(); ++k) sets.unite(c.issues[0], c.issues[k]);
    }
    if (!options.decompose) {
      for (std::size_t i = 1; i < s.issues.size(); ++i) sets.unite(0, static_cast<int>(i));
    }
    std::map<int, std::size_t> group_of_root;
    group_count = 0;  // groups numbered in the order of their first issue
    for (std::size_t i = 0; i < s.issues.size(); ++i) {
      if (group_of_root.emplace(sets.find(static_cast<int>(i)), group_count).second) ++group_count;
    }
    f.groups_.resize(group_count);
    for (std::size_t i = 0; i < s.issues.size(); ++i) {
      f.groups_[group_of_root[sets.find(static_cast<int>(i))]].issues.push_back(static_cast<int>(i));
    }
    group_constraints.assign(f.groups_.size(), {});
    for (std::size_t c = 0; c < constraints.size(); ++c) {
      if (constraints[c].issues.empty()) continue;  // mentions no issue: constant, checked once below
      group_constraints[group_of_root[sets.find(constraints[c].issues[0])]].push_back(static_cast<int>(c));
    }
    budget().take(outcome_bytes());  // base_, held as long as the frontier
    f.base_.assign(s.issues.size(), IssueValue{});
    for (Frontier::Group& g : f.groups_) {
      double size = 1;
      // The members' list and the domains' vectors are plain (outcome() reads
      // them); they are charged here, for as long as the frontier lives.
      g.domains.reserve(g.issues.size());
      budget().take(g.issues.capacity() * sizeof(int) + g.issues.size() * sizeof(std::vector<IssueValue>) +
                    2 * kAllocationOverhead);
      for (int i : g.issues) {
        if (s.agreed[static_cast<std::size_t>(i)]) {
          budget().take(value_bytes(i) + kAllocationOverhead);
          g.domains.push_back({*s.agreed[static_cast<std::size_t>(i)]});
        } else {
          double count = issue_domain_size(s, i).to_double();
          std::optional<std::vector<IssueValue>> domain;
          if (count <= static_cast<double>(kIssueDomainLimit)) {
            budget().take(static_cast<std::size_t>(count) * value_bytes(i) + kAllocationOverhead);
            domain = issue_domain(s, i, kIssueDomainLimit);
          }
          if (!domain) {
            f.status_ = FrontierStatus::too_large;
            f.note_ = "issue " + s.issues[static_cast<std::size_t>(i)].id + " has " +
                      OutcomeCount{std::nullopt, std::log10(count)}.text() +
                      " outcomes, too many to list; a coarser step would make it tractable";
            return false;
          }
          g.domains.push_back(std::move(*domain));
          tick(g.domains.back().size());
        }
        size *= static_cast<double>(g.domains.back().size());
        f.base_[static_cast<std::size_t>(i)] = g.domains.back().front();
      }
      if (size > options.enumeration_limit) {
        std::string ids;
        for (int i : g.issues) ids += (ids.empty() ? "" : ", ") + s.issues[static_cast<std::size_t>(i)].id;
        f.status_ = FrontierStatus::too_large;
        f.note_ = "the issues " + ids + " are linked by rules or red lines and have " +
                  OutcomeCount{std::nullopt, std::log10(size)}.text() +
                  " combinations together, more than exact enumeration handles (" +
                  OutcomeCount{std::nullopt, std::log10(options.enumeration_limit)}.text() + ")";
        return false;
      }
    }
    return true;
  }

  // A whole outcome's bytes, counted as plain values (a share's fractions
  // are charged with the domains that hold them).
  std::size_t outcome_bytes() const { return s.issues.size() * sizeof(IssueValue) + kAllocationOverhead; }

  // An issue value's bytes: the struct, and a share's fractions on the heap.
  std::size_t value_bytes(int issue) const {
    const bool share = s.issues[static_cast<std::size_t>(issue)].kind == IssueKind::share;
    return sizeof(IssueValue) + (share ? s.parties.size() * sizeof(Rational) + kAllocationOverhead : 0);
  }

  template <int N>
  static Wide<N> wide(const std::uint64_t* z, std::size_t count) {
    Wide<N> w;
    for (std::size_t k = 0; k < count; ++k) w.limb[k] = z[k];  // callers check z fits
    return w;
  }
  template <int N>
  static Wide<N> wide(const Limbs& z) {
    Wide<N> w;
    for (std::size_t k = 0; k < z.size(); ++k) w.limb[k] = z[k];  // callers check z fits
    return w;
  }

  template <int N>
  void run();
};

namespace {

template <int N>
struct Layer {
  explicit Layer(const BudgetAllocator<std::uint64_t>& allocator) : values(allocator), steps(allocator) {}
  std::size_t size(std::size_t n) const { return values.size() / n; }
  Budgeted<Wide<N>> values;  // [point][party]
  Budgeted<Step> steps;      // emptied once the trail has them
};

// Keeps the Pareto frontier of points offered in decreasing lexicographic
// order: such a point can only be dominated by (or equal to) one offered
// before it, so each is decided on arrival. Equal vectors keep the first.
template <int N>
class Filter {
 public:
  Filter(std::size_t n, std::size_t limit, const BudgetAllocator<std::uint64_t>& allocator)
      : out(allocator), n_(n), limit_(limit), stairs_(allocator) {}

  // Points compared since the last call (the work of a block-nested-loop
  // check grows with the frontier; the clock is watched by work, not calls).
  std::size_t take_work() { return std::exchange(work_, 0); }

  void offer(const Wide<N>* v, Step step) {
    if (n_ == 2) {
      if (any_ && !(v[1] > best_)) return;
      best_ = v[1];
      any_ = true;
    } else if (n_ == 3) {
      // Staircase of kept (U_2, U_3): as U_2 grows, U_3 strictly falls. A
      // point is dominated when the first stair with U_2' >= U_2 has U_3' >= U_3.
      auto it = stairs_.lower_bound(v[1]);
      if (it != stairs_.end() && it->second >= v[2]) return;
      auto at = stairs_.upper_bound(v[1]);  // remove the stairs this one covers
      while (at != stairs_.begin()) {
        auto prev = std::prev(at);
        if (prev->second > v[2]) break;
        at = stairs_.erase(prev);
      }
      stairs_[v[1]] = v[2];
    } else {
      const std::size_t kept = out.steps.size();
      work_ += kept;
      for (std::size_t j = 0; j < kept; ++j) {
        const Wide<N>* w = out.values.data() + j * n_;
        bool all = true;
        for (std::size_t p = 1; p < n_ && all; ++p) all = w[p] >= v[p];  // w[0] >= v[0] by the order
        if (all) return;
      }
    }
    out.values.insert(out.values.end(), v, v + n_);
    out.steps.push_back(step);
    if (out.steps.size() > limit_) throw TooManyPoints{};
  }

  Layer<N> out;

 private:
  using Stairs = std::map<Wide<N>, Wide<N>, std::less<>, BudgetAllocator<std::pair<const Wide<N>, Wide<N>>>>;
  std::size_t n_;
  std::size_t limit_;
  bool any_ = false;
  std::size_t work_ = 0;
  Wide<N> best_;
  Stairs stairs_;
};

template <int N>
bool lexicographically_greater(const Wide<N>* a, const Wide<N>* b, std::size_t n) {
  for (std::size_t p = 0; p < n; ++p) {
    if (a[p] != b[p]) return a[p] > b[p];
  }
  return false;
}

// Layers up to this size are sorted and filtered without extra allocations.
constexpr std::size_t kSmallSort = 64;

// Reduces `layer` to its Pareto frontier: one point per distinct vector, in
// decreasing lexicographic order. Equal vectors keep the earliest.
template <int N>
void skyline(Layer<N>& layer, std::size_t n, std::size_t limit, const std::function<void(std::size_t)>& tick) {
  const BudgetAllocator<std::uint64_t> allocator(layer.values.get_allocator());
  Budgeted<std::uint32_t> order(layer.steps.size(), allocator);
  std::iota(order.begin(), order.end(), 0U);
  const Wide<N>* v = layer.values.data();
  auto greater = [&](std::uint32_t a, std::uint32_t b) { return lexicographically_greater(v + a * n, v + b * n, n); };
  if (order.size() <= kSmallSort) {
    // Insertion sort, stable: a single issue's few options (most groups)
    // without stable_sort's buffer, an allocation each time.
    for (std::size_t k = 1; k < order.size(); ++k) {
      const std::uint32_t x = order[k];
      std::size_t j = k;
      for (; j > 0 && greater(x, order[j - 1]); --j) order[j] = order[j - 1];
      order[j] = x;
    }
  } else {
    // stable_sort's own buffer (at most half the elements, but count them all).
    Charge scratch(*allocator.budget(), order.size() * sizeof(std::uint32_t) + kAllocationOverhead);
    std::stable_sort(order.begin(), order.end(), greater);
  }
  Filter<N> filter(n, limit, allocator);
  if (order.size() <= kSmallSort) {  // at most the input, once (small: no memory to speak of)
    filter.out.values.reserve(order.size() * n);
    filter.out.steps.reserve(order.size());
  }
  for (std::uint32_t k : order) {
    filter.offer(v + k * n, layer.steps[k]);
    tick(1 + filter.take_work());
  }
  layer = std::move(filter.out);
}

// The frontier of {a + o : a in current, o in menu} (a group's options), a
// sorted, without materialising the candidates: each option shifts the sorted
// `current` into another sorted list, and the lists are merged (a k-way merge)
// straight into the filter. Candidates that can no longer reach every threshold (with the
// most the later groups can add, `remaining`) are skipped.
template <int N>
Layer<N> combine_two(const Layer<N>& current, const Layer<N>& menu, const Wide<N>* remaining,
                     const std::vector<Wide<N>>& threshold, bool prune, std::size_t limit,
                     const std::function<void(std::size_t)>& tick);

template <int N>
Layer<N> combine(const Layer<N>& current, const Layer<N>& menu, std::size_t n, const Wide<N>* remaining,
                 const std::vector<Wide<N>>& threshold, bool prune, bool jump, std::size_t limit,
                 const std::function<void(std::size_t)>& tick) {
  if (n == 2 && jump) return combine_two(current, menu, remaining, threshold, prune, limit, tick);
  const BudgetAllocator<std::uint64_t> allocator(current.values.get_allocator());
  const std::size_t lists = menu.size(n);
  const std::size_t length = current.size(n);
  Budgeted<std::size_t> head(lists, 0, allocator);
  Budgeted<Wide<N>> candidate(lists * n, allocator);  // each list's head value
  auto load = [&](std::size_t o) {
    for (std::size_t p = 0; p < n; ++p) candidate[o * n + p] = current.values[head[o] * n + p] + menu.values[o * n + p];
  };
  // A binary heap of list indices, greatest head first (ties: the lower option).
  Budgeted<std::uint32_t> heap(allocator);
  heap.reserve(lists);
  auto before = [&](std::uint32_t x, std::uint32_t y) {  // x comes out before y
    const Wide<N>* a = candidate.data() + x * n;
    const Wide<N>* b = candidate.data() + y * n;
    for (std::size_t p = 0; p < n; ++p) {
      if (a[p] != b[p]) return a[p] > b[p];
    }
    return x < y;
  };
  auto heap_less = [&](std::uint32_t x, std::uint32_t y) { return before(y, x); };
  for (std::size_t o = 0; o < lists && length > 0; ++o) {
    load(o);
    heap.push_back(static_cast<std::uint32_t>(o));
  }
  std::make_heap(heap.begin(), heap.end(), heap_less);
  Filter<N> filter(n, limit, allocator);
  while (!heap.empty()) {
    tick(1 + filter.take_work());
    std::pop_heap(heap.begin(), heap.end(), heap_less);
    const std::uint32_t o = heap.back();
    const Wide<N>* v = candidate.data() + o * n;
    bool reachable = true;
    if (prune) {
      for (std::size_t p = 0; p < n && reachable; ++p) reachable = !(v[p] + remaining[p] < threshold[p]);
    }
    if (reachable) filter.offer(v, {static_cast<std::uint32_t>(head[o]), o});
    if (++head[o] < length) {
      load(o);
      std::push_heap(heap.begin(), heap.end(), heap_less);
    } else {
      heap.pop_back();
    }
  }
  return std::move(filter.out);
}

// combine() for two parties: the same points and steps, with less work. On a
// two-party frontier U_1 falls and U_2 rises strictly from point to point, so
// each option's list of candidates a + o rises in U_2 too. The candidates come
// out in decreasing lexicographic order and one is kept when its U_2 passes
// the best kept so far; a candidate that does not pass it, or cannot reach a
// party's reservation, means every next candidate of its list up to the first
// that can would be dropped as well: the list jumps there (a binary search)
// instead of offering them one by one. Without the jumps the merge costs
// options x frontier heap steps per group; with them, about one per kept point
// and per jump.
template <int N>
Layer<N> combine_two(const Layer<N>& current, const Layer<N>& menu, const Wide<N>* remaining,
                     const std::vector<Wide<N>>& threshold, bool prune, std::size_t limit,
                     const std::function<void(std::size_t)>& tick) {
  const BudgetAllocator<std::uint64_t> allocator(current.values.get_allocator());
  const std::size_t lists = menu.size(2);
  const std::size_t length = current.size(2);
  const Wide<N>* a = current.values.data();
  const Wide<N>* m = menu.values.data();
  Budgeted<std::size_t> head(lists, 0, allocator);
  Budgeted<Wide<N>> candidate(lists * 2, allocator);  // each list's head value
  Budgeted<std::uint32_t> heap(allocator);
  heap.reserve(lists);
  auto before = [&](std::uint32_t x, std::uint32_t y) {  // x comes out before y (ties: the lower option)
    const Wide<N>* p = candidate.data() + x * 2;
    const Wide<N>* q = candidate.data() + y * 2;
    if (p[0] != q[0]) return p[0] > q[0];
    if (p[1] != q[1]) return p[1] > q[1];
    return x < y;
  };
  auto heap_less = [&](std::uint32_t x, std::uint32_t y) { return before(y, x); };
  bool any = false;
  Wide<N> best;  // U_2 of the last point kept
  // U_2 a candidate must exceed (floor, strict) or reach (need) to be kept.
  const bool needs_two = prune && threshold[1] != Wide<N>{};
  // First index >= from of list o whose candidate can be kept, or length.
  auto first_keepable = [&](std::size_t o, std::size_t from) {
    const Wide<N>& add = m[o * 2 + 1];
    auto keepable = [&](std::size_t i) {
      const Wide<N> u = a[i * 2 + 1] + add;
      if (any && !(u > best)) return false;
      return !needs_two || !(u + remaining[1] < threshold[1]);
    };
    if (from >= length || keepable(from)) return from;
    // Galloping: the next few are the likeliest, then halve the interval.
    std::size_t low = from, step = 1;  // keepable(low) is false
    std::size_t high = from + step;
    while (high < length && !keepable(high)) {
      low = high;
      step *= 2;
      high = low + step;
    }
    if (high > length) high = length;
    while (high - low > 1) {
      const std::size_t mid = low + (high - low) / 2;
      if (keepable(mid)) {
        high = mid;
      } else {
        low = mid;
      }
    }
    return high;
  };
  // Whether list o's candidate at i still reaches party 1's reservation: U_1
  // falls along the list, so once it does not the list is done.
  auto reaches_one = [&](std::size_t o, std::size_t i) {
    return !prune || !(a[i * 2] + m[o * 2] + remaining[0] < threshold[0]);
  };
  auto load = [&](std::uint32_t o) {
    head[o] = first_keepable(o, head[o]);
    if (head[o] >= length || !reaches_one(o, head[o])) return false;
    candidate[o * 2] = a[head[o] * 2] + m[o * 2];
    candidate[o * 2 + 1] = a[head[o] * 2 + 1] + m[o * 2 + 1];
    return true;
  };
  for (std::uint32_t o = 0; o < lists && length > 0; ++o) {
    if (load(o)) heap.push_back(o);
  }
  std::make_heap(heap.begin(), heap.end(), heap_less);
  Layer<N> out(allocator);
  // Usually the new frontier is about the old one's size plus the options.
  out.values.reserve(2 * (length + lists));
  out.steps.reserve(length + lists);
  // The list at the top of the heap moves down to its place: once when it
  // advances (rather than pop_heap and push_heap, twice the comparisons).
  // `before` is a strict total order, so the lists come out in the same
  // order either way.
  auto sift_down = [&] {
    const std::size_t size = heap.size();
    const std::uint32_t x = heap[0];
    std::size_t at = 0;
    while (true) {
      std::size_t child = 2 * at + 1;
      if (child >= size) break;
      if (child + 1 < size && before(heap[child + 1], heap[child])) ++child;
      if (!before(heap[child], x)) break;
      heap[at] = heap[child];
      at = child;
    }
    heap[at] = x;
  };
  while (!heap.empty()) {
    tick(1);
    const std::uint32_t o = heap[0];
    const Wide<N>* v = candidate.data() + o * 2;
    // Loaded keepable, but a point kept since may have passed it.
    if (!any || v[1] > best) {
      best = v[1];
      any = true;
      out.values.push_back(v[0]);
      out.values.push_back(v[1]);
      out.steps.push_back({static_cast<std::uint32_t>(head[o]), o});
      if (out.steps.size() > limit) throw TooManyPoints{};
    }
    ++head[o];
    if (!load(o)) {
      heap[0] = heap.back();
      heap.pop_back();
      if (heap.empty()) break;
    }
    sift_down();
  }
  return out;
}

}  // namespace

namespace {

// How far a stopped search got, for its note.
std::string progress(const Frontier& f, const Builder& b) {
  if (f.combined() == 0) {
    return "before the first of " + std::to_string(b.group_count) +
           " independent groups of issues was combined (while listing the issues' values and each group's options)";
  }
  return "after " + std::to_string(f.combined()) + " of " + std::to_string(b.group_count) +
         " independent groups of issues were combined, holding a partial frontier of " + std::to_string(b.held) +
         " points";
}

}  // namespace

template <int N>
void Builder::run() {
  const std::size_t groups = f.groups_.size();
  // Each group's options with their values, reduced to the group's own frontier.
  Budgeted<Layer<N>> menus(allocator());
  menus.reserve(groups);
  const Charge working(budget(), outcome_bytes());
  Outcome work = f.base_;
  // Per group, kept between groups for their memory (seven single-issue
  // groups would otherwise allocate each anew).
  std::vector<Budgeted<Wide<N>>> value;
  std::vector<std::uint32_t> index;
  std::vector<Wide<N>> partial;
  for (std::size_t g = 0; g < groups; ++g) {
    Frontier::Group& group = f.groups_[g];
    const std::size_t members = group.issues.size();
    // Constraints checked at the depth where their last issue is set.
    std::vector<std::vector<int>> check_at(group_constraints[g].empty() ? 0 : members);
    for (int c : group_constraints[g]) {
      std::size_t depth = 0;
      for (int i : constraints[static_cast<std::size_t>(c)].issues) {
        depth = std::max(depth, static_cast<std::size_t>(std::find(group.issues.begin(), group.issues.end(), i) -
                                                          group.issues.begin()));
      }
      check_at[depth].push_back(c);
    }
    Layer<N>& layer = menus.emplace_back(allocator());
    // value[k][x * n + p]: D_p * what member k's domain value x is worth to
    // p, through the worth of each level of the issue to p (fewer than its
    // values: a share's split among several parties is one level to each).
    value.clear();
    value.reserve(members);
    double options_count = 1;  // the group's outcomes, before its rules
    for (std::size_t k = 0; k < members; ++k) {
      const int i = group.issues[k];
      options_count *= static_cast<double>(group.domains[k].size());
      bool tabled = true;
      for (std::size_t p = 0; p < n && tabled; ++p) tabled = p < tables.size() && tables[p].has_value();
      if (tabled) {
        // Straight from the tables: factor x the level's multiplier.
        std::array<Wide<N>, 5> factor;  // at most 5 parties
        for (std::size_t p = 0; p < n; ++p) factor[p] = wide<N>(tables[p]->factor(static_cast<std::size_t>(i)), tables[p]->limbs);
        Budgeted<Wide<N>>& member = value.emplace_back(allocator());
        member.reserve(group.domains[k].size() * n);
        for (const IssueValue& x : group.domains[k]) {
          for (std::size_t p = 0; p < n; ++p) {
            const std::size_t level = issue_level(s, i, static_cast<int>(p), x);
            member.push_back(factor[p].times(tables[p]->multiplier(static_cast<std::size_t>(i), level)));
          }
        }
        continue;
      }
      std::vector<Budgeted<Wide<N>>> level_worth;  // [p][level]
      for (std::size_t p = 0; p < n; ++p) {
        Budgeted<Wide<N>>& worth = level_worth.emplace_back(allocator());
        if (p < tables.size() && tables[p]) {
          const ScaledProducts& table = *tables[p];
          const Wide<N> factor = wide<N>(table.factor(static_cast<std::size_t>(i)), table.limbs);
          const std::size_t count = table.first[static_cast<std::size_t>(i) + 1] - table.first[static_cast<std::size_t>(i)];
          worth.reserve(count);
          for (std::size_t j = 0; j < count; ++j) worth.push_back(factor.times(table.multiplier(static_cast<std::size_t>(i), j)));
          continue;
        }
        if (!contributions.empty() && !contributions[p].empty()) {
          for (const Rational& c : contributions[p][static_cast<std::size_t>(i)]) worth.push_back(wide<N>(denominators[p].scale(c)));
          continue;
        }
        for (const IssueValue& v : issue_level_values(s, i, static_cast<int>(p))) {
          tick();
          worth.push_back(wide<N>(denominators[p].scale(utilities->contribution(static_cast<int>(p), i, v))));
        }
      }
      Budgeted<Wide<N>>& member = value.emplace_back(allocator());
      member.reserve(group.domains[k].size() * n);
      for (const IssueValue& x : group.domains[k]) {
        for (std::size_t p = 0; p < n; ++p) member.push_back(level_worth[p][issue_level(s, i, static_cast<int>(p), x)]);
      }
    }
    const bool constrained = !group_constraints[g].empty();
    index.assign(members, 0);
    partial.assign((members + 1) * n, Wide<N>{});  // partial[(k + 1) * n + p]: members 0..k
    Budgeted<std::uint32_t> choices(allocator());
    if (options_count <= static_cast<double>(kSmallSort)) {  // small: reserved once
      const auto count = static_cast<std::size_t>(options_count);
      layer.values.reserve(count * n);
      layer.steps.reserve(count);
      choices.reserve(count * members);
    }
    // Keeps the enumerated options down to the group's frontier so far, and
    // their member choices with them.
    auto reduce = [&] {
      skyline(layer, n, max_points, [this](std::size_t work) { tick(work); });
      Budgeted<std::uint32_t> kept(allocator());
      kept.reserve(layer.steps.size() * members);
      for (Step& step : layer.steps) {
        kept.insert(kept.end(), choices.begin() + step.option * members, choices.begin() + (step.option + 1) * members);
        step.option = static_cast<std::uint32_t>(kept.size() / members - 1);
      }
      choices = std::move(kept);
    };
    // One issue without rules (every issue of most files): its options are
    // its values, as the odometer below would list them.
    const bool single = members == 1 && !constrained && group.domains[0].size() <= kSmallSort;
    if (single) {
      const auto count = static_cast<std::uint32_t>(group.domains[0].size());
      tick(count);
      layer.values.assign(value[0].begin(), value[0].end());
      for (std::uint32_t o = 0; o < count; ++o) {
        layer.steps.push_back({0, o});
        choices.push_back(o);
      }
    }
    // Depth-first over the members' domains (an odometer with early checks).
    std::size_t depth = 0;
    while (!single) {
      tick();
      bool ok = true;
      if (constrained) {
        work[static_cast<std::size_t>(group.issues[depth])] = group.domains[depth][index[depth]];
        for (int c : check_at[depth]) {
          if (!hard_constraint_holds(s, constraints[static_cast<std::size_t>(c)], work)) {
            ok = false;
            break;
          }
        }
      }
      if (ok) {
        const Wide<N>* add = value[depth].data() + index[depth] * n;
        for (std::size_t p = 0; p < n; ++p) partial[(depth + 1) * n + p] = partial[depth * n + p] + add[p];
        if (depth + 1 < members) {
          ++depth;
          index[depth] = 0;
          continue;
        }
        layer.values.insert(layer.values.end(), partial.begin() + static_cast<std::ptrdiff_t>(members * n), partial.end());
        layer.steps.push_back({0, static_cast<std::uint32_t>(choices.size() / members)});
        choices.insert(choices.end(), index.begin(), index.end());
        if (layer.steps.size() >= kCandidateChunk) reduce();
      }
      // Advance the odometer.
      while (++index[depth] == group.domains[depth].size()) {
        if (depth == 0) break;
        --depth;
      }
      if (depth == 0 && index[0] == group.domains[0].size()) break;
    }
    reduce();
    layer.steps = Budgeted<Step>(allocator());  // option o is choice row o, by reduce()
    group.choice = std::move(choices);
    for (std::size_t k = 0; k < members; ++k) work[static_cast<std::size_t>(group.issues[k])] = f.base_[static_cast<std::size_t>(group.issues[k])];
    if (layer.values.empty()) return;  // this group alone makes every outcome infeasible
  }
  // A constraint that mentions no issue at all (a condition over nothing) is
  // constant: check it once.
  for (const HardConstraint& c : constraints) {
    if (c.issues.empty() && !hard_constraint_holds(s, c, f.base_)) return;
  }
  // remaining[g * n + p]: the most party p can still gain from groups g, g+1, ...
  Budgeted<Wide<N>> remaining((groups + 1) * n, allocator());
  for (std::size_t g = groups; g-- > 0;) {
    for (std::size_t p = 0; p < n; ++p) {
      Wide<N> best;
      for (std::size_t o = 0; o < menus[g].size(n); ++o) best = std::max(best, menus[g].values[o * n + p]);
      remaining[g * n + p] = remaining[(g + 1) * n + p] + best;
    }
  }
  std::vector<Wide<N>> threshold(n);
  for (std::size_t p = 0; p < n; ++p) {
    if (thresholds[p].size() > static_cast<std::size_t>(N) || wide<N>(thresholds[p]) > remaining[p]) {
      return;  // no outcome reaches p's reservation
    }
    threshold[p] = wide<N>(thresholds[p]);
  }
  Layer<N> current(allocator());
  current.values.assign(n, Wide<N>{});
  bool prune = false;
  for (std::size_t p = 0; p < n; ++p) prune = prune || threshold[p] != Wide<N>{};
  const std::function<void(std::size_t)> ticker = [this](std::size_t work) { tick(work); };
  f.trail_.reserve(groups);
  for (std::size_t g = 0; g < groups; ++g) {
    Layer<N> next = combine(current, menus[g], n, remaining.data() + (g + 1) * n, threshold, prune, options.jump,
                                max_points, ticker);
    f.peak_partial_ = std::max(f.peak_partial_, next.size(n));
    current = Layer<N>(allocator());  // freed before the trail grows
    f.trail_.add(next.steps, options.compact);
    next.steps = Budgeted<Step>(allocator());
    f.combined_ = g + 1;
    current = std::move(next);
    held = current.size(n);
    if (held == 0) return;
  }
  f.numerators_.reserve(current.values.size() * N);
  for (const Wide<N>& w : current.values) f.numerators_.insert(f.numerators_.end(), w.limb.begin(), w.limb.end());
}

Result<Frontier> pareto_frontier(const Scenario& s, const FrontierOptions& options, const std::string& source) {
  if (auto missing = missing_preferences(s, "frontier"); !missing.empty()) return Failure{source, std::move(missing)};
  if (s.parties.size() > 5) {
    return Failure{source,
                   {Diagnostic{"/parties", "the exact frontier handles 2 to 5 parties, found " +
                                               std::to_string(s.parties.size()) +
                                               "; use a fair-division method (mnw, leximin) for more"}},
                   FailureKind::unsupported};
  }
  Frontier f(options.memory_limit > 0 ? options.memory_limit : kDefaultMemoryLimit);
  Builder b{s, options, f};
  b.max_points = options.max_points > 0 ? options.max_points : s.parties.size() <= 3 ? 2'000'000 : 50'000;
  b.deadline = Deadline::after(options.time_limit).at();
  f.parties_ = s.parties.size();
  try {
    // Groups first: an issue or group too large to list ends the call before
    // the exact tables of every issue's levels are built.
    if (!b.make_groups()) return f;
    if (auto failure = b.prepare(source)) return std::move(*failure);
    switch (f.limbs_) {
      case 1: b.run<1>(); break;
      case 2: b.run<2>(); break;
      case 3: b.run<3>(); break;
      case 4: b.run<4>(); break;
      case 6: b.run<6>(); break;
      default: b.run<8>(); break;
    }
    b.release_contributions();
    b.release_tables();
    f.denominators_ = std::move(b.denominators);
  } catch (const TooManyPoints&) {
    f.status_ = FrontierStatus::too_large;
    f.note_ = "the frontier has more than " + std::to_string(b.max_points) + " efficient packages (with " +
              std::to_string(s.parties.size()) + " parties, finely divisible shares make almost every split "
              "efficient); parley solve answers such scenarios with the package optimiser";
    f.release();
  } catch (const OverBudget&) {
    f.status_ = FrontierStatus::too_large;
    f.note_ = "the frontier needs more memory than its budget of " + memory_text(f.memory_limit()) + ": " +
              progress(f, b) + "; nothing is proved about the frontier yet";
    f.release();
  } catch (const TimeUp&) {
    f.status_ = FrontierStatus::time_limit;
    f.note_ = "the time limit ended the search " + progress(f, b) + "; nothing is proved about the frontier yet";
    f.release();
  }
  return f;
}

void Frontier::release() {
  numerators_ = Budgeted<std::uint64_t>(numerators_.get_allocator());
  trail_.release();
  for (Group& g : groups_) g.choice = Budgeted<std::uint32_t>(g.choice.get_allocator());
}

// --- Frontier accessors -----------------------------------------------------

Rational Frontier::utility(std::size_t point, int party) const {
  const std::uint64_t* limb = numerators_.data() + (point * parties_ + static_cast<std::size_t>(party)) * limbs_;
  return denominators_[static_cast<std::size_t>(party)].unscale(limb, limbs_);
}

std::vector<Rational> Frontier::utilities(std::size_t point) const {
  std::vector<Rational> out;
  for (std::size_t p = 0; p < parties_; ++p) out.push_back(utility(point, static_cast<int>(p)));
  return out;
}

double Frontier::approximate(std::size_t point, int party) const { return utility(point, party).to_double(); }

Outcome Frontier::outcome(std::size_t point) const {
  Outcome o = base_;
  std::size_t index = point;
  for (std::size_t g = trail_.levels(); g-- > 0;) {
    const Step step = trail_.at(g, index);
    const Group& group = groups_[g];
    for (std::size_t k = 0; k < group.issues.size(); ++k) {
      o[static_cast<std::size_t>(group.issues[k])] = group.domains[k][group.choice[step.option * group.issues.size() + k]];
    }
    index = step.parent;
  }
  return o;
}

std::vector<Rational> Frontier::ideal() const {
  std::vector<Rational> best;
  for (std::size_t k = 0; k < size(); ++k) {
    std::vector<Rational> u = utilities(k);
    if (best.empty()) {
      best = u;
      continue;
    }
    for (std::size_t p = 0; p < parties_; ++p) best[p] = std::max(best[p], u[p]);
  }
  return best;
}

std::size_t Frontier::largest_group() const {
  std::size_t most = 0;
  for (const Group& g : groups_) most = std::max(most, g.issues.size());
  return most;
}

}  // namespace parley::pareto
