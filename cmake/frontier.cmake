# Exact Pareto frontier and the bargaining solutions; `parley frontier` and `parley solve`.
list(APPEND PARLEY_LIB_SOURCES src/parley/frontier/frontier.cpp src/parley/frontier/bargaining.cpp
  src/parley/frontier/recommend.cpp src/parley/frontier/plot.cpp)
list(APPEND PARLEY_CLI_SOURCES src/parley/cli/frontier.cpp src/parley/cli/solve.cpp)
list(APPEND PARLEY_TEST_SOURCES src/parley/frontier/frontier_test.cpp tests/solve_cli_test.cpp)
list(APPEND PARLEY_BENCH_SOURCES bench/bench_frontier.cpp)
