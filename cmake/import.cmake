# Genius / GeniusWeb import (pugixml behind io/genius_import.h).
list(APPEND PARLEY_LIB_SOURCES src/parley/io/genius_import.cpp)
list(APPEND PARLEY_CLI_SOURCES src/parley/cli/import.cpp)
list(APPEND PARLEY_TEST_SOURCES src/parley/io/genius_import_test.cpp)
