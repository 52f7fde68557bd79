# Warning flags for our own code only (third-party headers are system
# includes). Each flag is probed, as curl's PickyWarnings does.
include(CheckCCompilerFlag)
set(SDKC_WARNING_FLAGS "")
foreach(flag -Wall -Wextra -Wshadow -Wpointer-arith -Wstrict-prototypes -Wmissing-prototypes
             -Wformat=2 -Wvla -Wno-unused-parameter)
  string(MAKE_C_IDENTIFIER "HAVE${flag}" _var)
  check_c_compiler_flag(${flag} ${_var})
  if(${_var})
    list(APPEND SDKC_WARNING_FLAGS ${flag})
  endif()
endforeach()
if(SDKC_WERROR)
  list(APPEND SDKC_WARNING_FLAGS -Werror)
endif()
function(sdkc_strict_warnings target)
  target_compile_options(${target} PRIVATE ${SDKC_WARNING_FLAGS})
endfunction()
