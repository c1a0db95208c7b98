# macOS: an application bundle with the Qt runtime deployed by macdeployqt, in a disk image. Not built by
# this project's CI (Linux only); kept so a Mac can run `cmake --build . && cpack -G DragNDrop`.
# Needs Qt 6 and `brew install qtkeychain yaml-cpp spdlog`.
# Layout: quayside.app/Contents/MacOS/quayside and quayside.app/Contents/share/quayside/… (ProfileLocator's
# <executable>/../share/quayside/resources/profiles). The command line: quayside.app/Contents/MacOS/quayside
# (link it into /usr/local/bin to type `quayside`).

set_target_properties(quayside PROPERTIES
    MACOSX_BUNDLE TRUE
    OUTPUT_NAME quayside
    MACOSX_BUNDLE_BUNDLE_NAME Quayside
    MACOSX_BUNDLE_GUI_IDENTIFIER ${QUAYSIDE_APP_ID}
    MACOSX_BUNDLE_BUNDLE_VERSION ${PROJECT_VERSION}
    MACOSX_BUNDLE_SHORT_VERSION_STRING ${PROJECT_VERSION}
    MACOSX_BUNDLE_ICON_FILE quayside.icns)

# The icon: iconutil (part of Xcode's command line tools) turns the committed PNGs into an .icns.
set(_iconset ${CMAKE_CURRENT_BINARY_DIR}/quayside.iconset)
set(_icns ${CMAKE_CURRENT_BINARY_DIR}/quayside.icns)
set(_png ${PROJECT_SOURCE_DIR}/resources/icons/hicolor)
add_custom_command(OUTPUT ${_icns}
    COMMAND ${CMAKE_COMMAND} -E make_directory ${_iconset}
    COMMAND ${CMAKE_COMMAND} -E copy ${_png}/16x16/apps/${QUAYSIDE_APP_ID}.png ${_iconset}/icon_16x16.png
    COMMAND ${CMAKE_COMMAND} -E copy ${_png}/32x32/apps/${QUAYSIDE_APP_ID}.png ${_iconset}/icon_16x16@2x.png
    COMMAND ${CMAKE_COMMAND} -E copy ${_png}/32x32/apps/${QUAYSIDE_APP_ID}.png ${_iconset}/icon_32x32.png
    COMMAND ${CMAKE_COMMAND} -E copy ${_png}/64x64/apps/${QUAYSIDE_APP_ID}.png ${_iconset}/icon_32x32@2x.png
    COMMAND ${CMAKE_COMMAND} -E copy ${_png}/128x128/apps/${QUAYSIDE_APP_ID}.png ${_iconset}/icon_128x128.png
    COMMAND ${CMAKE_COMMAND} -E copy ${_png}/256x256/apps/${QUAYSIDE_APP_ID}.png ${_iconset}/icon_128x128@2x.png
    COMMAND ${CMAKE_COMMAND} -E copy ${_png}/256x256/apps/${QUAYSIDE_APP_ID}.png ${_iconset}/icon_256x256.png
    COMMAND iconutil -c icns -o ${_icns} ${_iconset}
    VERBATIM)
target_sources(quayside PRIVATE ${_icns})
set_source_files_properties(${_icns} PROPERTIES MACOSX_PACKAGE_LOCATION Resources)

# Data inside the bundle, beside Contents/MacOS (see packaging/CMakeLists.txt's install rules).
set(QUAYSIDE_INSTALL_DATADIR quayside.app/Contents/share/quayside)

get_target_property(_qmake Qt6::qmake IMPORTED_LOCATION)
get_filename_component(_qt_bin "${_qmake}" DIRECTORY)
find_program(QUAYSIDE_MACDEPLOYQT macdeployqt HINTS "${_qt_bin}" REQUIRED)
# CPack runs this after every install rule (the data is in the bundle) and before making the image, so
# macdeployqt sees the finished bundle. A plain `cmake --install` leaves the bundle undeployed.
set(_deploy ${CMAKE_CURRENT_BINARY_DIR}/macdeployqt.cmake)
file(WRITE ${_deploy} "
    file(GLOB _apps \"\${CPACK_TEMPORARY_INSTALL_DIRECTORY}/ALL_IN_ONE/quayside.app\"
        \"\${CPACK_TEMPORARY_INSTALL_DIRECTORY}/quayside.app\")
    foreach(_app IN LISTS _apps)
        execute_process(COMMAND \"${QUAYSIDE_MACDEPLOYQT}\" \"\${_app}\" -always-overwrite
            COMMAND_ERROR_IS_FATAL ANY)
    endforeach()
")
set(CPACK_PRE_BUILD_SCRIPTS ${_deploy})

set(CPACK_GENERATOR DragNDrop)
set(CPACK_DMG_VOLUME_NAME Quayside)
set(CPACK_PACKAGE_ICON ${_icns})
