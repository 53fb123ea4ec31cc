// Internal to mediate/: one simulated negotiation on a prepared scenario, for
// negotiate() and tournament() alike (the tournament prepares each scenario
// once and runs many negotiations on it).
//
//   Prepared p = prepare(s, limits, seed, /*distances=*/true, deadline).value();
//   NegotiateResponse r = run_negotiation(s, p, request, deadline);
//   Verification v = verify_negotiation(s, r);
#pragma once

#include <memory>
#include <optional>
#include <vector>

#include "parley/core/deadline.h"
#include "parley/mediate/agents.h"
#include "parley/mediate/engine.h"
#include "parley/mediate/verify.h"

namespace parley::mediate {

// What the negotiation needs from a scenario besides the agents: the public
// candidate table, and (for the distances) the frontier of every feasible
// outcome and the Nash point, in doubles.
struct Prepared {
  std::shared_ptr<const OutcomeTable> table;
  // Per party, what its agents choose from, each built from that party's
  // preferences alone (agent_scenario()): shared by every negotiation.
  std::vector<std::shared_ptr<const PartyCandidates>> candidates;
  std::vector<std::vector<double>> frontier;  // empty: not computed (note says why)
  std::optional<std::vector<double>> nash;
  std::string note;
  // The time limit ran out while the candidate table was being built: no
  // negotiation is run on it (a cut-short table is not the seed's).
  bool stopped = false;
};

// Fails as negotiate() does (missing preferences, unsupported sizes). The
// deadline bounds the table (stopped) and the frontier (no distances, note).
Result<Prepared> prepare(const Scenario& s, const TableLimits& limits, std::uint64_t seed, bool distances,
                         const Deadline& deadline);

// The negotiation itself; the request's agents must match the parties.
NegotiateResponse run_negotiation(const Scenario& s, const Prepared& prepared, const NegotiateRequest& request,
                                  const Deadline& deadline);

// Independent re-check of a response: feasibility by the constraint checker,
// utilities recomputed from the preferences as written, individual
// rationality, the transcript's order and proposers, the real costs.
Verification verify_negotiation(const Scenario& s, const NegotiateResponse& r);

}  // namespace parley::mediate
