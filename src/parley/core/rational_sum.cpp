#include "parley/core/rational_sum.h"

#include <gmp.h>

#include "parley/core/rational_gmp.h"

namespace parley {

// The sum is num / den, not reduced; den is a multiple of every term's
// (unreduced) denominator so far.
struct RationalSum::State {
  mpz_t num, den, g, scale;
  mpq_t a, b;
  State() {
    mpz_init(num);
    mpz_init_set_ui(den, 1);
    mpz_inits(g, scale, nullptr);
    mpq_init(a);
    mpq_init(b);
  }
  ~State() {
    mpz_clears(num, den, g, scale, nullptr);
    mpq_clear(a);
    mpq_clear(b);
  }
  State(const State&) = delete;
  State& operator=(const State&) = delete;

  // num/den += n/d (d > 0).
  void add(mpz_srcptr n, mpz_srcptr d) {
    if (mpz_divisible_p(den, d)) {
      mpz_divexact(scale, den, d);
      mpz_addmul(num, n, scale);
      return;
    }
    // den' = den * d / g; num' = num * (d / g) + n * (den / g).
    mpz_gcd(g, den, d);
    mpz_divexact(scale, d, g);
    mpz_mul(num, num, scale);
    mpz_divexact(g, den, g);  // den / g
    mpz_addmul(num, n, g);
    mpz_mul(den, den, scale);
  }
};

RationalSum::RationalSum() : state_(std::make_unique<State>()) {}
RationalSum::~RationalSum() = default;

void RationalSum::add(const Rational& r) {
  rational_to_mpq(r, state_->a);
  state_->add(mpq_numref(state_->a), mpq_denref(state_->a));
}

void RationalSum::add_product(const Rational& a, const Rational& b) {
  rational_to_mpq(a, state_->a);
  rational_to_mpq(b, state_->b);
  // The product unreduced: the reduction waits for value().
  mpz_mul(mpq_numref(state_->a), mpq_numref(state_->a), mpq_numref(state_->b));
  mpz_mul(mpq_denref(state_->a), mpq_denref(state_->a), mpq_denref(state_->b));
  state_->add(mpq_numref(state_->a), mpq_denref(state_->a));
}

Rational RationalSum::value() const {
  mpq_t q;
  mpq_init(q);
  mpq_set_num(q, state_->num);
  mpq_set_den(q, state_->den);
  mpq_canonicalize(q);
  Rational out = rational_from_mpq(q);
  mpq_clear(q);
  return out;
}

void RationalSum::reset() {
  mpz_set_ui(state_->num, 0);
  mpz_set_ui(state_->den, 1);
}

}  // namespace parley
