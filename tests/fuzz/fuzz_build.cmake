# Included by the top CMakeLists.txt when QMS_FUZZ is ON: the fuzz build.
# Every file is compiled with clang's libFuzzer coverage and ASan+UBSan
# (a UBSan report aborts, so libFuzzer keeps it as a crash); only the
# libraries the fuzz targets link are added, so the build stays small.
if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
  message(FATAL_ERROR "QMS_FUZZ needs clang: configure with CXX=clang++ (scripts/fuzz.sh does)")
endif()

set(QMS_SANITIZERS -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer)
add_compile_options(${QMS_SANITIZERS} -fsanitize=fuzzer-no-link)
add_link_options(${QMS_SANITIZERS})

# Folders of services/ that no fuzz target links.
list(APPEND QMS_SKIP_DIRS server qmsctl echo_service audit_service)
add_subdirectory(proto)
add_subdirectory(storage)
add_subdirectory(services)
add_subdirectory(tests/fuzz)
