# Windows: an NSIS installer with the Qt runtime deployed by windeployqt. Not built by this project's CI
# (Linux only); kept so a Windows build machine can run `cmake --build . && cpack -G NSIS`.
# Needs Qt 6 (the Qt installer), vcpkg's qtkeychain-qt6, yaml-cpp and spdlog, and NSIS on PATH.
# Layout: <install dir>\bin\quayside.exe, <install dir>\share\quayside\… (ProfileLocator's
# <executable>/../share/quayside/resources/profiles, as on Linux).

# The vcpkg DLLs (QtKeychain, yaml-cpp, spdlog, fmt) beside the executable; windeployqt adds Qt's.
install(FILES $<TARGET_RUNTIME_DLLS:quayside> DESTINATION ${CMAKE_INSTALL_BINDIR})

get_target_property(_qmake Qt6::qmake IMPORTED_LOCATION)
get_filename_component(_qt_bin "${_qmake}" DIRECTORY)
find_program(QUAYSIDE_WINDEPLOYQT windeployqt HINTS "${_qt_bin}" REQUIRED)
install(CODE "
    execute_process(COMMAND \"${QUAYSIDE_WINDEPLOYQT}\" --no-translations --no-compiler-runtime
            --dir \"\${CMAKE_INSTALL_PREFIX}/${CMAKE_INSTALL_BINDIR}\"
            \"\${CMAKE_INSTALL_PREFIX}/${CMAKE_INSTALL_BINDIR}/quayside.exe\"
        COMMAND_ERROR_IS_FATAL ANY)")
# The MSVC runtime, installed by the NSIS installer rather than windeployqt.
set(CMAKE_INSTALL_SYSTEM_RUNTIME_DESTINATION ${CMAKE_INSTALL_BINDIR})
include(InstallRequiredSystemLibraries)

set(CPACK_GENERATOR NSIS)
set(CPACK_NSIS_PACKAGE_NAME Quayside)
set(CPACK_NSIS_DISPLAY_NAME Quayside)
set(CPACK_NSIS_URL_INFO_ABOUT ${QUAYSIDE_HOMEPAGE})
set(CPACK_NSIS_MUI_ICON ${PROJECT_SOURCE_DIR}/resources/icons/quayside.ico)
set(CPACK_NSIS_MUI_UNIICON ${PROJECT_SOURCE_DIR}/resources/icons/quayside.ico)
set(CPACK_NSIS_INSTALLED_ICON_NAME bin\\\\quayside.exe)
# Adds bin\ to PATH (optional page in the installer) so `quayside doctor` works from a terminal.
set(CPACK_NSIS_MODIFY_PATH ON)
set(CPACK_NSIS_ENABLE_UNINSTALL_BEFORE_INSTALL ON)
