// Everything parley can say about one complete outcome.
//
//   Result<Evaluation> e = evaluate_outcome(scenario, outcome);   // fails if a party lacks preferences
//   if (e) for (std::size_t p = 0; p < e.value().utilities.size(); ++p)
//     std::cout << e.value().utilities[p].to_double() << '\n';
#pragma once

#include <string_view>
#include <vector>

#include "parley/analysis/constraints.h"
#include "parley/analysis/fairness.h"
#include "parley/core/result.h"

namespace parley {

struct Evaluation {
  std::vector<Rational> utilities;  // U_p, exact
  std::vector<Rational> gains;      // U_p - r_p
  bool individually_rational = true;   // every U_p >= r_p
  bool feasible = true;                // every rule, red line and agreed term holds
  std::vector<ConstraintCheck> constraints;
  GoodsReport goods;
};

// The diagnostics an analysis command reports when parties lack preferences
// (pointer /preferences/<id>); empty when every party has them.
std::vector<Diagnostic> missing_preferences(const Scenario& s, std::string_view command);

// The deadline bounds the maximin-share search (analysis/fairness.h).
Result<Evaluation> evaluate_outcome(const Scenario& s, const Outcome& o, const std::string& source = "",
                            const Deadline& deadline = Deadline::none());

}  // namespace parley
