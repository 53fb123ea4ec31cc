// Properties of evaluation on random scenarios and outcomes.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <algorithm>
#include <random>

#include "parley/analysis/evaluate.h"
#include "parley/analysis/integer_utility.h"
#include "parley/io/scenario_reader.h"
#include "parley/io/scenario_writer.h"
#include "random_scenario.h"

namespace parley {
namespace {

test::ScenarioShape analysable() {
  test::ScenarioShape shape;
  shape.all_preferences = true;
  return shape;
}

RC_GTEST_PROP(EvaluateProperty, UtilitiesLieInUnitIntervalAndGainsAreDifferences, ()) {
  Scenario s = *test::gen_scenario(analysable());
  Outcome o = *test::gen_outcome(s);
  Evaluation e = evaluate(s, o).value();
  for (std::size_t p = 0; p < s.parties.size(); ++p) {
    RC_ASSERT(e.utilities[p] >= Rational(0));
    RC_ASSERT(e.utilities[p] <= Rational(1));
    RC_ASSERT(e.gains[p] == e.utilities[p] - s.preferences[p]->reservation);
  }
}

RC_GTEST_PROP(EvaluateProperty, IntegerUtilitiesAreExact, ()) {
  Scenario s = *test::gen_scenario(analysable());
  Outcome o = *test::gen_outcome(s);
  Utilities u(s);
  auto fast = IntegerUtilities::make(u);
  RC_ASSERT(fast.has_value());  // random scenarios use small fractions: always representable
  for (std::size_t p = 0; p < s.parties.size(); ++p) {
    int party = static_cast<int>(p);
    RC_ASSERT(fast->exact(party, fast->utility(party, o)) == u.utility(party, o));
  }
}

// Reorders the issues of a scenario through its JSON form, so the reader
// resolves every reference afresh, and maps the outcome by issue id.
std::pair<Scenario, Outcome> permuted(const Scenario& s, const Outcome& o, unsigned seed) {
  json::Value doc = scenario_to_json(s);
  for (auto& [key, value] : doc.mutable_members()) {
    if (key == "issues") std::shuffle(value.mutable_items().begin(), value.mutable_items().end(), std::mt19937(seed));
  }
  Scenario t = read_scenario(doc, "permuted").value();
  Outcome u = read_outcome(outcome_to_json(s, o), t, "outcome").value();
  return {t, u};
}

RC_GTEST_PROP(EvaluateProperty, IssueOrderChangesNothing, ()) {
  Scenario s = *test::gen_scenario(analysable());
  Outcome o = *test::gen_outcome(s);
  auto [t, u] = permuted(s, o, *rc::gen::arbitrary<unsigned>());
  Evaluation a = evaluate(s, o).value();
  Evaluation b = evaluate(t, u).value();
  RC_ASSERT(a.utilities == b.utilities);
  RC_ASSERT(a.feasible == b.feasible);
  RC_ASSERT(a.individually_rational == b.individually_rational);
  RC_ASSERT(a.constraints.size() == b.constraints.size());
  // Agreed checks follow issue order; rules and red lines keep theirs.
  std::vector<std::pair<std::string, bool>> ca, cb;
  for (const auto& c : a.constraints) ca.emplace_back(c.pointer, c.holds);
  for (const auto& c : b.constraints) cb.emplace_back(c.pointer, c.holds);
  std::sort(ca.begin(), ca.end());
  std::sort(cb.begin(), cb.end());
  RC_ASSERT(ca == cb);
  RC_ASSERT(a.goods.bundle_values == b.goods.bundle_values);
  RC_ASSERT(a.goods.envy_free == b.goods.envy_free);
  RC_ASSERT(a.goods.ef1 == b.goods.ef1);
  RC_ASSERT(a.goods.efx == b.goods.efx);
  RC_ASSERT(a.goods.proportional == b.goods.proportional);
  RC_ASSERT(a.goods.equitable == b.goods.equitable);
}

RC_GTEST_PROP(EvaluateProperty, ScalingAPartysWeightsChangesNothing, ()) {
  Scenario s = *test::gen_scenario(analysable());
  Outcome o = *test::gen_outcome(s);
  Scenario t = s;
  Rational factor = *rc::gen::element(Rational(3), Rational(1, 7), Rational(1000));
  for (auto& ip : t.preferences[0]->issues) ip.weight *= factor;
  RC_ASSERT(evaluate(s, o).value().utilities == evaluate(t, o).value().utilities);
}

// The fairness properties, computed straight from their definitions with
// nothing shared with assess_goods but the scenario.
struct Direct {
  bool ef = true, ef1 = true, efx = true, prop = true, equitable = true;
};

Direct direct_fairness(const Scenario& s, const Outcome& o) {
  const std::size_t n = s.parties.size();
  auto w = [&](std::size_t p, std::size_t i) {
    Rational total = 0;
    for (const auto& ip : s.preferences[p]->issues) total += ip.weight;
    return s.preferences[p]->issues[i].weight / total;
  };
  // The units EF1 and EFX may remove: an item, or one step of a share.
  // One step of share i held by q (what q has, when less).
  auto step_of = [&](std::size_t q, std::size_t i) { return std::min(o[i].shares[q], s.issues[i].step); };
  // worth of the unit of issue i in q's bundle to p; bundle value v(p, q),
  // with the unit of issue `removed` taken out.
  auto unit_worth = [&](std::size_t p, std::size_t q, std::size_t i) {
    return s.issues[i].is_holding() ? w(p, i) * s.preferences[p]->issues[i].holder.own : w(p, i) * step_of(q, i);
  };
  auto in_bundle = [&](std::size_t q, std::size_t i) {
    return s.issues[i].is_holding() ? o[i].holder == static_cast<Holder>(q)
                                    : s.issues[i].kind == IssueKind::share && o[i].shares[q] > 0;
  };
  auto bundle = [&](std::size_t p, std::size_t q, int removed) {
    Rational v = 0;
    for (std::size_t i = 0; i < s.issues.size(); ++i) {
      const bool out = static_cast<int>(i) == removed;
      if (s.issues[i].is_holding() && o[i].holder == static_cast<Holder>(q) && !out) {
        v += w(p, i) * s.preferences[p]->issues[i].holder.own;
      }
      if (s.issues[i].kind == IssueKind::share) v += w(p, i) * (o[i].shares[q] - (out ? step_of(q, i) : Rational(0)));
    }
    return v;
  };
  Direct d;
  for (std::size_t p = 0; p < n; ++p) {
    for (std::size_t q = 0; q < n; ++q) {
      if (p == q || bundle(p, q, -1) <= bundle(p, p, -1)) continue;
      d.ef = false;
      bool some = false, every_positive = true;
      bool has_positive = false;
      for (std::size_t i = 0; i < s.issues.size(); ++i) {
        if (!in_bundle(q, i)) continue;
        bool ends = bundle(p, q, static_cast<int>(i)) <= bundle(p, p, -1);
        some |= ends;
        if (unit_worth(p, q, i) > 0 && !ends) every_positive = false;
        has_positive |= unit_worth(p, q, i) > 0;
      }
      d.ef1 = d.ef1 && some;
      d.efx = d.efx && has_positive && every_positive;
    }
  }
  std::vector<Rational> relative;
  for (std::size_t p = 0; p < n; ++p) {
    Rational got = 0, total = 0;
    for (std::size_t i = 0; i < s.issues.size(); ++i) {
      const Issue& is = s.issues[i];
      if (!is.is_goods()) continue;
      if (is.kind == IssueKind::share) {
        got += w(p, i) * o[i].shares[p];
        total += w(p, i);
        continue;
      }
      const HolderValues& hv = s.preferences[p]->issues[i].holder;
      Holder h = o[i].holder;
      got += w(p, i) * (h == static_cast<Holder>(p) ? hv.own : h == kJoint ? hv.joint : h == kNeutral ? hv.neutral : hv.other);
      total += w(p, i) * hv.own;
    }
    if (got * Rational(static_cast<std::int64_t>(n)) < total) d.prop = false;
    if (!total.is_zero()) relative.push_back(got / total);
  }
  for (const Rational& r : relative) d.equitable = d.equitable && r == relative.front();
  return d;
}

RC_GTEST_PROP(EvaluateProperty, FairnessMatchesDefinitions, ()) {
  test::ScenarioShape shape = analysable();
  shape.goods_only = *rc::gen::arbitrary<bool>();
  Scenario s = *test::gen_scenario(shape);
  Outcome o = *test::gen_outcome(s);
  GoodsReport g = evaluate(s, o).value().goods;
  bool any_goods = std::any_of(s.issues.begin(), s.issues.end(), [](const Issue& is) { return is.is_goods(); });
  RC_ASSERT(g.applicable == any_goods);
  if (!any_goods) return;
  Direct d = direct_fairness(s, o);
  RC_ASSERT(g.envy_free == d.ef);
  RC_ASSERT(g.ef1 == d.ef1);
  RC_ASSERT(g.efx == d.efx);
  RC_ASSERT(g.proportional == d.prop);
  RC_ASSERT(g.equitable == d.equitable);
  // Witnesses are present exactly when a property fails, and are real.
  RC_ASSERT(g.envy.has_value() == !g.envy_free);
  if (g.envy) {
    const auto& v = g.bundle_values;
    auto p = static_cast<std::size_t>(g.envy->envier), q = static_cast<std::size_t>(g.envy->envied);
    RC_ASSERT(g.envy->by == v[p][q] - v[p][p]);
    RC_ASSERT(g.envy->by > Rational(0));
  }
  RC_ASSERT(g.ef1_failure.has_value() == !g.ef1);
  RC_ASSERT(g.efx_failure.has_value() == !g.efx);
  RC_ASSERT(g.proportionality_failure.has_value() == !g.proportional);
  RC_ASSERT(g.equitability_failure.has_value() == !g.equitable);
}

}  // namespace
}  // namespace parley
