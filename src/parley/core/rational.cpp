#include "parley/core/rational.h"
#include "parley/core/rational_gcd.h"
#include "parley/core/rational_gmp.h"

#include <gmp.h>

#include <cctype>
#include <cstdlib>
#include <functional>
#include <limits>
#include <stdexcept>
#include <string>

#include "parley/core/text.h"

namespace parley {

using i128 = __int128;
using u128 = unsigned __int128;

struct Rational::Big {
  mpq_t q;
  Big() { mpq_init(q); }
  ~Big() { mpq_clear(q); }
  Big(const Big&) = delete;
  Big& operator=(const Big&) = delete;
};

namespace {

constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max();

u128 abs128(i128 v) { return v < 0 ? static_cast<u128>(-v) : static_cast<u128>(v); }

void mpz_set_i128(mpz_t z, i128 v) {
  u128 m = abs128(v);
  auto hi = static_cast<unsigned long>(m >> 64);  // NOLINT(google-runtime-int): GMP's type
  auto lo = static_cast<unsigned long>(m);        // NOLINT
  mpz_set_ui(z, hi);
  mpz_mul_2exp(z, z, 64);
  mpz_add_ui(z, z, lo);
  if (v < 0) mpz_neg(z, z);
}

}  // namespace

// Construction helpers with access to the private representation.
struct RationalAccess {
  // num/den need not be reduced; den != 0.
  static Rational from_i128(i128 num, i128 den) {
    if (den < 0) {
      num = -num;
      den = -den;
    }
    u128 g = gcd128(abs128(num), static_cast<u128>(den));
    if (g > 1) {
      num /= static_cast<i128>(g);
      den /= static_cast<i128>(g);
    }
    return reduced_i128(num, den);
  }

  // a/b + c/d, each in lowest terms (b, d > 0), by Knuth's method (TAOCP
  // 4.5.1): with g = gcd(b, d) and t = a(d/g) + c(b/g), the sum is
  // (t/g2) / ((b/g)(d/g2)) in lowest terms for g2 = gcd(t, g). g is 64-bit,
  // so no gcd runs long in 128 bits (the plain way reduces a 128-bit
  // numerator against a 128-bit denominator: dozens of library divisions).
  static Rational sum(std::int64_t a, std::int64_t b, std::int64_t c, std::int64_t d) {
    const auto g = static_cast<std::int64_t>(gcd128(static_cast<u128>(b), static_cast<u128>(d)));
    const i128 t = static_cast<i128>(a) * (d / g) + static_cast<i128>(c) * (b / g);
    if (t == 0) return Rational();
    if (g == 1) return reduced_i128(t, static_cast<i128>(b) * d);
    const auto g2 = static_cast<std::int64_t>(gcd128(abs128(t), static_cast<u128>(g)));
    return reduced_i128(t / g2, static_cast<i128>(b / g) * (d / g2));
  }

  // num/den already in lowest terms, den > 0.
  static Rational reduced_i128(i128 num, i128 den) {
    if (abs128(num) <= static_cast<u128>(kMax) && static_cast<u128>(den) <= static_cast<u128>(kMax)) {
      Rational r;
      r.num_ = static_cast<std::int64_t>(num);
      r.den_ = static_cast<std::int64_t>(den);
      return r;
    }
    auto big = std::make_shared<Rational::Big>();
    mpz_set_i128(mpq_numref(big->q), num);
    mpz_set_i128(mpq_denref(big->q), den);
    return Rational(std::shared_ptr<const Rational::Big>(std::move(big)));
  }

  // Takes a canonicalised mpq and stores it small when it fits.
  static Rational from_mpq(std::shared_ptr<Rational::Big> big) {
    mpz_srcptr n = mpq_numref(big->q);
    mpz_srcptr d = mpq_denref(big->q);
    if (mpz_sizeinbase(n, 2) <= 63 && mpz_sizeinbase(d, 2) <= 63) {
      Rational r;
      r.num_ = mpz_get_si(n);
      r.den_ = mpz_get_si(d);
      return r;
    }
    return Rational(std::shared_ptr<const Rational::Big>(std::move(big)));
  }

  static void to_mpq(const Rational& r, mpq_t out) {
    if (r.big_) {
      mpq_set(out, r.big_->q);
    } else {
      mpq_set_si(out, r.num_, static_cast<unsigned long>(r.den_));  // NOLINT
    }
  }

  template <typename Op>
  static Rational big_op(const Rational& a, const Rational& b, Op op) {
    auto out = std::make_shared<Rational::Big>();
    // A big operand is read in place (GMP's operations take const inputs);
    // only a small one is set into a temporary.
    mpq_t x, y;
    mpq_init(x);
    mpq_init(y);
    mpq_srcptr xa = a.big_ ? a.big_->q : (to_mpq(a, x), x);
    mpq_srcptr yb = b.big_ ? b.big_->q : (to_mpq(b, y), y);
    op(out->q, xa, yb);
    mpq_clear(x);
    mpq_clear(y);
    return from_mpq(std::move(out));
  }

  // Already canonical and within the small range.
  static Rational small(std::int64_t num, std::int64_t den) {
    Rational r;
    r.num_ = num;
    r.den_ = den;
    return r;
  }

  static std::int64_t num(const Rational& r) { return r.num_; }
  static std::int64_t den(const Rational& r) { return r.den_; }
  static const Rational::Big* big(const Rational& r) { return r.big_.get(); }
};

void rational_to_mpq(const Rational& r, mpq_t out) { RationalAccess::to_mpq(r, out); }

Rational rational_from_mpq(const mpq_t q) {
  mpz_srcptr n = mpq_numref(q);
  mpz_srcptr d = mpq_denref(q);
  if (mpz_sizeinbase(n, 2) <= 63 && mpz_sizeinbase(d, 2) <= 63) {
    return RationalAccess::small(mpz_get_si(n), mpz_get_si(d));
  }
  auto big = std::make_shared<Rational::Big>();
  mpq_set(big->q, q);
  return RationalAccess::from_mpq(std::move(big));
}

Rational::Rational(std::int64_t integer) noexcept {
  if (integer == std::numeric_limits<std::int64_t>::min()) {
    *this = RationalAccess::from_i128(integer, 1);
  } else {
    num_ = integer;
  }
}

Rational::Rational(std::int64_t numerator, std::int64_t denominator) {
  if (denominator == 0) throw std::domain_error("Rational: zero denominator");
  *this = RationalAccess::from_i128(numerator, denominator);
}

int Rational::sign() const noexcept {
  if (big_) return mpq_sgn(big_->q);
  return (num_ > 0) - (num_ < 0);
}

bool Rational::is_integer() const noexcept {
  if (big_) return mpz_cmp_ui(mpq_denref(big_->q), 1) == 0;
  return den_ == 1;
}

double Rational::to_double() const noexcept {
  if (big_) return mpq_get_d(big_->q);
  return static_cast<double>(num_) / static_cast<double>(den_);
}

std::string Rational::str() const {
  if (!big_) {
    return den_ == 1 ? std::to_string(num_) : std::to_string(num_) + "/" + std::to_string(den_);
  }
  char* s = mpq_get_str(nullptr, 10, big_->q);
  std::string out(s);
  void (*freefunc)(void*, size_t);
  mp_get_memory_functions(nullptr, nullptr, &freefunc);
  freefunc(s, out.size() + 1);
  return out;
}

std::optional<std::string> Rational::exact_decimal() const {
  mpq_t q;
  mpq_init(q);
  RationalAccess::to_mpq(*this, q);
  mpz_t d, scaled;
  mpz_init_set(d, mpq_denref(q));
  std::size_t twos = mpz_scan1(d, 0);
  mpz_fdiv_q_2exp(d, d, twos);
  std::size_t fives = 0;
  while (mpz_divisible_ui_p(d, 5)) {
    mpz_divexact_ui(d, d, 5);
    ++fives;
  }
  std::optional<std::string> result;
  if (mpz_cmp_ui(d, 1) == 0) {
    std::size_t digits = std::max(twos, fives);
    // scaled = |num| * 10^digits / den, an integer.
    mpz_init(scaled);
    mpz_ui_pow_ui(scaled, 10, digits);
    mpz_mul(scaled, scaled, mpq_numref(q));
    mpz_divexact(scaled, scaled, mpq_denref(q));
    bool negative = mpz_sgn(scaled) < 0;
    mpz_abs(scaled, scaled);
    std::string text(mpz_sizeinbase(scaled, 10) + 2, '\0');
    mpz_get_str(text.data(), 10, scaled);
    text.resize(std::char_traits<char>::length(text.c_str()));
    if (digits > 0) {
      if (text.size() <= digits) text.insert(0, digits - text.size() + 1, '0');
      text.insert(text.size() - digits, ".");
    }
    if (negative) text.insert(0, "-");
    result = std::move(text);
    mpz_clear(scaled);
  }
  mpz_clear(d);
  mpq_clear(q);
  return result;
}

std::string Rational::canonical() const {
  if (auto d = json_number()) return *d;
  return str();
}

Rational Rational::floor() const {
  if (!big_) {
    std::int64_t q = num_ / den_;
    if (num_ % den_ != 0 && num_ < 0) --q;
    return Rational(q);
  }
  auto out = std::make_shared<Big>();
  mpz_fdiv_q(mpq_numref(out->q), mpq_numref(big_->q), mpq_denref(big_->q));
  return RationalAccess::from_mpq(std::move(out));
}

Rational Rational::ceil() const { return -(-*this).floor(); }

Rational Rational::operator-() const {
  if (!big_) return RationalAccess::from_i128(-static_cast<i128>(num_), den_);
  return RationalAccess::big_op(*this, *this, [](mpq_ptr out, mpq_srcptr x, mpq_srcptr) { mpq_neg(out, x); });
}

Rational operator+(const Rational& a, const Rational& b) {
  if (!a.big_ && !b.big_) {
    if (a.den_ == b.den_) return RationalAccess::from_i128(static_cast<i128>(a.num_) + b.num_, a.den_);
    return RationalAccess::sum(a.num_, a.den_, b.num_, b.den_);
  }
  return RationalAccess::big_op(a, b, [](mpq_ptr o, mpq_srcptr x, mpq_srcptr y) { mpq_add(o, x, y); });
}

Rational operator-(const Rational& a, const Rational& b) {
  if (!a.big_ && !b.big_) {
    if (a.den_ == b.den_) return RationalAccess::from_i128(static_cast<i128>(a.num_) - b.num_, a.den_);
    return RationalAccess::sum(a.num_, a.den_, -b.num_, b.den_);  // -b.num_ fits: num_ != INT64_MIN
  }
  return RationalAccess::big_op(a, b, [](mpq_ptr o, mpq_srcptr x, mpq_srcptr y) { mpq_sub(o, x, y); });
}

Rational operator*(const Rational& a, const Rational& b) {
  if (!a.big_ && !b.big_) {
    // Cancel across first (two 64-bit gcds): a/b and c/d in lowest terms make
    // (a/g1)(c/g2) / ((b/g2)(d/g1)) lowest terms too, with no 128-bit gcd.
    const auto g1 = static_cast<std::int64_t>(gcd128(abs128(a.num_), static_cast<u128>(b.den_)));
    const auto g2 = static_cast<std::int64_t>(gcd128(abs128(b.num_), static_cast<u128>(a.den_)));
    return RationalAccess::reduced_i128(static_cast<i128>(a.num_ / g1) * (b.num_ / g2),
                                        static_cast<i128>(a.den_ / g2) * (b.den_ / g1));
  }
  return RationalAccess::big_op(a, b, [](mpq_ptr o, mpq_srcptr x, mpq_srcptr y) { mpq_mul(o, x, y); });
}

Rational operator/(const Rational& a, const Rational& b) {
  if (b.is_zero()) throw std::domain_error("Rational: division by zero");
  if (!a.big_ && !b.big_) {
    // As for *: (a/g1)(d/g2) / ((b/g2)(c/g1)) for a/b over c/d is in lowest
    // terms with g1 = gcd(a, c) and g2 = gcd(b, d), no 128-bit gcd.
    if (a.num_ == 0) return Rational();
    const auto g1 = static_cast<std::int64_t>(gcd128(abs128(a.num_), abs128(b.num_)));
    const auto g2 = static_cast<std::int64_t>(gcd128(static_cast<u128>(a.den_), static_cast<u128>(b.den_)));
    i128 num = static_cast<i128>(a.num_ / g1) * (b.den_ / g2);
    i128 den = static_cast<i128>(a.den_ / g2) * (b.num_ / g1);
    if (den < 0) {
      num = -num;
      den = -den;
    }
    return RationalAccess::reduced_i128(num, den);
  }
  return RationalAccess::big_op(a, b, [](mpq_ptr o, mpq_srcptr x, mpq_srcptr y) { mpq_div(o, x, y); });
}

bool operator==(const Rational& a, const Rational& b) noexcept {
  if (!a.big_ && !b.big_) return a.num_ == b.num_ && a.den_ == b.den_;
  if (a.big_ && b.big_) return mpq_equal(a.big_->q, b.big_->q) != 0;
  return false;  // canonical: a value that fits is never stored big
}

std::strong_ordering operator<=>(const Rational& a, const Rational& b) noexcept {
  if (!a.big_ && !b.big_) {
    if (a.den_ == b.den_) return a.num_ <=> b.num_;
    i128 lhs = static_cast<i128>(a.num_) * b.den_;
    i128 rhs = static_cast<i128>(b.num_) * a.den_;
    return lhs < rhs ? std::strong_ordering::less
                     : (lhs > rhs ? std::strong_ordering::greater : std::strong_ordering::equal);
  }
  // In place, without copying a big value (a small one is compared as is).
  const auto* ab = RationalAccess::big(a);
  const auto* bb = RationalAccess::big(b);
  int c = 0;
  if (ab != nullptr && bb != nullptr) {
    c = mpq_cmp(ab->q, bb->q);
  } else if (ab != nullptr) {
    c = mpq_cmp_si(ab->q, b.small_numerator(), static_cast<unsigned long>(b.small_denominator()));  // NOLINT: GMP's type
  } else {
    c = -mpq_cmp_si(bb->q, a.small_numerator(), static_cast<unsigned long>(a.small_denominator()));  // NOLINT
  }
  return c < 0 ? std::strong_ordering::less : (c > 0 ? std::strong_ordering::greater : std::strong_ordering::equal);
}

std::size_t Rational::hash() const noexcept {
  if (!big_) {
    std::size_t h = std::hash<std::int64_t>{}(num_);
    return h ^ (std::hash<std::int64_t>{}(den_) + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2));
  }
  std::size_t h = mpz_get_ui(mpq_numref(big_->q));
  return h ^ (mpz_get_ui(mpq_denref(big_->q)) * 0x9e3779b97f4a7c15ULL);
}

namespace {

bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

void set_why(std::string* why, std::string text) {
  if (why) *why = std::move(text);
}

// A decimal int_part.frac_part x 10^exponent as its significant digits (no
// leading or trailing zeros) and the power of ten of the leading one:
// 0.0125e3 -> "125", magnitude 1. nullopt for zero.
struct Significand {
  std::string digits;
  long long magnitude;  // NOLINT(google-runtime-int)
  long long scale() const { return magnitude - static_cast<long long>(digits.size()) + 1; }  // NOLINT
};

std::optional<Significand> significand(std::string_view int_part, std::string_view frac_part,
                                       long long exponent) {  // NOLINT(google-runtime-int)
  std::string digits = std::string(int_part).append(frac_part);
  const std::size_t first = digits.find_first_not_of('0');
  if (first == std::string::npos) return std::nullopt;
  const std::size_t last = digits.find_last_not_of('0');
  const long long magnitude = exponent + static_cast<long long>(int_part.size()) - 1 -  // NOLINT
                              static_cast<long long>(first);
  return Significand{digits.substr(first, last - first + 1), magnitude};
}

}  // namespace

std::optional<Rational> Rational::parse(std::string_view text, std::string* why, int max_digits,
                                        int max_magnitude) {
  const std::string_view original = text;
  const std::string shown = cut_utf8(original, 40);
  auto reject = [&](std::string reason) -> std::optional<Rational> {
    set_why(why, "\"" + shown + "\" " + std::move(reason));
    return std::nullopt;
  };
  auto without_leading_zeros = [](std::string_view d) {
    while (d.size() > 1 && d.front() == '0') d.remove_prefix(1);
    return d;
  };
  if (auto slash = text.find('/'); slash != std::string_view::npos) {
    std::string_view p = text.substr(0, slash);
    std::string_view q = text.substr(slash + 1);
    bool negative = !p.empty() && p.front() == '-';
    if (negative) p.remove_prefix(1);
    if (!all_digits(p) || !all_digits(q)) return reject("is not a fraction \"p/q\" of two integers");
    p = without_leading_zeros(p);
    q = without_leading_zeros(q);
    if (static_cast<int>(p.size() + q.size()) > max_digits) {
      return reject("has more than " + std::to_string(max_digits) + " digits");
    }
    auto big = std::make_shared<Big>();
    std::string ps(p), qs(q);
    mpz_set_str(mpq_numref(big->q), ps.c_str(), 10);
    mpz_set_str(mpq_denref(big->q), qs.c_str(), 10);
    if (mpz_sgn(mpq_denref(big->q)) == 0) return reject("has a zero denominator");
    if (negative) mpz_neg(mpq_numref(big->q), mpq_numref(big->q));
    mpq_canonicalize(big->q);
    return RationalAccess::from_mpq(std::move(big));
  }

  // JSON number grammar: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
  std::string_view s = text;
  bool negative = false;
  if (!s.empty() && s.front() == '-') {
    negative = true;
    s.remove_prefix(1);
  }
  std::size_t i = 0;
  while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i;
  std::string_view int_part = s.substr(0, i);
  std::string_view frac_part;
  if (i < s.size() && s[i] == '.') {
    std::size_t j = i + 1;
    while (j < s.size() && std::isdigit(static_cast<unsigned char>(s[j]))) ++j;
    frac_part = s.substr(i + 1, j - i - 1);
    if (frac_part.empty()) return reject("is not a number");
    i = j;
  }
  long long exponent = 0;  // NOLINT(google-runtime-int)
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    std::size_t j = i + 1;
    bool exp_negative = false;
    if (j < s.size() && (s[j] == '+' || s[j] == '-')) exp_negative = s[j++] == '-';
    std::string_view exp_digits = without_leading_zeros(s.substr(j));
    if (!all_digits(exp_digits)) return reject("is not a number");
    if (exp_digits.size() > 9) return reject("is beyond 10^+-" + std::to_string(max_magnitude));
    exponent = std::strtoll(std::string(exp_digits).c_str(), nullptr, 10);
    if (exp_negative) exponent = -exponent;
    i = s.size();
  }
  if (i != s.size() || int_part.empty() || (int_part.size() > 1 && int_part.front() == '0')) {
    return reject("is not a number");
  }
  // The limits are on the value, not on how it is written, so that every
  // value parley reads it can also write (json_number()) and read back:
  // value = significant digits x 10^scale.
  const std::optional<Significand> sig = significand(int_part, frac_part, exponent);
  if (!sig) return Rational(0);
  if (static_cast<int>(sig->digits.size()) > max_digits) {
    return reject("has more than " + std::to_string(max_digits) + " significant digits");
  }
  if (sig->magnitude > max_magnitude || sig->magnitude < -max_magnitude) {
    return reject("is beyond 10^+-" + std::to_string(max_magnitude));
  }
  const long long scale = sig->scale();  // NOLINT(google-runtime-int)
  auto big = std::make_shared<Big>();
  mpz_set_str(mpq_numref(big->q), sig->digits.c_str(), 10);
  if (negative) mpz_neg(mpq_numref(big->q), mpq_numref(big->q));
  if (scale >= 0) {
    mpz_t p;
    mpz_init(p);
    mpz_ui_pow_ui(p, 10, static_cast<unsigned long>(scale));  // NOLINT
    mpz_mul(mpq_numref(big->q), mpq_numref(big->q), p);
    mpz_clear(p);
  } else {
    mpz_ui_pow_ui(mpq_denref(big->q), 10, static_cast<unsigned long>(-scale));  // NOLINT
  }
  mpq_canonicalize(big->q);
  return RationalAccess::from_mpq(std::move(big));
}

std::optional<std::string> Rational::json_number() const {
  std::optional<std::string> plain = exact_decimal();
  if (!plain) return std::nullopt;
  std::string_view text = *plain;
  bool negative = !text.empty() && text.front() == '-';
  if (negative) text.remove_prefix(1);
  const std::size_t point = text.find('.');
  const std::optional<Significand> sig = significand(
      text.substr(0, point), point == std::string_view::npos ? std::string_view() : text.substr(point + 1), 0);
  if (!sig) return std::string("0");
  const std::string& significant = sig->digits;
  if (static_cast<int>(significant.size()) > kDefaultMaxDigits || sig->magnitude > kDefaultMaxMagnitude ||
      sig->magnitude < -kDefaultMaxMagnitude) {
    return std::nullopt;  // only "p/q" can say it within the limits
  }
  if (sig->magnitude >= -6 && sig->magnitude <= 20) return *plain;
  // d.ddd e X: short, and within the reader's limits by the checks above.
  std::string out = negative ? "-" : "";
  out += significant.substr(0, 1);
  if (significant.size() > 1) out += "." + significant.substr(1);
  out += "e" + std::to_string(sig->magnitude);
  return out;
}

}  // namespace parley
