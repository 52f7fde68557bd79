# SPDX-License-Identifier: Apache-2.0
# The AWS SigV4 test suite (docs/DESIGN.md): one ctest per case folder,
# "sigv4suite.<layout>.<case>", run by sdkc_sigv4suite against the read-only
# ${SDKC_SHARED_DIR}/testdata/sigv4/ (never copied). Nothing is registered,
# with a message, when a layout folder is absent.
add_executable(sdkc_sigv4suite "${CMAKE_CURRENT_SOURCE_DIR}/sigv4suite_main.c")
target_link_libraries(sdkc_sigv4suite PRIVATE ${SDKC_ALL_LAYERS})
target_include_directories(sdkc_sigv4suite PRIVATE "${CMAKE_SOURCE_DIR}/harness")
sdkc_strict_warnings(sdkc_sigv4suite)

set(_sigv4_root "${SDKC_SHARED_DIR}/testdata/sigv4")
foreach(_layout aws-c-auth-v4 botocore-aws4)
  set(_dir "${_sigv4_root}/${_layout}")
  if(NOT IS_DIRECTORY "${_dir}")
    message(STATUS "sigv4suite: ${_dir} not found; ${_layout} cases not registered")
    continue()
  endif()
  # A case is a folder holding the layout's input file: request.txt
  # (aws-c-auth) or <case>.req (botocore, nested one level in groups).
  if(_layout STREQUAL "aws-c-auth-v4")
    file(GLOB _inputs "${_dir}/*/request.txt")
  else()
    file(GLOB_RECURSE _inputs "${_dir}/*.req")
  endif()
  list(SORT _inputs)
  foreach(_in IN LISTS _inputs)
    get_filename_component(_case_dir "${_in}" DIRECTORY)
    file(RELATIVE_PATH _rel "${_dir}" "${_case_dir}")
    string(REPLACE "/" "." _name "${_rel}")
    add_test(NAME sigv4suite.${_layout}.${_name}
             COMMAND sdkc_sigv4suite ${_layout} "${_case_dir}")
    set_tests_properties(sigv4suite.${_layout}.${_name} PROPERTIES TIMEOUT 60)
  endforeach()
endforeach()
