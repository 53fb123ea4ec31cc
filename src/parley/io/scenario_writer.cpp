#include "parley/io/scenario_writer.h"

namespace parley {

namespace {

using json::Value;

Value meta_value(const std::string& text) {
  auto parsed = json::parse(text, "meta");
  return parsed ? std::move(parsed).value() : Value::string(text);
}

Value condition_to_json(const Scenario& s, const Condition& c) {
  Value out = Value::object();
  auto issue_id = [&] { return Value::string(s.issues[static_cast<std::size_t>(c.issue)].id); };
  switch (c.kind) {
    case Condition::Kind::owner: {
      out.add("issue", issue_id());
      if (c.owners.size() == 1) {
        out.add("owner", Value::string(s.holder_id(c.owners[0])));
      } else {
        Value owners = Value::array();
        for (Holder h : c.owners) owners.push(Value::string(s.holder_id(h)));
        out.add("owner", std::move(owners));
      }
      break;
    }
    case Condition::Kind::in: {
      out.add("issue", issue_id());
      Value in = Value::array();
      for (int o : c.options) {
        in.push(Value::string(s.issues[static_cast<std::size_t>(c.issue)].options[static_cast<std::size_t>(o)]));
      }
      out.add("in", std::move(in));
      break;
    }
    case Condition::Kind::range:
    case Condition::Kind::party_share:
      out.add("issue", issue_id());
      if (c.kind == Condition::Kind::party_share) {
        out.add("party", Value::string(s.parties[static_cast<std::size_t>(c.party)].id));
      }
      if (c.min) out.add("min", Value::number(*c.min));
      if (c.max) out.add("max", Value::number(*c.max));
      break;
    case Condition::Kind::all:
    case Condition::Kind::any: {
      Value children = Value::array();
      for (const Condition& child : c.children) children.push(condition_to_json(s, child));
      out.add(c.kind == Condition::Kind::all ? "all" : "any", std::move(children));
      break;
    }
    case Condition::Kind::negation: out.add("not", condition_to_json(s, c.children.front())); break;
  }
  if (!c.meta.empty()) out.add("meta", meta_value(c.meta));
  return out;
}

// An inline map's features as a GeoJSON FeatureCollection: each feature's
// id under the map's region_key and its geometry, which is all parley keeps
// of a feature (other properties are not kept). Coordinates are written as the
// shortest decimals that read back to the same doubles, so reading the result
// gives the same features, labels and borders.
Value feature_collection(const Map& map) {
  Value features = Value::array();
  for (const MapFeature& f : map.features) {
    Value polygons = Value::array();
    for (const MapPolygon& polygon : f.polygons) {
      Value rings = Value::array();
      for (const MapRing& ring : polygon) {
        Value points = Value::array();
        for (const MapPoint& p : ring) {
          Value position = Value::array();
          position.push(Value::number(p.x)).push(Value::number(p.y));
          points.push(std::move(position));
        }
        rings.push(std::move(points));
      }
      polygons.push(std::move(rings));
    }
    // One polygon reads back the same as a Polygon or a one-polygon MultiPolygon.
    const bool one = polygons.items().size() == 1;
    Value geometry = Value::object();
    geometry.add("type", Value::string(one ? "Polygon" : "MultiPolygon"))
        .add("coordinates", one ? std::move(polygons.mutable_items().front()) : std::move(polygons));
    Value properties = Value::object();
    properties.add(map.region_key, Value::string(f.id));
    Value feature = Value::object();
    feature.add("type", Value::string("Feature")).add("properties", std::move(properties)).add("geometry", std::move(geometry));
    features.push(std::move(feature));
  }
  Value collection = Value::object();
  collection.add("type", Value::string("FeatureCollection")).add("features", std::move(features));
  return collection;
}

Value id_array(const Scenario& s, const std::vector<int>& issues) {
  Value out = Value::array();
  for (int i : issues) out.push(Value::string(s.issues[static_cast<std::size_t>(i)].id));
  return out;
}

Value rule_to_json(const Scenario& s, const Rule& r) {
  Value out = Value::object();
  out.add("rule", Value::string(std::string(rule_name(r.kind))));
  switch (r.kind) {
    case Rule::Kind::contiguous:
      if (!r.parties.empty()) {
        Value parties = Value::array();
        for (int p : r.parties) parties.push(Value::string(s.parties[static_cast<std::size_t>(p)].id));
        out.add("parties", std::move(parties));
      }
      if (!r.anchors.empty()) {
        Value anchors = Value::object();
        for (const auto& [p, region] : r.anchors) {
          anchors.add(s.parties[static_cast<std::size_t>(p)].id,
                      Value::string(s.issues[static_cast<std::size_t>(region)].id));
        }
        out.add("anchors", std::move(anchors));
      }
      break;
    case Rule::Kind::same_owner: out.add("issues", id_array(s, r.issues)); break;
    case Rule::Kind::implies:
      out.add("if", condition_to_json(s, r.condition));
      out.add("then", condition_to_json(s, r.consequence));
      break;
    case Rule::Kind::require: out.add("that", condition_to_json(s, r.condition)); break;
    case Rule::Kind::count:
      out.add("party", Value::string(s.parties[static_cast<std::size_t>(r.party)].id));
      out.add("issues", id_array(s, r.issues));
      if (r.min) out.add("min", Value::integer(*r.min));
      if (r.max) out.add("max", Value::integer(*r.max));
      break;
  }
  if (!r.meta.empty()) out.add("meta", meta_value(r.meta));
  return out;
}

Value preferences_json(const Scenario& s, const Preferences& p) {
  Value out = Value::object();
  Value weights = Value::object();
  Value values = Value::object();
  const HolderValues defaults;
  for (std::size_t i = 0; i < s.issues.size(); ++i) {
    const Issue& is = s.issues[i];
    const IssuePreference& ip = p.issues[i];
    if (!ip.weight.is_zero()) weights.add(is.id, Value::number(ip.weight));
    switch (is.kind) {
      case IssueKind::item:
      case IssueKind::region: {
        Value v = Value::object();
        if (ip.holder.own != defaults.own) v.add("own", Value::number(ip.holder.own));
        if (ip.holder.joint != defaults.joint) v.add("joint", Value::number(ip.holder.joint));
        if (ip.holder.neutral != defaults.neutral) v.add("neutral", Value::number(ip.holder.neutral));
        if (ip.holder.other != defaults.other) v.add("other", Value::number(ip.holder.other));
        if (!v.members().empty()) values.add(is.id, std::move(v));
        break;
      }
      case IssueKind::share: break;
      case IssueKind::choice: {
        Value v = Value::object();
        for (std::size_t o = 0; o < is.options.size(); ++o) {
          if (!ip.option_values[o].is_zero()) v.add(is.options[o], Value::number(ip.option_values[o]));
        }
        if (!v.members().empty()) values.add(is.id, std::move(v));
        break;
      }
      case IssueKind::number: {
        if (ip.curve.empty()) break;
        Value v = Value::array();
        for (const auto& [x, y] : ip.curve) {
          Value point = Value::array();
          point.push(Value::number(x)).push(Value::number(y));
          v.push(std::move(point));
        }
        values.add(is.id, std::move(v));
        break;
      }
    }
  }
  out.add("weights", std::move(weights));
  if (!values.members().empty()) out.add("values", std::move(values));
  if (p.reservation_is_status_quo) {
    out.add("reservation", Value::string("status_quo"));
  } else if (!p.reservation.is_zero()) {
    out.add("reservation", Value::number(p.reservation));
  }
  if (!p.red_lines.empty()) {
    Value lines = Value::array();
    for (const Condition& c : p.red_lines) lines.push(condition_to_json(s, c));
    out.add("red_lines", std::move(lines));
  }
  if (!p.delay_cost.is_zero()) out.add("delay_cost", Value::number(p.delay_cost));
  if (!p.reservation_drift.is_zero()) out.add("reservation_drift", Value::number(p.reservation_drift));
  if (!p.currency.empty()) out.add("currency", Value::string(p.currency));
  if (!p.meta.empty()) out.add("meta", meta_value(p.meta));
  return out;
}

Value dynamics_to_json(const Scenario& s, const Dynamics& d) {
  Value out = Value::object();
  if (!d.costs_of_delay.empty()) {
    Value costs = Value::array();
    for (const CostOfDelay& c : d.costs_of_delay) {
      Value cost = Value::object();
      cost.add("what", Value::string(c.what)).add("per_period", Value::number(c.per_period));
      if (!c.source.empty()) cost.add("source", Value::string(c.source));
      if (!c.meta.empty()) cost.add("meta", meta_value(c.meta));
      costs.push(std::move(cost));
    }
    out.add("costs_of_delay", std::move(costs));
  }
  if (!d.shifts.empty()) {
    Value shifts = Value::array();
    for (const Shift& sh : d.shifts) {
      Value shift = Value::object();
      shift.add("when", condition_to_json(s, sh.when))
          .add("party", Value::string(s.parties[static_cast<std::size_t>(sh.party)].id))
          .add("reservation_per_period", Value::number(sh.reservation_per_period));
      if (!sh.meta.empty()) shift.add("meta", meta_value(sh.meta));
      shifts.push(std::move(shift));
    }
    out.add("shifts", std::move(shifts));
  }
  if (!d.meta.empty()) out.add("meta", meta_value(d.meta));
  return out;
}

}  // namespace

Value preferences_to_json(const Scenario& s, const Preferences& p) { return preferences_json(s, p); }

Value issue_value_to_json(const Scenario& s, int issue, const IssueValue& v) {
  const Issue& is = s.issues[static_cast<std::size_t>(issue)];
  switch (is.kind) {
    case IssueKind::item:
    case IssueKind::region: return Value::string(s.holder_id(v.holder));
    case IssueKind::share: {
      Value out = Value::object();
      for (std::size_t p = 0; p < s.parties.size(); ++p) out.add(s.parties[p].id, Value::number(v.shares[p]));
      return out;
    }
    case IssueKind::choice: return Value::string(is.options[static_cast<std::size_t>(v.option)]);
    case IssueKind::number: return Value::number(v.number);
  }
  return {};
}

Value outcome_to_json(const Scenario& s, const Outcome& o) {
  Value out = Value::object();
  for (std::size_t i = 0; i < s.issues.size(); ++i) {
    out.add(s.issues[i].id, issue_value_to_json(s, static_cast<int>(i), o[i]));
  }
  return out;
}

Value partial_outcome_to_json(const Scenario& s, const PartialOutcome& o) {
  Value out = Value::object();
  for (std::size_t i = 0; i < s.issues.size(); ++i) {
    if (o[i]) out.add(s.issues[i].id, issue_value_to_json(s, static_cast<int>(i), *o[i]));
  }
  return out;
}

Value scenario_to_json(const Scenario& s) {
  Value out = Value::object();
  out.add("parley", Value::integer(1));
  if (!s.title.empty()) out.add("title", Value::string(s.title));
  if (!s.description.empty()) out.add("description", Value::string(s.description));
  if (s.period != Period::round) out.add("period", Value::string(std::string(period_name(s.period))));

  Value parties = Value::array();
  for (const Party& p : s.parties) {
    Value party = Value::object();
    party.add("id", Value::string(p.id));
    if (!p.name.empty()) party.add("name", Value::string(p.name));
    if (!p.meta.empty()) party.add("meta", meta_value(p.meta));
    parties.push(std::move(party));
  }
  out.add("parties", std::move(parties));

  Value issues = Value::array();
  for (const Issue& is : s.issues) {
    Value issue = Value::object();
    issue.add("id", Value::string(is.id));
    issue.add("kind", Value::string(std::string(kind_name(is.kind))));
    if (!is.name.empty()) issue.add("name", Value::string(is.name));
    if (!is.description.empty()) issue.add("description", Value::string(is.description));
    switch (is.kind) {
      case IssueKind::item:
      case IssueKind::region:
        if (is.joint) issue.add("joint", Value::boolean(true));
        if (is.neutral) issue.add("neutral", Value::boolean(true));
        break;
      case IssueKind::share:
        if (is.step != Rational(1, 100)) issue.add("step", Value::number(is.step));
        break;
      case IssueKind::choice: {
        Value options = Value::array();
        for (const std::string& o : is.options) options.push(Value::string(o));
        issue.add("options", std::move(options));
        break;
      }
      case IssueKind::number:
        issue.add("min", Value::number(is.min));
        issue.add("max", Value::number(is.max));
        issue.add("step", Value::number(is.step));
        if (!is.unit.empty()) issue.add("unit", Value::string(is.unit));
        break;
    }
    if (!is.meta.empty()) issue.add("meta", meta_value(is.meta));
    issues.push(std::move(issue));
  }
  out.add("issues", std::move(issues));

  if (s.map) {
    Value map = Value::object();
    const bool geojson = !s.map->geojson.empty() || s.map->geojson_inline;
    if (!s.map->geojson.empty()) map.add("geojson", Value::string(s.map->geojson));
    if (s.map->geojson_inline) map.add("geojson_data", feature_collection(*s.map));
    if (!s.map->region_key.empty()) map.add("region_key", Value::string(s.map->region_key));
    Value adjacency = Value::array();
    // With GeoJSON, the borders come from its features: only the links listed
    // beside it are written, not the computed adjacency.
    const auto& links = geojson ? s.map->listed : s.map->adjacency;
    for (const auto& [a, b] : links) {
      Value pair = Value::array();
      pair.push(Value::string(s.issues[static_cast<std::size_t>(a)].id));
      pair.push(Value::string(s.issues[static_cast<std::size_t>(b)].id));
      adjacency.push(std::move(pair));
    }
    if (!geojson) {
      // A region in no link is an island, written alone so that it is on the map.
      std::vector<bool> linked(s.issues.size(), false);
      for (const auto& [a, b] : s.map->adjacency) linked[static_cast<std::size_t>(a)] = linked[static_cast<std::size_t>(b)] = true;
      for (std::size_t i = 0; i < s.issues.size(); ++i) {
        if (s.issues[i].kind != IssueKind::region || linked[i]) continue;
        Value island = Value::array();
        island.push(Value::string(s.issues[i].id));
        adjacency.push(std::move(island));
      }
    }
    if (!adjacency.items().empty() || !geojson) map.add("adjacency", std::move(adjacency));
    if (!s.map->meta.empty()) map.add("meta", meta_value(s.map->meta));
    out.add("map", std::move(map));
  }
  Value status_quo = partial_outcome_to_json(s, s.status_quo);
  if (!status_quo.members().empty()) out.add("status_quo", std::move(status_quo));
  Value agreed = partial_outcome_to_json(s, s.agreed);
  if (!agreed.members().empty()) out.add("agreed", std::move(agreed));
  if (!s.rules.empty()) {
    Value rules = Value::array();
    for (const Rule& r : s.rules) rules.push(rule_to_json(s, r));
    out.add("rules", std::move(rules));
  }
  Value prefs = Value::object();
  for (std::size_t p = 0; p < s.parties.size(); ++p) {
    if (s.preferences[p]) prefs.add(s.parties[p].id, preferences_json(s, *s.preferences[p]));
  }
  if (!prefs.members().empty()) out.add("preferences", std::move(prefs));
  if (!s.dynamics.empty()) out.add("dynamics", dynamics_to_json(s, s.dynamics));
  if (!s.meta.empty()) out.add("meta", meta_value(s.meta));
  return out;
}

std::string write_scenario(const Scenario& s) { return json::write(scenario_to_json(s)) + "\n"; }

Value party_numbers(const Scenario& s, const std::vector<Rational>& values) {
  Value out = Value::object();
  for (std::size_t p = 0; p < values.size(); ++p) out.add(s.parties[p].id, Value::number(values[p].to_double()));
  return out;
}

Value party_numbers_exact(const Scenario& s, const std::vector<Rational>& values) {
  Value out = Value::object();
  for (std::size_t p = 0; p < values.size(); ++p) out.add(s.parties[p].id, Value::string(values[p].str()));
  return out;
}

}  // namespace parley
