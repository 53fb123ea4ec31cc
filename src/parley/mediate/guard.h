// Internal to mediate/: the facade's edge, where exceptions from the
// components become Failures (docs: DESIGN.md, "Errors").
//
//   Result<SolveResponse> solve(const Scenario& s, const SolveRequest& r) {
//     return guarded<SolveResponse>([&] { return solve_unguarded(s, r); });
//   }
#pragma once

#include <exception>
#include <new>
#include <string>

#include "parley/core/result.h"

namespace parley::mediate {

// A response that failed verification: a bug in parley, never in the input (exit 4).
inline Failure verification_failed(const std::string& what, const std::string& check) {
  return Failure{"", {Diagnostic{"", "internal error: " + what + " failed parley's own verification: " + check}},
                 FailureKind::internal};
}

template <typename T, typename Fn>
Result<T> guarded(Fn&& fn) {
  try {
    return fn();
  } catch (const std::bad_alloc&) {
    return Failure{"", {Diagnostic{"", "not enough memory for this computation; a time limit, coarser steps or "
                                       "fewer linked issues make it smaller"}},
                   FailureKind::unsupported};
  } catch (const std::exception& e) {
    return Failure{"", {Diagnostic{"", std::string("internal error: ") + e.what()}}, FailureKind::internal};
  }
}

}  // namespace parley::mediate
