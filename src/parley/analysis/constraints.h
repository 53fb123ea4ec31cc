// Which hard constraints an outcome meets: rules, red lines, agreed terms.
//
//   std::vector<ConstraintCheck> checks = check_constraints(scenario, outcome);
//   for (const ConstraintCheck& c : checks)
//     if (!c.holds) std::cout << c.pointer << ": " << c.description << " -- " << c.detail << '\n';
//
// This is the independent checker that every proposed outcome passes through:
// it evaluates each constraint directly on the outcome and shares nothing with
// the algorithms that search for outcomes.
#pragma once

#include <string>
#include <vector>

#include "parley/model/scenario.h"

namespace parley {

struct ConstraintCheck {
  enum class Kind { rule, red_line, agreed };
  Kind kind = Kind::rule;
  int index = 0;        // rule index, red-line index within the party, or issue index (agreed)
  int party = -1;       // red lines
  std::string pointer;  // where the constraint is in the scenario, e.g. /rules/2
  std::string description;  // what it demands, in words
  bool holds = true;
  std::string detail;   // why it fails (empty when it holds)
};

std::vector<ConstraintCheck> check_constraints(const Scenario& s, const Outcome& o);

// Connected pieces of the regions a party holds alone (region issue indices),
// using the map's adjacency; each piece sorted, pieces in order of first region.
std::vector<std::vector<int>> region_pieces(const Scenario& s, const Outcome& o, int party);

// An outcome value in words: "a", "joint", "a 0.4, b 0.6", "third_party", "30 days".
std::string describe_value(const Scenario& s, int issue, const IssueValue& v);

// What changes between two outcomes, in words: "r3: b -> a; transit_revenue:
// a 0.40, b 0.60 -> a 0.45, b 0.55" (empty when nothing does).
std::string describe_changes(const Scenario& s, const Outcome& from, const Outcome& to);

// A hard constraint (a rule or a red line), reduced to what an enumeration
// needs: the issues it reads, so that it can be checked as soon as they are set.
struct HardConstraint {
  enum class Kind { rule, red_line } kind = Kind::rule;
  const Rule* rule = nullptr;
  const Condition* red_line = nullptr;
  std::vector<int> issues;  // sorted, unique
};

// Every rule, then every party's red lines in party order. The agreed terms
// are not among them: an enumeration holds those fixed.
std::vector<HardConstraint> hard_constraints(const Scenario& s);

// Whether c holds on o, reading only c.issues (the other entries of o may be
// anything). Written apart from check_constraints (which also explains
// failures) because it runs once per enumerated outcome; every answer is
// re-checked by check_constraints.
bool hard_constraint_holds(const Scenario& s, const HardConstraint& c, const Outcome& o);

}  // namespace parley
