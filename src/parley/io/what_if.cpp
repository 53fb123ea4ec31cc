#include "parley/io/what_if.h"

#include <algorithm>
#include <charconv>
#include <set>

#include "parley/analysis/constraints.h"
#include "parley/analysis/utility.h"
#include "parley/io/messages.h"
#include "parley/io/scenario_reader.h"
#include "parley/io/scenario_writer.h"
#include "parley/model/conditions.h"

namespace parley {

namespace {

using json::Value;

const char* const kDropForms =
    "--drop takes a red line (/preferences/PARTY/red_lines/K), a rule (/rules/K) or a reservation "
    "(/preferences/PARTY/reservation)";

// How human text names a party: "Party A", or the id when it has no name.
std::string party_words(const Scenario& s, int p) {
  return s.parties[p].name.empty() ? s.parties[p].id : s.parties[p].name;
}

std::vector<std::string> split(std::string_view text, char sep) {
  std::vector<std::string> out;
  std::size_t start = 0;
  for (;;) {
    std::size_t at = text.find(sep, start);
    out.emplace_back(text.substr(start, at == std::string_view::npos ? std::string_view::npos : at - start));
    if (at == std::string_view::npos) return out;
    start = at + 1;
  }
}

// A JSON number from the text typed, or nullopt when it is not one.
std::optional<Value> number_value(const std::string& text) {
  Result<Value> parsed = json::parse(text, "--fix");
  if (!parsed || !parsed.value().is_number()) return std::nullopt;
  return std::move(parsed).value();
}

// The text after '=' as an outcome file would write it; the outcome reader
// then checks it (domain, grid, shares summing to 1, unknown parties).
Result<Value> fix_value(const Scenario& s, const std::string& issue_id, const std::string& text,
                        const std::string& pointer) {
  std::optional<int> issue = s.issue_index(issue_id);
  if (issue && s.issues[*issue].kind == IssueKind::share) {
    Value shares = Value::object();
    std::set<std::string> named;
    for (const std::string& part : split(text, ',')) {
      std::vector<std::string> pair = split(part, ':');
      std::optional<Value> fraction = pair.size() == 2 ? number_value(pair[1]) : std::nullopt;
      if (!fraction || pair[0].empty()) {
        return Result<Value>::fail("--fix", pointer,
                                   "a share is written PARTY:FRACTION separated by commas, such as " + issue_id +
                                       "=" + s.parties[0].id + ":0.4," + s.parties.back().id + ":0.6; found " +
                                       io_internal::quote_short(part));
      }
      if (!named.insert(pair[0]).second) {
        return Result<Value>::fail("--fix", pointer, "names the party " + io_internal::quote_short(pair[0]) + " twice");
      }
      shares.add(pair[0], std::move(*fraction));
    }
    return shares;
  }
  if (issue && s.issues[*issue].kind == IssueKind::number) {
    if (std::optional<Value> n = number_value(text)) return std::move(*n);
  }
  // Holders and options are ids; a number issue given a word is refused by the reader.
  return Value::string(text);
}

// One pointer token, RFC 6901 escapes undone.
std::string unescape(std::string token) {
  std::string out;
  for (std::size_t i = 0; i < token.size(); ++i) {
    if (token[i] == '~' && i + 1 < token.size() && (token[i + 1] == '0' || token[i + 1] == '1')) {
      out += token[i + 1] == '0' ? '~' : '/';
      ++i;
    } else {
      out += token[i];
    }
  }
  return out;
}

std::optional<std::size_t> index_of(const std::string& token) {
  std::size_t k = 0;
  if (token.empty() || (token.size() > 1 && token[0] == '0')) return std::nullopt;
  auto [end, ec] = std::from_chars(token.data(), token.data() + token.size(), k);
  if (ec != std::errc() || end != token.data() + token.size()) return std::nullopt;
  return k;
}

// What a drop pointer names.
struct Target {
  enum class Kind { red_line, rule, reservation } kind;
  int party = -1;
  std::size_t index = 0;
};

Result<Target> drop_target(const Scenario& s, const std::string& pointer) {
  auto fail = [&](const std::string& why) { return Result<Target>::fail("--drop", pointer, why); };
  if (pointer.empty() || pointer[0] != '/') return fail(std::string("is not a JSON Pointer; ") + kDropForms);
  std::vector<std::string> tokens = split(std::string_view(pointer).substr(1), '/');
  for (std::string& t : tokens) t = unescape(t);
  if (tokens.size() == 2 && tokens[0] == "rules") {
    std::optional<std::size_t> k = index_of(tokens[1]);
    if (!k || *k >= s.rules.size()) {
      return fail(s.rules.empty() ? std::string("the scenario has no rules")
                                  : "no such rule: the rules are /rules/0 to /rules/" +
                                        std::to_string(s.rules.size() - 1));
    }
    return Target{Target::Kind::rule, -1, *k};
  }
  if (tokens.size() < 3 || tokens[0] != "preferences" ||
      !((tokens.size() == 4 && tokens[2] == "red_lines") || (tokens.size() == 3 && tokens[2] == "reservation"))) {
    return fail(std::string("names no red line, rule or reservation; ") + kDropForms);
  }
  std::optional<int> p = s.party_index(tokens[1]);
  if (!p) {
    std::vector<std::string> ids;
    for (const Party& party : s.parties) ids.push_back(party.id);
    return fail("no party " + io_internal::quote_short(tokens[1]) + "; the parties are " + io_internal::list_text(ids));
  }
  if (!s.preferences[*p]) return fail(party_words(s, *p) + " has no preferences in the scenario");
  if (tokens.size() == 3) return Target{Target::Kind::reservation, *p, 0};
  const std::size_t lines = s.preferences[*p]->red_lines.size();
  std::optional<std::size_t> k = index_of(tokens[3]);
  if (!k || *k >= lines) {
    return fail(lines == 0 ? party_words(s, *p) + " has no red lines"
                           : "no such red line: " + party_words(s, *p) + "'s red lines are /preferences/" +
                                 s.parties[*p].id + "/red_lines/0 to " + std::to_string(lines - 1));
  }
  return Target{Target::Kind::red_line, *p, *k};
}

}  // namespace

Result<WhatIf> what_if(const Scenario& s, const WhatIfRequest& request) {
  WhatIf w{s, {}};
  std::vector<Diagnostic> fix_errors, drop_errors;

  // Fixes: each read as a one-issue outcome, then made an agreed term.
  PartialOutcome fixed(s.issues.size());
  for (const std::string& fix : request.fixes) {
    const std::size_t eq = fix.find('=');
    if (eq == std::string::npos || eq == 0) {
      fix_errors.push_back({"", "a fix is written ISSUE=VALUE, such as " +
                                    (s.issues.empty() ? std::string("issue=value") : s.issues[0].id + "=VALUE") +
                                    "; found " + io_internal::quote_short(fix)});
      continue;
    }
    const std::string id = fix.substr(0, eq);
    const std::string pointer = json::pointer_join("", id);
    Result<Value> value = fix_value(s, id, fix.substr(eq + 1), pointer);
    if (!value) {
      for (const Diagnostic& d : value.errors()) fix_errors.push_back(d);
      continue;
    }
    Result<PartialOutcome> read = read_partial_outcome(Value::object().add(id, value.value()), s, "--fix");
    if (!read) {
      for (const Diagnostic& d : read.errors()) fix_errors.push_back(d);
      continue;
    }
    const int i = *s.issue_index(id);  // the reader accepted the id
    const IssueValue& v = *read.value()[i];
    const std::string words = describe_value(s, i, v);
    if (s.agreed[i] && *s.agreed[i] != v) {
      fix_errors.push_back({pointer, "the scenario already has " + id + " agreed as " +
                                         describe_value(s, i, *s.agreed[i]) +
                                         "; a fix may not change an agreed term"});
      continue;
    }
    if (fixed[i] && *fixed[i] != v) {
      fix_errors.push_back(
          {pointer, id + " is fixed twice, to " + describe_value(s, i, *fixed[i]) + " and to " + words});
      continue;
    }
    if (fixed[i]) continue;  // the same fix twice says nothing new
    fixed[i] = v;
    w.edits.push_back({id, issue_value_to_json(s, i, v), "",
                       id + " fixed to " + words + (s.agreed[i] ? " (already agreed)" : "")});
  }

  // Drops: all resolved against the scenario as written, then removed from
  // the highest index down so that each index still means what it did.
  std::vector<Target> targets;
  std::set<std::string> seen;
  for (const std::string& pointer : request.drops) {
    Result<Target> t = drop_target(s, pointer);
    if (!t) {
      for (const Diagnostic& d : t.errors()) drop_errors.push_back(d);
      continue;
    }
    if (!seen.insert(pointer).second) {
      drop_errors.push_back({pointer, "is dropped twice"});
      continue;
    }
    const Target& g = t.value();
    std::string words;
    if (g.kind == Target::Kind::rule) {
      words = "rule " + std::to_string(g.index + 1) + " (" + std::string(rule_name(s.rules[g.index].kind)) +
              ") dropped";
    } else if (g.kind == Target::Kind::red_line) {
      words = party_words(s, g.party) + "'s red line " + std::to_string(g.index + 1) + " dropped (" +
              describe(s, s.preferences[g.party]->red_lines[g.index]) + ")";
    } else {
      words = party_words(s, g.party) + "'s reservation dropped (" +
              io_internal::num(s.preferences[g.party]->reservation) +
              " becomes 0)";
    }
    w.edits.push_back({"", Value(), pointer, std::move(words)});
    targets.push_back(g);
  }
  if (!fix_errors.empty() || !drop_errors.empty()) {
    // One source per failure: the diagnostics of the other flag name theirs.
    for (Diagnostic& d : drop_errors) d.source = fix_errors.empty() ? "" : "--drop";
    Failure f{fix_errors.empty() ? "--drop" : "--fix", std::move(fix_errors)};
    for (Diagnostic& d : drop_errors) f.diagnostics.push_back(std::move(d));
    return f;
  }

  Scenario& e = w.scenario;
  for (std::size_t i = 0; i < fixed.size(); ++i) {
    if (fixed[i]) e.agreed[i] = fixed[i];
  }
  std::sort(targets.begin(), targets.end(), [](const Target& a, const Target& b) { return a.index > b.index; });
  for (const Target& g : targets) {
    if (g.kind == Target::Kind::rule) {
      e.rules.erase(e.rules.begin() + static_cast<std::ptrdiff_t>(g.index));
    } else if (g.kind == Target::Kind::red_line) {
      auto& lines = e.preferences[g.party]->red_lines;
      lines.erase(lines.begin() + static_cast<std::ptrdiff_t>(g.index));
    } else {
      e.preferences[g.party]->reservation = 0;
      e.preferences[g.party]->reservation_is_status_quo = false;
    }
  }
  // A reservation written "status_quo" is the party's utility of the status
  // quo with the agreed terms; a fixed term changes that outcome, so it is
  // worked out again here.
  if (const std::optional<Outcome> status_quo = e.status_quo_outcome()) {
    for (std::size_t p = 0; p < e.preferences.size(); ++p) {
      auto& prefs = e.preferences[p];
      if (prefs && prefs->reservation_is_status_quo) {
        prefs->reservation = utility_with(e, *prefs, static_cast<int>(p), *status_quo);
      }
    }
  }
  return w;
}

std::string what_if_text(const WhatIf& w) {
  std::string out;
  for (const WhatIfEdit& e : w.edits) out += (out.empty() ? "What if: " : "; ") + e.words;
  return out;
}

json::Value what_if_to_json(const WhatIf& w) {
  Value list = Value::array();
  for (const WhatIfEdit& e : w.edits) {
    Value item = Value::object();
    if (e.pointer.empty()) {
      item.add("fix", Value::string(e.issue));
      item.add("value", e.value);
    } else {
      item.add("drop", Value::string(e.pointer));
    }
    item.add("text", Value::string(e.words));
    list.push(std::move(item));
  }
  return list;
}

}  // namespace parley
