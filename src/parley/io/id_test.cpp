// is_id (the reader's check of party and issue ids, written by hand for
// speed) accepts exactly what the documented pattern accepts.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <regex>

#include "parley/io/scenario_reader_internal.h"

namespace parley::io_internal {
namespace {

const std::regex kPattern("^[A-Za-z][A-Za-z0-9_.-]{0,63}$");

TEST(IdCheck, EdgesOfThePattern) {
  EXPECT_TRUE(is_id("a"));
  EXPECT_TRUE(is_id("Z9_.-"));
  EXPECT_TRUE(is_id(std::string(64, 'x')));
  EXPECT_FALSE(is_id(std::string(65, 'x')));
  EXPECT_FALSE(is_id(""));
  EXPECT_FALSE(is_id("9a"));
  EXPECT_FALSE(is_id("_a"));
  EXPECT_FALSE(is_id("a b"));
  EXPECT_FALSE(is_id("a/b"));
  EXPECT_FALSE(is_id("\xc3\xa9t\xc3\xa9"));
  EXPECT_FALSE(is_id(std::string("a\0b", 3)));
}

RC_GTEST_PROP(IdCheckProperty, AgreesWithThePattern, ()) {
  // Characters on both sides of every range's ends, and lengths around 64.
  const std::string alphabet = std::string("@AZ[`az{/09:_.-+ ~") + '\0' + "\xc3\xa9";
  const auto length = *rc::gen::oneOf(rc::gen::inRange<std::size_t>(0, 5), rc::gen::inRange<std::size_t>(62, 67));
  std::string text;
  for (std::size_t k = 0; k < length; ++k) {
    text += *rc::gen::oneOf(rc::gen::elementOf(alphabet), rc::gen::just('x'), rc::gen::just('x'));
  }
  RC_ASSERT(is_id(text) == std::regex_match(text, kPattern));
}

}  // namespace
}  // namespace parley::io_internal
