// Rational <-> GMP without going through text, for core's own GMP users
// (common_denominator.cpp). Internal to core: GMP stays behind rational.h and
// common_denominator.h for everything above it.
//
//   mpq_t q; mpq_init(q);
//   rational_to_mpq(r, q);              // q == r, canonical
//   Rational back = rational_from_mpq(q);  // == r, stored small when it fits
#pragma once

#include <gmp.h>

#include "parley/core/rational.h"

namespace parley {

// Sets out (initialised by the caller) to r.
void rational_to_mpq(const Rational& r, mpq_t out);
// q must be canonical (lowest terms, positive denominator).
Rational rational_from_mpq(const mpq_t q);

}  // namespace parley
