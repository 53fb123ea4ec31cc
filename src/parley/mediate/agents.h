// Internal to mediate/: the negotiating agents and the outcomes they choose
// from (docs/cli.md, "Time and negotiation dynamics").
//
//   auto space = std::make_shared<const OutcomeTable>(build_table(public_terms(s), limits, rng, deadline).value());
//   Agent a(AgentKind::boulware, agent_scenario(s, 0), 0, space, rounds, rng);   // sees party 0 alone
//   Outcome first = a.propose(0);
//   bool yes = a.accepts(offer, 1);
//
// What an agent may know is enforced by what it is given: the Agent
// constructor takes a scenario in which every party slot holds the agent's
// own preferences (agent_scenario(), as the rooms build one) and refuses any
// other; the table of candidate outcomes is built from public_terms(), a
// scenario with no preferences at all (issues, rules, agreed terms). Red lines
// are private: each agent drops the candidates that break its own; an offer
// that breaks another's red line is refused by that party.
//
// Time-dependent tactics (Faratin, Sierra & Jennings 1998; Fatima et al.):
// the target at round t of N is u_max - (u_max - u_min) (t/N)^(1/e), u_min the
// party's reservation (capped at u_max), u_max its best candidate; e = 0.2
// boulware, 1 linear, 2 conceder. Utilities are exact: each agent scales its
// party's contributions w * v to integers over their least common denominator
// D, of as many 64-bit limbs as D needs (one for hand-written scenarios, four
// or five for Genius files, whose 19-digit weights are divided by their sum),
// so a candidate's utility is a sum of integers and comparisons are exact at
// the cost of a few limbs; a Rational target T is compared as ceil(T * D).
// The target is exact too, (t/N)^(1/e) rounded to a multiple of 2^-40.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <random>
#include <vector>

#include "parley/core/common_denominator.h"
#include "parley/core/deadline.h"
#include "parley/core/rational.h"
#include "parley/core/result.h"
#include "parley/mediate/engine.h"

namespace parley::mediate {

// The scenario without anybody's preferences: what every party and the
// mediator know.
Scenario public_terms(const Scenario& s);
// What party p's agent is built from: every party slot holds p's preferences
// (so nothing computed from it can involve another party's numbers).
Scenario agent_scenario(const Scenario& s, int party);

// Whether o meets the agreed terms and every rule (no red lines: those are private).
bool meets_public_terms(const Scenario& pub, const Outcome& o);

// The candidate outcomes, as levels into each issue's domain (issue_domain order).
struct OutcomeTable {
  std::vector<std::vector<IssueValue>> domains;  // per issue
  std::vector<std::uint32_t> rows;                // size() * issues levels
  std::size_t issues = 0;
  bool sampled = false;      // a sample, not every outcome meeting the public terms
  bool stopped = false;      // the time limit ended the listing or the sample: too few to negotiate from
  std::string space;         // the size of the outcome space, as text ("1.2e7")
  std::optional<Rational> space_exact;  // that size exactly, when below 10^7
  std::size_t size() const { return issues == 0 ? 0 : rows.size() / issues; }
  Outcome outcome(std::size_t row) const;
  // The levels of o (every value is in its domain).
  std::vector<std::uint32_t> levels(const Outcome& o) const;
};

struct TableLimits {
  std::size_t enumerate_up_to = 100'000;
  std::size_t sample = 20'000;
};

// Every outcome meeting the public terms when the space (agreed issues fixed)
// has at most enumerate_up_to outcomes, else a sample (each open issue drawn
// uniformly, kept when it meets the public terms; at most 20 draws per row
// kept). Fails (unsupported) when an issue has more than 1,000,000 outcomes;
// `stopped` when the deadline passed before the table was whole.
Result<OutcomeTable> build_table(const Scenario& pub, const TableLimits& limits, std::mt19937_64& rng,
                                 const Deadline& deadline);

// The time-dependent target's fraction (t/N)^(1/e), exactly a multiple of 2^-40.
Rational concession_fraction(int t, int rounds, double e);
// e of a time-dependent kind; nullopt for the others.
std::optional<double> concession_exponent(AgentKind k);

// What a party's agents choose from, built once per party and table and
// shared read-only by every negotiation on them (a tournament builds it once,
// not once a row): the candidates meeting the party's red lines (rows of the
// table, then its own ladder), sorted by its utility ascending, ties in table
// order, with each utility times D as limbs.
struct PartyCandidates {
  int party = 0;
  Preferences preferences;  // whose: an agent checks they are its own
  std::shared_ptr<const OutcomeTable> table;
  WideCommonDenominator scale;  // D
  std::size_t limbs = 1;
  std::vector<std::vector<std::uint64_t>> contribution;  // per issue, per level: D * w * v, limbs each
  std::vector<std::vector<std::uint32_t>> ladder;        // the party's own extra rows (levels)
  std::vector<std::uint32_t> order;                      // index: < table rows: table row; else ladder - rows
  std::vector<std::uint64_t> numerators;                 // D * utility of order[k], limbs each
  std::vector<double> approximate;                       // utility of order[k], for the frequency model's estimate
  const std::uint32_t* row_ptr(std::size_t k) const;
  const std::uint64_t* numerator(std::size_t k) const { return &numerators[k * limbs]; }
};

// Throws std::invalid_argument when `own` holds preferences other than the
// party's own in some slot (as the Agent constructor does).
std::shared_ptr<const PartyCandidates> party_candidates(const Scenario& own, int party,
                                                        std::shared_ptr<const OutcomeTable> table);

class Agent {
 public:
  // Throws std::invalid_argument when `own` holds preferences other than the
  // party's own in some slot, or lacks them.
  Agent(AgentKind kind, Scenario own, int party, std::shared_ptr<const OutcomeTable> table, int rounds);
  // The same on candidates built beforehand (party_candidates() of the same
  // party and preferences; throws otherwise).
  Agent(AgentKind kind, Scenario own, int party, std::shared_ptr<const PartyCandidates> candidates, int rounds);

  AgentKind kind() const { return kind_; }
  int party() const { return party_; }
  // Own utility, exactly.
  Rational utility(const Outcome& o) const;
  bool red_lines_hold(const Outcome& o) const;
  // Its red lines hold and it gets at least its reservation: no agent agrees
  // to less, not even to its own offer (one whose best is below its
  // reservation still offers its best, but is not bound by it).
  bool acceptable(const Outcome& o) const;
  const Rational& best() const { return best_; }      // u_max (0 with no candidate)
  const Rational& floor() const { return floor_; }    // u_min: the reservation, capped at u_max
  std::size_t candidates() const { return c_->order.size(); }
  bool has_candidates() const { return !c_->order.empty(); }

  // The target at round t (time-dependent, hardliner, tit-for-tat).
  Rational target(int t) const;

  // alternating: what it offers in round t (it proposes then), and whether it
  // accepts an offer made to it in round t.
  Outcome propose(int t);
  bool accepts(const Outcome& offer, int t);
  // Every offer made by another party (the only thing it learns of them).
  void observe(int from, const Outcome& offer);

  // single-text: its vote on amending `text` to `amended` in round t, and
  // whether it agrees to `text` as the agreement in round t.
  bool vote(const Outcome& text, const Outcome& amended, int t) const;
  bool agrees_to_text(const Outcome& text, int t) const;

 private:
  // A utility times D, in limbs_ little-endian 64-bit limbs.
  using Scaled = std::vector<std::uint64_t>;

  // The candidate (an index into order_) nearest the target, ties to the
  // higher utility, then to the one sharing the most issues with the last
  // offer received, then to the earlier in the table.
  std::size_t nearest(const Rational& target) const;
  std::size_t nash_choice() const;  // nash-seeker: the estimated Nash package
  // nash_choice() depends only on the offers observed: computed once per
  // offer observed (accepting in round t and proposing in t + 1 ask the same).
  std::size_t cached_nash_choice();
  Outcome candidate(std::size_t k) const;
  void update_tit_for_tat();
  // The candidate it would offer at round t (nash-seeker: now).
  std::size_t next_offer(int t);

  const std::uint64_t* numerator(std::size_t k) const { return c_->numerator(k); }
  Rational exact(const std::uint64_t* scaled) const { return c_->scale.unscale(scaled, c_->limbs); }
  Scaled scaled(const Outcome& o) const;
  // ceil(r * D) in the candidates' limbs: n >= r exactly when n * D >= this,
  // for any utility n (0 for r <= 0; above every utility for r beyond the range).
  Scaled scaled_up(const Rational& r) const;
  int compare(const std::uint64_t* a, const std::uint64_t* b) const;

  AgentKind kind_;
  Scenario own_;
  int party_;
  std::shared_ptr<const PartyCandidates> c_;
  int rounds_;
  Rational reservation_;
  Scaled reservation_scaled_;
  Rational best_;
  Rational floor_;
  std::optional<std::vector<std::uint32_t>> last_received_;  // levels of the last offer received
  // tit-for-tat
  Rational tft_target_;
  std::vector<std::vector<Rational>> received_utilities_;  // per party: own utility of their offers
  std::vector<Rational> pending_concession_;              // per party: their last relative concession
  // nash-seeker: the frequency model of each other party.
  std::vector<std::vector<std::vector<std::uint32_t>>> counts_;  // party, issue, level
  std::vector<std::vector<std::uint32_t>> unchanged_;           // party, issue: times kept between offers
  std::vector<std::optional<std::vector<std::uint32_t>>> previous_;  // party: levels of their last offer
  std::size_t observed_ = 0;                                         // offers observed so far
  std::optional<std::pair<std::size_t, std::size_t>> nash_cache_;    // (observed_, nash_choice())
  const std::uint32_t* row_ptr(std::size_t k) const;
};

}  // namespace parley::mediate
