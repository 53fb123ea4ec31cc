#include "parley/io/messages.h"

#include <algorithm>
#include <cctype>

#include "parley/core/text.h"
#include "parley/io/json.h"

namespace parley::io_internal {

using json::quote;

std::size_t edit_distance(std::string_view a, std::string_view b) {
  auto same = [](char x, char y) {
    return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
  };
  std::vector<std::vector<std::size_t>> d(a.size() + 1, std::vector<std::size_t>(b.size() + 1));
  for (std::size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
  for (std::size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    for (std::size_t j = 1; j <= b.size(); ++j) {
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (same(a[i - 1], b[j - 1]) ? 0 : 1)});
      if (i > 1 && j > 1 && same(a[i - 1], b[j - 2]) && same(a[i - 2], b[j - 1])) {
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[a.size()][b.size()];
}

std::optional<std::string> closest(std::string_view word, const std::vector<std::string>& candidates) {
  if (candidates.size() > 5000 || word.size() > 100) return std::nullopt;
  // Every one- or two-letter word is one edit from every other: suggest only
  // a difference of letter case there.
  const std::size_t allowed = word.size() <= 2 ? 0 : (word.size() <= 4 ? 1 : (word.size() <= 8 ? 2 : 3));
  std::size_t best = allowed + 1;
  std::optional<std::string> found;
  bool tie = false;
  for (const std::string& c : candidates) {
    // The length difference bounds the distance from below: skip the far ones cheaply.
    const std::size_t length_gap = c.size() > word.size() ? c.size() - word.size() : word.size() - c.size();
    if (length_gap > allowed) continue;
    std::size_t d = edit_distance(word, c);
    if (d < best) {
      best = d;
      found = c;
      tie = false;
    } else if (d == best && found) {
      tie = true;  // two equally close candidates: a guess would mislead
    }
  }
  return tie ? std::nullopt : found;
}

std::string suggestion(const std::optional<std::string>& close, const std::vector<std::string>& candidates,
                       std::string what) {
  std::string list = what + ": " + list_text(candidates);
  if (!close) return "; " + list;
  list[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(list[0])));
  return "; did you mean " + quote(*close) + "? " + list;
}

std::string quote_short(std::string_view text, std::size_t most) {
  if (text.size() <= most) return quote(text);
  return quote(utf8_prefix(text, most)) + "...";
}

std::string list_text(const std::vector<std::string>& items, std::size_t most) {
  std::string out;
  for (std::size_t k = 0; k < items.size() && k < most; ++k) {
    if (k > 0) out += ", ";
    out += cut_utf8(items[k], 40);
  }
  if (items.size() > most) out += ", ... (" + std::to_string(items.size()) + " in all)";
  return out;
}

std::string num(const Rational& r) { return r.canonical(); }

std::vector<UnknownKey> unknown_keys(const json::Value& object, const std::string& pointer,
                                     const std::vector<std::string>& allowed, std::string_view what,
                                     Suggester& suggester) {
  std::vector<UnknownKey> out;
  for (const auto& [key, value] : object.members()) {
    if (std::find(allowed.begin(), allowed.end(), key) != allowed.end()) continue;
    std::optional<std::string> close = suggester.closest(key, allowed);
    out.push_back({json::pointer_join(pointer, key),
                   "unknown key " + quote_short(key) + " in " + std::string(what) +
                       suggestion(close, allowed, "allowed keys"),
                   close});
  }
  return out;
}

}  // namespace parley::io_internal
