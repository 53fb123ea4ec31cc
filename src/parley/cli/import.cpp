#include <ostream>

#include "parley/cli/commands.h"
#include "parley/cli/output.h"

namespace parley::cli {
int run_import(const ImportOptions&, std::ostream&, std::ostream& err) {
  err << "parley import: not built yet\n";
  return kExitCannotRun;
}
}  // namespace parley::cli
