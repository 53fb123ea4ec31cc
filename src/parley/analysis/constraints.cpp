#include "parley/analysis/constraints.h"

#include <algorithm>
#include <numeric>

#include "parley/core/text.h"
#include "parley/model/conditions.h"

namespace parley {

namespace {

// Issue and party lists are summarised (core/text.h, first_few): a rule over
// 10,000 regions is described in a line a person reads.
std::string ids(const Scenario& s, const std::vector<int>& issues, std::size_t most = 8) {
  std::vector<std::string> names;
  for (int i : issues) names.push_back(s.issues[static_cast<std::size_t>(i)].id);
  return first_few(names, most);
}

std::string party_list(const Scenario& s, const std::vector<int>& parties) {
  std::vector<std::string> names;
  for (int p : parties) names.push_back(s.parties[static_cast<std::size_t>(p)].id);
  return first_few(names);
}

// A condition that failed, said with the values it saw.
std::string what_was_seen(const Scenario& s, const Condition& c, const Outcome& o) {
  std::string out;
  for (int i : condition_issues(c)) {
    out += (out.empty() ? "" : ", ") + s.issues[static_cast<std::size_t>(i)].id + " is " +
           describe_value(s, i, o[static_cast<std::size_t>(i)]);
  }
  return out;
}

ConstraintCheck check_rule(const Scenario& s, const Rule& r, std::size_t index, const Outcome& o) {
  ConstraintCheck c;
  c.kind = ConstraintCheck::Kind::rule;
  c.index = static_cast<int>(index);
  c.pointer = "/rules/" + std::to_string(index);
  switch (r.kind) {
    case Rule::Kind::contiguous: {
      std::vector<int> parties = r.parties;
      if (parties.empty()) {
        parties.resize(s.parties.size());
        std::iota(parties.begin(), parties.end(), 0);
      }
      c.description = "contiguous: the regions of " + party_list(s, parties) + " each form one connected piece";
      std::vector<std::string> anchors;
      for (const auto& [party, region] : r.anchors) {
        anchors.push_back(s.parties[static_cast<std::size_t>(party)].id + " anchored at " +
                          s.issues[static_cast<std::size_t>(region)].id);
      }
      if (!anchors.empty()) c.description += ", " + first_few(anchors, 4);
      // One problem a party, the first few said: hundreds of parties each in
      // pieces would otherwise make one line of them all.
      std::vector<std::string> problems;
      for (int p : parties) {
        const std::string& pid = s.parties[static_cast<std::size_t>(p)].id;
        for (const auto& [party, region] : r.anchors) {
          if (party == p && o[static_cast<std::size_t>(region)].holder != p) {
            problems.push_back(pid + " does not hold their anchor " + s.issues[static_cast<std::size_t>(region)].id);
          }
        }
        auto pieces = region_pieces(s, o, p);
        if (pieces.size() > 1) {
          std::vector<std::string> shown;  // every piece summarised, the first few listed
          for (const auto& piece : pieces) shown.push_back(ids(s, piece, 5));
          problems.push_back(pid + "'s regions fall into " + std::to_string(pieces.size()) +
                             " separate pieces: " + first_few(shown, 3, " | ", "pieces"));
        }
      }
      c.holds = problems.empty();
      c.detail = first_few(problems, 4, "; ", "problems of this rule");
      break;
    }
    case Rule::Kind::same_owner: {
      c.description = "same_owner: " + ids(s, r.issues) + " go to the same holder";
      Holder first = o[static_cast<std::size_t>(r.issues.front())].holder;
      for (int i : r.issues) {
        if (o[static_cast<std::size_t>(i)].holder != first) {
          c.holds = false;
          c.detail = s.issues[static_cast<std::size_t>(r.issues.front())].id + " is held by " + s.holder_id(first) +
                     " but " + s.issues[static_cast<std::size_t>(i)].id + " by " +
                     s.holder_id(o[static_cast<std::size_t>(i)].holder);
          break;
        }
      }
      break;
    }
    case Rule::Kind::implies:
      c.description = "if " + describe(s, r.condition) + " then " + describe(s, r.consequence);
      if (holds(r.condition, o) && !holds(r.consequence, o)) {
        c.holds = false;
        c.detail = what_was_seen(s, r.condition, o) + ", so " + describe(s, r.consequence) + " is required, but " +
                   what_was_seen(s, r.consequence, o);
      }
      break;
    case Rule::Kind::require:
      c.description = "require " + describe(s, r.condition);
      if (!holds(r.condition, o)) {
        c.holds = false;
        c.detail = what_was_seen(s, r.condition, o);
      }
      break;
    case Rule::Kind::count: {
      const std::string& pid = s.parties[static_cast<std::size_t>(r.party)].id;
      std::int64_t held = 0;
      for (int i : r.issues) held += o[static_cast<std::size_t>(i)].holder == r.party ? 1 : 0;
      std::string bounds = r.min && r.max ? "between " + std::to_string(*r.min) + " and " + std::to_string(*r.max)
                                          : (r.min ? "at least " + std::to_string(*r.min)
                                                   : "at most " + std::to_string(*r.max));
      c.description = "count: " + pid + " holds " + bounds + " of " + ids(s, r.issues);
      if ((r.min && held < *r.min) || (r.max && held > *r.max)) {
        c.holds = false;
        c.detail = pid + " holds " + std::to_string(held);
      }
      break;
    }
  }
  return c;
}

}  // namespace

std::string describe_value(const Scenario& s, int issue, const IssueValue& v) {
  const Issue& is = s.issues[static_cast<std::size_t>(issue)];
  switch (is.kind) {
    case IssueKind::item:
    case IssueKind::region: return s.holder_id(v.holder);
    case IssueKind::share: {
      std::string out;
      for (std::size_t p = 0; p < v.shares.size(); ++p) {
        if (v.shares[p].is_zero()) continue;
        out += (out.empty() ? "" : ", ") + s.parties[p].id + " " + v.shares[p].canonical();
      }
      return out;
    }
    case IssueKind::choice: return is.options[static_cast<std::size_t>(v.option)];
    case IssueKind::number: return v.number.canonical() + (is.unit.empty() ? "" : " " + is.unit);
  }
  return "?";
}

std::vector<std::vector<int>> region_pieces(const Scenario& s, const Outcome& o, int party) {
  const std::size_t n = s.issues.size();
  std::vector<std::vector<int>> neighbours(n);
  if (s.map) {
    for (const auto& [a, b] : s.map->adjacency) {
      neighbours[static_cast<std::size_t>(a)].push_back(b);
      neighbours[static_cast<std::size_t>(b)].push_back(a);
    }
  }
  std::vector<bool> seen(n, false);
  std::vector<std::vector<int>> pieces;
  for (std::size_t start = 0; start < n; ++start) {
    if (s.issues[start].kind != IssueKind::region || o[start].holder != party || seen[start]) continue;
    std::vector<int> piece{static_cast<int>(start)};
    seen[start] = true;
    for (std::size_t k = 0; k < piece.size(); ++k) {
      for (int next : neighbours[static_cast<std::size_t>(piece[k])]) {
        auto u = static_cast<std::size_t>(next);
        if (!seen[u] && o[u].holder == party) {
          seen[u] = true;
          piece.push_back(next);
        }
      }
    }
    std::sort(piece.begin(), piece.end());
    pieces.push_back(std::move(piece));
  }
  return pieces;
}

std::vector<ConstraintCheck> check_constraints(const Scenario& s, const Outcome& o) {
  std::vector<ConstraintCheck> out;
  for (std::size_t i = 0; i < s.issues.size(); ++i) {
    if (!s.agreed[i]) continue;
    ConstraintCheck c;
    c.kind = ConstraintCheck::Kind::agreed;
    c.index = static_cast<int>(i);
    c.pointer = "/agreed/" + s.issues[i].id;
    c.description = "agreed: " + s.issues[i].id + " is " + describe_value(s, static_cast<int>(i), *s.agreed[i]);
    if (!(o[i] == *s.agreed[i])) {
      c.holds = false;
      c.detail = s.issues[i].id + " is " + describe_value(s, static_cast<int>(i), o[i]);
    }
    out.push_back(std::move(c));
  }
  for (std::size_t r = 0; r < s.rules.size(); ++r) out.push_back(check_rule(s, s.rules[r], r, o));
  for (std::size_t p = 0; p < s.parties.size(); ++p) {
    if (!s.preferences[p]) continue;
    const auto& lines = s.preferences[p]->red_lines;
    for (std::size_t k = 0; k < lines.size(); ++k) {
      ConstraintCheck c;
      c.kind = ConstraintCheck::Kind::red_line;
      c.index = static_cast<int>(k);
      c.party = static_cast<int>(p);
      c.pointer = "/preferences/" + s.parties[p].id + "/red_lines/" + std::to_string(k);
      c.description = s.parties[p].id + "'s red line: " + describe(s, lines[k]);
      if (!holds(lines[k], o)) {
        c.holds = false;
        c.detail = what_was_seen(s, lines[k], o);
      }
      out.push_back(std::move(c));
    }
  }
  return out;
}

std::string describe_changes(const Scenario& s, const Outcome& from, const Outcome& to) {
  std::string out;
  for (std::size_t i = 0; i < from.size(); ++i) {
    if (from[i] == to[i]) continue;
    out += (out.empty() ? "" : "; ") + s.issues[i].id + ": " + describe_value(s, static_cast<int>(i), from[i]) +
           " -> " + describe_value(s, static_cast<int>(i), to[i]);
  }
  return out;
}

std::vector<HardConstraint> hard_constraints(const Scenario& s) {
  std::vector<HardConstraint> out;
  std::vector<int> regions;
  for (std::size_t i = 0; i < s.issues.size(); ++i) {
    if (s.issues[i].kind == IssueKind::region) regions.push_back(static_cast<int>(i));
  }
  for (const Rule& r : s.rules) {
    HardConstraint c;
    c.rule = &r;
    switch (r.kind) {
      case Rule::Kind::contiguous: c.issues = regions; break;
      case Rule::Kind::same_owner:
      case Rule::Kind::count: c.issues = r.issues; break;
      case Rule::Kind::implies: {
        c.issues = condition_issues(r.condition);
        std::vector<int> more = condition_issues(r.consequence);
        c.issues.insert(c.issues.end(), more.begin(), more.end());
        break;
      }
      case Rule::Kind::require: c.issues = condition_issues(r.condition); break;
    }
    out.push_back(std::move(c));
  }
  for (const auto& prefs : s.preferences) {
    if (!prefs) continue;
    for (const Condition& line : prefs->red_lines) {
      HardConstraint c;
      c.kind = HardConstraint::Kind::red_line;
      c.red_line = &line;
      c.issues = condition_issues(line);
      out.push_back(std::move(c));
    }
  }
  for (HardConstraint& c : out) {
    std::sort(c.issues.begin(), c.issues.end());
    c.issues.erase(std::unique(c.issues.begin(), c.issues.end()), c.issues.end());
  }
  return out;
}

bool hard_constraint_holds(const Scenario& s, const HardConstraint& c, const Outcome& o) {
  if (c.kind == HardConstraint::Kind::red_line) return holds(*c.red_line, o);
  const Rule& r = *c.rule;
  switch (r.kind) {
    case Rule::Kind::same_owner:
      for (int i : r.issues) {
        if (o[static_cast<std::size_t>(i)].holder != o[static_cast<std::size_t>(r.issues.front())].holder) return false;
      }
      return true;
    case Rule::Kind::count: {
      std::int64_t held = 0;
      for (int i : r.issues) held += o[static_cast<std::size_t>(i)].holder == r.party ? 1 : 0;
      return (!r.min || held >= *r.min) && (!r.max || held <= *r.max);
    }
    case Rule::Kind::implies: return !holds(r.condition, o) || holds(r.consequence, o);
    case Rule::Kind::require: return holds(r.condition, o);
    case Rule::Kind::contiguous: {
      std::vector<int> parties = r.parties;
      if (parties.empty()) {
        for (std::size_t p = 0; p < s.parties.size(); ++p) parties.push_back(static_cast<int>(p));
      }
      for (int p : parties) {
        for (const auto& [party, anchor] : r.anchors) {
          if (party == p && o[static_cast<std::size_t>(anchor)].holder != p) return false;
        }
        if (region_pieces(s, o, p).size() > 1) return false;
      }
      return true;
    }
  }
  return true;
}

}  // namespace parley
