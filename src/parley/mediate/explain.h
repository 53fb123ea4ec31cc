// Internal to mediate/: the sentences a mediator can repeat, built from an
// answer's numbers. Nothing here decides anything; engine.h's functions call
// these once the answer is known.
//
//   std::vector<std::string> why = explain_package(s, Method::nash, utilities, ideal);
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "parley/core/rational.h"
#include "parley/model/method.h"
#include "parley/model/scenario.h"

namespace parley::mediate {

// "0.6125", "+0.0250"; a nonzero value too small for four decimals with the
// decimals it takes ("+0.00003"), never "+0.0000" (core/number_text.h).
std::string num(const Rational& r);
std::string signed_num(const Rational& r);

// A party as a sentence names them: their name, else their id.
std::string party_name(const Scenario& s, std::size_t p);
// "a", "a and b", "a, b and c".
std::string joined(const std::vector<std::string>& parts);

// What the method maximises and what this package achieves under it (the
// first sentence of every solution concept's explanation). `ideal`: each
// party's best over the acceptable packages (ks).
std::string method_sentence(const Scenario& s, Method m, const std::vector<Rational>& u,
                            const std::vector<Rational>& ideal);

// "Party A (a) gets 0.7000 against 0.4500 with no deal, a gain of +0.2500[: 60% of the way ...]."
// `ideal` may be empty (not known).
std::vector<std::string> party_sentences(const Scenario& s, const std::vector<Rational>& u,
                                         const std::vector<Rational>& ideal);

// The real costs of a period without agreement, in their own units:
// "2,500 soldiers killed (source: ...) and 3 bridges destroyed".
std::string real_costs_text(const std::vector<CostOfDelay>& costs);

// What each period without agreement costs, one sentence with the real units
// the scenario gives ("" when it has no delay costs, drifts or real costs):
// "Each week without agreement costs 2,500 soldiers killed (source: ...); for
// the parties, Party A (a) 0.0100 and Party B (b) 0.0150 in utility."
std::string delay_sentence(const Scenario& s);

}  // namespace parley::mediate
