# cmake -P script: install BUILD_DIR into WORK_DIR/prefix, build the consumer against it with no
# Boost in sight (-DCMAKE_DISABLE_FIND_PACKAGE_Boost=ON: kvapi's public headers and the CMake
# package must not need it), run it: a put/get against HOST:PORT in a cache of its own.
file(REMOVE_RECURSE ${WORK_DIR})
execute_process(COMMAND ${CMAKE_COMMAND} --install ${BUILD_DIR} --prefix ${WORK_DIR}/prefix
                RESULT_VARIABLE rc OUTPUT_QUIET)
if(rc)
  message(FATAL_ERROR "cmake --install failed: ${rc}")
endif()

# What the installed package tells its users: no Boost, no compile definitions of Kindling's own.
file(GLOB_RECURSE _package_files ${WORK_DIR}/prefix/Kindling*.cmake)
if(NOT _package_files)
  message(FATAL_ERROR "no Kindling*.cmake installed under ${WORK_DIR}/prefix")
endif()
foreach(f IN LISTS _package_files)
  file(READ ${f} text)
  string(REGEX MATCHALL "INTERFACE_COMPILE_DEFINITIONS[^\n]*" defs "${text}")
  if(defs)
    message(FATAL_ERROR "${f} gives users compile definitions: ${defs}")
  endif()
  # The one mention allowed: Kindling::net takes Boost::headers when the consumer has it.
  string(REPLACE "$<TARGET_NAME_IF_EXISTS:Boost::headers>" "" rest "${text}")
  string(REGEX MATCH "find_(dependency|package)\\(Boost[^\n]*|Boost::[A-Za-z_]+" boost "${rest}")
  if(boost)
    message(FATAL_ERROR "${f} requires Boost: ${boost}")
  endif()
endforeach()

string(RANDOM LENGTH 8 ALPHABET 0123456789abcdef _suffix)
set(cache "kindling_pkg_find_package_${_suffix}")
execute_process(COMMAND ${CMAKE_COMMAND} -S ${SOURCE_DIR} -B ${WORK_DIR}/build -G ${GENERATOR}
                        -DCMAKE_PREFIX_PATH=${WORK_DIR}/prefix -DCMAKE_BUILD_TYPE=Release
                        -DCMAKE_DISABLE_FIND_PACKAGE_Boost=ON
                RESULT_VARIABLE rc)
if(rc)
  message(FATAL_ERROR "configuring the consumer failed: ${rc}")
endif()
execute_process(COMMAND ${CMAKE_COMMAND} --build ${WORK_DIR}/build RESULT_VARIABLE rc)
if(rc)
  message(FATAL_ERROR "building the consumer failed: ${rc}")
endif()
execute_process(COMMAND ${WORK_DIR}/build/consumer $ENV{KINDLING_TEST_HOST} $ENV{KINDLING_TEST_PORT} ${cache}
                RESULT_VARIABLE rc)
if(rc)
  message(FATAL_ERROR "the consumer failed: ${rc}")
endif()
