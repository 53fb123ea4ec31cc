# The package optimiser: the best package by MIP for spaces too large to enumerate.
list(APPEND PARLEY_LIB_SOURCES src/parley/optimise/package.cpp src/parley/optimise/vertex_cut.cpp)
list(APPEND PARLEY_TEST_SOURCES src/parley/optimise/package_test.cpp src/parley/optimise/vertex_cut_test.cpp)
