// `parley sensitivity --json`: the contract's keys first, the details after.
#include "parley/io/sensitivity_json.h"

#include "parley/io/scenario_writer.h"

namespace parley {

namespace {

using json::Value;

Value strings(const std::vector<std::string>& list) {
  Value out = Value::array();
  for (const std::string& x : list) out.push(Value::string(x));
  return out;
}

Value number_or_null(const std::optional<Rational>& x) { return x ? Value::number(*x) : Value(); }
Value exact_or_null(const std::optional<Rational>& x) { return x ? Value::string(x->str()) : Value(); }

Value interval(const Scenario& s, const StabilityInterval& iv) {
  Value out = Value::object();
  out.add("party", Value::string(s.parties[static_cast<std::size_t>(iv.party)].id));
  if (iv.issue >= 0) {
    out.add("issue", Value::string(s.issues[static_cast<std::size_t>(iv.issue)].id)).add("weight", Value::number(iv.given));
  } else {
    out.add("reservation", Value::number(iv.given));
  }
  out.add("low", number_or_null(iv.low_shown))
      .add("high", number_or_null(iv.high_shown))
      .add("low_exact", exact_or_null(iv.low))
      .add("high_exact", exact_or_null(iv.high));
  if (iv.low) out.add("low_included", Value::boolean(iv.low_closed)).add("low_is_range_end", Value::boolean(iv.low_at_range));
  if (iv.high) {
    out.add("high_included", Value::boolean(iv.high_closed)).add("high_is_range_end", Value::boolean(iv.high_at_range));
  }
  out.add("range", Value::array().push(Value::number(iv.range_low)).push(Value::number(iv.range_high)));
  if (!iv.note.empty()) out.add("note", Value::string(iv.note));
  return out;
}

}  // namespace

Value to_json(const Scenario& s, const SensitivityResponse& r) {
  Value weights = Value::array(), reservations = Value::array(), answers = Value::array();
  for (const StabilityInterval& iv : r.weights) weights.push(interval(s, iv));
  for (const StabilityInterval& iv : r.reservations) reservations.push(interval(s, iv));
  for (const SampledAnswer& a : r.answers) {
    answers.push(Value::object()
                     .add("outcome", a.outcome ? outcome_to_json(s, *a.outcome) : Value())
                     .add("share", Value::number(a.share))
                     .add("count", Value::integer(static_cast<long long>(a.count))));
  }
  Value out = Value::object();
  out.add("method", Value::string(std::string(method_name(r.method))))
      .add("status", Value::string(std::string(status_name(r.status))))
      .add("outcome", r.outcome ? outcome_to_json(s, *r.outcome) : Value())
      .add("weights", std::move(weights))
      .add("reservations", std::move(reservations))
      .add("samples", Value::object()
                          .add("count", Value::integer(static_cast<long long>(r.samples_drawn)))
                          .add("same_answer", Value::number(r.same_answer))
                          .add("answers", std::move(answers))
                          .add("requested", Value::integer(static_cast<long long>(r.samples_requested)))
                          .add("spread", Value::number(r.spread))
                          .add("seed", Value::integer(static_cast<long long>(r.seed))));
  if (!r.utilities.empty()) out.add("utilities", party_numbers(s, r.utilities));
  out.add("engine", Value::string(r.engine));
  if (!r.note.empty()) out.add("note", Value::string(r.note));
  out.add("explanation", strings(r.explanation));
  out.add("verified", strings(r.verified));
  out.add("seconds", Value::number(r.seconds));
  return out;
}

}  // namespace parley
