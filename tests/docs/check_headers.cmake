# cmake -DCXX=<compiler> -DROOT=<source dir> -DHEADERS=<list> -P check_headers.cmake
# Compiles each header alone (include paths: kvapi, protocol, net only) and fails when one does not
# compile or when anything it includes comes from Boost.
foreach(h IN LISTS HEADERS)
  file(RELATIVE_PATH rel ${ROOT}/kvapi/include ${h})
  set(tu ${CMAKE_CURRENT_BINARY_DIR}/header_alone.cpp)
  file(WRITE ${tu} "#include \"${rel}\"\n")
  execute_process(
    COMMAND ${CXX} -std=c++20 -fsyntax-only -Wall -Wextra -Werror -Wmissing-field-initializers -H
            -I${ROOT}/kvapi/include -I${ROOT}/protocol/include -I${ROOT}/protocol/net/include ${tu}
    RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "${rel} does not compile alone:\n${err}")
  endif()
  if(err MATCHES "boost/")
    message(FATAL_ERROR "${rel} includes Boost:\n${err}")
  endif()
  message(STATUS "${rel}: stands alone, no Boost")
endforeach()
