#include "parley/core/common_denominator.h"

#include "parley/core/rational_gcd.h"
#include "parley/core/rational_gmp.h"

#include <gmpxx.h>

#include <numeric>
#include <stdexcept>

namespace parley {

bool CommonDenominator::include(const Rational& r) {
  if (r.is_big()) return false;
  const std::int64_t d = r.small_denominator();
  const std::int64_t g = std::gcd(value_, d);
  if (value_ / g > limit_ / d) return false;
  value_ = value_ / g * d;
  return true;
}

namespace {

// Directly, not through text: the frontier converts every contribution twice.
mpq_class to_mpq(const Rational& r) {
  mpq_class q;
  rational_to_mpq(r, q.get_mpq_t());
  return q;
}

std::vector<std::uint64_t> limbs_of(const mpz_class& z) {
  if (sgn(z) < 0) throw std::domain_error("WideCommonDenominator: a negative value has no limbs");
  std::vector<std::uint64_t> out((mpz_sizeinbase(z.get_mpz_t(), 2) + 63) / 64);
  std::size_t count = 0;
  if (!out.empty()) mpz_export(out.data(), &count, -1, sizeof(std::uint64_t), 0, 0, z.get_mpz_t());
  out.resize(count);
  return out;
}

}  // namespace

struct WideCommonDenominator::State {
  mpz_class value = 1;
};

WideCommonDenominator::WideCommonDenominator() : state_(std::make_unique<State>()) {}
WideCommonDenominator::~WideCommonDenominator() = default;
WideCommonDenominator::WideCommonDenominator(WideCommonDenominator&&) noexcept = default;
WideCommonDenominator& WideCommonDenominator::operator=(WideCommonDenominator&&) noexcept = default;

void WideCommonDenominator::include(const Rational& r) {
  mpq_class q = to_mpq(r);
  mpz_lcm(state_->value.get_mpz_t(), state_->value.get_mpz_t(), q.get_den_mpz_t());
}

Rational WideCommonDenominator::value() const {
  const mpq_class q(state_->value);
  return rational_from_mpq(q.get_mpq_t());
}

std::size_t WideCommonDenominator::bits() const { return mpz_sizeinbase(state_->value.get_mpz_t(), 2); }

std::vector<std::uint64_t> WideCommonDenominator::scale(const Rational& r) const {
  mpq_class q = to_mpq(r);
  return limbs_of(q.get_num() * (state_->value / q.get_den()));
}

std::vector<std::uint64_t> WideCommonDenominator::scale_up(const Rational& r) const {
  mpq_class q = to_mpq(r) * state_->value;
  mpz_class out;
  mpz_cdiv_q(out.get_mpz_t(), q.get_num_mpz_t(), q.get_den_mpz_t());
  return limbs_of(out);
}

Rational WideCommonDenominator::unscale(const std::uint64_t* limbs, std::size_t count) const {
  mpz_class n;
  if (count > 0) mpz_import(n.get_mpz_t(), count, -1, sizeof(std::uint64_t), 0, 0, limbs);
  mpq_class q(n, state_->value);
  q.canonicalize();
  return rational_from_mpq(q.get_mpq_t());
}

}  // namespace parley

namespace parley {

namespace {

using U128 = unsigned __int128;

// z = v, without allocating beyond z's two limbs.
void set_u128(mpz_t z, U128 v) {
  const std::uint64_t limbs[2] = {static_cast<std::uint64_t>(v), static_cast<std::uint64_t>(v >> 64)};
  mpz_import(z, 2, -1, sizeof(std::uint64_t), 0, 0, limbs);
}

}  // namespace

// For issue i, with weight a/b and values c_j/d_j (lowest terms), L = lcm d_j
// and n_j = c_j * L / d_j, the products are a * n_j / (b * L). Over M = b * L
// their least common denominator is E = M / G with G = gcd(M, a * g), g =
// gcd_j n_j (the lcm of M / gcd(M, x_j) is M / gcd(M, gcd_j x_j)); D is the
// lcm of the issues' E, and D * a * n_j / M = (D / E) * (a * g / G) * (n_j / g):
// the factor (D / E) * (a * g / G) times the multiplier n_j / g.
std::optional<ScaledProducts> scale_products(const std::vector<Rational>& weights, const std::vector<Rational>& values,
                                             const std::vector<std::size_t>& first) {
  const std::size_t issues = weights.size();
  std::vector<U128> unit(2 * issues);  // E, then a * g / G, per issue
  U128* alpha = unit.data() + issues;
  // A weight past 64 bits (a decimal of 19 or more places, normalised)
  // takes its issue's few operations in GMP: [i] holds E and a * g / G then,
  // and D and every factor are found in GMP.
  std::vector<std::pair<mpz_class, mpz_class>> wide_unit;
  ScaledProducts out;
  out.first = first;
  out.multipliers.assign(values.size(), 0);
  for (std::size_t i = 0; i < issues; ++i) {
    const Rational& w = weights[i];
    const Rational* v = values.data() + first[i];
    std::uint64_t* m = out.multipliers.data() + first[i];
    const std::size_t count = first[i + 1] - first[i];
    unit[i] = 1;
    alpha[i] = 0;
    // In [0, 1], so that every factor is at most D (and fits D's limbs).
    if (w.sign() < 0 || (w.is_big() ? w > Rational(1) : w.small_numerator() > w.small_denominator())) {
      return std::nullopt;
    }
    if (w.is_zero()) continue;  // every product 0
    std::uint64_t lcm = 1;
    for (std::size_t j = 0; j < count; ++j) {
      if (v[j].is_big() || v[j].sign() < 0 || v[j].small_numerator() > v[j].small_denominator()) return std::nullopt;
      // Divisions (some 40 cycles each) only where the lcm really grows.
      const auto d = static_cast<std::uint64_t>(v[j].small_denominator());
      const std::uint64_t common = gcd64(lcm, d);
      if (common == d) continue;  // d divides lcm
      if (__builtin_mul_overflow(lcm, common == 1 ? d : d / common, &lcm)) return std::nullopt;
    }
    std::uint64_t g = 0;
    for (std::size_t j = 0; j < count; ++j) {
      const auto d = static_cast<std::uint64_t>(v[j].small_denominator());
      // c <= d, so n <= lcm: no overflow.
      m[j] = static_cast<std::uint64_t>(v[j].small_numerator()) * (d == lcm ? 1 : lcm / d);
      if (g != 1) g = gcd64(g, m[j]);
    }
    if (g == 0) continue;  // every value 0
    if (g != 1) {
      for (std::size_t j = 0; j < count; ++j) m[j] /= g;
    }
    // G = gcd(b * L, a * g) without a long 128-bit gcd: with h = gcd(a, L),
    // a / h is coprime to b (a/b in lowest terms) and to L / h, so G = h *
    // gcd(b * (L / h), g), one 128-bit remainder and then 64-bit steps.
    if (w.is_big()) {
      if (wide_unit.empty()) wide_unit.resize(issues);
      const mpq_class q = to_mpq(w);
      const std::uint64_t h = mpz_gcd_ui(nullptr, q.get_num_mpz_t(), lcm);
      const mpz_class rest = q.get_den() * (lcm / h);
      const auto k = gcd64(mpz_fdiv_ui(rest.get_mpz_t(), g), g);
      wide_unit[i].first = rest / k;
      wide_unit[i].second = q.get_num() / h * (g / k);
      continue;
    }
    const auto a = static_cast<std::uint64_t>(w.small_numerator());
    const auto b = static_cast<std::uint64_t>(w.small_denominator());
    const std::uint64_t h = gcd64(a, lcm);
    const U128 rest = static_cast<U128>(b) * (lcm / h);  // b * L / h, < 2^127
    const auto k = gcd64(static_cast<std::uint64_t>(rest % g), g);
    unit[i] = rest / k;                                                    // b * L / G
    alpha[i] = static_cast<U128>(a / h) * (g / k);                         // a * g / G
  }
  // D = lcm of the units, and each factor; in 128 bits while D fits there
  // (small scenarios), in GMP otherwise.
  U128 d = 1;
  bool fits = wide_unit.empty();
  for (std::size_t i = 0; i < issues && fits; ++i) {
    U128 next = 0;
    fits = !__builtin_mul_overflow(d / gcd128(d, unit[i]), unit[i], &next);
    if (fits) d = next;
  }
  if (fits) {
    // No GMP temporaries (each an allocation) for the common case.
    set_u128(out.denominator.state_->value.get_mpz_t(), d);
    out.limbs = (d >> 64) != 0 ? 2 : 1;
    out.factors.assign(issues * out.limbs, 0);
    for (std::size_t i = 0; i < issues; ++i) {
      const U128 f = d / unit[i] * alpha[i];  // <= D: some multiplier is >= 1 and f times it is at most D
      out.factors[i * out.limbs] = static_cast<std::uint64_t>(f);
      if (out.limbs == 2) out.factors[i * 2 + 1] = static_cast<std::uint64_t>(f >> 64);
    }
    return out;
  }
  mpz_ptr big_d = out.denominator.state_->value.get_mpz_t();
  mpz_t factor, part;
  mpz_inits(factor, part, nullptr);
  // Issue i's E and a * g / G, from GMP or from 128 bits.
  auto unit_of = [&](std::size_t i) -> mpz_srcptr {
    if (!wide_unit.empty() && wide_unit[i].first != 0) return wide_unit[i].first.get_mpz_t();
    set_u128(part, unit[i]);
    return part;
  };
  auto alpha_of = [&](std::size_t i) -> mpz_srcptr {
    if (!wide_unit.empty() && wide_unit[i].first != 0) return wide_unit[i].second.get_mpz_t();
    set_u128(part, alpha[i]);
    return part;
  };
  mpz_set_ui(big_d, 1);
  for (std::size_t i = 0; i < issues; ++i) mpz_lcm(big_d, big_d, unit_of(i));
  out.limbs = mpz_size(big_d);
  out.factors.assign(issues * out.limbs, 0);
  for (std::size_t i = 0; i < issues; ++i) {
    mpz_divexact(factor, big_d, unit_of(i));
    mpz_mul(factor, factor, alpha_of(i));
    std::size_t count = 0;  // at most limbs: factor <= D
    if (mpz_sgn(factor) != 0) mpz_export(out.factors.data() + i * out.limbs, &count, -1, sizeof(std::uint64_t), 0, 0, factor);
  }
  mpz_clears(factor, part, nullptr);
  return out;
}

}  // namespace parley
