// Rational: an exact rational number, fast while it fits in 64 bits.
//
//   Rational w = Rational::parse("0.1").value();      // exactly 1/10
//   Rational third = Rational::parse("1/3").value();  // exactly 1/3
//   Rational u = w * 3 + third;                        // 19/30, no rounding anywhere
//   assert(u > Rational(1, 2) && u.str() == "19/30");
//
// Why this representation: every number in a scenario is a short decimal or a
// small fraction, and utilities are sums of products of them, so almost every
// value a computation meets fits in a 64-bit numerator and denominator. Those
// take the fast path (128-bit intermediates, no allocation). A result that does
// not fit moves to a GMP rational, shared and immutable, so nothing ever rounds
// or overflows. The representation is canonical: lowest terms, positive
// denominator, and a value that fits is always stored small, so equality and
// hashing need no normalisation. bench/bench_rational.cpp measures the cost
// against double and against plain GMP.
#pragma once

#include <compare>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace parley {

class Rational {
 public:
  Rational() noexcept = default;
  Rational(std::int64_t integer) noexcept;  // NOLINT: implicit, integers are rationals
  Rational(int integer) noexcept : Rational(static_cast<std::int64_t>(integer)) {}  // NOLINT
  // numerator/denominator; throws std::domain_error when denominator is 0.
  Rational(std::int64_t numerator, std::int64_t denominator);

  // Limits on what parse() accepts, so that hostile input cannot demand
  // unbounded memory: at most this many significant digits (in p and q
  // together for a fraction), and a leading digit within 10^+-magnitude.
  static constexpr int kDefaultMaxDigits = 200;
  static constexpr int kDefaultMaxMagnitude = 400;

  // Parses a JSON number ("-0.25", "1e-3", "7") or an exact fraction "p/q"
  // (integers, q > 0). Returns nullopt with a reason in *why for anything else,
  // including values beyond the limits above.
  static std::optional<Rational> parse(std::string_view text, std::string* why = nullptr,
                                       int max_digits = kDefaultMaxDigits, int max_magnitude = kDefaultMaxMagnitude);

  int sign() const noexcept;
  bool is_zero() const noexcept { return sign() == 0; }
  bool is_integer() const noexcept;
  bool is_big() const noexcept { return big_ != nullptr; }

  // The numerator and denominator when the value is stored small.
  std::int64_t small_numerator() const noexcept { return num_; }
  std::int64_t small_denominator() const noexcept { return den_; }

  double to_double() const noexcept;
  // "p/q", or "p" for an integer.
  std::string str() const;
  // The exact decimal ("0.125") when the denominator has no prime factor other
  // than 2 and 5; nullopt otherwise.
  std::optional<std::string> exact_decimal() const;
  // A JSON number literal for the value ("0.125", "1.5e-300") that parse()
  // reads back within its default limits; nullopt when the value has no
  // terminating decimal, or only one too long for those limits.
  std::optional<std::string> json_number() const;
  // json_number() when there is one, else "p/q": how parley writes numbers.
  // Every value parse() accepts reads back from it; a computed value beyond
  // parse()'s limits (10^401, or a "p/q" of more than 200 digits) is written
  // exactly but would not read back.
  std::string canonical() const;

  // Largest integer <= value, smallest integer >= value.
  Rational floor() const;
  Rational ceil() const;

  Rational operator-() const;
  Rational abs() const { return sign() < 0 ? -*this : *this; }
  friend Rational operator+(const Rational& a, const Rational& b);
  friend Rational operator-(const Rational& a, const Rational& b);
  friend Rational operator*(const Rational& a, const Rational& b);
  // Throws std::domain_error on division by zero.
  friend Rational operator/(const Rational& a, const Rational& b);
  Rational& operator+=(const Rational& b) { return *this = *this + b; }
  Rational& operator-=(const Rational& b) { return *this = *this - b; }
  Rational& operator*=(const Rational& b) { return *this = *this * b; }
  Rational& operator/=(const Rational& b) { return *this = *this / b; }

  friend bool operator==(const Rational& a, const Rational& b) noexcept;
  friend std::strong_ordering operator<=>(const Rational& a, const Rational& b) noexcept;

  std::size_t hash() const noexcept;

  // Implementation detail, public only so that rational.cpp's helpers can name it.
  struct Big;

 private:
  explicit Rational(std::shared_ptr<const Big> big) noexcept : big_(std::move(big)) {}
  friend struct RationalAccess;

  // Invariant: if big_ is null the value is num_/den_ in lowest terms with
  // den_ >= 1 and num_ != INT64_MIN; otherwise the value is *big_ and it does
  // not fit that form.
  std::int64_t num_ = 0;
  std::int64_t den_ = 1;
  std::shared_ptr<const Big> big_;
};

}  // namespace parley

template <>
struct std::hash<parley::Rational> {
  std::size_t operator()(const parley::Rational& r) const noexcept { return r.hash(); }
};
