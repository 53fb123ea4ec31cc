#include "parley/core/number_text.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdint>

namespace parley {

namespace {

std::string rounded(const Rational& r, int decimals, bool sign) {
  return sign ? fmt::format("{:+.{}f}", r.to_double(), decimals) : fmt::format("{:.{}f}", r.to_double(), decimals);
}

// Beyond this many decimals a double no longer tells close numbers apart
// reliably, and a reader no longer counts the zeros: exact fractions then.
constexpr int kMostDecimals = 12;

bool shows_as_zero(const std::string& text) { return text.find_first_of("123456789") == std::string::npos; }

// A nonzero value that would show as zero gets the decimals it takes to show
// its first digit ("0.00003" for 1/30000).
std::string shown(const Rational& r, int decimals, bool sign) {
  for (int d = decimals; d <= std::max(decimals, kMostDecimals); ++d) {
    std::string text = rounded(r, d, sign);
    if (r.is_zero() || !shows_as_zero(text)) return text;
  }
  return (sign && r.sign() > 0 ? "+" : "") + r.str();
}

}  // namespace

std::string decimal(const Rational& r, int decimals) { return shown(r, decimals, false); }

std::string signed_decimal(const Rational& r, int decimals) { return shown(r, decimals, true); }

std::string decimal_beside(const Rational& r, const Rational& other, int decimals) {
  if (r == other) return decimal(r, decimals);
  for (int d = decimals; d <= kMostDecimals; ++d) {
    // Rounding keeps order, so once the two read differently they read in
    // the right order.
    if (rounded(r, d, false) != rounded(other, d, false)) return shown(r, d, false);
  }
  return r.str();
}

std::string percent_beside(const Rational& fraction, const Rational& other, int decimals) {
  return decimal_beside(fraction * 100, other * 100, decimals) + "%";
}

std::string percent_at_least(const Rational& fraction, int decimals) {
  // In units of the last decimal shown, floored exactly: the double is only
  // within a rounding error of the fraction, and a value exactly on a unit
  // (57/100) must not drop to the unit below.
  std::int64_t scale = 100;
  for (int d = 0; d < decimals; ++d) scale *= 10;
  const Rational units = fraction * scale;
  if (!(std::abs(units.to_double()) < 1e15)) return fmt::format("{:.{}f}%", 100 * fraction.to_double(), decimals);
  auto whole = static_cast<std::int64_t>(std::floor(units.to_double()));
  if (Rational(whole + 1) <= units) ++whole;
  if (Rational(whole) > units) --whole;
  return fmt::format("{:.{}f}%", static_cast<double>(whole) / static_cast<double>(scale / 100), decimals);
}

}  // namespace parley
