# KINDLING_SANITIZE: "" | "address,undefined" | "thread". Applied globally so the static cores,
# the driver and the tests agree on instrumentation.
set(KINDLING_SANITIZE "" CACHE STRING "Sanitizers to build with (address,undefined | thread)")
if(KINDLING_SANITIZE)
  add_compile_options(-fsanitize=${KINDLING_SANITIZE} -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  add_link_options(-fsanitize=${KINDLING_SANITIZE})
endif()
