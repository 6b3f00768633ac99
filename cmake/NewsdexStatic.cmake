# Static twins of the shared libraries, so that one build installs both
# (libnewsdex_common.so.0 and libnewsdex_common.a, ...), as distributions
# ship them. Each twin is compiled from the same sources with the same
# settings; its dependencies are exported for the package config to find.

# newsdex_add_static_twin(TARGET): adds TARGET_static, a static library built
# like TARGET, with OUTPUT_NAME TARGET and EXPORT_NAME <export name>_static.
function(newsdex_add_static_twin target)
  set(twin ${target}_static)
  get_target_property(source_dir ${target} SOURCE_DIR)
  get_target_property(sources ${target} SOURCES)
  set(absolute_sources)
  foreach(source IN LISTS sources)
    if(IS_ABSOLUTE "${source}")
      list(APPEND absolute_sources "${source}")
    else()
      list(APPEND absolute_sources "${source_dir}/${source}")
    endif()
  endforeach()
  add_library(${twin} STATIC ${absolute_sources})

  # The twin of a newsdex library links the twins of the newsdex libraries
  # it uses; build-only helpers (internal headers) stay out of the export.
  function(newsdex_map_static out)
    set(mapped)
    foreach(library IN LISTS ARGN)
      if(library MATCHES "^newsdex_(common|indexer|searcher)$")
        list(APPEND mapped ${library}_static)
      elseif(library STREQUAL "newsdex_internal")
        list(APPEND mapped "$<BUILD_INTERFACE:newsdex_internal>")
      else()
        list(APPEND mapped "${library}")
      endif()
    endforeach()
    set(${out} "${mapped}" PARENT_SCOPE)
  endfunction()
  get_target_property(interface_libraries ${target} INTERFACE_LINK_LIBRARIES)
  get_target_property(link_libraries ${target} LINK_LIBRARIES)
  if(NOT interface_libraries)
    set(interface_libraries)
  endif()
  set(private_libraries ${link_libraries})
  if(interface_libraries)
    list(REMOVE_ITEM private_libraries ${interface_libraries})
  endif()
  newsdex_map_static(public_twins ${interface_libraries})
  newsdex_map_static(private_twins ${private_libraries})
  target_link_libraries(${twin} PUBLIC ${public_twins} PRIVATE ${private_twins})

  foreach(property INCLUDE_DIRECTORIES INTERFACE_INCLUDE_DIRECTORIES COMPILE_OPTIONS
                   COMPILE_DEFINITIONS)
    get_target_property(value ${target} ${property})
    if(value)
      set_property(TARGET ${twin} PROPERTY ${property} "${value}")
    endif()
  endforeach()
  get_target_property(export_name ${target} EXPORT_NAME)
  set_target_properties(${twin} PROPERTIES
    OUTPUT_NAME ${target}
    EXPORT_NAME ${export_name}_static
    POSITION_INDEPENDENT_CODE ON)
  add_library(newsdex::${export_name}_static ALIAS ${twin})
endfunction()
