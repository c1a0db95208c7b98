#pragma once

#include "diagnosis/DiagnosisContext.h"
#include "diagnosis/Finding.h"

#include <QString>
#include <QStringList>

namespace quayside::diagnosis {

// The actions the rules offer, each with the exact command it stands for (`kubectl -n NS ...`,
// `minikube -p PROFILE ...`), so a one-click action and the command a user would copy never differ.
class ActionFactory
{
public:
    static Action deletePod(const QString& nameSpace, const QString& pod);
    static Action restartDeployment(const QString& nameSpace, const QString& deployment);
    static Action scaleDeployment(const QString& nameSpace, const QString& deployment, int replicas);
    static Action rebuildImages(const QStringList& images);
    static Action openSecrets(const QString& key, const QString& secret);
    static Action raiseMemoryLimit(const QString& nameSpace, const QString& deployment, const QString& container,
                                   const QString& valuesKey, const QString& limit, const DiagnosisContext& context);
    static Action enableMetricsServer(const QString& minikubeProfile);
    static Action copyCommand(const QString& title, const QString& command);

    // "kubectl -n NS <arguments>"
    static QString kubectl(const QString& nameSpace, const QString& arguments);
    // "minikube -p PROFILE <arguments>" ("minikube <arguments>" without a profile).
    static QString minikube(const QString& profile, const QString& arguments);
    // A word for a POSIX shell: as is when it is safe, else single-quoted.
    static QString quote(const QString& word);
};

} // namespace quayside::diagnosis
