// The worst case of a gain over a box of weights (docs/cli.md, `solve --method
// robust`): each raw weight w_i may lie anywhere in [w_i (1 - S), w_i (1 + S)].
//
//   // d_i: what issue i adds to the gain, before weighting (v_i - r, or v_i - v_i(status quo))
//   WorstCase wc = worst_case(d, raw_weights, Rational(1, 5));
//   wc.value;    // min over the box of sum w_i d_i / sum w_i, exact
//   wc.weights;  // a vertex of the box where it is attained
//
// A party's gain U_p - r_p = sum w_i (v_i - r_p) / sum w_i is linear-fractional
// in the weights, so its minimum over the box is attained at a vertex, and at
// the minimum t every issue with d_i > t sits at its low end and every issue
// with d_i < t at its high end (raising w_i moves the ratio towards d_i). The
// vertices of that form are the prefixes of the issues sorted by d
// descending: n + 1 of them, scanned with running sums, no enumeration of the
// 2^n vertices.
#pragma once

#include <vector>

#include "parley/core/rational.h"

namespace parley {

struct WorstCase {
  Rational value;
  std::vector<Rational> weights;  // raw, one per issue, each at an end of its interval
};

// Preconditions: d and weights have the same size; every weight >= 0 with a
// positive sum; 0 <= spread < 1 (so the box has no vector of zero sum).
WorstCase worst_case(const std::vector<Rational>& d, const std::vector<Rational>& weights, const Rational& spread);

}  // namespace parley
