// Internal to mediate/: why there is no deal. When no feasible outcome gives
// every party at least its reservation, say whether anything is feasible at
// all, name a minimal set of demands that cannot hold together (a deletion
// filter: dropping any one of them makes a package possible), the package
// that comes closest, and how far each reservation would have to come down.
//
//   explain_no_deal(scenario, deadline, options, response);   // status, conflict, closest, shortfall, sentences
#pragma once

#include "parley/core/deadline.h"
#include "parley/mediate/engine.h"

namespace parley::mediate {

struct NoDealOptions {
  optimise::Contiguity contiguity = optimise::Contiguity::cuts;
  // The exact frontier could not list the space: ask the package optimiser.
  bool by_optimiser = false;
};

// Fills r.status (infeasible or no_agreement_zone), r.conflict,
// r.conflict_minimal, r.closest, r.closest_utilities, r.reservation_shortfall
// and the explanation's sentences. Every check stops at `deadline`; a check
// that could not finish keeps its demand (the set still conflicts, perhaps
// not minimally: conflict_minimal false).
void explain_no_deal(const Scenario& s, const Deadline& deadline, const NoDealOptions& options, SolveResponse& r);

}  // namespace parley::mediate
