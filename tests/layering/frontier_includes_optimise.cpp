// Must NOT compile: the frontier library does not link the package optimiser,
// so the optimiser's headers are out of its reach (cmake/parley_library.cmake).
// The test LayeringIsEnforcedByTheBuild builds this file and expects failure.
#include "parley/optimise/package.h"
