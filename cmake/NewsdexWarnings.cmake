# newsdex_set_warnings(target): the project's warning and sanitizer flags.
function(newsdex_set_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow
                         -Wnon-virtual-dtor -Wold-style-cast -Wconversion
                         -Wno-sign-conversion)
  if(NEWSDEX_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()

if(NEWSDEX_SANITIZE)
  add_compile_options(-fsanitize=${NEWSDEX_SANITIZE} -fno-sanitize-recover=all
                      -fno-omit-frame-pointer)
  add_link_options(-fsanitize=${NEWSDEX_SANITIZE})
endif()
