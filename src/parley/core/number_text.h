// Numbers for people: what the command line prints and the explanations say.
// A number is rounded to a few decimals for reading, but rounding must never
// make a claim false: a gain that is there must not read +0.0000, and a party
// "below" a threshold must not read as exactly at it ("99.98% of the maximin
// share" is not "100.0%").
//
//   decimal(Rational(1, 3))                      // "0.3333"
//   signed_decimal(Rational(1, 30000))           // "+0.00003" (not "+0.0000")
//   decimal_beside(Rational(4999, 5000), 1)      // "0.9998" next to "1.0000"
//   percent_beside(Rational(9998, 10000), 1, 1)  // "99.98%", not "100.0%"
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "parley/core/rational.h"

namespace parley {

// "0.6125" style: `decimals` decimals, trailing zeros kept for alignment; a
// nonzero value that would show as zero (0.0000, -0.0000) gets the decimals
// it takes to show its first digit ("0.00003"), and beyond 12 is shown
// exactly ("1/10000000000000").
std::string decimal(const Rational& r, int decimals = 4);
// "+0.2500" / "-0.0100" / "+0.00003".
std::string signed_decimal(const Rational& r, int decimals = 4);

// `r` to be read next to `other` (the threshold it is compared with, or the
// other side of a comparison): with `decimals` decimals, or more where that
// many would show the two as the same number while they differ, and exactly
// (as a fraction) when even 12 do. Called with the arguments swapped, it
// shows `other` with the same number of decimals.
std::string decimal_beside(const Rational& r, const Rational& other, int decimals = 4);
// The same for a fraction shown as a percentage: "99.98%" beside 1.
std::string percent_beside(const Rational& fraction, const Rational& other, int decimals = 1);

// A fraction as a percentage rounded down, for "at least ...%": 0.59952 is
// "at least 59.9%", never "at least 60.0%".
std::string percent_at_least(const Rational& fraction, int decimals = 1);

// A quantity in its own units, as a report writes it: "2,500", "12,000.5",
// "0.3333"; whole numbers exactly with thousands separated, others with up to
// `decimals` decimals, trailing zeros dropped (never shown as zero when not).
std::string amount(const Rational& r, int decimals = 4);

// A count with its noun in the right number: counted(1, "package") is
// "1 package", counted(2, "package") "2 packages", counted(3, "party",
// "parties") "3 parties"; the count as amount() writes it ("16,907 packages").
std::string counted(long long n, std::string_view one, std::string_view many = {});
// Just the noun: "package" for 1, "packages" (or `many`) otherwise.
std::string noun(long long n, std::string_view one, std::string_view many = {});

// How far a feasible answer may be from the best, for people. `gap` is a
// proven relative gap on the method's criterion: no package is better by
// more than that fraction, so the best is at most (1 + gap) times as good.
// Rounded up (a bound is never shown tighter than proved); none, NaN or
// infinity: no bound is known. Large gaps read as a factor, and past 1,000
// as a bound that says little.
//   gap_short(0.0311)     // "gap 3.2%"
//   gap_short(277532.0)   // "gap: the bound proved so far says little"
//   gap_sentence(1.79)    // "the best package may be up to 2.8 times as good under the criterion"
std::string gap_short(std::optional<double> gap);
std::string gap_sentence(std::optional<double> gap);

}  // namespace parley
