// The two JSON parsers behind json::parse, apart, for the tests that compare
// them (json_test.cpp). Nothing else includes this.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "parley/io/json.h"

namespace parley::json::internal {

// The fast path: plain valid JSON within the limits, the documents parley
// reads almost always, as the Value the general parser makes of it; nullopt
// for anything else (any error, a byte outside ASCII, a \u escape, an integer
// of 19 digits or more, a number near the double range, a duplicate key, a
// document at the limits), which the general parser then reads.
std::optional<Value> parse_plain(std::string_view text, const ParseLimits& limits);

// The general parser (nlohmann's, through its SAX interface): every document,
// and every error with its pointer, line and column.
Result<Value> parse_general(std::string_view text, const std::string& source, const ParseLimits& limits);

}  // namespace parley::json::internal
