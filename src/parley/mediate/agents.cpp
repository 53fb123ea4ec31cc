// The negotiating agents and their candidate outcomes (agents.h says what each knows).
#include "parley/mediate/agents.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>

#include "parley/analysis/constraints.h"
#include "parley/analysis/utility.h"
#include "parley/model/conditions.h"
#include "parley/model/outcome_space.h"

namespace parley::mediate {

Scenario public_terms(const Scenario& s) {
  Scenario pub = s;
  for (auto& p : pub.preferences) p.reset();
  return pub;
}

Scenario agent_scenario(const Scenario& s, int party) {
  Scenario own = s;
  for (auto& p : own.preferences) p = s.preferences[static_cast<std::size_t>(party)];
  return own;
}

bool meets_public_terms(const Scenario& pub, const Outcome& o) {
  for (std::size_t i = 0; i < pub.issues.size(); ++i) {
    if (pub.agreed[i] && !(o[i] == *pub.agreed[i])) return false;
  }
  for (const Rule& r : pub.rules) {
    switch (r.kind) {
      case Rule::Kind::contiguous: {
        for (const auto& [party, region] : r.anchors) {
          if (o[static_cast<std::size_t>(region)].holder != party) return false;
        }
        const std::size_t n = r.parties.empty() ? pub.parties.size() : r.parties.size();
        for (std::size_t k = 0; k < n; ++k) {
          const int p = r.parties.empty() ? static_cast<int>(k) : r.parties[k];
          if (region_pieces(pub, o, p).size() > 1) return false;
        }
        break;
      }
      case Rule::Kind::same_owner:
        for (int i : r.issues) {
          if (o[static_cast<std::size_t>(i)].holder != o[static_cast<std::size_t>(r.issues.front())].holder) return false;
        }
        break;
      case Rule::Kind::implies:
        if (holds(r.condition, o) && !holds(r.consequence, o)) return false;
        break;
      case Rule::Kind::require:
        if (!holds(r.condition, o)) return false;
        break;
      case Rule::Kind::count: {
        std::int64_t held = 0;
        for (int i : r.issues) held += o[static_cast<std::size_t>(i)].holder == r.party ? 1 : 0;
        if ((r.min && held < *r.min) || (r.max && held > *r.max)) return false;
        break;
      }
    }
  }
  return true;
}

Outcome OutcomeTable::outcome(std::size_t row) const {
  Outcome o;
  o.reserve(issues);
  for (std::size_t i = 0; i < issues; ++i) o.push_back(domains[i][rows[row * issues + i]]);
  return o;
}

std::vector<std::uint32_t> OutcomeTable::levels(const Outcome& o) const {
  std::vector<std::uint32_t> out(issues, 0);
  for (std::size_t i = 0; i < issues; ++i) {
    auto it = std::find(domains[i].begin(), domains[i].end(), o[i]);
    if (it == domains[i].end()) throw std::logic_error("an offer's value is not in its issue's domain");
    out[i] = static_cast<std::uint32_t>(it - domains[i].begin());
  }
  return out;
}

Result<OutcomeTable> build_table(const Scenario& pub, const TableLimits& limits, std::mt19937_64& rng,
                                 const Deadline& deadline) {
  OutcomeTable t;
  t.issues = pub.issues.size();
  const OutcomeCount space = count_outcomes(pub, true);
  t.space = space.text();
  if (space.exact && *space.exact < Rational(10'000'000)) t.space_exact = space.exact;
  double count = 1;
  for (std::size_t i = 0; i < t.issues; ++i) {
    if (pub.agreed[i]) {
      t.domains.push_back({*pub.agreed[i]});
      continue;
    }
    auto values = issue_domain(pub, static_cast<int>(i), 1'000'000);
    if (!values) {
      return Failure{"", {Diagnostic{"", fmt::format("issue {} has more than 1,000,000 outcomes; negotiating agents "
                                                     "choose among listed outcomes (a coarser step makes it fewer)",
                                                     pub.issues[i].id)}},
                     FailureKind::unsupported};
    }
    count *= static_cast<double>(values->size());
    t.domains.push_back(std::move(*values));
  }
  std::vector<std::uint32_t> levels(t.issues, 0);
  auto keep_if_public = [&] {
    Outcome o;
    for (std::size_t i = 0; i < t.issues; ++i) o.push_back(t.domains[i][levels[i]]);
    if (!meets_public_terms(pub, o)) return false;
    t.rows.insert(t.rows.end(), levels.begin(), levels.end());
    return true;
  };
  if (count <= static_cast<double>(limits.enumerate_up_to)) {
    // Every outcome, the last issue fastest (an odometer; no recursion).
    for (std::size_t step = 0;; ++step) {
      if ((step & 0xfff) == 0xfff && deadline.expired()) {
        t.stopped = true;
        break;
      }
      keep_if_public();
      bool done = true;
      for (std::size_t i = t.issues; i-- > 0;) {
        if (++levels[i] < t.domains[i].size()) {
          done = false;
          break;
        }
        levels[i] = 0;
      }
      if (done) break;
    }
    t.stopped = t.stopped || deadline.expired();
    return t;
  }
  t.sampled = true;
  // A sample cut short by the deadline is a different sample from the seed's:
  // it is not negotiated from (stopped).
  for (std::size_t draws = 0; draws < 20 * limits.sample && t.size() < limits.sample; ++draws) {
    if ((draws & 0xff) == 0xff && deadline.expired()) {
      t.stopped = true;
      break;
    }
    for (std::size_t i = 0; i < t.issues; ++i) levels[i] = static_cast<std::uint32_t>(rng() % t.domains[i].size());
    keep_if_public();
  }
  return t;
}

std::optional<double> concession_exponent(AgentKind k) {
  switch (k) {
    case AgentKind::boulware: return 0.2;
    case AgentKind::linear: return 1.0;
    case AgentKind::conceder: return 2.0;
    default: return std::nullopt;
  }
}

Rational concession_fraction(int t, int rounds, double e) {
  constexpr std::int64_t kScale = std::int64_t{1} << 40;
  if (t <= 0) return Rational(0);
  if (t >= rounds) return Rational(1);
  const double x = std::pow(static_cast<double>(t) / static_cast<double>(rounds), 1.0 / e);
  return Rational(static_cast<std::int64_t>(std::llround(x * static_cast<double>(kScale))), kScale);
}

namespace {

// Limb arithmetic on numbers of `limbs` little-endian 64-bit limbs.
void add_to(std::uint64_t* sum, const std::uint64_t* x, std::size_t limbs) {
  unsigned __int128 carry = 0;
  for (std::size_t k = 0; k < limbs; ++k) {
    carry += static_cast<unsigned __int128>(sum[k]) + x[k];
    sum[k] = static_cast<std::uint64_t>(carry);
    carry >>= 64;
  }
}

// a - b into out; a >= b.
void subtract(const std::uint64_t* a, const std::uint64_t* b, std::uint64_t* out, std::size_t limbs) {
  std::uint64_t borrow = 0;
  for (std::size_t k = 0; k < limbs; ++k) {
    const std::uint64_t d = a[k] - b[k];
    const std::uint64_t next = (a[k] < b[k]) || (d < borrow) ? 1 : 0;
    out[k] = d - borrow;
    borrow = next;
  }
}

int compare_limbs(const std::uint64_t* a, const std::uint64_t* b, std::size_t limbs) {
  for (std::size_t k = limbs; k-- > 0;) {
    if (a[k] != b[k]) return a[k] < b[k] ? -1 : 1;
  }
  return 0;
}

// The value of the limbs times 2^-shift, as a double (shift keeps numbers of
// thousands of bits in range).
double to_double(const std::uint64_t* a, std::size_t limbs, int shift) {
  double out = 0;
  for (std::size_t k = 0; k < limbs; ++k) out += std::ldexp(static_cast<double>(a[k]), 64 * static_cast<int>(k) - shift);
  return out;
}

bool own_red_lines_hold(const Scenario& own, int party, const Outcome& o) {
  for (const Condition& c : own.preferences[static_cast<std::size_t>(party)]->red_lines) {
    if (!holds(c, o)) return false;
  }
  return true;
}

}  // namespace

const std::uint32_t* PartyCandidates::row_ptr(std::size_t k) const {
  const std::size_t rows = table->size();
  return k < rows ? &table->rows[k * table->issues] : ladder[k - rows].data();
}

std::shared_ptr<const PartyCandidates> party_candidates(const Scenario& own, int party,
                                                        std::shared_ptr<const OutcomeTable> table) {
  const auto& mine = own.preferences[static_cast<std::size_t>(party)];
  for (const auto& slot : own.preferences) {
    // Structural privacy: nothing but the party's own preferences may be in reach.
    if (!slot || !mine || !(*slot == *mine)) {
      throw std::invalid_argument("a party's candidates are built from a scenario holding its own preferences alone");
    }
  }
  auto out = std::make_shared<PartyCandidates>();
  PartyCandidates& c = *out;
  c.party = party;
  c.preferences = *mine;
  c.table = std::move(table);
  const std::size_t issues = c.table->issues;
  {
    const Utilities u(own);
    std::vector<std::vector<Rational>> worth(issues);
    for (std::size_t i = 0; i < issues; ++i) {
      for (const IssueValue& v : c.table->domains[i]) {
        worth[i].push_back(u.contribution(party, static_cast<int>(i), v));
        c.scale.include(worth[i].back());
      }
    }
    // Weights are normalised and values at most 1: every utility times D is
    // at most D, so D's limbs hold every sum.
    c.limbs = std::max<std::size_t>(1, (c.scale.bits() + 63) / 64);
    c.contribution.resize(issues);
    for (std::size_t i = 0; i < issues; ++i) {
      c.contribution[i].assign(worth[i].size() * c.limbs, 0);
      for (std::size_t lv = 0; lv < worth[i].size(); ++lv) {
        const std::vector<std::uint64_t> scaled = c.scale.scale(worth[i][lv]);
        std::copy(scaled.begin(), scaled.end(), c.contribution[i].begin() + static_cast<std::ptrdiff_t>(lv * c.limbs));
      }
    }
  }
  auto worth = [&](std::size_t i, std::uint32_t lv) { return &c.contribution[i][lv * c.limbs]; };

  if (c.table->sampled && issues > 0) {
    // A sample rarely holds the top of the party's own range: add its best
    // outcome and a greedy descent from it (one issue a step, to the next
    // lower level of the issue that loses least; ties to the earlier issue
    // and level), kept where they meet the public terms and its red lines.
    std::vector<std::uint32_t> cur(issues, 0);
    for (std::size_t i = 0; i < issues; ++i) {
      for (std::uint32_t lv = 1; lv < c.table->domains[i].size(); ++lv) {
        if (compare_limbs(worth(i, lv), worth(i, cur[i]), c.limbs) > 0) cur[i] = lv;
      }
    }
    std::vector<std::uint64_t> loss(c.limbs), least(c.limbs);
    for (int step = 0; step < 2000; ++step) {
      Outcome o;
      for (std::size_t i = 0; i < issues; ++i) o.push_back(c.table->domains[i][cur[i]]);
      if (meets_public_terms(own, o) && own_red_lines_hold(own, party, o)) c.ladder.push_back(cur);
      std::optional<std::pair<std::size_t, std::uint32_t>> next;
      for (std::size_t i = 0; i < issues; ++i) {
        const std::uint64_t* here = worth(i, cur[i]);
        std::optional<std::uint32_t> below;  // the highest level worth less than here
        for (std::uint32_t lv = 0; lv < c.table->domains[i].size(); ++lv) {
          if (compare_limbs(worth(i, lv), here, c.limbs) < 0 &&
              (!below || compare_limbs(worth(i, lv), worth(i, *below), c.limbs) > 0)) {
            below = lv;
          }
        }
        if (!below) continue;
        subtract(here, worth(i, *below), loss.data(), c.limbs);
        if (!next || compare_limbs(loss.data(), least.data(), c.limbs) < 0) {
          next = {i, *below};
          least = loss;
        }
      }
      if (!next) break;
      cur[next->first] = next->second;
    }
  }
  const std::size_t rows = c.table->size();
  const bool has_red_lines = !mine->red_lines.empty();
  for (std::size_t k = 0; k < rows + c.ladder.size(); ++k) {
    if (has_red_lines && k < rows && !own_red_lines_hold(own, party, c.table->outcome(k))) continue;
    c.order.push_back(static_cast<std::uint32_t>(k));
  }
  std::vector<std::uint64_t> sums(c.order.size() * c.limbs, 0);
  for (std::size_t k = 0; k < c.order.size(); ++k) {
    const std::uint32_t* lv = c.row_ptr(c.order[k]);
    for (std::size_t i = 0; i < issues; ++i) add_to(&sums[k * c.limbs], worth(i, lv[i]), c.limbs);
  }
  std::vector<std::size_t> idx(c.order.size());
  std::iota(idx.begin(), idx.end(), 0);
  std::stable_sort(idx.begin(), idx.end(), [&](std::size_t a, std::size_t b) {
    return compare_limbs(&sums[a * c.limbs], &sums[b * c.limbs], c.limbs) < 0;
  });
  std::vector<std::uint32_t> sorted;
  c.numerators.reserve(sums.size());
  for (std::size_t k : idx) {
    sorted.push_back(c.order[k]);
    c.numerators.insert(c.numerators.end(), sums.begin() + static_cast<std::ptrdiff_t>(k * c.limbs),
                        sums.begin() + static_cast<std::ptrdiff_t>((k + 1) * c.limbs));
  }
  c.order = std::move(sorted);
  const std::size_t d_bits = c.scale.bits();
  const int shift = d_bits > 900 ? static_cast<int>(d_bits) - 900 : 0;
  const std::vector<std::uint64_t> d_limbs = c.scale.scale(Rational(1));
  const double d = to_double(d_limbs.data(), d_limbs.size(), shift);
  for (std::size_t k = 0; k < c.order.size(); ++k) c.approximate.push_back(to_double(c.numerator(k), c.limbs, shift) / d);
  return out;
}

Agent::Agent(AgentKind kind, Scenario own, int party, std::shared_ptr<const OutcomeTable> table, int rounds)
    : Agent(kind, own, party, party_candidates(own, party, std::move(table)), rounds) {}

Agent::Agent(AgentKind kind, Scenario own, int party, std::shared_ptr<const PartyCandidates> candidates, int rounds)
    : kind_(kind), own_(std::move(own)), party_(party), c_(std::move(candidates)), rounds_(rounds) {
  const std::size_t n = own_.parties.size();
  const auto& mine = own_.preferences[static_cast<std::size_t>(party)];
  if (!mine) throw std::invalid_argument("an agent needs its own party's preferences");
  for (const auto& slot : own_.preferences) {
    // Structural privacy: nothing but the agent's own preferences may be in reach.
    if (!slot || !(*slot == *mine)) {
      throw std::invalid_argument("an agent is built from a scenario holding its own preferences alone");
    }
  }
  if (!c_ || c_->party != party || !(c_->preferences == *mine)) {
    throw std::invalid_argument("an agent's candidates are its own party's");
  }
  const std::size_t issues = c_->table->issues;
  reservation_ = mine->reservation;
  reservation_scaled_ = scaled_up(reservation_);
  best_ = c_->order.empty() ? Rational(0) : exact(numerator(c_->order.size() - 1));
  floor_ = std::min(reservation_, best_);
  tft_target_ = best_;
  received_utilities_.resize(n);
  pending_concession_.assign(n, Rational(-1));
  counts_.resize(n);
  unchanged_.resize(n);
  previous_.resize(n);
  for (std::size_t p = 0; p < n; ++p) {
    unchanged_[p].assign(issues, 0);
    counts_[p].resize(issues);
    for (std::size_t i = 0; i < issues; ++i) counts_[p][i].assign(c_->table->domains[i].size(), 0);
  }
}

int Agent::compare(const std::uint64_t* a, const std::uint64_t* b) const { return compare_limbs(a, b, c_->limbs); }

Agent::Scaled Agent::scaled(const Outcome& o) const {
  const std::vector<std::uint32_t> lv = c_->table->levels(o);
  Scaled sum(c_->limbs, 0);
  for (std::size_t i = 0; i < lv.size(); ++i) add_to(sum.data(), &c_->contribution[i][lv[i] * c_->limbs], c_->limbs);
  return sum;
}

Agent::Scaled Agent::scaled_up(const Rational& r) const {
  if (r.sign() <= 0) return Scaled(c_->limbs, 0);
  Scaled out = c_->scale.scale_up(r);
  if (out.size() > c_->limbs) return Scaled(c_->limbs, ~std::uint64_t{0});  // beyond D: above every utility
  out.resize(c_->limbs, 0);
  return out;
}

const std::uint32_t* Agent::row_ptr(std::size_t k) const { return c_->row_ptr(k); }

Outcome Agent::candidate(std::size_t k) const {
  const std::uint32_t* lv = row_ptr(c_->order[k]);
  Outcome o;
  for (std::size_t i = 0; i < c_->table->issues; ++i) o.push_back(c_->table->domains[i][lv[i]]);
  return o;
}

Rational Agent::utility(const Outcome& o) const { return exact(scaled(o).data()); }

bool Agent::red_lines_hold(const Outcome& o) const {
  for (const Condition& c : own_.preferences[static_cast<std::size_t>(party_)]->red_lines) {
    if (!holds(c, o)) return false;
  }
  return true;
}

bool Agent::acceptable(const Outcome& o) const {
  return red_lines_hold(o) && compare(scaled(o).data(), reservation_scaled_.data()) >= 0;
}

Rational Agent::target(int t) const {
  if (auto e = concession_exponent(kind_)) return best_ - (best_ - floor_) * concession_fraction(t, rounds_, *e);
  if (kind_ == AgentKind::hardliner) return best_;
  if (kind_ == AgentKind::tit_for_tat) return tft_target_;
  return best_;
}

std::size_t Agent::nearest(const Rational& target) const {
  // Only candidates the party finds acceptable (U >= reservation), unless none is.
  const std::size_t size = c_->order.size();
  std::size_t lo = 0, hi = size;
  while (lo < hi) {  // the first candidate at or above the reservation
    const std::size_t mid = lo + (hi - lo) / 2;
    if (compare(numerator(mid), reservation_scaled_.data()) < 0) lo = mid + 1; else hi = mid;
  }
  if (lo == size) lo = size - 1;
  const Scaled t = scaled_up(target);
  std::size_t at = lo;
  hi = size;
  while (at < hi) {  // the first candidate at or above the target
    const std::size_t mid = at + (hi - at) / 2;
    if (compare(numerator(mid), t.data()) < 0) at = mid + 1; else hi = mid;
  }
  std::size_t k;
  if (at == size) {
    k = size - 1;
  } else if (at > lo && target - exact(numerator(at - 1)) < exact(numerator(at)) - target) {
    k = at - 1;
  } else {
    k = at;  // ties go to the higher utility
  }
  // Among the candidates of that same utility: the most issues shared with
  // the last offer received, then the earliest. At most 4096 are compared,
  // to bound each round's work.
  std::size_t first = k;
  while (first > 0 && compare(numerator(first - 1), numerator(k)) == 0) --first;
  if (!last_received_) return first;
  std::size_t chosen = first;
  int most = -1;
  for (std::size_t j = first; j < size && j < first + 4096 && compare(numerator(j), numerator(k)) == 0; ++j) {
    const std::uint32_t* lv = row_ptr(c_->order[j]);
    int same = 0;
    for (std::size_t i = 0; i < c_->table->issues; ++i) same += lv[i] == (*last_received_)[i] ? 1 : 0;
    if (same > most) {
      most = same;
      chosen = j;
    }
  }
  return chosen;
}

std::size_t Agent::nash_choice() const {
  const std::size_t n = own_.parties.size();
  const std::size_t issues = c_->table->issues;
  // The estimate of each other party's utility: issue weights from how often
  // they kept an issue's value between their offers, value scores from how
  // often they offered it (relative to their favourite).
  std::vector<std::vector<std::vector<double>>> score(n);
  for (std::size_t p = 0; p < n; ++p) {
    if (static_cast<int>(p) == party_ || received_utilities_[p].empty()) continue;
    double total = 0;
    for (std::size_t i = 0; i < issues; ++i) total += 1.0 + unchanged_[p][i];
    score[p].resize(issues);
    for (std::size_t i = 0; i < issues; ++i) {
      const double w = (1.0 + unchanged_[p][i]) / total;
      const std::uint32_t top = *std::max_element(counts_[p][i].begin(), counts_[p][i].end());
      for (std::uint32_t c : counts_[p][i]) score[p][i].push_back(top == 0 ? 0.0 : w * c / top);
    }
  }
  const double reservation = reservation_.to_double();
  std::size_t best = c_->order.size() - 1;
  double best_score = -1;
  for (std::size_t k = c_->order.size(); k-- > 0;) {
    const double gain = c_->approximate[k] - reservation;
    if (gain < 0 && k != c_->order.size() - 1) break;  // sorted: everything below is unacceptable
    const std::uint32_t* lv = row_ptr(c_->order[k]);
    double product = std::max(gain, 0.0);
    for (std::size_t p = 0; p < n; ++p) {
      if (score[p].empty()) continue;
      double est = 0;
      for (std::size_t i = 0; i < issues; ++i) est += score[p][i][lv[i]];
      product *= est;
    }
    // Scanning from the highest utility down, a tie keeps the higher utility.
    if (product > best_score) {
      best_score = product;
      best = k;
    }
  }
  return best;
}

std::size_t Agent::cached_nash_choice() {
  if (!nash_cache_ || nash_cache_->first != observed_) nash_cache_ = {observed_, nash_choice()};
  return nash_cache_->second;
}

void Agent::update_tit_for_tat() {
  std::optional<Rational> least;
  for (std::size_t p = 0; p < pending_concession_.size(); ++p) {
    if (pending_concession_[p].sign() < 0) continue;
    if (!least || pending_concession_[p] < *least) least = pending_concession_[p];
    pending_concession_[p] = Rational(-1);
  }
  if (least) tft_target_ -= *least * (tft_target_ - floor_);
}

std::size_t Agent::next_offer(int t) {
  switch (kind_) {
    case AgentKind::nash_seeker: return cached_nash_choice();
    case AgentKind::tit_for_tat: return nearest(tft_target_);
    default: return nearest(target(t));
  }
}

Outcome Agent::propose(int t) {
  if (c_->order.empty()) throw std::logic_error("an agent without candidates cannot propose");
  if (kind_ == AgentKind::tit_for_tat) update_tit_for_tat();
  const std::size_t k = kind_ == AgentKind::nash_seeker ? cached_nash_choice() : nearest(target(t));
  return candidate(k);
}

bool Agent::accepts(const Outcome& offer, int t) {
  if (!red_lines_hold(offer) || c_->order.empty()) return false;
  const Scaled u = scaled(offer);
  if (compare(u.data(), reservation_scaled_.data()) < 0) return false;
  if (kind_ == AgentKind::hardliner) return compare(u.data(), numerator(c_->order.size() - 1)) >= 0;
  // At least what it would offer next, or at least its target then.
  if (compare(u.data(), numerator(next_offer(t + 1))) >= 0) return true;
  if (concession_exponent(kind_)) return compare(u.data(), scaled_up(target(t + 1)).data()) >= 0;
  if (kind_ == AgentKind::tit_for_tat) return compare(u.data(), scaled_up(tft_target_).data()) >= 0;
  return false;
}

void Agent::observe(int from, const Outcome& offer) {
  const auto p = static_cast<std::size_t>(from);
  std::vector<std::uint32_t> lv = c_->table->levels(offer);
  received_utilities_[p].push_back(utility(offer));
  const auto& seen = received_utilities_[p];
  if (seen.size() >= 2) {
    // Their concession relative to what was left between their previous
    // offer and the agent's best, in the agent's own utility.
    const Rational& before = seen[seen.size() - 2];
    const Rational gap = best_ - before;
    Rational f = gap.sign() > 0 ? (seen.back() - before) / gap : Rational(0);
    pending_concession_[p] = std::clamp(f, Rational(0), Rational(1));
  }
  for (std::size_t i = 0; i < lv.size(); ++i) {
    ++counts_[p][i][lv[i]];
    if (previous_[p] && (*previous_[p])[i] == lv[i]) ++unchanged_[p][i];
  }
  previous_[p] = lv;
  last_received_ = std::move(lv);
  ++observed_;
}

namespace {
// single-text: tit-for-tat and nash-seeker have no offers from the others to
// mirror or learn from, and concede linearly.
Rational threshold(const Agent& a, int t, int rounds) {
  if (a.kind() == AgentKind::tit_for_tat || a.kind() == AgentKind::nash_seeker) {
    return a.best() - (a.best() - a.floor()) * concession_fraction(t, rounds, 1.0);
  }
  return a.target(t);
}
}  // namespace

bool Agent::vote(const Outcome& text, const Outcome& amended, int t) const {
  if (!red_lines_hold(amended)) return false;
  if (!red_lines_hold(text)) return true;
  const Scaled u = scaled(amended);
  return compare(u.data(), scaled(text).data()) >= 0 ||
         (compare(u.data(), reservation_scaled_.data()) >= 0 &&
          compare(u.data(), scaled_up(threshold(*this, t, rounds_)).data()) >= 0);
}

bool Agent::agrees_to_text(const Outcome& text, int t) const {
  if (!red_lines_hold(text)) return false;
  const Scaled u = scaled(text);
  return compare(u.data(), reservation_scaled_.data()) >= 0 &&
         compare(u.data(), scaled_up(threshold(*this, t, rounds_)).data()) >= 0;
}

}  // namespace parley::mediate
