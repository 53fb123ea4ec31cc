# Fair division on the goods part of a scenario.
list(APPEND PARLEY_LIB_SOURCES src/parley/fairdiv/goods.cpp src/parley/fairdiv/methods.cpp src/parley/fairdiv/solve_goods.cpp)
list(APPEND PARLEY_TEST_SOURCES src/parley/fairdiv/goods_test.cpp src/parley/fairdiv/fairdiv_property_test.cpp)
