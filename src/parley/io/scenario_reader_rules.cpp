// The scenario reader's rules and the conditions they and red lines are
// made of (scenario_reader_internal.h).
#include <algorithm>
#include <set>
#include <utility>

#include "parley/io/scenario_reader_internal.h"
#include "parley/model/outcome_space.h"

namespace parley::io_internal {

// -------------------------------------------------------------- conditions ---

std::optional<Condition> Reader::read_condition(const Value& v, const std::string& ptr) {
  if (!expect(v, Type::object, ptr,
              "a condition object such as {\"issue\": \"r1\", \"owner\": \"a\"} or {\"all\": [...]}")) {
    return std::nullopt;
  }
  static const std::vector<std::string> forms{"issue", "all", "any", "not"};
  std::vector<std::string> present;
  for (const std::string& f : forms) {
    if (v.find(f)) present.push_back(f);
  }
  if (present.empty()) {
    check_keys(v, ptr, {"issue", "owner", "in", "min", "max", "party", "all", "any", "not", "meta"}, "a condition");
    error(ptr, "a condition needs \"issue\" (with \"owner\", \"in\", \"min\"/\"max\" or \"party\"), or one of "
               "\"all\", \"any\", \"not\"");
    return std::nullopt;
  }
  if (present.size() > 1) {
    std::string forms_text;
    for (std::size_t k = 0; k < present.size(); ++k) {
      forms_text += (k == 0 ? "" : (k + 1 == present.size() ? " and " : ", ")) + quote(present[k]);
    }
    error(ptr, "a condition has exactly one form, but this one has " + forms_text +
                   "; write one condition per object and combine them with {\"all\": [...]}, {\"any\": [...]} "
                   "or {\"not\": ...}");
    return std::nullopt;
  }
  const std::string& form = present.front();
  if (form == "issue") return read_leaf(v, ptr);

  check_keys(v, ptr, {form, "meta"}, "a \"" + form + "\" condition");
  Condition c;
  if (const Value* m = v.find("meta")) c.meta = meta_text(*m);
  const Value& body = *v.find(form);
  std::string bp = pointer_join(ptr, form);
  bool ok = true;
  if (form == "not") {
    c.kind = Condition::Kind::negation;
    auto child = read_condition(body, bp);
    if (!child) return std::nullopt;
    c.children.push_back(std::move(*child));
    return c;
  }
  c.kind = form == "all" ? Condition::Kind::all : Condition::Kind::any;
  if (!expect(body, Type::array, bp, "an array of conditions")) return std::nullopt;
  if (body.items().empty()) {
    error(bp, "needs at least 1 condition, found 0");
    return std::nullopt;
  }
  for (std::size_t k = 0; k < body.items().size(); ++k) {
    auto child = read_condition(body.items()[k], pointer_join(bp, k));
    if (!child) {
      ok = false;
      continue;
    }
    c.children.push_back(std::move(*child));
  }
  if (!ok) return std::nullopt;
  return c;
}

std::optional<Condition> Reader::read_leaf(const Value& v, const std::string& ptr) {
  check_keys(v, ptr, {"issue", "owner", "in", "min", "max", "party", "meta"}, "a condition");
  Condition c;
  if (const Value* m = v.find("meta")) c.meta = meta_text(*m);
  std::string ip = pointer_join(ptr, "issue");
  int issue = issue_ref(*v.find("issue"), ip);
  if (issue < 0) return std::nullopt;
  c.issue = issue;
  const Issue& is = s_.issues[static_cast<std::size_t>(issue)];
  const Value* owner = v.find("owner");
  const Value* in = v.find("in");
  const Value* lo = v.find("min");
  const Value* hi = v.find("max");
  const Value* party = v.find("party");

  // The test a condition makes depends on the issue's kind.
  auto not_for = [&](const Value* key, std::string_view name, std::string_view use) {
    if (!key) return true;
    error(pointer_join(ptr, name), "\"" + std::string(name) + "\" does not apply to " + quote(is.id) +
                                       ", an issue of kind " + std::string(kind_name(is.kind)) + "; " +
                                       std::string(use));
    return false;
  };
  bool ok = true;
  switch (is.kind) {
    case IssueKind::item:
    case IssueKind::region: {
      const char* use = "test who holds it with \"owner\"";
      ok = not_for(in, "in", use) & not_for(lo, "min", use) & not_for(hi, "max", use) & not_for(party, "party", use);
      // A key that does not apply was reported with the right one to use.
      if (!owner) {
        if (ok) error(pointer_join(ptr, "owner"), "missing \"owner\": a condition on " + quote(is.id) +
                                              " names who holds it, such as \"owner\": \"a\"");
        return std::nullopt;
      }
      std::string op = pointer_join(ptr, "owner");
      c.kind = Condition::Kind::owner;
      if (owner->is_array()) {
        if (owner->items().empty()) {
          error(op, "needs at least 1 holder, found 0");
          return std::nullopt;
        }
        for (std::size_t k = 0; k < owner->items().size(); ++k) {
          auto h = holder_ref(owner->items()[k], pointer_join(op, k), issue);
          if (!h) {
            ok = false;
          } else if (std::find(c.owners.begin(), c.owners.end(), *h) != c.owners.end()) {
            error(pointer_join(op, k), "duplicate holder " + quote(s_.holder_id(*h)));
            ok = false;
          } else {
            c.owners.push_back(*h);
          }
        }
      } else if (auto h = holder_ref(*owner, op, issue)) {
        c.owners.push_back(*h);
      } else {
        ok = false;
      }
      break;
    }
    case IssueKind::choice: {
      const char* use = "test its option with \"in\"";
      ok = not_for(owner, "owner", use) & not_for(lo, "min", use) & not_for(hi, "max", use) &
           not_for(party, "party", use);
      if (!in) {
        if (ok) error(pointer_join(ptr, "in"), "missing \"in\": a condition on " + quote(is.id) +
                                           " lists options, such as \"in\": [\"" + is.options.front() + "\"]");
        return std::nullopt;
      }
      std::string np = pointer_join(ptr, "in");
      c.kind = Condition::Kind::in;
      if (!expect(*in, Type::array, np, "an array of options")) return std::nullopt;
      if (in->items().empty()) {
        error(np, "needs at least 1 option, found 0");
        return std::nullopt;
      }
      std::vector<char> listed(is.options.size(), 0);
      for (std::size_t k = 0; k < in->items().size(); ++k) {
        auto o = option_ref(in->items()[k], pointer_join(np, k), issue);
        if (!o) {
          ok = false;
        } else if (std::exchange(listed[static_cast<std::size_t>(*o)], 1)) {
          error(pointer_join(np, k), "duplicate option " + quote_short(is.options[static_cast<std::size_t>(*o)]));
          ok = false;
        } else {
          c.options.push_back(*o);
        }
      }
      break;
    }
    case IssueKind::number:
    case IssueKind::share: {
      bool share = is.kind == IssueKind::share;
      const char* use = share ? "test a party's fraction with \"party\" and \"min\"/\"max\""
                              : "test its value with \"min\"/\"max\"";
      ok = not_for(owner, "owner", use) & not_for(in, "in", use);
      if (!share) ok = ok & not_for(party, "party", use);
      c.kind = share ? Condition::Kind::party_share : Condition::Kind::range;
      if (share) {
        if (!party) {
          error(pointer_join(ptr, "party"), "missing \"party\": a condition on the share " + quote(is.id) +
                                                " tests one party's fraction, such as {\"issue\": \"" + is.id +
                                                "\", \"party\": \"a\", \"min\": 0.3}");
          return std::nullopt;
        }
        c.party = party_ref(*party, pointer_join(ptr, "party"));
        ok = ok && c.party >= 0;
      }
      if (!lo && !hi) {
        if (ok) error(ptr, "a condition on " + quote(is.id) + " needs \"min\", \"max\" or both");
        return std::nullopt;
      }
      if (lo) {
        c.min = share ? unit_value(*lo, pointer_join(ptr, "min")) : number(*lo, pointer_join(ptr, "min"));
        ok = ok && c.min;
      }
      if (hi) {
        c.max = share ? unit_value(*hi, pointer_join(ptr, "max")) : number(*hi, pointer_join(ptr, "max"));
        ok = ok && c.max;
      }
      if (!ok) return std::nullopt;
      if (c.min && c.max && *c.min > *c.max) {
        error(ptr, "min " + num(*c.min) + " is greater than max " + num(*c.max) + ", so this can never hold");
        return std::nullopt;
      }
      // Unreachable: no point of the grid in the range.
      Issue grid = is;
      if (share) {
        grid.min = 0;
        grid.max = 1;
      }
      Rational first = c.min ? grid_ceil(grid, *c.min) : grid.min;
      if ((c.min && first < *c.min) || (c.max && first > *c.max)) {
        std::string range = c.min && c.max ? "in [" + num(*c.min) + ", " + num(*c.max) + "]"
                                           : (c.min ? ">= " + num(*c.min) : "<= " + num(*c.max));
        error(ptr, share ? "no fraction of " + quote(is.id) + " (0 to 1 in steps of " + num(is.step) + ") is " +
                               range + ", so this can never hold"
                         : "no value of " + quote(is.id) + " (" + grid_text(is) + ") is " + range +
                               ", so this can never hold");
        return std::nullopt;
      }
      break;
    }
  }
  if (!ok) return std::nullopt;
  return c;
}

std::optional<Condition> Reader::read_top_condition(const Value& v, const std::string& ptr, std::string_view role) {
  auto c = read_condition(v, ptr);
  if (!c) return std::nullopt;
  if (can_never_hold(*c)) {
    error(ptr, std::string(role) + " can never hold: no outcome of " + [&] {
      std::vector<std::string> ids;
      for (int i : condition_issues(*c)) ids.push_back(s_.issues[static_cast<std::size_t>(i)].id);
      return list_text(ids);
    }() + " satisfies " + shortened(describe(s_, *c)));
    return std::nullopt;
  }
  return c;
}

// ------------------------------------------------------------------ rules ---

std::vector<int> Reader::holding_list(const Value& v, const std::string& ptr, std::size_t min_count) {
  std::vector<int> out;
  if (!expect(v, Type::array, ptr, "an array of item or region ids")) return {};
  if (v.items().size() < min_count) {
    error(ptr, "needs at least " + std::to_string(min_count) + " issues, found " + std::to_string(v.items().size()));
    return {};
  }
  bool ok = true;
  std::set<int> listed;
  for (std::size_t k = 0; k < v.items().size(); ++k) {
    std::string p = pointer_join(ptr, k);
    int i = issue_ref(v.items()[k], p);
    if (i < 0 || !kind_is(i, {IssueKind::item, IssueKind::region}, p, "each issue here")) {
      ok = false;
      continue;
    }
    if (!listed.insert(i).second) {
      error(p, "issue " + quote(s_.issues[static_cast<std::size_t>(i)].id) + " is listed twice");
      ok = false;
      continue;
    }
    out.push_back(i);
  }
  return ok ? out : std::vector<int>{};
}

void Reader::read_rules(const Value& v, const std::string& ptr) {
  if (!expect(v, Type::array, ptr, "an array of rules")) return;
  for (std::size_t k = 0; k < v.items().size(); ++k) {
    if (auto r = read_rule(v.items()[k], pointer_join(ptr, k))) s_.rules.push_back(std::move(*r));
  }
}

std::optional<Rule> Reader::read_rule(const Value& v, const std::string& ptr) {
  if (!expect(v, Type::object, ptr, "a rule object such as {\"rule\": \"contiguous\"}")) return std::nullopt;
  static const std::vector<std::string> kinds{"contiguous", "same_owner", "implies", "require", "count"};
  const Value* kind = require(v, ptr, "rule", "a rule (contiguous, same_owner, implies, require or count)");
  if (!kind) return std::nullopt;
  std::string kp = pointer_join(ptr, "rule");
  auto name = string(*kind, kp);
  if (!name) return std::nullopt;
  auto it = std::find(kinds.begin(), kinds.end(), *name);
  if (it == kinds.end()) {
    error(kp, "unknown rule " + quote_short(*name) + suggest(*name, kinds, "rules"));
    return std::nullopt;
  }
  Rule rule;
  rule.kind = static_cast<Rule::Kind>(it - kinds.begin());
  if (const Value* m = v.find("meta")) rule.meta = meta_text(*m);
  const std::string what = (*name == "implies" ? "an " : "a ") + *name + " rule";
  bool ok = true;
  switch (rule.kind) {
    case Rule::Kind::contiguous: {
      check_keys(v, ptr, {"rule", "parties", "anchors", "meta"}, what);
      if (!has_regions_) {
        has_regions_ = std::any_of(s_.issues.begin(), s_.issues.end(),
                                   [](const Issue& is) { return is.kind == IssueKind::region; });
      }
      if (!*has_regions_) {
        error(ptr, "a contiguous rule is about regions on a map, and this scenario has no region issues");
        return std::nullopt;
      }
      if (const Value* ps = v.find("parties")) {
        std::string pp = pointer_join(ptr, "parties");
        if (!expect(*ps, Type::array, pp, "an array of party ids")) return std::nullopt;
        if (ps->items().empty()) {
          error(pp, "needs at least 1 party, found 0 (leave \"parties\" out to cover every party)");
          return std::nullopt;
        }
        for (std::size_t k = 0; k < ps->items().size(); ++k) {
          std::string p = pointer_join(pp, k);
          int party = party_ref(ps->items()[k], p);
          if (party < 0) {
            ok = false;
          } else if (std::find(rule.parties.begin(), rule.parties.end(), party) != rule.parties.end()) {
            error(p, "party " + quote(s_.parties[static_cast<std::size_t>(party)].id) + " is listed twice");
            ok = false;
          } else {
            rule.parties.push_back(party);
          }
        }
      }
      if (const Value* an = v.find("anchors")) {
        std::string ap = pointer_join(ptr, "anchors");
        if (!expect(*an, Type::object, ap, "an object from party id to region id")) return std::nullopt;
        for (const auto& [key, region] : an->members()) {
          std::string p = pointer_join(ap, key);
          int party = party_ref(Value::string(key), p);
          int r = issue_ref(region, p);
          if (party < 0 || r < 0 || !kind_is(r, {IssueKind::region}, p, "an anchor")) {
            ok = false;
            continue;
          }
          if (!rule.parties.empty() &&
              std::find(rule.parties.begin(), rule.parties.end(), party) == rule.parties.end()) {
            error(p, "party " + quote_short(key) + " has an anchor but is not among this rule's \"parties\"");
            ok = false;
            continue;
          }
          for (const auto& [other, other_region] : rule.anchors) {
            if (other_region == r) {
              error(p, "region " + quote(s_.issues[static_cast<std::size_t>(r)].id) + " is already the anchor of " +
                           quote(s_.parties[static_cast<std::size_t>(other)].id) +
                           "; two parties cannot both hold it, so this rule could never hold");
              ok = false;
            }
          }
          rule.anchors.emplace_back(party, r);
        }
      }
      break;
    }
    case Rule::Kind::same_owner: {
      check_keys(v, ptr, {"rule", "issues", "meta"}, what);
      const Value* is = require(v, ptr, "issues", what);
      if (!is) return std::nullopt;
      rule.issues = holding_list(*is, pointer_join(ptr, "issues"), 2);
      ok = !rule.issues.empty();
      break;
    }
    case Rule::Kind::implies: {
      check_keys(v, ptr, {"rule", "if", "then", "meta"}, what);
      const Value* cond = require(v, ptr, "if", what);
      const Value* then = require(v, ptr, "then", what);
      if (!cond || !then) return std::nullopt;
      auto c = read_top_condition(*cond, pointer_join(ptr, "if"), "the \"if\" condition");
      auto t = read_condition(*then, pointer_join(ptr, "then"));
      if (!c || !t) return std::nullopt;
      if (can_never_hold(*t)) {
        error(pointer_join(ptr, "then"),
              "the \"then\" condition can never hold: " + shortened(describe(s_, *t)) +
                  "; so this rule only forbids its \"if\"; say that directly with {\"rule\": \"require\", "
                  "\"that\": {\"not\": ...}}");
        return std::nullopt;
      }
      rule.condition = std::move(*c);
      rule.consequence = std::move(*t);
      break;
    }
    case Rule::Kind::require: {
      check_keys(v, ptr, {"rule", "that", "meta"}, what);
      const Value* that = require(v, ptr, "that", what);
      if (!that) return std::nullopt;
      auto c = read_top_condition(*that, pointer_join(ptr, "that"), "this rule");
      if (!c) return std::nullopt;
      rule.condition = std::move(*c);
      break;
    }
    case Rule::Kind::count: {
      check_keys(v, ptr, {"rule", "party", "issues", "min", "max", "meta"}, what);
      const Value* party = require(v, ptr, "party", what);
      const Value* is = require(v, ptr, "issues", what);
      if (!party || !is) return std::nullopt;
      rule.party = party_ref(*party, pointer_join(ptr, "party"));
      rule.issues = holding_list(*is, pointer_join(ptr, "issues"), 1);
      ok = rule.party >= 0 && !rule.issues.empty();
      const Value* lo = v.find("min");
      const Value* hi = v.find("max");
      if (!lo && !hi) {
        error(ptr, "a count rule needs \"min\", \"max\" or both");
        return std::nullopt;
      }
      auto count_bound = [&](const Value* b, const char* key) -> std::optional<std::int64_t> {
        std::string p = pointer_join(ptr, key);
        auto r = number(*b, p);
        if (!r) return std::nullopt;
        if (!r->is_integer() || *r < 0 || *r > Rational(static_cast<std::int64_t>(limits_.max_issues))) {
          error(p, std::string(key) + " must be a whole number of issues from 0 up, found " + num(*r));
          return std::nullopt;
        }
        return r->small_numerator();
      };
      if (lo) {
        rule.min = count_bound(lo, "min");
        ok = ok && rule.min;
      }
      if (hi) {
        rule.max = count_bound(hi, "max");
        ok = ok && rule.max;
      }
      if (!ok) return std::nullopt;
      if (rule.min && rule.max && *rule.min > *rule.max) {
        error(ptr, "min " + std::to_string(*rule.min) + " is greater than max " + std::to_string(*rule.max) +
                       ", so this rule could never hold");
        return std::nullopt;
      }
      if (rule.min && *rule.min > static_cast<std::int64_t>(rule.issues.size())) {
        error(pointer_join(ptr, "min"), "min " + std::to_string(*rule.min) + " is more than the " +
                                            std::to_string(rule.issues.size()) +
                                            " issues listed, so this rule could never hold");
        return std::nullopt;
      }
      break;
    }
  }
  if (!ok) return std::nullopt;
  return rule;
}

}  // namespace parley::io_internal
