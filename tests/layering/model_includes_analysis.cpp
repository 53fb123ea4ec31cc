// Must NOT compile: the model depends on nothing but core
// (cmake/parley_library.cmake); the test LayeringIsEnforcedByTheBuild expects failure.
#include "parley/analysis/utility.h"
