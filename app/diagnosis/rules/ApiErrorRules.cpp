#include "diagnosis/rules/ApiErrorRules.h"

#include "diagnosis/ActionFactory.h"

#include <QRegularExpression>

namespace quayside::diagnosis {

QList<Finding> ApiErrorRules::check(const QString& errorText, const QString& nameSpace)
{
    QList<Finding> findings;
    static const QRegularExpression taken(
        QStringLiteral("Service \"([^\"]+)\" is invalid: (spec\\.ports\\[\\d+\\]\\.nodePort): Invalid value: (\\d+): "
                       "provided port is already allocated"));
    for (auto it = taken.globalMatch(errorText); it.hasNext();) {
        const QRegularExpressionMatch m = it.next();
        const QString service = m.captured(1);
        const QString port = m.captured(3);
        Finding f;
        f.rule = QStringLiteral("nodeport-taken");
        f.severity = Finding::Severity::Error;
        f.objectKind = QStringLiteral("Service");
        f.objectName = service;
        f.summary
            = QStringLiteral("Service %1 cannot use NodePort %2: another Service already has it").arg(service, port);
        f.explanation = QStringLiteral("A NodePort (30000-32767) opens the same port on every node, so one port "
                                       "belongs to one Service in the "
                                       "whole cluster, across namespaces. Another Service — often an earlier install "
                                       "of the same app in another "
                                       "namespace — holds %1, and the API server refused to create %2. Delete that "
                                       "Service, or give this one "
                                       "another nodePort (or none: Kubernetes then picks a free one).")
                            .arg(port, service);
        f.evidence.append({ Evidence::Kind::Status, m.captured(0) });
        f.evidence.append({ Evidence::Kind::SpecField, QStringLiteral("%1 = %2").arg(m.captured(2), port) });
        f.actions.append(ActionFactory::copyCommand(
            QStringLiteral("Find the Service that holds port %1").arg(port),
            QStringLiteral("kubectl get services --all-namespaces | grep ':%1/'").arg(port)));
        f.actions.append(ActionFactory::copyCommand(QStringLiteral("Show this namespace's Services"),
                                                    ActionFactory::kubectl(nameSpace, QStringLiteral("get services"))));
        bool duplicate = false;
        for (const Finding& other : std::as_const(findings))
            duplicate = duplicate || other.key() == f.key();
        if (!duplicate)
            findings.append(f);
    }
    return findings;
}

} // namespace quayside::diagnosis
