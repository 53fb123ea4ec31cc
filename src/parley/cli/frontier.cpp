#include <ostream>

#include "parley/cli/commands.h"
#include "parley/cli/output.h"

namespace parley::cli {
int run_frontier(const FrontierOptions&, std::ostream&, std::ostream& err) {
  err << "parley frontier: not built yet\n";
  return kExitCannotRun;
}
}  // namespace parley::cli
