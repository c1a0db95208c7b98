#pragma once

#include <QString>

namespace quayside {

// RFC 1123 labels (Kubernetes' IsDNS1123Label): what namespaces, most object names, Helm release names
// and minikube profiles must be. One check for the profile loader, the Settings dialog and the
// namespace switcher.
class DnsLabel
{
public:
    static bool isValid(const QString& text, int maxLength = 63);
    // Empty when `text` is a label, else why not, naming it as `what` ("a namespace").
    static QString problem(const QString& text, const QString& what, int maxLength = 63);
};

} // namespace quayside
