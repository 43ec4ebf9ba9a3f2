# The installed tree: libraries and tools (hcm_component/hcm_tool), public
# headers, the shipped targets, the docs' JSON schemas and the CMake package
# `find_package(hcm CONFIG REQUIRED)` with imported targets hcm::IR, ...
include(CMakePackageConfigHelpers)

install(DIRECTORY ${PROJECT_SOURCE_DIR}/include/hcm
  DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/targets/
  DESTINATION ${CMAKE_INSTALL_DATADIR}/hcm/targets)
install(DIRECTORY ${PROJECT_SOURCE_DIR}/docs/schemas/
  DESTINATION ${CMAKE_INSTALL_DATADIR}/hcm/schemas)

set(HCM_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/hcm)
install(EXPORT hcmTargets NAMESPACE hcm:: DESTINATION ${HCM_CMAKE_DIR})
configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/hcmConfig.cmake.in
  ${PROJECT_BINARY_DIR}/hcmConfig.cmake INSTALL_DESTINATION ${HCM_CMAKE_DIR}
  PATH_VARS CMAKE_INSTALL_DATADIR)
write_basic_package_version_file(${PROJECT_BINARY_DIR}/hcmConfigVersion.cmake
  COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/hcmConfig.cmake
  ${PROJECT_BINARY_DIR}/hcmConfigVersion.cmake DESTINATION ${HCM_CMAKE_DIR})
