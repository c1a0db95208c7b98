# Linux: desktop integration, the man page, and the .deb and .tar.gz packages.
# Included from packaging/CMakeLists.txt; paths are relative to packaging/.

set(_linux ${CMAKE_CURRENT_SOURCE_DIR}/linux)
install(FILES ${_linux}/${QUAYSIDE_APP_ID}.desktop DESTINATION ${CMAKE_INSTALL_DATADIR}/applications)
install(FILES ${_linux}/${QUAYSIDE_APP_ID}.metainfo.xml DESTINATION ${CMAKE_INSTALL_DATADIR}/metainfo)
# hicolor/scalable plus the PNGs linux/render-icons.sh renders from it (16 … 256 px).
install(DIRECTORY ${PROJECT_SOURCE_DIR}/resources/icons/hicolor DESTINATION ${CMAKE_INSTALL_DATADIR}/icons)

# quayside(1) from the built binary's own help (linux/make-manpage.py runs `quayside help COMMAND` for
# every command), so it is regenerated whenever the binary changes and cannot drift from it.
find_package(Python3 COMPONENTS Interpreter)
if(Python3_Interpreter_FOUND AND NOT CMAKE_CROSSCOMPILING)
    set(QUAYSIDE_MANPAGE ${CMAKE_CURRENT_BINARY_DIR}/quayside.1 CACHE INTERNAL "The generated man page")
    add_custom_command(OUTPUT ${QUAYSIDE_MANPAGE}
        COMMAND ${Python3_EXECUTABLE} ${_linux}/make-manpage.py $<TARGET_FILE:quayside> ${QUAYSIDE_MANPAGE}
        DEPENDS quayside ${_linux}/make-manpage.py
        COMMENT "Generating the man page quayside.1"
        VERBATIM)
    add_custom_target(quayside_manpage ALL DEPENDS ${QUAYSIDE_MANPAGE})
    install(FILES ${QUAYSIDE_MANPAGE} DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
else()
    message(WARNING "python3 not found (or cross-compiling): the man page quayside.1 is not generated")
endif()

set(CPACK_GENERATOR DEB TGZ)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION devel)
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE ${QUAYSIDE_HOMEPAGE})
# The binary's shared libraries give the Depends (Qt 6 Core/Gui/Widgets/Network/DBus/Charts, QtKeychain,
# yaml-cpp, spdlog, fmt, libstdc++) with the versions the build machine's symbols files say. Without
# dpkg-shlibdeps (not a Debian build machine), the same list by hand, Debian 12's names.
find_program(QUAYSIDE_DPKG_SHLIBDEPS dpkg-shlibdeps)
if(QUAYSIDE_DPKG_SHLIBDEPS)
    set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
else()
    set(CPACK_DEBIAN_PACKAGE_DEPENDS "libqt6core6 (>= 6.4), libqt6gui6 (>= 6.4), libqt6widgets6 (>= 6.4), \
libqt6network6 (>= 6.4), libqt6dbus6 (>= 6.4), libqt6charts6 (>= 6.4), libqt6keychain1, libyaml-cpp0.7, \
libspdlog1.10, libfmt9, libstdc++6, libc6")
endif()
# Wayland sessions without qt6-wayland fall back to XWayland; the keychain needs a Secret Service
# (gnome-keyring) or KWallet, which desktops already run.
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "qt6-wayland, gnome-keyring")
