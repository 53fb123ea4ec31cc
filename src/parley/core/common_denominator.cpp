#include "parley/core/common_denominator.h"

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
