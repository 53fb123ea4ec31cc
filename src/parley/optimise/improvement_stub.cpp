// Stand-in until the improvement search lands (see package.h).
#include "parley/optimise/package.h"

namespace parley::optimise {

Result<PackageResult> improvement(const Scenario&, const std::vector<Rational>&, const PackageOptions&) {
  return Failure{"", {Diagnostic{"", "the package optimiser's improvement search is not available yet"}},
                 FailureKind::unsupported};
}

}  // namespace parley::optimise
