#include "parley/io/response_json.h"

#include "parley/io/scenario_writer.h"

namespace parley {

using json::Value;

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
