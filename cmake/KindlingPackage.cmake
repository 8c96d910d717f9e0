# Install rules and the CMake package, so an outside project can do
#   find_package(Kindling REQUIRED)  and link  Kindling::kvapi
include(CMakePackageConfigHelpers)

install(DIRECTORY protocol/include/ protocol/net/include/ kvapi/include/
        DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(TARGETS kindling_protocol kindling_net kindling_kvapi
        EXPORT KindlingTargets
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
        LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
        INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(EXPORT KindlingTargets NAMESPACE Kindling::
        DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/Kindling)

configure_package_config_file(cmake/KindlingConfig.cmake.in
  ${CMAKE_CURRENT_BINARY_DIR}/KindlingConfig.cmake
  INSTALL_DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/Kindling)
write_basic_package_version_file(${CMAKE_CURRENT_BINARY_DIR}/KindlingConfigVersion.cmake
  COMPATIBILITY SameMinorVersion)
install(FILES ${CMAKE_CURRENT_BINARY_DIR}/KindlingConfig.cmake
              ${CMAKE_CURRENT_BINARY_DIR}/KindlingConfigVersion.cmake
        DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/Kindling)
