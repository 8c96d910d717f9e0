# One warning policy for every Kindling target. CI turns warnings into errors (KINDLING_WERROR=ON).
option(KINDLING_WERROR "Treat warnings as errors" OFF)

function(kindling_target_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow=local -Wnon-virtual-dtor
                                           -Wno-missing-field-initializers)
  if(KINDLING_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()
