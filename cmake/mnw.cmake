# Maximum Nash welfare (fast exact method and the CBC cross-check), and the MIP interface.
list(APPEND PARLEY_LIB_SOURCES src/parley/fairdiv/mnw.cpp src/parley/fairdiv/mnw_mip.cpp src/parley/solve/mip.cpp)
list(APPEND PARLEY_TEST_SOURCES src/parley/fairdiv/mnw_test.cpp src/parley/solve/mip_test.cpp)
list(APPEND PARLEY_BENCH_SOURCES bench/bench_mnw.cpp)
# The largest set of parties that can be positive together (shared by both MNW methods).
list(APPEND PARLEY_LIB_SOURCES src/parley/fairdiv/mnw_matching.cpp)
