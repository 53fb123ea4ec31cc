#include "parley/io/response_json.h"

#include <algorithm>

#include "parley/io/scenario_writer.h"

namespace parley {

using json::Value;

namespace {

Value strings(const std::vector<std::string>& items) {
  Value out = Value::array();
  for (const std::string& item : items) out.push(Value::string(item));
  return out;
}

// The outcome, with Adjusted Winner's split item written as its fractions.
Value outcome_with_split(const Scenario& s, const Outcome& o, const std::optional<fairdiv::SplitItem>& split) {
  Value out = outcome_to_json(s, o);
  if (!split) return out;
  Value fractions = party_numbers(s, split->fractions);
  for (auto& [key, value] : out.mutable_members()) {
    if (key == s.issues[static_cast<std::size_t>(split->issue)].id) value = fractions;
  }
  return out;
}

// alternating (docs/cli.md): when the equilibrium agrees and what refusing
// the first offer would leave each party; the game's own terms beside them.
void add_alternating(const Scenario& s, const SolveResponse& r, Value& out) {
  if (!r.alternating || r.status == SolveStatus::time_limit) return;
  const AlternatingPlay& a = *r.alternating;
  out.add("period", a.period ? Value::integer(*a.period) : Value());
  out.add("continuation", party_numbers(s, a.continuation));
  out.add("continuation_exact", party_numbers_exact(s, a.continuation));
  out.add("periods", Value::integer(a.periods));
  out.add("first", Value::string(s.parties[static_cast<std::size_t>(a.first)].id));
}

// robust: each party's worst case over the weight box (docs: README, "solve --method robust").
void add_robust(const Scenario& s, const SolveResponse& r, Value& out) {
  if (!r.robust) return;
  const RobustPlay& play = *r.robust;
  Value weights = Value::object();
  for (std::size_t p = 0; p < s.parties.size(); ++p) {
    Value issues = Value::object();
    for (std::size_t i = 0; i < s.issues.size(); ++i) {
      issues.add(s.issues[i].id, Value::number(play.worst_weights[p][i].to_double()));
    }
    weights.add(s.parties[p].id, std::move(issues));
  }
  Value against = Value::array();
  for (std::size_t p = 0; p < s.parties.size(); ++p) {
    if (play.against_status_quo[p]) against.push(Value::string(s.parties[p].id));
  }
  const Rational smallest = *std::min_element(play.worst_case.begin(), play.worst_case.end());
  out.add("robust", Value::object()
                        .add("spread", Value::number(play.spread.to_double()))
                        .add("worst_case", party_numbers(s, play.worst_case))
                        .add("worst_case_exact", party_numbers_exact(s, play.worst_case))
                        .add("smallest_worst_case", Value::number(smallest.to_double()))
                        .add("worst_weights", std::move(weights))
                        .add("against_status_quo", std::move(against))
                        .add("nash_outcome", play.nash ? outcome_to_json(s, *play.nash) : Value())
                        .add("nash_worst_case", play.nash_worst_case.empty() ? Value()
                                                                              : party_numbers(s, play.nash_worst_case))
                        .add("packages_compared", Value::integer(static_cast<long long>(play.packages))));
}

}  // namespace

Value to_json(const Scenario& s, const SolveResponse& r) {
  Value out = Value::object();
  out.add("method", Value::string(std::string(method_name(r.method))));
  out.add("status", Value::string(std::string(status_name(r.status))));
  if (r.status == SolveStatus::time_limit) {
    out.add("note", Value::string(r.note));
    if (!r.engine.empty()) out.add("engine", Value::string(r.engine));
    out.add("verified", strings(r.verified));
    out.add("seconds", Value::number(r.seconds));
    return out;
  }
  if (!r.outcome) {  // infeasible, no_agreement_zone
    out.add("outcome", Value());
    Value conflict = Value::array();
    for (const ConflictElement& e : r.conflict) {
      Value element = Value::object().add("kind", Value::string(std::string(conflict_kind_name(e.kind))));
      if (e.party >= 0) element.add("party", Value::string(s.parties[static_cast<std::size_t>(e.party)].id));
      if (e.index >= 0) element.add("index", Value::integer(e.index));
      element.add("pointer", Value::string(e.pointer));
      element.add("description", Value::string(e.description));
      conflict.push(std::move(element));
    }
    out.add("conflict", std::move(conflict));
    if (!r.conflict_minimal) out.add("conflict_minimal", Value::boolean(false));
    out.add("engine", Value::string(r.engine));
    if (!r.reservation_shortfall.empty()) {
      Value shortfall = Value::object();
      for (std::size_t p = 0; p < s.parties.size(); ++p) {
        const auto& by = r.reservation_shortfall[p];
        shortfall.add(s.parties[p].id, by ? Value::number(by->to_double()) : Value());
      }
      out.add("reservation_shortfall", std::move(shortfall));
    }
    if (r.closest) {
      out.add("closest", Value::object()
                             .add("outcome", outcome_to_json(s, *r.closest))
                             .add("utilities", party_numbers(s, r.closest_utilities))
                             .add("utilities_exact", party_numbers_exact(s, r.closest_utilities)));
    }
    add_alternating(s, r, out);
    out.add("explanation", strings(r.explanation));
    out.add("verified", strings(r.verified));
    out.add("seconds", Value::number(r.seconds));
    return out;
  }
  out.add("outcome", outcome_with_split(s, *r.outcome, r.split));
  if (r.split) {
    Value exact = Value::object();
    for (std::size_t p = 0; p < s.parties.size(); ++p) {
      exact.add(s.parties[p].id, Value::string(r.split->fractions[p].str()));
    }
    out.add("split", Value::object()
                         .add("issue", Value::string(s.issues[static_cast<std::size_t>(r.split->issue)].id))
                         .add("fractions", party_numbers(s, r.split->fractions))
                         .add("exact", std::move(exact)));
  }
  if (!r.payments.empty()) {
    // docs/cli.md: positive, the party receives; in the parties' currency.
    out.add("payments", party_numbers(s, r.payments));
    out.add("payments_exact", party_numbers_exact(s, r.payments));
    out.add("currency", Value::string(r.currency));
  }
  Value evaluation = evaluation_to_json(s, r.evaluation);
  for (auto& [key, value] : evaluation.mutable_members()) {
    if (key == "properties") {
      Value props = Value::object();
      props.add("pareto_optimal", r.pareto_optimal ? Value::boolean(*r.pareto_optimal) : Value());
      for (auto& member : value.mutable_members()) props.add(member.first, std::move(member.second));
      if (r.envy_free_with_payments) props.add("envy_free_with_payments", Value::boolean(*r.envy_free_with_payments));
      out.add("properties", std::move(props));
    } else if (key != "constraints" && key != "goods") {
      out.add(key, std::move(value));
    }
  }
  // docs/cli.md: a feasible answer has "gap"; null when no bound is known
  // (Value::number gives null for infinity and NaN too).
  if (r.status == SolveStatus::feasible) out.add("gap", r.gap ? Value::number(*r.gap) : Value());
  add_alternating(s, r, out);
  add_robust(s, r, out);
  out.add("explanation", strings(r.explanation));
  if (r.frontier_size > 0) out.add("frontier_size", Value::integer(static_cast<long long>(r.frontier_size)));
  out.add("engine", Value::string(r.engine));
  if (!r.note.empty() && r.status == SolveStatus::feasible) out.add("note", Value::string(r.note));
  out.add("verified", strings(r.verified));
  out.add("seconds", Value::number(r.seconds));
  return out;
}

Value to_json(const Scenario& s, const FrontierResponse& r, std::size_t shown) {
  if (r.status == FrontierStatus::time_limit) {
    return Value::object().add("status", Value::string("time_limit")).add("note", Value::string(r.note));
  }
  if (shown == 0 || shown > r.points.size()) shown = r.points.size();
  shown = std::min(shown, r.with_outcomes);  // every point listed carries its outcome
  auto point_json = [&](std::size_t k) {
    const FrontierPoint& point = r.points[k];
    Value item = Value::object()
                     .add("utilities", party_numbers(s, point.utilities))
                     .add("utilities_exact", party_numbers_exact(s, point.utilities));
    item.add("outcome", point.outcome ? outcome_to_json(s, *point.outcome) : Value());
    return item;
  };
  Value parties = Value::array();
  for (const Party& p : s.parties) parties.push(Value::string(p.id));
  Value list = Value::array();
  for (std::size_t k = 0; k < shown; ++k) list.push(point_json(k));
  Value out = Value::object();
  out.add("parties", std::move(parties));
  out.add("count", Value::integer(static_cast<long long>(r.points.size())));
  if (shown < r.points.size()) out.add("shown", Value::integer(static_cast<long long>(shown)));
  if (r.engine != "frontier") {
    out.add("engine", Value::string(r.engine));
    out.add("complete", Value::boolean(r.status == FrontierStatus::complete));
    if (r.status != FrontierStatus::complete) out.add("note", Value::string(r.note));
  } else if (!r.note.empty()) {
    out.add("note", Value::string(r.note));  // outcomes given for fewer points than asked
  }
  out.add("points", std::move(list));
  out.add("nash", r.nash ? point_json(*r.nash) : Value());
  out.add("ks", r.ks ? point_json(*r.ks) : Value());
  out.add("egalitarian", r.egalitarian ? point_json(*r.egalitarian) : Value());
  if (r.status_quo) {
    out.add("status_quo", Value::object()
                              .add("utilities", party_numbers(s, *r.status_quo))
                              .add("utilities_exact", party_numbers_exact(s, *r.status_quo)));
  }
  out.add("verified", strings(r.verified));
  out.add("seconds", Value::number(r.seconds));
  return out;
}

// An improvement on an evaluated outcome (docs/cli.md, "What beats this").
static Value improvement_to_json(const Scenario& s, const std::optional<OutcomeImprovement>& imp) {
  if (!imp) return Value();
  Value changes = Value::array();
  for (int i : imp->changes) changes.push(Value::string(s.issues[static_cast<std::size_t>(i)].id));
  return Value::object()
      .add("outcome", outcome_to_json(s, imp->outcome))
      .add("utilities", party_numbers(s, imp->utilities))
      .add("utilities_exact", party_numbers_exact(s, imp->utilities))
      .add("gains_over_evaluated", party_numbers(s, imp->gains))
      .add("gains_over_evaluated_exact", party_numbers_exact(s, imp->gains))
      .add("changes", std::move(changes))
      .add("proved", Value::boolean(imp->proved));
}

Value to_json(const Scenario& s, const EvaluateResponse& r) {
  Value out = Value::object();
  Value evaluation = evaluation_to_json(s, r.evaluation);
  for (auto& [key, value] : evaluation.mutable_members()) {
    if (key == "properties") {
      // pareto_optimal first, as solve writes it; null: not settled.
      Value props = Value::object();
      props.add("pareto_optimal", r.pareto_optimal ? Value::boolean(*r.pareto_optimal) : Value());
      for (auto& member : value.mutable_members()) props.add(member.first, std::move(member.second));
      out.add("properties", std::move(props));
    } else {
      out.add(key, std::move(value));
    }
  }
  // Present unless the outcome is Pareto optimal; null when none is known.
  if (r.pareto_optimal != true) {
    out.add("improvement", improvement_to_json(s, r.improvement));
    out.add("closest_improvement", improvement_to_json(s, r.closest_improvement));
  }
  if (!r.improvement_note.empty()) out.add("improvement_note", Value::string(r.improvement_note));
  if (!r.explanation.empty()) out.add("explanation", strings(r.explanation));
  out.add("verified", strings(r.verified));
  return out;
}

Value to_json(const Scenario& s, const CompareResponse& r) {
  Value outcomes = Value::array();
  for (const EvaluateResponse& e : r.outcomes) outcomes.push(to_json(s, e));
  Value dominates = Value::array();
  for (const auto& [i, j] : r.dominates) {
    dominates.push(Value::array()
                       .push(Value::integer(static_cast<long long>(i)))
                       .push(Value::integer(static_cast<long long>(j))));
  }
  return Value::object()
      .add("outcomes", std::move(outcomes))
      .add("dominates", std::move(dominates))
      .add("verified", strings(r.verified))
      .add("seconds", Value::number(r.seconds));
}

Value to_json(const Scenario& s, const DelayResponse& r) {
  // Numbers as JSON numbers (the exact values beside them as strings), as solve writes utilities.
  Value real = Value::array();
  for (const CostOfDelay& c : r.real) {
    Value cost = Value::object();
    cost.add("what", Value::string(c.what)).add("per_period", Value::number(c.per_period.to_double()));
    if (!c.source.empty()) cost.add("source", Value::string(c.source));
    real.push(std::move(cost));
  }
  auto period_or_null = [](const std::optional<std::int64_t>& t) {
    return t ? Value::integer(static_cast<long long>(*t)) : Value();
  };
  Value out = Value::object();
  out.add("period", Value::string(std::string(period_name(r.period))))
      .add("per_period", Value::object()
                             .add("utility", party_numbers(s, r.delay_cost))
                             .add("utility_exact", party_numbers_exact(s, r.delay_cost))
                             .add("reservation_drift", party_numbers(s, r.reservation_drift))
                             .add("reservation_drift_exact", party_numbers_exact(s, r.reservation_drift))
                             .add("real", std::move(real)))
      .add("horizon", Value::integer(static_cast<long long>(r.horizon)))
      .add("zone_closes_after", period_or_null(r.zone_closes_after));
  if (!r.zone_settled) {
    out.add("zone_settled", Value::boolean(false))
        .add("zone_open_through", Value::integer(static_cast<long long>(r.zone_open_through)));
  }
  out.add("outcome", r.outcome ? outcome_to_json(s, *r.outcome) : Value())
      .add("durable_for", period_or_null(r.durable_for))
      .add("binding", r.binding ? Value::string(s.parties[static_cast<std::size_t>(*r.binding)].id) : Value());
  if (r.outcome) {
    out.add("outcome_from", Value::string(r.outcome_given ? "given" : "nash"))
        .add("utilities", party_numbers(s, r.utilities))
        .add("utilities_exact", party_numbers_exact(s, r.utilities))
        .add("shift_per_period", party_numbers(s, r.shift))
        .add("shift_per_period_exact", party_numbers_exact(s, r.shift));
  } else if (!r.outcome_given) {
    out.add("nash_status", Value::string(std::string(status_name(r.nash_status))));
  }
  out.add("zone_engine", Value::string(r.zone_engine)).add("explanation", strings(r.explanation));
  if (!r.note.empty()) out.add("note", Value::string(r.note));
  out.add("verified", strings(r.verified)).add("seconds", Value::number(r.seconds));
  return out;
}

Value to_json(const ScenarioSummary& summary, const Scenario& s) {
  Value doc = Value::object();
  doc.add("valid", Value::boolean(true))
      .add("parties", Value::integer(static_cast<long long>(summary.parties)))
      .add("issues", Value::integer(static_cast<long long>(summary.issues)))
      .add("outcomes", Value::string(summary.outcomes))
      .add("outcomes_log10", Value::number(summary.outcomes_log10))
      .add("open_outcomes", Value::string(summary.open_outcomes))
      .add("agreed", Value::integer(static_cast<long long>(summary.agreed)))
      .add("rules", Value::integer(static_cast<long long>(summary.rules)))
      .add("red_lines", Value::integer(static_cast<long long>(summary.red_lines)));
  if (summary.outcomes_exact) doc.add("outcomes_exact", Value::string(*summary.outcomes_exact));
  Value missing = Value::array();
  for (int p : summary.parties_without_preferences) {
    missing.push(Value::string(s.parties[static_cast<std::size_t>(p)].id));
  }
  doc.add("parties_without_preferences", std::move(missing));
  return doc;
}

Value import_to_json(const Imported& im, const ScenarioSummary& summary, const std::string& output,
                     const std::string& format) {
  Value parties = Value::array();
  for (const ImportedParty& p : im.parties) {
    parties.push(Value::object()
                     .add("id", Value::string(p.id))
                     .add("source", Value::string(p.source))
                     .add("weight_sum", Value::number(p.weight_sum.to_double()))
                     .add("weight_sum_exact", Value::string(p.weight_sum.str()))
                     .add("reservation", Value::number(p.reservation.to_double()))
                     .add("reservation_exact", Value::string(p.reservation.str()))
                     .add("genius_cap_binds", Value::boolean(p.cap_binds)));
  }
  Value doc = Value::object();
  doc.add("output", Value::string(output))
      .add("format", Value::string(format))
      .add("parties", std::move(parties))
      .add("issues", Value::integer(static_cast<long long>(summary.issues)))
      .add("outcomes", Value::string(summary.outcomes));
  if (summary.outcomes_exact) doc.add("outcomes_exact", Value::string(*summary.outcomes_exact));
  doc.add("notes", strings(im.notes));
  return doc;
}

Value failure_to_json(const Failure& f) {
  if (f.kind == FailureKind::invalid_input) {
    Value errors = Value::array();
    for (const Diagnostic& d : f.diagnostics) {
      Value e = Value::object();
      // A problem in another file (a GeoJSON map) names that file.
      if (!d.source.empty()) e.add("file", Value::string(d.source));
      errors.push(std::move(e.add("pointer", Value::string(d.pointer)).add("message", Value::string(d.message))));
    }
    return Value::object().add("status", Value::string("invalid")).add("errors", std::move(errors));
  }
  std::string message;
  for (const Diagnostic& d : f.diagnostics) {
    message += (message.empty() ? "" : "; ") + (d.pointer.empty() ? "" : d.pointer + ": ") + d.message;
  }
  // The file the failure is about ("cannot open the file: no such file"
  // means little without it); none for the command line itself.
  Value out = Value::object().add("status", Value::string("error"));
  const std::string& file = f.source.empty() && !f.diagnostics.empty() ? f.diagnostics.front().source : f.source;
  if (!file.empty()) out.add("file", Value::string(file));
  return out.add("message", Value::string(message));
}

namespace {

Value party_id(const Scenario& s, int p) { return Value::string(s.parties[static_cast<std::size_t>(p)].id); }

Value item_id_or_null(const Scenario& s, int i) {
  return i < 0 ? Value() : Value::string(s.issues[static_cast<std::size_t>(i)].id);
}

Value number(const Rational& r) { return Value::number(r.to_double()); }

}  // namespace

Value evaluation_to_json(const Scenario& s, const Evaluation& e) {
  Value out = Value::object();
  out.add("utilities", party_numbers(s, e.utilities));
  out.add("utilities_exact", party_numbers_exact(s, e.utilities));
  out.add("gains", party_numbers(s, e.gains));
  out.add("gains_exact", party_numbers_exact(s, e.gains));

  const GoodsReport& g = e.goods;
  auto goods_flag = [&](bool b) { return g.applicable ? Value::boolean(b) : Value(); };
  Value props = Value::object();
  props.add("feasible", Value::boolean(e.feasible));
  props.add("individually_rational", Value::boolean(e.individually_rational));
  props.add("envy_free", goods_flag(g.envy_free));
  props.add("ef1", goods_flag(g.ef1));
  props.add("efx", goods_flag(g.efx));
  props.add("proportional", goods_flag(g.proportional));
  props.add("equitable", goods_flag(g.equitable));
  // Maximin share: null when there are no goods or the exact search ran out of budget.
  props.add("mms", g.mms_known() ? Value::boolean(g.mms) : Value());
  out.add("properties", std::move(props));

  Value witnesses = Value::object();
  if (!e.feasible) {
    Value failed = Value::array();
    for (const ConstraintCheck& c : e.constraints) {
      if (!c.holds) failed.push(Value::object()
                                    .add("pointer", Value::string(c.pointer))
                                    .add("description", Value::string(c.description))
                                    .add("detail", Value::string(c.detail)));
    }
    witnesses.add("feasible", std::move(failed));
  }
  if (!e.individually_rational) {
    Value below = Value::array();
    for (std::size_t p = 0; p < e.gains.size(); ++p) {
      if (e.gains[p].sign() >= 0) continue;
      below.push(Value::object()
                     .add("party", party_id(s, static_cast<int>(p)))
                     .add("utility", number(e.utilities[p]))
                     .add("reservation", number(e.utilities[p] - e.gains[p]))
                     .add("short_by", number(-e.gains[p])));
    }
    witnesses.add("individually_rational", std::move(below));
  }
  if (g.envy) {
    witnesses.add("envy_free", Value::object()
                                   .add("envier", party_id(s, g.envy->envier))
                                   .add("envied", party_id(s, g.envy->envied))
                                   .add("by", number(g.envy->by))
                                   .add("by_exact", Value::string(g.envy->by.str()))
                                   .add("removable", item_id_or_null(s, g.envy->removable)));
  }
  auto removal = [&](const RemovalWitness& w) {
    return Value::object()
        .add("envier", party_id(s, w.envier))
        .add("envied", party_id(s, w.envied))
        .add("item", item_id_or_null(s, w.item))
        .add("remaining", number(w.remaining))
        .add("remaining_exact", Value::string(w.remaining.str()));
  };
  if (g.ef1_failure) witnesses.add("ef1", removal(*g.ef1_failure));
  if (g.efx_failure) witnesses.add("efx", removal(*g.efx_failure));
  if (g.proportionality_failure) {
    const auto& w = *g.proportionality_failure;
    witnesses.add("proportional", Value::object()
                                      .add("party", party_id(s, w.party))
                                      .add("value", number(w.value))
                                      .add("fair_share", number(w.fair_share))
                                      .add("short_by", number(w.fair_share - w.value)));
  }
  if (g.equitability_failure) {
    const auto& w = *g.equitability_failure;
    witnesses.add("equitable", Value::object()
                                   .add("most", party_id(s, w.most))
                                   .add("most_relative", number(w.most_relative))
                                   .add("least", party_id(s, w.least))
                                   .add("least_relative", number(w.least_relative)));
  }
  if (g.mms_failure) {
    const auto& w = *g.mms_failure;
    witnesses.add("mms", Value::object()
                             .add("party", party_id(s, w.party))
                             .add("fraction", number(w.fraction))
                             .add("fraction_exact", Value::string(w.fraction.str()))
                             .add("value", number(w.value))
                             .add("mms", number(w.mms)));
  }
  out.add("witnesses", std::move(witnesses));

  Value constraints = Value::array();
  for (const ConstraintCheck& c : e.constraints) {
    static const char* kinds[] = {"rule", "red_line", "agreed"};
    Value item = Value::object();
    item.add("kind", Value::string(kinds[static_cast<int>(c.kind)]));
    if (c.party >= 0) item.add("party", party_id(s, c.party));
    item.add("index", Value::integer(c.index));
    item.add("pointer", Value::string(c.pointer));
    item.add("description", Value::string(c.description));
    item.add("holds", Value::boolean(c.holds));
    if (!c.holds) item.add("detail", Value::string(c.detail));
    constraints.push(std::move(item));
  }
  out.add("constraints", std::move(constraints));

  if (g.applicable) {
    Value goods = Value::object();
    Value matrix = Value::object();
    for (std::size_t p = 0; p < s.parties.size(); ++p) matrix.add(s.parties[p].id, party_numbers(s, g.bundle_values[p]));
    goods.add("bundle_values", std::move(matrix));
    goods.add("goods_utility", party_numbers(s, g.goods_utility));
    goods.add("goods_total", party_numbers(s, g.goods_total));
    if (g.mms_known()) {
      // Each party's maximin share and the fraction of it its bundle is worth
      // to it (null for a party whose maximin share is 0).
      goods.add("mms_values", party_numbers(s, g.mms_values));
      goods.add("mms_values_exact", party_numbers_exact(s, g.mms_values));
      Value fractions = Value::object();
      for (std::size_t p = 0; p < s.parties.size(); ++p) {
        fractions.add(s.parties[p].id, g.mms_fractions[p] ? number(*g.mms_fractions[p]) : Value());
      }
      goods.add("mms_fractions", std::move(fractions));
    }
    out.add("goods", std::move(goods));
  }
  return out;
}

}  // namespace parley

namespace parley {

namespace {

json::Value pair_list(const std::vector<std::pair<int, int>>& pairs) {
  json::Value out = json::Value::array();
  for (const auto& [i, j] : pairs) out.push(json::Value::array().push(json::Value::integer(i)).push(json::Value::integer(j)));
  return out;
}

}  // namespace

json::Value to_json(const Scenario& s, const ElicitResponse& r) {
  using json::Value;
  Value weights = Value::object(), exact = Value::object();
  for (std::size_t t = 0; t < s.issues.size(); ++t) {
    weights.add(s.issues[t].id, Value::number(r.weights[t].to_double()));
    exact.add(s.issues[t].id, Value::string(r.weights[t].str()));
  }
  Value utilities = Value::array(), utilities_exact = Value::array();
  for (const Rational& u : r.utilities) {
    utilities.push(Value::number(u.to_double()));
    utilities_exact.push(Value::string(u.str()));
  }
  Value out = Value::object();
  out.add("party", Value::string(s.parties[static_cast<std::size_t>(r.party)].id))
      .add("weights", std::move(weights))
      .add("inconsistent", pair_list(r.inconsistent))
      .add("weights_exact", std::move(exact))
      .add("preferences", preferences_to_json(s, r.preferences))
      .add("reproduced", Value::boolean(r.reproduced))
      .add("margin", r.margin ? Value::number(r.margin->to_double()) : Value())
      .add("margin_exact", r.margin ? Value::string(r.margin->str()) : Value())
      .add("utilities", std::move(utilities))
      .add("utilities_exact", std::move(utilities_exact))
      .add("inconsistent_ties", pair_list(r.inconsistent_ties))
      .add("misordered", pair_list(r.misordered))
      .add("unequal_ties", pair_list(r.unequal_ties));
  Value unvaried = Value::array();
  for (int t : r.unvaried) unvaried.push(Value::string(s.issues[static_cast<std::size_t>(t)].id));
  out.add("unvaried", std::move(unvaried)).add("explanation", strings(r.explanation));
  if (!r.note.empty()) out.add("note", Value::string(r.note));
  out.add("verified", strings(r.verified));
  return out;
}

}  // namespace parley
