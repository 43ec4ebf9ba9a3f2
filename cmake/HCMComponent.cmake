# hcm_component(TARGET NAME): what every hcm library carries to its users --
# the public headers (source tree or install prefix), LLVM's headers and
# definitions, position-independent code (the Python module and pass plugins
# are shared objects) -- its warnings, the alias hcm::NAME and the install
# rule that puts it in the exported package.
include(GNUInstallDirs)

separate_arguments(HCM_LLVM_DEFINITIONS NATIVE_COMMAND "${LLVM_DEFINITIONS}")

# hcm_warnings(TARGET): the warning flags hcm's own sources build with.
function(hcm_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra)
endfunction()

# hcm_usage(TARGET SCOPE): include directories and definitions of hcm's API.
function(hcm_usage target scope)
  target_include_directories(${target} ${scope}
    $<BUILD_INTERFACE:${PROJECT_SOURCE_DIR}/include>
    $<INSTALL_INTERFACE:${CMAKE_INSTALL_INCLUDEDIR}>)
  target_include_directories(${target} SYSTEM ${scope} ${LLVM_INCLUDE_DIRS})
  target_compile_definitions(${target} ${scope} ${HCM_LLVM_DEFINITIONS})
endfunction()

function(hcm_component target name)
  hcm_usage(${target} PUBLIC)
  hcm_warnings(${target})
  set_target_properties(${target} PROPERTIES EXPORT_NAME ${name}
    POSITION_INDEPENDENT_CODE ON)
  add_library(hcm::${name} ALIAS ${target})
  install(TARGETS ${target} EXPORT hcmTargets
    ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
    LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR})
endfunction()

# The tools allocate and free millions of small objects (protobuf messages,
# IR values, attribute maps): with glibc's malloc that was a third of a
# 100k-node `-O` and most of its system time. mimalloc (Debian's
# libmimalloc2.0, which scripts/setup.sh installs with libmimalloc-dev)
# replaces it in the executables -- never in the libraries, the Python module or the sanitizer
# and fuzzer builds, which bring their own allocator. (tcmalloc, also
# tried, was slower on the 1M-node chain and zeroes ~3.5 MiB of page maps at
# start-up: +3 ms on a 9 ms ResNet-50 run.) Without the library the tools
# use glibc's malloc, with the same results.
option(HCM_MIMALLOC "Link the tools against mimalloc when found" ON)
if(HCM_MIMALLOC AND NOT HCM_SANITIZE AND NOT HCM_FUZZ)
  find_library(HCM_MIMALLOC_LIB NAMES mimalloc libmimalloc.so.2)
  # libmimalloc-dev's header: the tools then set mimalloc's options
  # (lib/Support/MallocOptions.cpp).
  find_path(HCM_MIMALLOC_INCLUDE mimalloc.h)
  if(HCM_MIMALLOC_LIB)
    message(STATUS "hcm tools allocate with ${HCM_MIMALLOC_LIB}")
  else()
    message(STATUS "hcm tools allocate with glibc's malloc "
                   "(libmimalloc not found)")
  endif()
endif()

# hcm_fast_malloc(TARGET): links the executable TARGET against mimalloc when
# HCM_MIMALLOC_LIB is set (kept even though no symbol names it).
function(hcm_fast_malloc target)
  if(HCM_MIMALLOC_LIB)
    target_link_libraries(${target} PRIVATE "-Wl,--push-state,--no-as-needed"
      ${HCM_MIMALLOC_LIB} "-Wl,--pop-state")
    if(HCM_MIMALLOC_INCLUDE)
      target_sources(${target} PRIVATE
        ${PROJECT_SOURCE_DIR}/lib/Support/MallocOptions.cpp)
      target_include_directories(${target} PRIVATE ${HCM_MIMALLOC_INCLUDE})
    endif()
  endif()
endfunction()

# hcm_tool(TARGET): an installed, exported executable (hcm::TARGET). Its
# symbols are exported so that pass plugins resolve hcm's API against it.
function(hcm_tool target)
  hcm_warnings(${target})
  hcm_fast_malloc(${target})
  set_target_properties(${target} PROPERTIES ENABLE_EXPORTS ON)
  add_executable(hcm::${target} ALIAS ${target})
  install(TARGETS ${target} EXPORT hcmTargets
    RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
endfunction()
