# Finds every external dependency once and exposes each as an imported target.
find_package(Threads REQUIRED)
find_package(ICU 60 REQUIRED COMPONENTS uc i18n data)
find_package(Boost 1.71 REQUIRED COMPONENTS program_options)
find_package(simdjson 3 REQUIRED)
find_package(nlohmann_json 3.9 REQUIRED)

# Xapian's package config sets variables, not a target: wrap it once.
find_package(xapian 1.4 REQUIRED CONFIG)
if(NOT TARGET Xapian::Xapian)
  add_library(Xapian::Xapian INTERFACE IMPORTED GLOBAL)
  set_target_properties(Xapian::Xapian PROPERTIES
    INTERFACE_INCLUDE_DIRECTORIES "${XAPIAN_INCLUDE_DIR}"
    INTERFACE_LINK_LIBRARIES "${XAPIAN_LIBRARIES}")
endif()

# Input formats: XML feeds (pugixml), HTML pages (gumbo), compressed input.
find_package(pugixml REQUIRED)
find_package(ZLIB REQUIRED)
find_package(PkgConfig REQUIRED)
pkg_check_modules(GUMBO REQUIRED IMPORTED_TARGET GLOBAL gumbo)
pkg_check_modules(ZSTD REQUIRED IMPORTED_TARGET GLOBAL libzstd)
