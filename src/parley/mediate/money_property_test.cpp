// knaster and compensation through the facade (solve()) on random scenarios
// with money and debts: every answer passes the independent verifier, the
// payments sum to zero, the utilities are the format's formula plus payment /
// sum|w|; and the verifier catches payments that were tampered with.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <string>

#include "parley/mediate/engine.h"
#include "parley/mediate/verify.h"

namespace parley {
namespace {

// 2-4 parties in EUR, 1-6 items whose money values are any sign (debts
// included), sometimes a status quo for the sentences' "keeps"/"takes".
Scenario gen_money_scenario() {
  const int n = *rc::gen::inRange(2, 5);
  const int m = *rc::gen::inRange(1, 7);
  Scenario s;
  for (int p = 0; p < n; ++p) s.parties.push_back(Party{"p" + std::to_string(p), "Party " + std::to_string(p), ""});
  for (int i = 0; i < m; ++i) {
    Issue is;
    is.id = "item" + std::to_string(i);
    s.issues.push_back(is);
  }
  s.status_quo.assign(static_cast<std::size_t>(m), std::nullopt);
  s.agreed.assign(static_cast<std::size_t>(m), std::nullopt);
  for (int p = 0; p < n; ++p) {
    Preferences pr;
    pr.currency = "EUR";
    for (int i = 0; i < m; ++i) {
      IssuePreference ip;
      ip.weight = Rational(*rc::gen::inRange(-40000, 100001), *rc::gen::element(1, 100));
      pr.issues.push_back(ip);
    }
    RC_PRE(!pr.weight_scale().is_zero());
    s.preferences.push_back(pr);
  }
  return s;
}

// U_p = (sum w v - sum_{w<0} w) / sum |w| + payment / sum |w|, from the weights as written.
Rational utility_with_payment(const Scenario& s, int p, const Outcome& o, const Rational& payment) {
  const Preferences& pr = *s.preferences[static_cast<std::size_t>(p)];
  Rational sum = 0, scale = 0;
  for (std::size_t i = 0; i < s.issues.size(); ++i) {
    const Rational& w = pr.issues[i].weight;
    scale += w.abs();
    if (o[i].holder == p) sum += w;    // own 1
    if (w.sign() < 0) sum -= w;        // the debt's worst case
  }
  return (sum + payment) / scale;
}

RC_GTEST_PROP(MoneyProperty, KnasterAndCompensationPassTheVerifierWithZeroSumPayments, ()) {
  const Scenario s = gen_money_scenario();
  for (Method method : {Method::knaster, Method::compensation}) {
    Result<SolveResponse> r = solve(s, {.method = method});
    if (!r) RC_LOG() << r.failure().diagnostics.front().message;
    RC_ASSERT(r.ok());
    const SolveResponse& a = r.value();
    RC_ASSERT(a.status == SolveStatus::done);
    Rational sum = 0;
    for (const Rational& t : a.payments) sum += t;
    RC_ASSERT(sum.is_zero());
    for (std::size_t p = 0; p < s.parties.size(); ++p) {
      RC_ASSERT(a.evaluation.utilities[p] == utility_with_payment(s, static_cast<int>(p), *a.outcome, a.payments[p]));
    }
    if (method == Method::compensation) RC_ASSERT(a.envy_free_with_payments == std::optional<bool>(true));
    if (s.parties.size() == 2) RC_ASSERT(a.envy_free_with_payments == std::optional<bool>(true));
  }
}

RC_GTEST_PROP(MoneyProperty, TamperedPaymentsAreCaught, ()) {
  const Scenario s = gen_money_scenario();
  const Method method = *rc::gen::element(Method::knaster, Method::compensation);
  SolveResponse a = solve(s, {.method = method}).value();
  // One euro moves from the first party to the second, the utilities moved
  // with it (so only the payments' own checks can catch it), or one payment
  // changes alone (the sum is then not zero).
  const bool keep_sum = *rc::gen::arbitrary<bool>();
  a.payments[0] -= 1;
  a.evaluation.utilities[0] -= Rational(1) / s.preferences[0]->weight_scale();
  if (keep_sum) {
    a.payments[1] += 1;
    a.evaluation.utilities[1] += Rational(1) / s.preferences[1]->weight_scale();
  }
  for (std::size_t p = 0; p < s.parties.size(); ++p) {
    a.evaluation.gains[p] = a.evaluation.utilities[p] - s.preferences[p]->reservation;
  }
  const Verification v = verify_solve(s, a);
  RC_ASSERT(!v.ok);
}

}  // namespace
}  // namespace parley
