// Properties of evaluation on random scenarios and outcomes.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <algorithm>
#include <random>

#include "parley/analysis/evaluate.h"
#include "parley/analysis/fairness_test_support.h"
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
  Evaluation e = evaluate_outcome(s, o).value();
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
  Evaluation a = evaluate_outcome(s, o).value();
  Evaluation b = evaluate_outcome(t, u).value();
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
  RC_ASSERT(evaluate_outcome(s, o).value().utilities == evaluate_outcome(t, o).value().utilities);
}

RC_GTEST_PROP(EvaluateProperty, FairnessMatchesDefinitions, ()) {
  test::ScenarioShape shape = analysable();
  shape.goods_only = *rc::gen::arbitrary<bool>();
  Scenario s = *test::gen_scenario(shape);
  Outcome o = *test::gen_outcome(s);
  GoodsReport g = evaluate_outcome(s, o).value().goods;
  bool any_goods = std::any_of(s.issues.begin(), s.issues.end(), [](const Issue& is) { return is.is_goods(); });
  RC_ASSERT(g.applicable == any_goods);
  if (!any_goods) return;
  // Every flag against a direct check of its definition; witnesses are
  // present exactly when a property fails, and are real.
  test::check_report(s, test::FairnessCase{o, std::nullopt}, g);
}

}  // namespace
}  // namespace parley
