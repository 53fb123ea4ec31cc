// rapidcheck generators of valid scenarios and of outcomes, for property tests.
//
//   RC_GTEST_PROP(Roundtrip, WriteRead, ()) {
//     Scenario s = *gen_scenario();
//     Outcome o = *gen_outcome(s);
//   }
#pragma once

#include <rapidcheck.h>

#include "parley/model/scenario.h"

namespace parley::test {

struct ScenarioShape {
  int min_parties = 2;
  int max_parties = 4;
  int max_issues = 7;
  bool rules = true;             // rules and red lines
  bool all_preferences = false;  // every party has preferences
  bool goods_only = false;       // only items and shares
};

rc::Gen<Scenario> gen_scenario(ScenarioShape shape = {});
rc::Gen<Outcome> gen_outcome(const Scenario& s);
// A random condition over s's issues (nested all/any/not up to depth 2); call
// inside a property.
Condition random_condition(const Scenario& s, int depth = 0);

}  // namespace parley::test
