# SPDX-License-Identifier: Apache-2.0
# JSONTestSuite (docs/DESIGN.md): one ctest per file of
# ${SDKC_SHARED_DIR}/testdata/json/JSONTestSuite/test_parsing/, named
# "jsonsuite.<file>", run by sdkc_jsonsuite on the read-only file in place
# (never copied). y_ must be accepted, n_ rejected, i_ must end cleanly with
# the outcome recorded in harness/tests/JSONSUITE.md. Nothing is registered,
# with a message, when the folder is absent.
add_executable(sdkc_jsonsuite "${CMAKE_CURRENT_SOURCE_DIR}/jsonsuite_main.c")
target_link_libraries(sdkc_jsonsuite PRIVATE ${SDKC_ALL_LAYERS})
target_include_directories(sdkc_jsonsuite PRIVATE "${CMAKE_SOURCE_DIR}/harness")
sdkc_strict_warnings(sdkc_jsonsuite)

set(_jsonsuite_dir "${SDKC_SHARED_DIR}/testdata/json/JSONTestSuite/test_parsing")
set(_jsonsuite_record "${CMAKE_CURRENT_SOURCE_DIR}/JSONSUITE.md")
if(NOT IS_DIRECTORY "${_jsonsuite_dir}")
  message(STATUS "jsonsuite: ${_jsonsuite_dir} not found; JSONTestSuite cases not registered")
else()
  file(GLOB _jsonsuite_files "${_jsonsuite_dir}/[yni]_*.json")
  list(SORT _jsonsuite_files)
  list(LENGTH _jsonsuite_files _jsonsuite_count)
  message(STATUS "jsonsuite: ${_jsonsuite_count} JSONTestSuite files registered")
  foreach(_f IN LISTS _jsonsuite_files)
    get_filename_component(_n "${_f}" NAME)
    add_test(NAME "jsonsuite.${_n}" COMMAND sdkc_jsonsuite "${_f}" "${_jsonsuite_record}")
    # Upstream's harness used 5 s; ours finish in milliseconds, so 10 s only
    # catches a hang (i_structure_500_nested_arrays, 100000 '[' ...).
    set_tests_properties("jsonsuite.${_n}" PROPERTIES TIMEOUT 10)
  endforeach()
endif()
