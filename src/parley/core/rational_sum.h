// Exact sums of many rationals (and of products of two), faster than adding
// Rationals one by one.
//
//   RationalSum sum;
//   for (...) sum.add_product(weight, value);   // sum += weight * value, exactly
//   Rational u = sum.value();                   // in lowest terms
//   sum.reset();                                // 0 again, keeping its memory
//
// Why: a Rational sum of big values (Genius weights are 17-digit decimals)
// reduces to lowest terms and allocates a new number at every step. Here the
// terms are kept over one growing common denominator, with no reduction until
// value(): the verifier recomputes every utility of every frontier point this
// way (issue 19: the verified frontier took 100 times the engine's time).
#pragma once

#include <memory>

#include "parley/core/rational.h"

namespace parley {

class RationalSum {
 public:
  RationalSum();
  ~RationalSum();
  RationalSum(const RationalSum&) = delete;
  RationalSum& operator=(const RationalSum&) = delete;

  void add(const Rational& r);
  void add_product(const Rational& a, const Rational& b);
  Rational value() const;
  void reset();

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace parley
