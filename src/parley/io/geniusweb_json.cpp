// Importing GeniusWeb JSON: LinearAdditiveUtilitySpace profiles, with the
// domain embedded or in a file of its own (genius_import.h).
#include <algorithm>
#include <optional>
#include <unordered_map>

#include "parley/io/genius_import.h"
#include "parley/io/genius_import_internal.h"
#include "parley/io/messages.h"

namespace parley {

namespace {

using json::Value;
using namespace io_internal;

struct WebIssue {
  std::string name;
  bool number = false;
  std::vector<std::string> values;  // discrete
  std::unordered_map<std::string, std::size_t> position;  // discrete: value -> its place in `values`
  Rational low, high, step, last;   // number: grid low, low + step, ..., last <= high
};

struct WebDomain {
  std::string name;
  std::vector<WebIssue> issues;
  std::unordered_map<std::string, std::size_t> by_name;  // issue name -> its place in `issues`
  std::string pointer;  // where it was read

  const WebIssue* find(const std::string& issue) const {
    auto at = by_name.find(issue);
    return at == by_name.end() ? nullptr : &issues[at->second];
  }
};

class JsonFile {
 public:
  explicit JsonFile(std::string source) { problems.source = std::move(source); }

  void error(std::string pointer, std::string message) { problems.add(std::move(pointer), std::move(message)); }

  const Value* object(const Value& v, const std::string& ptr, std::string_view what) {
    if (v.is_object()) return &v;
    error(ptr, "expected " + std::string(what) + " (a JSON object), found " + std::string(json::type_name(v.type())));
    return nullptr;
  }

  const Value* member(const Value& v, const std::string& ptr, std::string_view key, std::string_view what) {
    const Value* m = v.find(key);
    if (!m) error(ptr, std::string(what) + " needs \"" + std::string(key) + "\"");
    return m;
  }

  std::optional<Rational> number(const Value& v, const std::string& ptr) {
    if (!v.is_number()) {
      error(ptr, "expected a number, found " + std::string(json::type_name(v.type())));
      return std::nullopt;
    }
    std::string why;
    auto r = Rational::parse(v.text(), &why);
    if (!r) error(ptr, why);
    return r;
  }

  std::optional<Rational> unit_number(const Value& v, const std::string& ptr, std::string_view what) {
    auto r = number(v, ptr);
    if (r && (r->sign() < 0 || *r > 1)) {
      error(ptr, std::string(what) + " " + num(*r) + " is outside [0, 1] (GeniusWeb requires utilities in [0, 1])");
      return std::nullopt;
    }
    return r;
  }

  void only_keys(const Value& v, const std::string& ptr, const std::vector<std::string>& allowed,
                 std::string_view what) {
    for (UnknownKey& u : unknown_keys(v, ptr, allowed, what, suggester_)) {
      error(std::move(u.pointer), std::move(u.message));
    }
  }

  Problems problems;

 private:
  Suggester suggester_;
};

std::optional<WebDomain> read_web_domain(JsonFile& f, const Value& v, const std::string& ptr) {
  const Value* d = f.object(v, ptr, "a GeniusWeb domain {\"name\", \"issuesValues\"}");
  if (!d) return std::nullopt;
  f.only_keys(*d, ptr, {"name", "issuesValues"}, "a GeniusWeb domain");
  WebDomain domain;
  domain.pointer = ptr;
  if (const Value* n = d->find("name"); n && n->is_string()) domain.name = n->text();
  const Value* iv = f.member(*d, ptr, "issuesValues", "a GeniusWeb domain");
  if (!iv) return std::nullopt;
  const std::string ivp = json::pointer_join(ptr, "issuesValues");
  if (!f.object(*iv, ivp, "\"issuesValues\": issue name to its values")) return std::nullopt;
  for (const auto& [name, set] : iv->members()) {
    const std::string p = json::pointer_join(ivp, name);
    WebIssue issue;
    issue.name = name;
    if (!f.object(set, p, "{\"values\": [...]} or {\"range\": {\"low\", \"high\", \"step\"}}")) continue;
    if (const Value* values = set.find("values")) {
      f.only_keys(set, p, {"values"}, "a discrete value set");
      const std::string vp = json::pointer_join(p, "values");
      if (!values->is_array()) {
        f.error(vp, "expected an array of value names");
        continue;
      }
      const std::size_t count = values->items().size();
      if (count > kMaxValues) f.error(json::pointer_join(vp, kMaxValues), too_many_values(name));
      bool ok = count <= kMaxValues;
      for (std::size_t k = 0; k < count && k < kMaxValues; ++k) {
        const Value& item = values->items()[k];
        if (!item.is_string() || item.text().empty()) {
          f.error(json::pointer_join(vp, k), "expected a non-empty value name (a string)");
          ok = false;
        } else if (!issue.position.emplace(item.text(), issue.values.size()).second) {
          f.error(json::pointer_join(vp, k), "duplicate value " + shown(item.text()));
          ok = false;
        } else {
          issue.values.push_back(item.text());
        }
      }
      if (issue.values.size() < 2 && ok) {
        f.error(vp, "issue " + shown(name) + " has " + std::to_string(issue.values.size()) +
                        " value(s); a parley choice needs at least 2");
      }
    } else if (const Value* range = set.find("range")) {
      f.only_keys(set, p, {"range"}, "a number value set");
      const std::string rp = json::pointer_join(p, "range");
      if (!f.object(*range, rp, "a range {\"low\", \"high\", \"step\"}")) continue;
      f.only_keys(*range, rp, {"low", "high", "step"}, "a range");
      const Value* lo = f.member(*range, rp, "low", "a range");
      const Value* hi = f.member(*range, rp, "high", "a range");
      const Value* st = f.member(*range, rp, "step", "a range");
      if (!lo || !hi || !st) continue;
      auto low = f.number(*lo, json::pointer_join(rp, "low"));
      auto high = f.number(*hi, json::pointer_join(rp, "high"));
      auto step = f.number(*st, json::pointer_join(rp, "step"));
      if (!low || !high || !step) continue;
      if (step->sign() <= 0) {
        f.error(json::pointer_join(rp, "step"), "step " + num(*step) + " must be greater than 0");
        continue;
      }
      if (*high < *low) {
        f.error(json::pointer_join(rp, "high"), "high " + num(*high) + " is below low " + num(*low));
        continue;
      }
      issue.number = true;
      issue.low = *low;
      issue.high = *high;
      issue.step = *step;
      issue.last = *low + ((*high - *low) / *step).floor() * *step;  // the range's values: low + k*step <= high
    } else {
      f.error(p, "a value set needs \"values\" (discrete) or \"range\" (numbers)");
      continue;
    }
    domain.by_name.emplace(issue.name, domain.issues.size());
    domain.issues.push_back(std::move(issue));
  }
  if (iv->members().empty()) f.error(ivp, "the domain has no issues");
  if (f.problems.any()) return std::nullopt;
  return domain;
}

bool same_domain(const WebDomain& a, const WebDomain& b) {
  if (a.issues.size() != b.issues.size()) return false;
  for (const WebIssue& x : a.issues) {
    const WebIssue* y = b.find(x.name);
    if (!y || x.number != y->number) return false;
    if (x.number && (x.low != y->low || x.high != y->high || x.step != y->step)) return false;
    if (!x.number && x.values.size() != y->values.size()) return false;
    for (const std::string& v : x.values) {  // the same values, in any order (both are free of duplicates)
      if (!y->position.count(v)) return false;
    }
  }
  return true;
}

struct WebProfile {
  std::string name;
  Preferences prefs;  // in the domain's issue order
  Rational weight_sum;
  bool has_reservation_bid = false;
  std::optional<WebDomain> embedded;
};

// value of issue i for one outcome value, exactly.
Rational web_number_utility(const IssuePreference& ip, const Rational& x) {
  if (ip.curve.size() == 1) return ip.curve[0].second;
  const auto& [x0, y0] = ip.curve.front();
  const auto& [x1, y1] = ip.curve.back();
  return y0 + (y1 - y0) * (x - x0) / (x1 - x0);
}

// `reference`: the domain already known (from --domain or an earlier profile),
// whose issue and value order the preferences follow; nullptr for the first.
std::optional<WebProfile> read_web_profile(JsonFile& f, const Value& doc, const WebDomain* reference,
                                           const std::string& reference_source) {
  if (!doc.is_object()) {
    f.error("", "expected a GeniusWeb profile {\"LinearAdditiveUtilitySpace\": {...}}, found " +
                    std::string(json::type_name(doc.type())));
    return std::nullopt;
  }
  if (doc.find("issuesValues")) {
    f.error("", "this is a GeniusWeb domain, not a profile; pass it with --domain");
    return std::nullopt;
  }
  const Value* las = doc.find("LinearAdditiveUtilitySpace");
  if (!las || doc.members().size() != 1) {
    std::string kind = doc.members().empty() ? std::string("an empty object") : shown(doc.members()[0].first);
    f.error(doc.members().empty() ? "" : json::pointer_join("", doc.members()[0].first),
            "expected a LinearAdditiveUtilitySpace profile, found " + kind +
                "; parley imports linear additive spaces only, because other GeniusWeb profiles (sums of "
                "groups, partial orderings) cannot be represented exactly as weighted sums of per-issue values");
    return std::nullopt;
  }
  const std::string lp = "/LinearAdditiveUtilitySpace";
  if (!f.object(*las, lp, "a LinearAdditiveUtilitySpace")) return std::nullopt;
  f.only_keys(*las, lp, {"name", "domain", "issueUtilities", "issueWeights", "reservationBid"},
              "a LinearAdditiveUtilitySpace");
  WebProfile out;
  if (const Value* n = las->find("name"); n && n->is_string()) out.name = n->text();
  if (const Value* d = las->find("domain")) out.embedded = read_web_domain(f, *d, json::pointer_join(lp, "domain"));
  if (f.problems.any()) return std::nullopt;
  if (reference && out.embedded && !same_domain(*reference, *out.embedded)) {
    f.error(json::pointer_join(lp, "domain"), "the embedded domain differs from the domain in " + reference_source +
                                                  "; all profiles must share one domain");
    return std::nullopt;
  }
  const WebDomain* domain = reference ? reference : (out.embedded ? &*out.embedded : nullptr);
  if (!domain) {
    f.error(lp, "the profile does not embed its domain (\"domain\"); give the domain file with --domain");
    return std::nullopt;
  }
  const Value* utils = f.member(*las, lp, "issueUtilities", "a LinearAdditiveUtilitySpace");
  const Value* weights = f.member(*las, lp, "issueWeights", "a LinearAdditiveUtilitySpace");
  if (!utils || !weights) return std::nullopt;
  const std::string up = json::pointer_join(lp, "issueUtilities");
  const std::string wp = json::pointer_join(lp, "issueWeights");
  if (!f.object(*utils, up, "\"issueUtilities\"") || !f.object(*weights, wp, "\"issueWeights\"")) return std::nullopt;

  auto issue_at = [&](const std::string& name) -> int {
    auto at = domain->by_name.find(name);
    return at == domain->by_name.end() ? -1 : static_cast<int>(at->second);
  };
  out.prefs.issues.resize(domain->issues.size());
  std::vector<bool> has_util(domain->issues.size(), false), has_weight(domain->issues.size(), false);
  for (const auto& [name, w] : weights->members()) {
    const std::string p = json::pointer_join(wp, name);
    int i = issue_at(name);
    if (i < 0) {
      f.error(p, "a weight for " + shown(name) + ", which is not an issue of the domain; the profile does not match "
                 "the domain");
      continue;
    }
    has_weight[static_cast<std::size_t>(i)] = true;  // present: a wrong weight is wrong, not also missing
    auto x = f.number(w, p);
    if (!x) continue;
    if (x->sign() < 0) {
      f.error(p, "weight " + num(*x) + " is negative; weights must be 0 or more");
      continue;
    }
    out.prefs.issues[static_cast<std::size_t>(i)].weight = *x;
  }
  for (const auto& [name, u] : utils->members()) {
    const std::string p = json::pointer_join(up, name);
    int i = issue_at(name);
    if (i < 0) {
      f.error(p, "utilities for " + shown(name) + ", which is not an issue of the domain; the profile does not match "
                 "the domain");
      continue;
    }
    const WebIssue& issue = domain->issues[static_cast<std::size_t>(i)];
    IssuePreference& ip = out.prefs.issues[static_cast<std::size_t>(i)];
    has_util[static_cast<std::size_t>(i)] = true;  // present: wrong utilities are wrong, not also missing
    if (!u.is_object() || u.members().size() != 1) {
      f.error(p, "expected one of {\"discreteutils\": {...}} or {\"numberutils\": {...}} (or the class names "
                 "DiscreteValueSetUtilities / NumberValueSetUtilities)");
      continue;
    }
    const auto& [kind, body] = u.members()[0];
    const std::string kp = json::pointer_join(p, kind);
    const bool discrete = kind == "discreteutils" || kind == "DiscreteValueSetUtilities";
    const bool number = kind == "numberutils" || kind == "NumberValueSetUtilities";
    if (!discrete && !number) {
      f.error(kp, "unknown value-set utilities " + shown(kind) + "; GeniusWeb has discreteutils "
                  "(DiscreteValueSetUtilities) and numberutils (NumberValueSetUtilities)");
      continue;
    }
    if (discrete != !issue.number) {
      f.error(kp, std::string(discrete ? "discrete" : "number") + " utilities for " + shown(name) + ", which is a " +
                      (issue.number ? "number" : "discrete") + " issue in the domain; the profile does not match "
                      "the domain");
      continue;
    }
    if (!f.object(body, kp, "the utilities")) continue;
    if (discrete) {
      f.only_keys(body, kp, {"valueUtilities"}, "discrete utilities");
      const Value* vu = f.member(body, kp, "valueUtilities", "discrete utilities");
      if (!vu) continue;
      const std::string vp = json::pointer_join(kp, "valueUtilities");
      if (!f.object(*vu, vp, "\"valueUtilities\": value to utility")) continue;
      ip.option_values.assign(issue.values.size(), Rational(0));
      std::vector<bool> given(issue.values.size(), false);
      for (const auto& [value, x] : vu->members()) {
        const std::string xp = json::pointer_join(vp, value);
        auto at = issue.position.find(value);
        if (at == issue.position.end()) {
          f.error(xp, "value " + shown(value) + " is not a value of " + shown(name) +
                          " in the domain; the profile does not match the domain");
          continue;
        }
        const std::size_t o = at->second;
        given[o] = true;  // present: a wrong utility is reported as wrong, not also as missing
        auto y = f.unit_number(x, xp, "utility");
        if (!y) continue;
        ip.option_values[o] = *y;
      }
      for (std::size_t o = 0; o < issue.values.size(); ++o) {
        if (!given[o]) {
          f.error(vp, "value " + shown(issue.values[o]) + " of the domain has no utility (GeniusWeb requires one for "
                      "every value); the profile does not match the domain");
        }
      }
    } else {
      f.only_keys(body, kp, {"lowValue", "lowUtility", "highValue", "highUtility"}, "number utilities");
      std::optional<Rational> got[4];
      const char* keys[4] = {"lowValue", "lowUtility", "highValue", "highUtility"};
      for (int k = 0; k < 4; ++k) {
        if (const Value* x = f.member(body, kp, keys[k], "number utilities")) {
          const std::string xp = json::pointer_join(kp, keys[k]);
          got[k] = (k % 2 == 1) ? f.unit_number(*x, xp, keys[k]) : f.number(*x, xp);
        }
      }
      if (!got[0] || !got[1] || !got[2] || !got[3]) continue;
      // NumberValueSetUtilities.isFitting: the utilities span exactly the domain's range.
      if (*got[0] != issue.low) {
        f.error(json::pointer_join(kp, "lowValue"), "lowValue " + num(*got[0]) + " is not the low end " +
                                                        num(issue.low) + " of the domain's range (GeniusWeb rejects "
                                                        "such a profile)");
        continue;
      }
      if (*got[2] != issue.high) {
        f.error(json::pointer_join(kp, "highValue"), "highValue " + num(*got[2]) + " is not the high end " +
                                                         num(issue.high) + " of the domain's range (GeniusWeb "
                                                         "rejects such a profile)");
        continue;
      }
      if (!(*got[2] > *got[0])) {
        f.error(json::pointer_join(kp, "highValue"), "highValue must be above lowValue");
        continue;
      }
      // Linear between (low, lowUtility) and (high, highUtility), written at the grid's ends.
      ip.curve = {{*got[0], *got[1]}, {*got[2], *got[3]}};
      const Rational at_last = web_number_utility(ip, issue.last);
      ip.curve = {{issue.low, *got[1]}};
      if (issue.last != issue.low) ip.curve.emplace_back(issue.last, at_last);
    }
  }
  for (std::size_t i = 0; i < domain->issues.size(); ++i) {
    const std::string& name = domain->issues[i].name;
    if (!has_weight[i]) f.error(wp, "issue " + shown(name) + " has no weight; the profile does not match the domain");
    if (!has_util[i]) f.error(up, "issue " + shown(name) + " has no utilities; the profile does not match the domain");
  }
  if (f.problems.any()) return std::nullopt;
  for (const IssuePreference& ip : out.prefs.issues) out.weight_sum += ip.weight;
  if (out.weight_sum.is_zero()) {
    f.error(wp, "all weights are 0: every bid is worth 0 to this party, and parley's weights must have a positive sum");
    return std::nullopt;
  }

  // The reservation bid's utility, exactly; issues it leaves out count 0, as in GeniusWeb.
  Rational reservation;
  if (const Value* rb = las->find("reservationBid"); rb && !rb->is_null()) {
    const std::string rp = json::pointer_join(lp, "reservationBid");
    if (!f.object(*rb, rp, "a bid {\"issuevalues\": {...}}")) return std::nullopt;
    f.only_keys(*rb, rp, {"issuevalues"}, "a bid");
    const Value* values = f.member(*rb, rp, "issuevalues", "a bid");
    if (!values || !f.object(*values, json::pointer_join(rp, "issuevalues"), "\"issuevalues\"")) return std::nullopt;
    for (const auto& [name, v] : values->members()) {
      const std::string p = json::pointer_join(json::pointer_join(rp, "issuevalues"), name);
      int i = issue_at(name);
      if (i < 0) {
        f.error(p, shown(name) + " is not an issue of the domain");
        continue;
      }
      const WebIssue& issue = domain->issues[static_cast<std::size_t>(i)];
      const IssuePreference& ip = out.prefs.issues[static_cast<std::size_t>(i)];
      if (!issue.number) {
        auto at = v.is_string() ? issue.position.find(v.text()) : issue.position.end();
        if (at == issue.position.end()) {
          std::string allowed;
          for (std::size_t k = 0; k < issue.values.size() && k < 10; ++k) allowed += (k ? ", " : "") + shown(issue.values[k]);
          if (issue.values.size() > 10) allowed += ", ...";
          f.error(p, (v.is_string() ? shown(v.text()) + " is not a value of " + shown(name)
                                    : "expected a value of " + shown(name) + " (a string)") +
                         "; its values: " + allowed);
          continue;
        }
        reservation += ip.weight * ip.option_values[at->second];
      } else {
        auto x = f.number(v, p);
        if (!x) continue;
        if (*x < issue.low || *x > issue.last || !((*x - issue.low) / issue.step).is_integer()) {
          f.error(p, num(*x) + " is not a value of " + shown(name) + " (" + num(issue.low) + " to " + num(issue.last) +
                         " in steps of " + num(issue.step) + ")");
          continue;
        }
        reservation += ip.weight * web_number_utility(ip, *x);
      }
    }
    out.has_reservation_bid = true;
  }
  if (f.problems.any()) return std::nullopt;
  out.prefs.reservation = reservation / out.weight_sum;
  return out;
}

}  // namespace

Result<Imported> import_geniusweb(const std::vector<std::string>& profile_paths, const std::string& domain_path) {
  if (auto count = profile_count(profile_paths, domain_path)) return *count;
  std::optional<WebDomain> given;
  if (!domain_path.empty()) {
    Result<Value> doc = json::parse_file(domain_path);
    if (!doc) return doc.failure();
    JsonFile f(domain_path);
    const Value& root = doc.value();
    if (root.is_object() && root.find("LinearAdditiveUtilitySpace")) {
      f.error("", "this is a GeniusWeb profile, not a domain; give profiles as arguments and the domain with --domain");
      return f.problems.failure();
    }
    given = read_web_domain(f, root, "");
    if (!given) return f.problems.failure();
  }
  std::vector<std::string> raw_ids;
  if (auto clash = party_ids(profile_paths, raw_ids)) return *clash;

  std::vector<WebProfile> profiles;
  std::optional<WebDomain> domain = given;
  std::string domain_source = domain_path;
  for (const std::string& path : profile_paths) {
    Result<Value> doc = json::parse_file(path);
    if (!doc) return doc.failure();
    JsonFile f(path);
    auto profile = read_web_profile(f, doc.value(), domain ? &*domain : nullptr, domain_source);
    if (!profile) return f.problems.failure();
    if (!domain) {
      domain = profile->embedded;
      domain_source = path;
    }
    profiles.push_back(std::move(*profile));
  }

  Imported imported;
  Scenario& s = imported.scenario;
  IdSet ids;
  for (const WebIssue& wi : domain->issues) {
    Issue is;
    is.id = ids.claim(genius_id(wi.name, "issue_"));
    is.name = wi.name;
    if (wi.number) {
      is.kind = IssueKind::number;
      is.min = wi.low;
      is.max = wi.last;
      is.step = wi.step;
      if (wi.last != wi.high) {
        is.meta = compact(meta_object().add("geniusweb_range_high", Value::number(wi.high)));
      }
    } else {
      is.kind = IssueKind::choice;
      is.options = wi.values;
    }
    s.issues.push_back(std::move(is));
  }
  for (std::size_t p = 0; p < profiles.size(); ++p) {
    WebProfile& w = profiles[p];
    Preferences prefs = std::move(w.prefs);
    Party party;
    party.id = ids.claim(raw_ids[p]);
    party.name = w.name.empty() ? file_stem(profile_paths[p]) : w.name;
    Value meta = meta_object();
    meta.add("source", Value::string(file_name(profile_paths[p]))).add("weight_sum", Value::number(w.weight_sum));
    if (w.has_reservation_bid) meta.add("reservation_from_bid", Value::boolean(true));
    prefs.meta = compact(meta_object().add("geniusweb", std::move(meta)));
    imported.parties.push_back({party.id, profile_paths[p], w.weight_sum, prefs.reservation, false});
    if (w.weight_sum != 1) {
      imported.notes.push_back("the weights of " + party.id + " sum to " + num(w.weight_sum) +
                               ", not 1 as GeniusWeb requires; parley divides them by that sum");
    }
    s.parties.push_back(std::move(party));
    s.preferences.emplace_back(std::move(prefs));
  }
  s.title = domain->name.empty() ? "GeniusWeb domain" : domain->name;
  s.description = "Imported from GeniusWeb profiles by parley import geniusweb.";
  Value files = Value::array();
  for (const std::string& p : profile_paths) files.push(Value::string(file_name(p)));
  Value source = meta_object();
  source.add("format", Value::string("geniusweb"))
      .add("semantics", Value::string("GeniusWeb LinearAdditiveUtilitySpace"));
  if (!domain_path.empty()) source.add("domain", Value::string(file_name(domain_path)));
  source.add("profiles", std::move(files));
  s.meta = compact(meta_object().add("imported_from", std::move(source)));
  return finish(std::move(imported), profile_paths.empty() ? domain_path : profile_paths.front());
}

}  // namespace parley
