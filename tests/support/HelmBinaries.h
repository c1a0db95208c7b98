#pragma once

#include <QFileInfo>
#include <QString>
#include <QTest>

namespace quayside::test {

// The real Helm binaries tests/support/install-helm.sh puts into the build tree, never on PATH:
// Helm 3.17.2 (QUAYSIDE_HELM3) and Helm 4.1.4 (QUAYSIDE_HELM4), defined by tests/CMakeLists.txt.
inline QString helmBinary(int major)
{
    return QString::fromUtf8(major >= 4 ? QUAYSIDE_HELM4 : QUAYSIDE_HELM3);
}

// What installs them (packaging/bootstrap.sh test runs it before ctest).
inline QString installHelmCommand()
{
    return QStringLiteral(QUAYSIDE_SOURCE_DIR "/tests/support/install-helm.sh " QUAYSIDE_BINARY_DIR "/tools");
}

inline QString missingHelmMessage(const QString& path)
{
    return QStringLiteral("no Helm binary at %1; install it with: %2").arg(path, installHelmCommand());
}

} // namespace quayside::test

// In a test function: a missing Helm binary fails the test where the suite must have installed it
// (QUAYSIDE_STRICT_TESTS, the ci preset) and skips it elsewhere, saying how to install it.
#ifdef QUAYSIDE_STRICT_TESTS
#define QUAYSIDE_HELM_MISSING(message) QFAIL(message)
#else
#define QUAYSIDE_HELM_MISSING(message) QSKIP(message)
#endif
#define QUAYSIDE_REQUIRE_HELM(path)                                                                                    \
    do {                                                                                                               \
        if (!QFileInfo(path).isExecutable())                                                                           \
            QUAYSIDE_HELM_MISSING(qPrintable(quayside::test::missingHelmMessage(path)));                               \
    } while (false)
