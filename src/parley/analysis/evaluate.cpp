#include "parley/analysis/evaluate.h"

namespace parley {

std::vector<Diagnostic> missing_preferences(const Scenario& s, std::string_view command) {
  std::vector<Diagnostic> out;
  for (int p : s.parties_without_preferences()) {
    const std::string& id = s.parties[static_cast<std::size_t>(p)].id;
    out.push_back({"/preferences/" + id, "party \"" + id + "\" has no preferences; " + std::string(command) +
                                             " needs every party's weights"});
  }
  return out;
}

Result<Evaluation> evaluate_outcome(const Scenario& s, const Outcome& o, const std::string& source, const Deadline& deadline) {
  if (auto missing = missing_preferences(s, "evaluate"); !missing.empty()) return Failure{source, std::move(missing)};
  Utilities u(s);
  Evaluation e;
  e.utilities = u.utilities(o);
  for (std::size_t p = 0; p < s.parties.size(); ++p) {
    e.gains.push_back(e.utilities[p] - u.reservation(static_cast<int>(p)));
    if (e.gains.back().sign() < 0) e.individually_rational = false;
  }
  e.constraints = check_constraints(s, o);
  for (const ConstraintCheck& c : e.constraints) e.feasible = e.feasible && c.holds;
  e.goods = assess_goods(u, o, deadline);
  return e;
}

}  // namespace parley
