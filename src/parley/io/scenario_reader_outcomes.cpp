// Outcome files, read against a scenario (scenario_reader_internal.h).
#include <set>
#include <string_view>
#include <unordered_set>

#include "parley/io/scenario_reader_internal.h"

namespace parley::io_internal {

// ---------------------------------------------------------------- outcomes ---

Result<PartialOutcome> Reader::read_outcome(const Value& root, const Scenario& s, bool complete) {
  view_ = &s;
  usable_.assign(s.issues.size(), true);
  for (std::size_t p = 0; p < s.parties.size(); ++p) {
    party_ids_[s.parties[p].id] = static_cast<int>(p);
    party_names_.push_back(s.parties[p].id);
  }
  for (std::size_t i = 0; i < s.issues.size(); ++i) {
    issue_ids_[s.issues[i].id] = static_cast<int>(i);
    issue_names_.push_back(s.issues[i].id);
  }
  if (!root.is_object()) {
    error("", "an outcome is a JSON object from issue id to outcome value, found " + found_text(root));
    return Failure{source_, std::move(errors_)};
  }
  PartialOutcome out = read_terms(root, "");
  if (complete) {
    // An issue whose misspelling was reported ("monitorng") is not also
    // missing, nor is one whose value was written but rejected.
    std::set<std::string> misspelt;
    std::unordered_set<std::string_view> written;
    std::size_t looked = 0;
    for (const auto& [key, value] : root.members()) {
      written.insert(key);
      if (issue_ids_.count(key) || ++looked > 100) continue;
      if (auto c = closest(key, issue_names_)) misspelt.insert(*c);
    }
    for (std::size_t i = 0; i < s.issues.size(); ++i) {
      // Agreed terms may be left out: they are filled in (docs/cli.md, "Partial outcomes").
      if (!out[i] && !written.count(s.issues[i].id) && s.agreed[i]) {
        out[i] = s.agreed[i];
        continue;
      }
      if (!out[i] && !written.count(s.issues[i].id) && !misspelt.count(s.issues[i].id)) {
        error(pointer_join("", s.issues[i].id), "missing: the outcome gives no value for issue " + quote(s.issues[i].id));
      }
    }
  }
  if (!errors_.empty()) return Failure{source_, std::move(errors_)};
  return out;
}

}  // namespace parley::io_internal

namespace parley {

using io_internal::Reader;

Result<PartialOutcome> read_partial_outcome(const json::Value& document, const Scenario& s, const std::string& source) {
  ScenarioLimits limits;
  return Reader(source, limits).read_outcome(document, s, false);
}

Result<Outcome> read_outcome(const json::Value& document, const Scenario& s, const std::string& source) {
  ScenarioLimits limits;
  auto partial = Reader(source, limits).read_outcome(document, s, true);
  if (!partial) return partial.failure();
  Outcome out;
  out.reserve(s.issues.size());
  for (auto& v : partial.value()) out.push_back(std::move(*v));
  return out;
}

Result<Outcome> read_outcome_file(const std::string& path, const Scenario& s) {
  auto doc = json::parse_file(path);
  if (!doc) return doc.failure();
  return read_outcome(doc.value(), s, path);
}

}  // namespace parley
