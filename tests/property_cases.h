// Runs a rapidcheck property with a fraction of the configured number of
// cases, for properties whose every case costs many solves (most cost
// microseconds). The seed and the other parameters are RC_PARAMS' own, so
// `make test-slow` (max_success=20000) scales these up with the rest.
//
//   TEST(Suite, Name) { test::check_cases([] { RC_ASSERT(...); }, 6); }
#pragma once

#include <gtest/gtest.h>
#include <rapidcheck.h>

#include <algorithm>
#include <iostream>
#include <sstream>
#include <string>
#include <utility>

namespace parley::test {

// max(minimum, max_success / divisor) cases.
template <typename Testable>
void check_cases(Testable&& testable, int divisor, int minimum = 10) {
  using namespace rc::detail;
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  TestMetadata metadata;
  metadata.id = std::string(info->test_suite_name()) + "/" + info->name();
  metadata.description = info->name();
  TestParams params = configuration().testParams;
  params.maxSuccess = std::max(minimum, params.maxSuccess / divisor);
  const TestResult result = checkTestable(std::forward<Testable>(testable), metadata, params);
  if (result.template is<SuccessResult>()) {
    printResultMessage(result, std::cout);  // the counts of the classified cases
    std::cout << std::endl;
  } else {
    std::ostringstream out;
    printResultMessage(result, out);
    FAIL() << out.str();
  }
}

}  // namespace parley::test
