# The web page (web/: Vite + TypeScript, docs in the README) and its browser test.
#
# With npm, the target parley_web (part of `all`) builds the bundle into
# build/web, where build/parley serve finds it (the folder web beside the
# executable): scripts/build-web.sh runs `npm ci` when web/package-lock.json
# changes and `npm run build` when anything under web/src, web/public or the
# files at web/'s top changes (build/web.stamp). Without web/ or without npm,
# or when npm fails, the C++ build goes on and says so; parley serve then
# answers / with a page saying how to build the web page.
#
# WebEndToEnd (ctest) runs web/tests/e2e.mjs with Node.js against the built
# binary and bundle in Debian's Chromium; it exits 77 (skipped) without
# Chromium or web/node_modules.

option(PARLEY_WEB "Build the web page's bundle (web/) into build/web with npm, when npm is there" ON)
set(PARLEY_CHROMIUM /usr/bin/chromium CACHE FILEPATH "the Chromium the browser test drives (Debian's; never downloaded)")

set(parley_web_source "${CMAKE_SOURCE_DIR}/web")
set(parley_web_out "${CMAKE_BINARY_DIR}/web")

if(PARLEY_WEB AND (PARLEY_SANITIZE OR PARLEY_FUZZ))
  # The bundle is the same whatever the C++ flags: the main build makes it,
  # and two builds running npm in one web/ folder would trip over each other.
  message(STATUS "PARLEY_WEB is off in a sanitizer or fuzzing build (the main build makes the web page)")
  set(PARLEY_WEB OFF)
endif()

# web/ and its test may land after a build folder was configured: a change to
# these folders' entries configures again, which picks them up.
if(EXISTS "${parley_web_source}")
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${parley_web_source}")
  if(EXISTS "${parley_web_source}/tests")
    set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${parley_web_source}/tests")
  endif()
else()
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${CMAKE_SOURCE_DIR}")
endif()

if(PARLEY_WEB)
  if(NOT EXISTS "${parley_web_source}/package.json")
    message(STATUS "PARLEY_WEB: there is no web/package.json yet: no web page to build")
  else()
    find_program(PARLEY_NPM npm)
    if(NOT PARLEY_NPM)
      message(NOTICE "PARLEY_WEB: npm was not found, so the web page is not built (parley serve says so at /; "
                     "the API works). Install Node.js and npm (scripts/install-deps.sh does) and run make build again.")
    else()
      # Not node_modules (npm's, and huge), nor tests/ (not in the bundle).
      file(GLOB_RECURSE parley_web_inputs CONFIGURE_DEPENDS
           "${parley_web_source}/src/*" "${parley_web_source}/public/*")
      file(GLOB parley_web_top LIST_DIRECTORIES false CONFIGURE_DEPENDS "${parley_web_source}/*")
      add_custom_command(
        OUTPUT "${CMAKE_BINARY_DIR}/web.stamp"
        COMMAND "${CMAKE_SOURCE_DIR}/scripts/build-web.sh" "${parley_web_source}" "${parley_web_out}"
                "${CMAKE_BINARY_DIR}/web.stamp" "${PARLEY_NPM}"
        DEPENDS ${parley_web_inputs} ${parley_web_top} "${CMAKE_SOURCE_DIR}/scripts/build-web.sh"
        COMMENT "Building the web page (npm) into ${parley_web_out}"
        USES_TERMINAL
        VERBATIM)
      add_custom_target(parley_web ALL DEPENDS "${CMAKE_BINARY_DIR}/web.stamp")
    endif()
  endif()
endif()

if(PARLEY_TESTS AND PARLEY_WEB AND EXISTS "${parley_web_source}/tests/e2e.mjs")
  find_program(PARLEY_NODE node)
  if(NOT PARLEY_NODE)
    message(STATUS "WebEndToEnd is not registered: Node.js (node) was not found")
  else()
    add_test(NAME WebEndToEnd COMMAND "${PARLEY_NODE}" "${parley_web_source}/tests/e2e.mjs")
    set_tests_properties(WebEndToEnd PROPERTIES
      ENVIRONMENT "PARLEY_BIN=$<TARGET_FILE:parley>;PARLEY_WEB_DIR=${parley_web_out};CHROMIUM=${PARLEY_CHROMIUM};PARLEY_EXAMPLES=${CMAKE_SOURCE_DIR}/examples;SCREENSHOT_DIR=${CMAKE_BINARY_DIR}/web-shots"
      SKIP_RETURN_CODE 77
      TIMEOUT 300
      # A browser and a server: both cores, so that the suite's timing-minded
      # server tests do not run beside it.
      PROCESSORS 2)
  endif()
endif()
