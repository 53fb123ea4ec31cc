#include <ostream>

#include "parley/cli/commands.h"
#include "parley/cli/output.h"

namespace parley::cli {
int run_solve(const SolveOptions&, std::ostream&, std::ostream& err) {
  err << "parley solve: not built yet\n";
  return kExitCannotRun;
}
}  // namespace parley::cli
