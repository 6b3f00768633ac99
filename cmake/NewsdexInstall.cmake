# Installs the libraries, public headers, tools and a CMake package, so that
# other projects can `find_package(newsdex)` and link newsdex::newsdex.
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

foreach(component common indexer searcher)
  set_target_properties(newsdex_${component} PROPERTIES
    EXPORT_NAME ${component}
    VERSION ${PROJECT_VERSION}
    SOVERSION ${PROJECT_VERSION_MAJOR})
  install(DIRECTORY ${PROJECT_SOURCE_DIR}/${component}/include/newsdex
          DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
endforeach()

# newsdex::newsdex: everything an embedding program needs.
add_library(newsdex_all INTERFACE)
set_target_properties(newsdex_all PROPERTIES EXPORT_NAME newsdex)
target_link_libraries(newsdex_all INTERFACE newsdex_indexer newsdex_searcher newsdex_common)
add_library(newsdex::newsdex ALIAS newsdex_all)
set(newsdex_installed_libraries newsdex_common newsdex_indexer newsdex_searcher newsdex_all)

# With shared libraries, static ones too (newsdex::newsdex_static, ...).
if(BUILD_SHARED_LIBS AND NEWSDEX_BUILD_STATIC)
  include(NewsdexStatic)
  foreach(component common indexer searcher)
    newsdex_add_static_twin(newsdex_${component})
  endforeach()
  add_library(newsdex_all_static INTERFACE)
  set_target_properties(newsdex_all_static PROPERTIES EXPORT_NAME newsdex_static)
  target_link_libraries(newsdex_all_static INTERFACE newsdex_indexer_static
                        newsdex_searcher_static newsdex_common_static)
  add_library(newsdex::newsdex_static ALIAS newsdex_all_static)
  list(APPEND newsdex_installed_libraries newsdex_common_static newsdex_indexer_static
       newsdex_searcher_static newsdex_all_static)
endif()

install(TARGETS ${newsdex_installed_libraries}
        EXPORT newsdexTargets
        LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
        RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR}
        INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
if(NEWSDEX_BUILD_TOOLS)
  # Installed tools find the installed libraries next to them.
  set_target_properties(newsdex-index newsdex-search PROPERTIES
    INSTALL_RPATH "$ORIGIN/../${CMAKE_INSTALL_LIBDIR}")
  install(TARGETS newsdex-index newsdex-search RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
  # newsdex-eval and the library it is built on (not part of the embedding API).
  set_target_properties(newsdex-eval PROPERTIES INSTALL_RPATH "$ORIGIN/../${CMAKE_INSTALL_LIBDIR}")
  install(TARGETS newsdex-eval newsdex_eval
          RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR}
          LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR})
  install(FILES ${PROJECT_SOURCE_DIR}/docs/man/newsdex-index.1
                ${PROJECT_SOURCE_DIR}/docs/man/newsdex-search.1
                ${PROJECT_SOURCE_DIR}/docs/man/newsdex-eval.1
          DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
  if(NEWSDEX_BUILD_SERVER)
    set_target_properties(newsdex-serve PROPERTIES
      INSTALL_RPATH "$ORIGIN/../${CMAKE_INSTALL_LIBDIR}")
    install(TARGETS newsdex-serve RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
    install(FILES ${PROJECT_SOURCE_DIR}/docs/man/newsdex-serve.1
            DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
  endif()
endif()

# API documentation from the public headers' comments: `cmake --build build --target doxygen`.
find_package(Doxygen QUIET)
if(DOXYGEN_FOUND)
  set(DOXYGEN_PROJECT_NAME newsdex)
  set(DOXYGEN_OUTPUT_DIRECTORY ${PROJECT_BINARY_DIR}/api-docs)
  set(DOXYGEN_EXTRACT_ALL YES)
  set(DOXYGEN_USE_MDFILE_AS_MAINPAGE ${PROJECT_SOURCE_DIR}/docs/api.md)
  doxygen_add_docs(doxygen ${PROJECT_SOURCE_DIR}/common/include ${PROJECT_SOURCE_DIR}/indexer/include
                   ${PROJECT_SOURCE_DIR}/searcher/include ${PROJECT_SOURCE_DIR}/docs/api.md)
endif()

set(NEWSDEX_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/newsdex)
install(EXPORT newsdexTargets NAMESPACE newsdex:: DESTINATION ${NEWSDEX_CMAKE_DIR})
configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/newsdexConfig.cmake.in
                              ${PROJECT_BINARY_DIR}/newsdexConfig.cmake
                              INSTALL_DESTINATION ${NEWSDEX_CMAKE_DIR})
write_basic_package_version_file(${PROJECT_BINARY_DIR}/newsdexConfigVersion.cmake
                                 COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/newsdexConfig.cmake
              ${PROJECT_BINARY_DIR}/newsdexConfigVersion.cmake
        DESTINATION ${NEWSDEX_CMAKE_DIR})

# From lib/pkgconfig (or lib/x86_64-linux-gnu/pkgconfig) back to the prefix.
file(RELATIVE_PATH NEWSDEX_PC_TO_PREFIX "/${CMAKE_INSTALL_LIBDIR}/pkgconfig" "/")
string(REGEX REPLACE "/$" "" NEWSDEX_PC_TO_PREFIX "${NEWSDEX_PC_TO_PREFIX}")
configure_file(${PROJECT_SOURCE_DIR}/cmake/newsdex.pc.in ${PROJECT_BINARY_DIR}/newsdex.pc @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/newsdex.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)
