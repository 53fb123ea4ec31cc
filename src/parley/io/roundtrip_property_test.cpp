// Writing a scenario and reading it back gives the same scenario, and the
// canonical text is a fixed point.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include "parley/io/scenario_reader.h"
#include "parley/io/scenario_writer.h"
#include "random_scenario.h"

namespace parley {
namespace {

RC_GTEST_PROP(ScenarioRoundTrip, ReadWhatWasWritten, ()) {
  Scenario s = *test::gen_scenario();
  std::string text = write_scenario(s);
  auto back = read_scenario_text(text, "generated.json");
  if (!back) {
    for (const auto& e : back.errors()) RC_LOG() << e.pointer << ": " << e.message << "\n";
    RC_LOG() << text;
  }
  RC_ASSERT(back.ok());
  RC_ASSERT(back.value() == s);
  RC_ASSERT(write_scenario(back.value()) == text);
}

RC_GTEST_PROP(ScenarioRoundTrip, OutcomesRoundTrip, ()) {
  Scenario s = *test::gen_scenario();
  Outcome o = *test::gen_outcome(s);
  auto back = read_outcome(outcome_to_json(s, o), s, "outcome.json");
  RC_ASSERT(back.ok());
  RC_ASSERT(back.value() == o);
}

}  // namespace
}  // namespace parley
