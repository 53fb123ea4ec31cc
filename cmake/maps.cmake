# GeoJSON maps (read with GEOS, behind src/parley/io/geojson_map.h), map and
# adjacency-graph drawing, and `parley render`.
find_package(GEOS 3.10 REQUIRED CONFIG)  # Debian 12: libgeos-dev ships GEOSConfig.cmake (GEOS::geos_c)
list(APPEND PARLEY_LIB_SOURCES src/parley/io/geojson_map.cpp)
list(APPEND PARLEY_TEST_SOURCES src/parley/io/geojson_map_test.cpp)
list(APPEND PARLEY_LIB_SOURCES src/parley/render/map_svg.cpp)
list(APPEND PARLEY_CLI_SOURCES src/parley/cli/render.cpp)
list(APPEND PARLEY_TEST_SOURCES src/parley/io/scenario_map_test.cpp src/parley/render/map_svg_test.cpp
  tests/render_cli_test.cpp)
list(APPEND PARLEY_BENCH_SOURCES bench/bench_maps.cpp)
