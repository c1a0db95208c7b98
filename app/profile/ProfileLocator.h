#pragma once

#include <QString>
#include <QStringList>

namespace quayside {

// Finds profiles without the user naming one. The todo-chatbot profile ships as a file (not a Qt
// resource) because its relative paths point at the Dockerfiles and chart shipped beside it; a
// resource has no "beside". Searched, first hit wins:
//   $QUAYSIDE_PROFILE_DIR                              (tests, custom installs)
//   <executable>/../share/quayside/resources/profiles  (an installed Quayside: the same layout as the
//                                                       repository, so the profile's `root: ../..` is
//                                                       share/quayside, where docker/ and k8s-templates/ are)
//   <source tree>/resources/profiles                   (a build tree; the path is compiled in)
class ProfileLocator
{
public:
    static QStringList searchDirectories();
    // Absolute path of the shipped profile `name` ("todo-chatbot"), or empty.
    static QString shippedProfile(const QString& name = QStringLiteral("todo-chatbot"));
    // What `deploy` uses without --profile: ./quayside.yaml when present, else the shipped todo-chatbot.
    static QString defaultProfile();
    static QString defaultInitFile() { return QStringLiteral("quayside.yaml"); }
};

} // namespace quayside
