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

std::string amount(const Rational& r, int decimals) {
  std::string text = r.is_integer() ? r.str() : shown(r, decimals, false);
  if (const std::size_t point = text.find('.'); point != std::string::npos && text.find('/') == std::string::npos) {
    while (text.back() == '0') text.pop_back();
    if (text.back() == '.') text.pop_back();
  }
  if (text.find('/') != std::string::npos) return text;  // exact beyond 12 decimals
  const std::size_t first = text[0] == '-' ? 1 : 0;
  const std::size_t point = text.find('.');
  for (std::size_t k = point == std::string::npos ? text.size() : point; k > first + 3; k -= 3) text.insert(k - 3, ",");
  return text;
}

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

namespace {

// `x` > 0 rounded up to two significant digits, as text: 3.11 -> "3.2",
// 0.0532 -> "0.054", 179.3 -> "180", 2790 -> "2,800".
std::string two_digits_up(double x) {
  const int exponent = static_cast<int>(std::floor(std::log10(x)));
  const double unit = std::pow(10.0, exponent - 1);
  // A value already on the grid stays there despite the double's noise.
  const double up = std::ceil(x / unit * (1 - 1e-12)) * unit;
  std::string text = fmt::format("{:.{}f}", up, std::max(0, 1 - exponent));
  // Thousands separated, as a reader expects of a whole number.
  const std::size_t point = text.find('.');
  for (std::size_t k = point == std::string::npos ? text.size() : point; k > 3; k -= 3) text.insert(k - 3, ",");
  return text;
}

enum class GapSize { unknown, tolerance, percent, factor, useless };

// Gaps past this are too weak to be worth a number: the best package could be
// more than a thousand times as good.
constexpr double kUsefulFactor = 1000;

GapSize size_of(std::optional<double> gap) {
  if (!gap || !std::isfinite(*gap) || *gap < 0) return GapSize::unknown;
  if (*gap < 1e-9) return GapSize::tolerance;
  if (*gap < 1) return GapSize::percent;
  return 1 + *gap < kUsefulFactor ? GapSize::factor : GapSize::useless;
}

}  // namespace

std::string gap_short(std::optional<double> gap) {
  switch (size_of(gap)) {
    case GapSize::unknown: return "no bound on the gap is known";
    case GapSize::tolerance: return "gap within the solver's tolerance";
    case GapSize::percent: return "gap " + two_digits_up(100 * *gap) + "%";
    case GapSize::factor: return "gap " + two_digits_up(100 * *gap) + "%";
    case GapSize::useless: return "gap: the bound proved so far says little";
  }
  return "";
}

std::string gap_sentence(std::optional<double> gap) {
  switch (size_of(gap)) {
    case GapSize::unknown: return "no bound is known on how much better the best package is";
    case GapSize::tolerance: return "no package is better by more than the solver's tolerance";
    case GapSize::percent: return "no package is better by more than " + two_digits_up(100 * *gap) + "% under the criterion";
    case GapSize::factor:
      return "the best package may be up to " + two_digits_up(1 + *gap) + " times as good under the criterion";
    case GapSize::useless:
      return "the bound proved so far says little: the best package may be over 1,000 times as good under the "
             "criterion";
  }
  return "";
}

std::string noun(long long n, std::string_view one, std::string_view many) {
  if (n == 1) return std::string(one);
  return many.empty() ? std::string(one) + "s" : std::string(many);
}

std::string counted(long long n, std::string_view one, std::string_view many) {
  return amount(Rational(static_cast<std::int64_t>(n))) + " " + noun(n, one, many);
}

}  // namespace parley
