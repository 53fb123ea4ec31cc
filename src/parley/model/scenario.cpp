#include "parley/model/scenario.h"

#include <cctype>

namespace parley {

std::string_view kind_name(IssueKind kind) {
  switch (kind) {
    case IssueKind::item: return "item";
    case IssueKind::region: return "region";
    case IssueKind::share: return "share";
    case IssueKind::choice: return "choice";
    case IssueKind::number: return "number";
  }
  return "?";
}

std::string_view rule_name(Rule::Kind kind) {
  switch (kind) {
    case Rule::Kind::contiguous: return "contiguous";
    case Rule::Kind::same_owner: return "same_owner";
    case Rule::Kind::implies: return "implies";
    case Rule::Kind::require: return "require";
    case Rule::Kind::count: return "count";
  }
  return "?";
}

std::string_view period_name(Period period) {
  switch (period) {
    case Period::round: return "round";
    case Period::day: return "day";
    case Period::week: return "week";
    case Period::month: return "month";
  }
  return "?";
}

Rational Preferences::weight_scale() const {
  Rational total = 0;
  for (const IssuePreference& ip : issues) total += ip.weight.abs();
  return total;
}

Rational Preferences::debt_offset() const {
  Rational offset = 0;
  for (const IssuePreference& ip : issues) {
    if (ip.weight.sign() < 0) offset -= ip.weight;
  }
  return offset;
}

std::optional<int> Scenario::party_index(std::string_view id) const {
  for (std::size_t i = 0; i < parties.size(); ++i) {
    if (parties[i].id == id) return static_cast<int>(i);
  }
  return std::nullopt;
}

std::optional<int> Scenario::issue_index(std::string_view id) const {
  for (std::size_t i = 0; i < issues.size(); ++i) {
    if (issues[i].id == id) return static_cast<int>(i);
  }
  return std::nullopt;
}

std::vector<int> Scenario::status_quo_missing() const {
  std::vector<int> missing;
  for (std::size_t i = 0; i < issues.size(); ++i) {
    const bool agreed_here = i < agreed.size() && agreed[i];
    const bool held_here = i < status_quo.size() && status_quo[i];
    if (!agreed_here && !held_here) missing.push_back(static_cast<int>(i));
  }
  return missing;
}

std::optional<Outcome> Scenario::status_quo_outcome() const {
  if (!status_quo_missing().empty()) return std::nullopt;
  Outcome o;
  o.reserve(issues.size());
  for (std::size_t i = 0; i < issues.size(); ++i) o.push_back(i < agreed.size() && agreed[i] ? *agreed[i] : *status_quo[i]);
  return o;
}

std::string Scenario::party_label(int p) const {
  const Party& party = parties[static_cast<std::size_t>(p)];
  // An imported party's name is often its id ("England"): no "England (England)".
  return party.name.empty() || party.name == party.id ? party.id : party.name + " (" + party.id + ")";
}

std::string Scenario::party_name(int p) const {
  const Party& party = parties[static_cast<std::size_t>(p)];
  return party.name.empty() ? party.id : party.name;
}

std::string Scenario::issue_name(int i) const {
  const Issue& issue = issues[static_cast<std::size_t>(i)];
  if (issue.name.empty()) return issue.id;
  std::string out = issue.name;
  // "Region 1", "Plot 7": a word and a number name one place, as a proper name.
  const std::size_t space = out.find(' ');
  if (space != std::string::npos && space + 1 < out.size() &&
      std::isdigit(static_cast<unsigned char>(out[space + 1]))) {
    return out;
  }
  // Only a word in sentence case loses its capital mid-sentence: "Family
  // house" becomes "family house", but "SUV" and "EU aid" keep theirs.
  const bool sentence_case = out.size() >= 2 && std::isupper(static_cast<unsigned char>(out[0])) &&
                             std::islower(static_cast<unsigned char>(out[1]));
  if (sentence_case) out[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(out[0])));
  const bool has_article = out.rfind("the ", 0) == 0 || out.rfind("a ", 0) == 0 || out.rfind("an ", 0) == 0;
  return has_article ? out : "the " + out;
}

std::string Scenario::holder_id(Holder h) const {
  if (h == kJoint) return "joint";
  if (h == kNeutral) return "neutral";
  return parties.at(static_cast<std::size_t>(h)).id;
}

std::vector<int> Scenario::parties_without_preferences() const {
  std::vector<int> missing;
  for (std::size_t p = 0; p < parties.size(); ++p) {
    if (p >= preferences.size() || !preferences[p]) missing.push_back(static_cast<int>(p));
  }
  return missing;
}

}  // namespace parley
