# One static library per folder of src/parley, and the build enforcing the layers.
#
#   parley_library(analysis SOURCES utility.cpp ... PUBLIC parley_model PRIVATE fmt::fmt)
#
# Each library sees only its own headers and those of the libraries it links:
# its folder is reachable as "parley/<name>/..." through an include directory
# of its own (build/include/<name>, holding one link to the folder), which it
# passes on to what links it. There is no include directory over the whole
# tree, so a header included against the layers is simply not found and the
# build fails. Third-party libraries are linked PRIVATE where only the .cpp
# files use them, so their headers cannot leak upwards either.
#
# Tests and benchmarks next to the sources are collected into the global
# properties PARLEY_TEST_SOURCES and PARLEY_BENCH_SOURCES (parley_tests(),
# parley_benchmarks()).

set(PARLEY_INCLUDE_ROOT "${CMAKE_BINARY_DIR}/include")

function(parley_library name)
  cmake_parse_arguments(ARG "" "" "SOURCES;PUBLIC;PRIVATE" ${ARGN})
  set(target parley_${name})
  set(root "${PARLEY_INCLUDE_ROOT}/${name}")
  file(MAKE_DIRECTORY "${root}/parley")
  if(NOT EXISTS "${root}/parley/${name}")
    file(CREATE_LINK "${CMAKE_CURRENT_SOURCE_DIR}" "${root}/parley/${name}" SYMBOLIC)
  endif()
  add_library(${target} STATIC ${ARG_SOURCES})
  # Linked into the Python module and the run-time modules (the server, the
  # PostgreSQL backend) too. Without semantic interposition GCC still inlines
  # across the library's own functions, as without -fPIC.
  set_target_properties(${target} PROPERTIES POSITION_INDEPENDENT_CODE ON)
  target_compile_options(${target} PRIVATE -fno-semantic-interposition)
  target_include_directories(${target} PUBLIC "${root}")
  target_link_libraries(${target} PUBLIC ${ARG_PUBLIC} PRIVATE ${ARG_PRIVATE})
endfunction()

function(parley_tests)
  foreach(source IN LISTS ARGN)
    set_property(GLOBAL APPEND PROPERTY PARLEY_TEST_SOURCES "${CMAKE_CURRENT_SOURCE_DIR}/${source}")
  endforeach()
endfunction()

function(parley_benchmarks)
  foreach(source IN LISTS ARGN)
    set_property(GLOBAL APPEND PROPERTY PARLEY_BENCH_SOURCES "${CMAKE_CURRENT_SOURCE_DIR}/${source}")
  endforeach()
endfunction()
