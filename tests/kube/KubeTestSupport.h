#pragma once

#include "kube/KubeReply.h"
#include "kube/KubeconfigLoader.h"
#include "kube/Reflector.h"
#include "kubeapi/FakeApiServer.h"

#include <QSignalSpy>
#include <QTest>

#include <chrono>

// Helpers shared by the client tests that run against the fake API server (tests/kubeapi).
namespace quayside::kube::testing {

// Waits for a request's answer; the reply stays alive for the assertions (the caller deletes it).
inline KubeReply* await(KubeReply* reply)
{
    reply->setAutoDelete(false);
    QSignalSpy spy(reply, &KubeReply::finished);
    if (!reply->isFinished() && !spy.wait(20'000))
        qWarning("request did not finish");
    return reply;
}

inline RestConfig loadConfig(const QString& kubeconfig, const QString& nameSpace = {})
{
    KubeconfigLoader::Options options;
    options.explicitPath = kubeconfig;
    options.nameSpace = nameSpace;
    QString error;
    const auto config = KubeconfigLoader::load(options, &error);
    if (!config)
        qFatal("cannot load %s: %s", qPrintable(kubeconfig), qPrintable(error));
    return *config;
}

// Reflector options whose backoff is tens of milliseconds and without jitter, so a test that goes
// through several failures stays fast and its delays are exact.
inline Reflector::Options fastReflector(const QString& nameSpace = QStringLiteral("todo-app"))
{
    Reflector::Options options;
    options.nameSpace = nameSpace;
    options.backoff.initial = std::chrono::milliseconds(20);
    options.backoff.cap = std::chrono::milliseconds(80);
    options.backoff.jitter = 0;
    options.random = [] { return 0.5; }; // timeoutSeconds = 1.5 * minWatchTimeout
    options.minWatchTimeout = std::chrono::seconds(300);
    options.shortWatch = std::chrono::milliseconds(0);
    return options;
}

inline quayside::test::FakeApiServer::Options serverOptions(quayside::test::Scenario scenario
                                                            = quayside::test::Scenario::todoApp())
{
    quayside::test::FakeApiServer::Options options;
    options.scenario = std::move(scenario);
    options.contextNamespace = QStringLiteral("todo-app");
    return options;
}

inline QStringList names(const QList<QJsonObject>& objects)
{
    QStringList result;
    for (const QJsonObject& o : objects)
        result.append(o.value(QLatin1String("metadata")).toObject().value(QLatin1String("name")).toString());
    result.sort();
    return result;
}

} // namespace quayside::kube::testing
