// Fairness of the goods part of an outcome (items, regions, shares), with witnesses.
//
//   Utilities u(scenario);
//   GoodsReport g = assess_goods(u, outcome);     // nullopt-free: check g.applicable
//   if (!g.envy_free) std::cout << g.envy->envier << " envies " << g.envy->envied << '\n';
//
// Definitions (README, "Fairness on the goods part"):
// - Party q's bundle X_q: the items and regions q holds alone, and q's fraction
//   of each share. Jointly held and neutral items are in nobody's bundle (they
//   are the same for everybody), so envy comparisons leave them out.
// - v_p(X_q) = sum over items i in X_q of w_pi * own_pi + sum over shares j of
//   w_pj * x_qj, with p's normalised weights w.
// - Envy-free: v_p(X_p) >= v_p(X_q) for all p, q.
// - EF1: whenever p envies q, removing one item from X_q ends the envy; one
//   step of a share counts as an item (or q's part of it, when less: Adjusted
//   Winner's exact fractions may be off the grid), as a share can only be
//   divided on its grid; round robin and envy cycle guarantee EF1 so.
// - EFX: whenever p envies q, removing any item (or step of a share) of X_q
//   that p values above 0 ends it.
// - Proportional: p's goods utility g_p (its utility restricted to goods issues,
//   counting joint, neutral and other values) is at least T_p / n, where T_p is
//   p's value of holding every good alone.
// - Equitable: g_p / T_p is the same for every party with T_p > 0.
// - Maximin share (MMS): p's MMS is the most p can guarantee itself by cutting
//   all the goods into n bundles (items whole, shares on their step grid) and
//   taking the worst, by v_p: max over partitions of min_q v_p(bundle_q). The
//   property holds when every party with MMS_p > 0 has v_p(X_p) >= MMS_p; the
//   report gives each party's exact MMS and the fraction v_p(X_p) / MMS_p.
//   Computing an MMS is NP-hard (it contains number partitioning); an exact
//   branch and bound with a work budget answers every realistic case, and
//   mms_values stays empty (the property unknown) when the budget runs out.
//
// Debts (negative weights, with a currency) are chores: worth w * own < 0 to
// their holder, so bundle values keep the sign, and EF1 and EFX take the
// mixed definitions of Aziz, Caragiannis, Igarashi and Walsh ("Fair
// allocation of indivisible goods and chores", 2019/2022): EF1 holds when
// p's envy of q ends by taking one good (worth > 0 to p) from X_q or one
// chore (worth < 0 to p) from X_p; EFX when every such removal ends it.
// Proportionality is as above, with signed values. The maximin share is
// left unknown for a party with a debt (the search cuts goods only).
//
// A split item (Adjusted Winner's) is assessed with assess_goods(u, o, split):
// party q holds fraction f_q of it, v_p counts f_q times its worth, and for the
// EF1/EFX removals q's part of it counts as one item.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "parley/analysis/glossary.h"
#include "parley/analysis/utility.h"
#include "parley/core/deadline.h"

namespace parley {

struct EnvyWitness {
  int envier = -1;
  int envied = -1;
  Rational by;           // v_p(X_q) - v_p(X_p) > 0
  int removable = -1;    // an item of X_q (or a share, one step of it) whose removal ends the envy, or -1
};

struct RemovalWitness {  // EF1 / EFX failure
  int envier = -1;
  int envied = -1;
  int item = -1;         // the item removed, or the share one step of which is (EF1: the most valuable;
                         // EFX: the least valuable positive); -1 if none
  Rational remaining;    // envy left after removing it (> 0)
};

struct ProportionalityWitness {
  int party = -1;
  Rational value;        // g_p
  Rational fair_share;   // T_p / n
};

struct EquitabilityWitness {
  int most = -1;
  int least = -1;
  Rational most_relative;   // g / T of the best-off party
  Rational least_relative;  // and of the worst-off
};

struct MmsWitness {
  int party = -1;
  Rational value;        // v_p(X_p)
  Rational mms;          // MMS_p
  Rational fraction;     // value / mms < 1
};

// An item held in fractions (Adjusted Winner's split): one per party, summing to 1.
struct FractionalItem {
  int issue = -1;
  std::vector<Rational> fractions;
};

struct GoodsReport {
  bool applicable = false;  // the scenario has goods issues
  // bundle_values[p][q] = v_p(X_q)
  std::vector<std::vector<Rational>> bundle_values;
  std::vector<Rational> goods_utility;  // g_p
  std::vector<Rational> goods_total;    // T_p
  bool envy_free = true;
  bool ef1 = true;
  bool efx = true;
  bool proportional = true;
  bool equitable = true;
  std::optional<EnvyWitness> envy;
  std::optional<RemovalWitness> ef1_failure;
  std::optional<RemovalWitness> efx_failure;
  std::optional<ProportionalityWitness> proportionality_failure;
  std::optional<EquitabilityWitness> equitability_failure;
  // Maximin share. mms_values[p] = MMS_p; empty when not computed (budget).
  bool mms = true;
  std::vector<Rational> mms_values;
  std::vector<std::optional<Rational>> mms_fractions;  // v_p(X_p) / MMS_p; nullopt when MMS_p = 0
  std::optional<MmsWitness> mms_failure;               // the party with the smallest fraction
  bool mms_known() const { return !mms_values.empty(); }
};

// The maximin-share search stops at `deadline` too (then mms_values stays
// empty: unknown), so that a caller's time limit holds.
GoodsReport assess_goods(const Utilities& u, const Outcome& o, const Deadline& deadline = Deadline::none());
// The same with one item held in fractions (o's holder for that issue is ignored).
GoodsReport assess_goods(const Utilities& u, const Outcome& o, const FractionalItem& split,
                         const Deadline& deadline = Deadline::none());

// Nodes the exact maximin-share search may visit per party.
inline constexpr long long kMmsBudget = 2'000'000;

// Party p's maximin share (definition above); nullopt when the search passes
// `budget` nodes or the deadline.
std::optional<Rational> maximin_share(const Utilities& u, int p, long long budget = kMmsBudget,
                                      const Deadline& deadline = Deadline::none());

// Plain sentences a mediator can repeat: for each property that holds, the
// strongest statement the report supports; for each that fails, its witness.
// Fairness terms are glossed the first time `words` says them.
std::vector<std::string> describe_goods(const Scenario& s, const GoodsReport& g);
std::vector<std::string> describe_goods(const Scenario& s, const GoodsReport& g, Glossary& words);

}  // namespace parley
