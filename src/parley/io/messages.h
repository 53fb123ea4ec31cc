// Internal to src/parley/io: no other folder includes this header. How the
// readers in io (scenarios, outcomes, Genius and GeniusWeb files) word their
// messages: "did you mean" suggestions, quoted user text, lists and exact
// numbers, so that a misspelt key, id or kind is answered the same way
// whichever file it is in.
//
//   std::optional<std::string> close = closest("itme", kinds);   // "item"
//   error(ptr, "unknown kind " + quote_short(word) + suggestion(close, kinds, "kinds"));
//   // -> unknown kind "itme"; did you mean "item"? Kinds: item, region, ...
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "parley/core/rational.h"

namespace parley::io_internal {

// Optimal-string-alignment distance: insertions, deletions, substitutions and
// swaps of neighbours each cost 1 ("itme" is 1 from "item"). Case is ignored.
std::size_t edit_distance(std::string_view a, std::string_view b);

// The candidate closest to `word`, when close enough to be a likely typo.
std::optional<std::string> closest(std::string_view word, const std::vector<std::string>& candidates);

// "; did you mean "x"? Allowed keys: a, b" or "; allowed keys: a, b".
std::string suggestion(const std::optional<std::string>& close, const std::vector<std::string>& candidates,
                       std::string what);

// A user's string quoted for a message, cut to a readable length.
std::string quote_short(std::string_view text, std::size_t most = 80);

// The items separated by commas, each cut to 40 bytes, at most `most` of them.
std::string list_text(const std::vector<std::string>& items, std::size_t most = 12);

// An exact number as messages write it: "0.25", "2/3".
std::string num(const Rational& r);

}  // namespace parley::io_internal
