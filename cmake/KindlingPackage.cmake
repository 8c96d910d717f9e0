# Install rules, the CMake package and the pkg-config file, and the CPack packages
# (installer/package.sh builds them):
#   kindling-odbc_<ver>_<arch>.deb    component "odbc": the driver, registered with unixODBC by its postinst
#   libkindling-dev_<ver>_<arch>.deb  component "dev": headers, static libraries, CMake package, kindling-kvapi.pc
#   kindling-<ver>-linux-<arch>.tar.gz  both components, for non-Debian systems
# An outside project then does  find_package(Kindling REQUIRED)  and links  Kindling::kvapi,
# or uses  pkg-config --cflags --libs kindling-kvapi.
include(CMakePackageConfigHelpers)

install(DIRECTORY protocol/include/ protocol/net/include/ kvapi/include/ ${KINDLING_GENERATED_INCLUDE_DIR}/
        DESTINATION ${CMAKE_INSTALL_INCLUDEDIR} COMPONENT dev)
install(TARGETS kindling_protocol kindling_net kindling_kvapi
        EXPORT KindlingTargets
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT dev
        LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT dev
        INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(EXPORT KindlingTargets NAMESPACE Kindling::
        DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/Kindling COMPONENT dev)

configure_package_config_file(cmake/KindlingConfig.cmake.in
  ${CMAKE_CURRENT_BINARY_DIR}/KindlingConfig.cmake
  INSTALL_DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/Kindling)
write_basic_package_version_file(${CMAKE_CURRENT_BINARY_DIR}/KindlingConfigVersion.cmake
  COMPATIBILITY SameMinorVersion)
install(FILES ${CMAKE_CURRENT_BINARY_DIR}/KindlingConfig.cmake
              ${CMAKE_CURRENT_BINARY_DIR}/KindlingConfigVersion.cmake
        DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/Kindling COMPONENT dev)

# pkg-config: relocatable (the prefix is found from the .pc file's own directory).
file(RELATIVE_PATH KINDLING_PC_PREFIX_FROM_PCDIR /root/${CMAKE_INSTALL_LIBDIR}/pkgconfig /root)
string(REGEX REPLACE "/$" "" KINDLING_PC_PREFIX_FROM_PCDIR "${KINDLING_PC_PREFIX_FROM_PCDIR}")
configure_file(installer/packaging/kindling-kvapi.pc.in ${CMAKE_CURRENT_BINARY_DIR}/kindling-kvapi.pc @ONLY)
install(FILES ${CMAKE_CURRENT_BINARY_DIR}/kindling-kvapi.pc
        DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig COMPONENT dev)

if(NOT KINDLING_BUILD_DRIVER)
  return()
endif()

# --- CPack -----------------------------------------------------------------------------------------
# The .deb installs under /usr (CPack's default for DEB); its postinst registers the driver there.
set(KINDLING_DEB_PREFIX /usr)
set(KINDLING_ODBC_DRIVER_INSTALLED ${KINDLING_DEB_PREFIX}/${CMAKE_INSTALL_LIBDIR}/libkindling-odbc.so)
set(KINDLING_ODBCINST_TEMPLATE ${KINDLING_DEB_PREFIX}/${CMAKE_INSTALL_DATADIR}/kindling/odbcinst.ini.in)
install(FILES installer/packaging/odbcinst.ini.in DESTINATION ${CMAKE_INSTALL_DATADIR}/kindling COMPONENT odbc)
# What a user needs to define data sources: the key list (generated from the driver's key table)
# and the scripts that use it.
install(FILES installer/odbc.ini.sample DESTINATION ${CMAKE_INSTALL_DATADIR}/kindling COMPONENT odbc)
install(PROGRAMS installer/create-dsn.sh installer/register-driver.sh installer/unregister-driver.sh
        DESTINATION ${CMAKE_INSTALL_DATADIR}/kindling COMPONENT odbc)
set(_scripts ${CMAKE_CURRENT_BINARY_DIR}/packaging)
foreach(script postinst prerm)
  configure_file(installer/packaging/${script}.in ${_scripts}/${script} @ONLY
                 FILE_PERMISSIONS OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ GROUP_EXECUTE WORLD_READ WORLD_EXECUTE)
endforeach()

find_program(KINDLING_DPKG dpkg)
if(KINDLING_DPKG)
  execute_process(COMMAND ${KINDLING_DPKG} --print-architecture OUTPUT_VARIABLE _arch OUTPUT_STRIP_TRAILING_WHITESPACE)
else()
  set(_arch ${CMAKE_SYSTEM_PROCESSOR})
endif()

set(CPACK_PACKAGE_NAME kindling)
set(CPACK_PACKAGE_VENDOR "Kindling")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
set(CPACK_PACKAGE_CONTACT "Kindling developers")
set(CPACK_PACKAGE_FILE_NAME kindling-${PROJECT_VERSION}-linux-${_arch})
set(CPACK_GENERATOR DEB TGZ)
set(CPACK_STRIP_FILES ON)
set(CPACK_COMPONENTS_ALL odbc dev)    # an install rule without a component is in no package
set(CPACK_COMPONENT_ODBC_DISPLAY_NAME "ODBC driver")
set(CPACK_COMPONENT_DEV_DISPLAY_NAME "C++ API (kvapi) development files")
set(CPACK_ARCHIVE_COMPONENT_INSTALL OFF)   # one tarball with both
set(CPACK_DEB_COMPONENT_INSTALL ON)        # one .deb per component
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)    # <name>_<version>_<arch>.deb
set(CPACK_DEBIAN_PACKAGE_ARCHITECTURE ${_arch})
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "https://ignite.apache.org")
set(CPACK_DEBIAN_ODBC_PACKAGE_NAME kindling-odbc)
set(CPACK_DEBIAN_ODBC_PACKAGE_SECTION database)
set(CPACK_DEBIAN_ODBC_DESCRIPTION "ODBC 3.8 driver for Apache Ignite 2.x / GridGain 8 (unixODBC)
Kindling's ODBC driver, libkindling-odbc.so, registered with unixODBC under the name Kindling.
Everything but system libraries (C/C++ runtime, OpenSSL 3, libodbcinst) is linked in.")
# Depends: what dpkg-shlibdeps finds in the driver (it links libodbcinst2, libssl3 and the C/C++
# runtime), plus odbcinst, whose command the maintainer scripts run.
set(CPACK_DEBIAN_ODBC_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_ODBC_PACKAGE_DEPENDS "odbcinst")
set(CPACK_DEBIAN_ODBC_PACKAGE_CONTROL_EXTRA "${_scripts}/postinst;${_scripts}/prerm")
set(CPACK_DEBIAN_ODBC_PACKAGE_CONTROL_STRICT_PERMISSION ON)
set(CPACK_DEBIAN_DEV_PACKAGE_NAME libkindling-dev)
set(CPACK_DEBIAN_DEV_PACKAGE_SECTION libdevel)
set(CPACK_DEBIAN_DEV_DESCRIPTION "Kindling C++20 API for Apache Ignite 2.x (kvapi): development files
Headers, static libraries, the CMake package (find_package(Kindling), Kindling::kvapi) and the
pkg-config file kindling-kvapi.pc of Kindling's key-value, SQL, scan and transaction API.")
# The static libraries link OpenSSL (kindling-kvapi.pc requires openssl); no Boost is needed.
set(CPACK_DEBIAN_DEV_PACKAGE_DEPENDS "libssl-dev (>= 3)")
set(CPACK_PROJECT_CONFIG_FILE ${CMAKE_CURRENT_BINARY_DIR}/KindlingCPackOptions.cmake)
file(WRITE ${CPACK_PROJECT_CONFIG_FILE}
"# Generated by cmake/KindlingPackage.cmake: per-generator settings.
if(CPACK_GENERATOR STREQUAL \"DEB\")
  set(CPACK_PACKAGING_INSTALL_PREFIX ${KINDLING_DEB_PREFIX})
  # Each .deb's description starts with its own synopsis line; CPack would put the project's first.
  set(CPACK_PACKAGE_DESCRIPTION_SUMMARY \"\${CPACK_DEFAULT_PACKAGE_DESCRIPTION_SUMMARY}\")
endif()
")
include(CPack)
