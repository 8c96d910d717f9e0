# One warning policy for every Kindling target. CI turns warnings into errors (KINDLING_WERROR=ON).
# The flags are compiler-aware: GCC and Clang spell some warnings differently, and a flag one of
# them does not know is itself a warning (an error under -Werror).
option(KINDLING_WERROR "Treat warnings as errors" OFF)

function(kindling_target_warnings target)
  target_compile_options(${target} PRIVATE
    -Wall -Wextra -Wpedantic -Wnon-virtual-dtor -Wno-missing-field-initializers
    # A local that shadows another local: GCC's -Wshadow=local. Clang has no such subset: its
    # -Wshadow also reports parameters and locals that shadow data members and globals, which this
    # policy allows (constructor-style parameters named like the field), so Clang gets none and
    # the GCC build (CI) keeps the check.
    $<$<CXX_COMPILER_ID:GNU>:-Wshadow=local>)
  if(KINDLING_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()
