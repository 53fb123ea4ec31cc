#include "parley/model/outcome_space.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>
#include <limits>
#include <string_view>

namespace parley {

namespace {

// C(n + k - 1, k - 1): ways to split `units` grid steps among k parties.
Rational compositions(const Rational& units, std::size_t parties) {
  Rational result = 1;
  for (std::size_t j = 1; j < parties; ++j) {
    result = result * (units + Rational(static_cast<std::int64_t>(j))) / Rational(static_cast<std::int64_t>(j));
  }
  return result;
}

// log10 of a positive integer given by its decimal digits: the digit count
// places it between two powers of ten, its leading digits place it between
// those. 15 leading digits convert to a double exactly, and the digits after
// them change the value by less than 1e-14 of it, the log10 by less than 5e-15.
double digits_log10(std::string_view digits) {
  constexpr std::size_t kLeading = 15;
  const std::size_t leading = std::min(digits.size(), kLeading);
  double mantissa = 0;
  for (char d : digits.substr(0, leading)) mantissa = mantissa * 10 + (d - '0');
  return std::log10(mantissa) + static_cast<double>(digits.size() - leading);
}

}  // namespace

double exact_log10(const Rational& r) {
  if (r.sign() < 0) return std::numeric_limits<double>::quiet_NaN();
  if (r.is_zero()) return -std::numeric_limits<double>::infinity();
  // str() is "p" or "p/q" with p, q > 0 here.
  const std::string text = r.str();
  const std::size_t slash = text.find('/');
  if (slash == std::string::npos) return digits_log10(text);
  return digits_log10(std::string_view(text).substr(0, slash)) -
         digits_log10(std::string_view(text).substr(slash + 1));
}

std::vector<Holder> allowed_holders(const Scenario& s, int issue) {
  const Issue& is = s.issues[static_cast<std::size_t>(issue)];
  std::vector<Holder> holders;
  for (std::size_t p = 0; p < s.parties.size(); ++p) holders.push_back(static_cast<Holder>(p));
  if (is.joint) holders.push_back(kJoint);
  if (is.neutral) holders.push_back(kNeutral);
  return holders;
}

Rational issue_domain_size(const Scenario& s, int issue) {
  const Issue& is = s.issues[static_cast<std::size_t>(issue)];
  switch (is.kind) {
    case IssueKind::item:
    case IssueKind::region:
      return Rational(static_cast<std::int64_t>(s.parties.size() + (is.joint ? 1 : 0) + (is.neutral ? 1 : 0)));
    case IssueKind::share: return compositions(Rational(1) / is.step, s.parties.size());
    case IssueKind::choice: return Rational(static_cast<std::int64_t>(is.options.size()));
    case IssueKind::number: return (is.max - is.min) / is.step + 1;
  }
  return 0;
}

std::optional<std::vector<IssueValue>> issue_domain(const Scenario& s, int issue, std::size_t limit) {
  Rational size = issue_domain_size(s, issue);
  if (size > Rational(static_cast<std::int64_t>(limit))) return std::nullopt;
  const Issue& is = s.issues[static_cast<std::size_t>(issue)];
  std::vector<IssueValue> out;
  out.reserve(static_cast<std::size_t>(size.to_double()));  // one allocation (the frontier lists every issue's)
  switch (is.kind) {
    case IssueKind::item:
    case IssueKind::region:
      for (Holder h : allowed_holders(s, issue)) out.push_back(IssueValue{.holder = h});
      break;
    case IssueKind::choice:
      for (std::size_t o = 0; o < is.options.size(); ++o) out.push_back(IssueValue{.option = static_cast<int>(o)});
      break;
    case IssueKind::number:
      for (Rational x = is.min; x <= is.max; x += is.step) out.push_back(IssueValue{.number = x});
      break;
    case IssueKind::share: {
      const std::int64_t units = (Rational(1) / is.step).small_numerator();
      const std::size_t n = s.parties.size();
      std::vector<std::int64_t> split(n, 0);
      // Recursively give party p between `left` and 0 units, the last party the rest.
      std::function<void(std::size_t, std::int64_t)> fill = [&](std::size_t p, std::int64_t left) {
        if (p + 1 == n) {
          split[p] = left;
          IssueValue v;
          for (std::int64_t u : split) v.shares.push_back(Rational(u) * is.step);
          out.push_back(std::move(v));
          return;
        }
        for (std::int64_t u = left; u >= 0; --u) {
          split[p] = u;
          fill(p + 1, left - u);
        }
      };
      fill(0, units);
      break;
    }
  }
  return out;
}

Rational grid_floor(const Issue& issue, const Rational& x) {
  if (x <= issue.min) return issue.min;
  if (x >= issue.max) return issue.max;
  return issue.min + ((x - issue.min) / issue.step).floor() * issue.step;
}

Rational grid_ceil(const Issue& issue, const Rational& x) {
  if (x <= issue.min) return issue.min;
  if (x >= issue.max) return issue.max;
  return issue.min + ((x - issue.min) / issue.step).ceil() * issue.step;
}

bool on_grid(const Issue& issue, const Rational& x) {
  return x >= issue.min && x <= issue.max && ((x - issue.min) / issue.step).is_integer();
}

std::string OutcomeCount::text() const {
  if (exact && *exact < Rational(10'000'000)) return exact->str();
  // count_outcomes never makes a non-finite log10; a count built by hand might,
  // and it has no power of ten to print.
  if (!std::isfinite(log10)) return exact ? exact->str() : "unknown";
  double exponent = std::floor(log10);
  double mantissa = std::pow(10.0, log10 - exponent);
  // Round to two significant digits, carrying 9.96 -> 1.0e(k+1).
  double rounded = std::round(mantissa * 10) / 10;
  if (rounded >= 10) {
    rounded /= 10;
    exponent += 1;
  }
  // %.0f prints the whole number exponent without a cast to int, which would
  // be undefined beyond INT_MAX.
  char buf[400];
  std::snprintf(buf, sizeof buf, "%.1fe%.0f", rounded, exponent);
  return buf;
}

OutcomeCount count_outcomes(const Scenario& s, bool respect_agreed) {
  OutcomeCount count;
  Rational product = 1;
  bool exact = true;
  for (std::size_t i = 0; i < s.issues.size(); ++i) {
    if (respect_agreed && i < s.agreed.size() && s.agreed[i]) continue;
    Rational size = issue_domain_size(s, static_cast<int>(i));
    // Not std::log10(size.to_double()): a single issue's size can exceed the
    // largest double, and the inf would end in text()'s exponent.
    count.log10 += exact_log10(size);
    if (exact) product *= size;
    if (count.log10 > 300) exact = false;
  }
  if (exact) {
    count.exact = product;
    // Recompute from the exact value so that small counts print exactly.
    count.log10 = exact_log10(product);
  }
  return count;
}

}  // namespace parley
