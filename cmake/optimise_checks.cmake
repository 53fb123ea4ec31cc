# Checks of the package optimiser (src/parley/optimise/package.h): property tests against the
# exact methods and hand-made cases, the seeded map generators they share with the benchmarks,
# and the `package` benchmark section.
list(APPEND PARLEY_TEST_SOURCES src/parley/optimise/package_property_test.cpp tests/random_map.cpp)
list(APPEND PARLEY_BENCH_SOURCES bench/bench_package.cpp tests/random_map.cpp)
