// Internal to src/parley/io: no other folder includes this header. How the
// readers in io (scenarios, outcomes, Genius and GeniusWeb files) word their
// messages: "did you mean" suggestions, quoted user text, lists and exact
// numbers, so that a misspelt key, id or kind is answered the same way
// whichever file it is in; and the one check for keys a JSON object may not
// have.
//
//   std::optional<std::string> close = closest("itme", kinds);   // "item"
//   error(ptr, "unknown kind " + quote_short(word) + suggestion(close, kinds, "kinds"));
//   // -> unknown kind "itme"; did you mean "item"? Kinds: item, region, ...
//
//   Suggester suggester;   // one per file read
//   for (UnknownKey& u : unknown_keys(object, "/map", {"adjacency", "meta"}, "the map", suggester))
//     error(u.pointer, u.message);   // /map/notes: unknown key "notes" in the map; allowed keys: adjacency, meta
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "parley/core/rational.h"
#include "parley/io/json.h"

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

// closest(), for the first hundred words of one file only: each suggestion
// costs an edit distance per candidate, and a file with thousands of mistakes
// must still be answered quickly.
class Suggester {
 public:
  std::optional<std::string> closest(std::string_view word, const std::vector<std::string>& candidates) {
    if (used_++ >= 100) return std::nullopt;
    return io_internal::closest(word, candidates);
  }

 private:
  std::size_t used_ = 0;
};

// A member of a JSON object whose key is not allowed there.
struct UnknownKey {
  std::string pointer;                // the member: "/map/notes"
  std::string message;                // unknown key "notes" in the map; allowed keys: adjacency, ...
  std::optional<std::string> meant;   // the allowed key it is probably a misspelling of
};

// The members of `object` (at `pointer`) whose keys are not in `allowed`, in
// file order. `what` names the object in the message ("the map"); a key close
// to an allowed one gets "did you mean".
std::vector<UnknownKey> unknown_keys(const json::Value& object, const std::string& pointer,
                                     const std::vector<std::string>& allowed, std::string_view what,
                                     Suggester& suggester);

}  // namespace parley::io_internal
