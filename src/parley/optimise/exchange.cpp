// The exact half of the Nash product's proof (objectives.h: polish_shares,
// best_split, exchange_settles_shares): the best split of the shares for
// given other terms, in exact arithmetic, by moving steps of a share between
// two parties or by trying every split; and when a package that no such
// step improves is the best of every package with its other terms.
#include <algorithm>

#include "parley/model/conditions.h"
#include "parley/optimise/objectives.h"

namespace parley::optimise::detail {

namespace {

// Safety net for polish_shares: every accepted move raises the product
// strictly, so it ends on its own; this bounds a pathological climb.
constexpr int kMostMoves = 100'000;

// The most splits best_split enumerates (each one re-checked).
constexpr double kMostSplits = 20'000;

// Every split of K steps among n parties (k_1 + ... + k_n = K), one after
// the other: an odometer on the first n - 1 parts, the last taking the rest.
class Splits {
 public:
  Splits(std::size_t n, std::int64_t steps) : parts_(n, 0) { parts_.back() = steps; }
  const std::vector<std::int64_t>& parts() const { return parts_; }
  // The next split; false (back at the first) after the last.
  bool next() {
    for (std::size_t j = parts_.size() - 1; j-- > 0;) {
      if (parts_.back() > 0) {
        ++parts_[j];
        --parts_.back();
        return true;
      }
      parts_.back() += parts_[j];
      parts_[j] = 0;
    }
    return false;
  }

 private:
  std::vector<std::int64_t> parts_;
};

// C(steps + n - 1, n - 1), saturating in doubles.
double split_count(std::size_t n, std::int64_t steps) {
  double c = 1;
  for (std::size_t j = 1; j < n; ++j) c = c * static_cast<double>(steps + static_cast<std::int64_t>(j)) / static_cast<double>(j);
  return c;
}

// The most steps `giver` can hand over of issue i, each costing it `cost` of
// utility: what it holds, and what its floors (U >= v, or > v) leave.
Rational most_steps(const Model& m, const Found& f, std::size_t i, std::size_t giver, const Rational& step,
                    const Rational& cost) {
  Rational most = f.outcome[i].shares[giver] / step;
  if (cost.sign() <= 0) return most;
  for (const Floor& fl : m.floors()) {
    if (fl.party != giver) continue;
    const Rational room = (f.utilities[giver] - fl.value) / cost;
    most = std::min(most, fl.strict ? room.ceil() - 1 : room.floor());
  }
  return most;
}

// The moved package: t steps of share issue i from `giver` to `taker`.
Found moved(const Utilities& u, const Found& f, std::size_t i, std::size_t giver, std::size_t taker,
            const Rational& amount) {
  Found g = f;
  g.outcome[i].shares[giver] -= amount;
  g.outcome[i].shares[taker] += amount;
  g.utilities = u.utilities(g.outcome);
  return g;
}

}  // namespace

bool polish_shares(const Scenario& s, const Utilities& u, const Run& run, const std::vector<Rational>& offset,
                   const std::vector<bool>& members, Found& f) {
  const std::size_t n = s.parties.size();
  const Model& m = run.model();
  // A sum held only to the solver's tolerance is not re-checked: a move
  // could lower it past what the row allows.
  if (m.sum_floor() && !m.sum_floor()->exact) return false;
  int moves = 0;
  for (bool improved = true; improved;) {
    improved = false;
    for (std::size_t i = 0; i < s.issues.size(); ++i) {
      if (s.issues[i].kind != IssueKind::share || s.agreed[i]) continue;
      const Rational& step = s.issues[i].step;
      for (std::size_t taker = 0; taker < n; ++taker) {
        if (!members[taker]) continue;  // a gain the product does not count
        const Rational rise = u.weight(static_cast<int>(taker), static_cast<int>(i)) * step;  // per step
        if (rise.sign() <= 0) continue;
        for (std::size_t giver = 0; giver < n; ++giver) {
          if (giver == taker || f.outcome[i].shares[giver].is_zero()) continue;
          if (run.out_of_time() || moves == kMostMoves) return false;
          const Rational cost = u.weight(static_cast<int>(giver), static_cast<int>(i)) * step;
          // The product's factor for the pair after t steps: (ga + rise t)(gb - cost t),
          // or only the taker's when the giver's gain is not counted or does not fall.
          const bool both = members[giver] && cost.sign() > 0;
          const Rational ga = f.utilities[taker] - offset[taker];
          const Rational gb = f.utilities[giver] - offset[giver];
          // One step helps iff rise gb - cost ga > rise cost.
          const Rational slope = rise * gb - cost * ga;
          if (both && !(slope > rise * cost)) continue;
          const Rational most = most_steps(m, f, i, giver, step, cost);
          if (most < Rational(1)) continue;
          Rational t = most;
          if (both) {
            // The best t of the concave quadratic is next to its apex.
            const Rational apex = slope / (Rational(2) * rise * cost);
            auto value = [&](const Rational& k) { return (ga + rise * k) * (gb - cost * k); };
            const Rational low = std::clamp(apex.floor(), Rational(1), most);
            const Rational high = std::clamp(apex.ceil(), Rational(1), most);
            t = value(high) > value(low) ? high : low;
          }
          // A rule or red line (or utilitarian's sum) may refuse the long
          // move and still allow one step, which helps too.
          Found g = moved(u, f, i, giver, taker, step * t);
          if (violation(s, run, g)) {
            if (t == Rational(1)) continue;
            g = moved(u, f, i, giver, taker, step);
            if (violation(s, run, g)) continue;
          }
          f = std::move(g);
          ++moves;
          improved = true;
        }
      }
    }
  }
  return true;
}

bool best_split(const Scenario& s, const Utilities& u, const Run& run, const std::vector<Rational>& offset,
                const std::vector<bool>& members, Found& f) {
  const std::size_t n = s.parties.size();
  std::vector<std::size_t> shares;
  std::vector<Splits> splits;
  double count = 1;
  for (std::size_t i = 0; i < s.issues.size(); ++i) {
    if (s.issues[i].kind != IssueKind::share || s.agreed[i]) continue;
    const std::int64_t steps = (Rational(1) / s.issues[i].step).small_numerator();
    count *= split_count(n, steps);
    if (count > kMostSplits) return false;
    shares.push_back(i);
    splits.emplace_back(n, steps);
  }
  Rational best_product;
  sum_of_log_gains(f.utilities, offset, members, &best_product);
  Found trial = f;
  for (;;) {
    if (run.out_of_time()) return false;
    for (std::size_t k = 0; k < shares.size(); ++k) {
      for (std::size_t p = 0; p < n; ++p) {
        trial.outcome[shares[k]].shares[p] = s.issues[shares[k]].step * Rational(splits[k].parts()[p]);
      }
    }
    trial.utilities = u.utilities(trial.outcome);
    if (!violation(s, run, trial)) {
      Rational product;
      sum_of_log_gains(trial.utilities, offset, members, &product);
      if (product > best_product) {
        best_product = product;
        f = trial;
      }
    }
    std::size_t k = 0;
    while (k < splits.size() && !splits[k].next()) ++k;
    if (k == splits.size()) return true;
  }
}

bool first_order_settles(const Scenario& s, const Utilities& u, const std::vector<Rational>& offset,
                         const std::vector<bool>& members, const Found& f) {
  const std::size_t n = s.parties.size();
  for (std::size_t i = 0; i < s.issues.size(); ++i) {
    if (s.issues[i].kind != IssueKind::share || s.agreed[i]) continue;
    // d/dx_p of the sum of logarithms: w_p / (U_p - offset_p) for a member, 0 otherwise.
    std::vector<Rational> slope(n, Rational(0));
    Rational steepest = 0;
    for (std::size_t p = 0; p < n; ++p) {
      if (!members[p]) continue;
      slope[p] = u.weight(static_cast<int>(p), static_cast<int>(i)) / (f.utilities[p] - offset[p]);
      steepest = std::max(steepest, slope[p]);
    }
    for (std::size_t p = 0; p < n; ++p) {
      if (f.outcome[i].shares[p].sign() > 0 && slope[p] < steepest) return false;
    }
  }
  return true;
}

bool exchange_settles_shares(const Scenario& s, const Run& run, const Utilities& u) {
  const Model& m = run.model();
  if (m.demands_some_above()) return false;
  if (m.sum_floor() && !m.sum_floor()->exact) return false;
  auto free = [&](const Condition& c) {
    for (int i : condition_issues(c)) {
      const auto k = static_cast<std::size_t>(i);
      if (s.issues[k].kind == IssueKind::share && !s.agreed[k]) return false;
    }
    return true;
  };
  const Kept& kept = run.kept();
  for (std::size_t k = 0; k < s.rules.size(); ++k) {
    const Rule& r = s.rules[k];
    const bool conditional = r.kind == Rule::Kind::require || r.kind == Rule::Kind::implies;
    if (kept.rules[k] && conditional && !(free(r.condition) && free(r.consequence))) return false;
  }
  for (std::size_t p = 0; p < s.parties.size(); ++p) {
    const auto& lines = s.preferences[p]->red_lines;
    for (std::size_t k = 0; k < lines.size(); ++k) {
      if (kept.red_lines[p][k] && !free(lines[k])) return false;
    }
    int valued = 0;
    for (std::size_t i = 0; i < s.issues.size(); ++i) {
      const bool share = s.issues[i].kind == IssueKind::share && !s.agreed[i];
      if (share && u.weight(static_cast<int>(p), static_cast<int>(i)).sign() > 0) ++valued;
    }
    if (valued > 1) return false;
  }
  return true;
}

bool same_fixed_terms(const Scenario& s, const Outcome& a, const Outcome& b) {
  for (std::size_t i = 0; i < s.issues.size(); ++i) {
    if (s.issues[i].kind != IssueKind::share && !(a[i] == b[i])) return false;
  }
  return true;
}

}  // namespace parley::optimise::detail
