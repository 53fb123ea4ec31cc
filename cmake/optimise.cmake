# The package optimiser: the best package by MIP for spaces too large to enumerate.
list(APPEND PARLEY_LIB_SOURCES src/parley/optimise/package.cpp)
list(APPEND PARLEY_TEST_SOURCES src/parley/optimise/package_test.cpp)
