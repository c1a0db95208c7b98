#include "ai/PrivateKubeconfig.h"

#include "kube/KubeconfigLoader.h"
#include "workspace/ClusterTarget.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

using namespace quayside;
using namespace quayside::ai;

namespace {

const QByteArray kTwoContexts = R"(apiVersion: v1
kind: Config
current-context: minikube
clusters:
- name: minikube
  cluster:
    server: https://127.0.0.1:8443
    certificate-authority: certs/ca.crt
- name: staging
  cluster:
    server: https://staging.example:6443
    certificate-authority-data: LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCg==
    tls-server-name: api.staging
contexts:
- name: minikube
  context: {cluster: minikube, user: minikube, namespace: default}
- name: staging
  context: {cluster: staging, user: deployer, namespace: todo-app}
users:
- name: minikube
  user:
    client-certificate: certs/client.crt
    client-key: certs/client.key
- name: deployer
  user:
    token: staging-token-0123456789
    exec:
      apiVersion: client.authentication.k8s.io/v1
      command: /usr/local/bin/aws
      args: [eks, get-token]
      env: [{name: AWS_PROFILE, value: staging}]
)";

} // namespace

// kubectl-ai and kagent take a kubeconfig but no context. When Quayside's context is not the file's
// current one, they get a minimal private copy: only that context, mode 0600 in a 0700 directory,
// gone afterwards — and the user's file is never touched.
class PrivateKubeconfigTest : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString m_config;

private Q_SLOTS:
    void init()
    {
        m_config = m_dir.filePath(QStringLiteral("config"));
        QFile file(m_config);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(kTwoContexts);
    }

    void theCurrentContextUsesTheUsersFile()
    {
        ClusterTarget target;
        target.kubeconfigFiles = { m_config };
        target.context = QStringLiteral("minikube");
        PrivateKubeconfig kubeconfig;
        QString error;
        QVERIFY2(kubeconfig.prepare(target, &error), qPrintable(error));
        QVERIFY(!kubeconfig.isPrivate());
        QCOMPARE(QFileInfo(kubeconfig.path()).canonicalFilePath(), QFileInfo(m_config).canonicalFilePath());
    }

    void anotherContextGetsAPrivateMinimalCopy()
    {
        ClusterTarget target;
        target.kubeconfigFiles = { m_config };
        target.context = QStringLiteral("staging");
        QString path;
        QString dir;
        {
            PrivateKubeconfig kubeconfig;
            QString error;
            QVERIFY2(kubeconfig.prepare(target, &error), qPrintable(error));
            QVERIFY(kubeconfig.isPrivate());
            path = kubeconfig.path();
            dir = QFileInfo(path).absolutePath();
            QCOMPARE(QFileInfo(path).permissions() & ~(QFileDevice::ReadUser | QFileDevice::WriteUser),
                     QFileDevice::ReadOwner | QFileDevice::WriteOwner);
            QCOMPARE(
                QFileInfo(dir).permissions()
                    & (QFileDevice::ReadGroup | QFileDevice::ReadOther | QFileDevice::ExeGroup | QFileDevice::ExeOther),
                QFileDevice::Permissions());
            // What the copy says, read back the way every client reads it.
            kube::KubeconfigLoader::Options options;
            options.explicitPath = path;
            QString loadError;
            const std::optional<kube::Kubeconfig> copy = kube::KubeconfigLoader::loadMerged(options, &loadError);
            QVERIFY2(copy, qPrintable(loadError));
            QCOMPARE(copy->currentContext, QStringLiteral("staging"));
            QCOMPARE(copy->contexts.keys(), QStringList { "staging" });
            QCOMPARE(copy->clusters.keys(), QStringList { "staging" });
            QCOMPARE(copy->users.keys(), QStringList { "deployer" });
            QCOMPARE(copy->contexts["staging"].nameSpace, QStringLiteral("todo-app"));
            QCOMPARE(copy->clusters["staging"].server, QStringLiteral("https://staging.example:6443"));
            QCOMPARE(copy->clusters["staging"].tlsServerName, QStringLiteral("api.staging"));
            QCOMPARE(copy->clusters["staging"].certificateAuthorityData, QByteArray("-----BEGIN CERTIFICATE-----\n"));
            QCOMPARE(copy->users["deployer"].token, QStringLiteral("staging-token-0123456789"));
            QVERIFY(copy->users["deployer"].exec);
            QCOMPARE(copy->users["deployer"].exec->args, (QStringList { "eks", "get-token" }));
            QCOMPARE(copy->users["deployer"].exec->env.value(0).second, QStringLiteral("staging"));
        }
        QVERIFY(!QFile::exists(path));
        QVERIFY(!QFileInfo::exists(dir));
        QFile original(m_config);
        QVERIFY(original.open(QIODevice::ReadOnly));
        QCOMPARE(original.readAll(), kTwoContexts);
    }

    void relativeCertificatePathsBecomeAbsolute()
    {
        // Two files merged: the copy must still find minikube's certificates next to the first file.
        const QString second = m_dir.filePath(QStringLiteral("other"));
        QFile file(second);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("apiVersion: v1\nkind: Config\nclusters: []\ncontexts: []\nusers: []\n");
        file.close();
        ClusterTarget target;
        target.kubeconfigFiles = { m_config, second };
        target.context = QStringLiteral("minikube");
        PrivateKubeconfig kubeconfig;
        QString error;
        QVERIFY2(kubeconfig.prepare(target, &error), qPrintable(error));
        QVERIFY(kubeconfig.isPrivate());
        QFile copy(kubeconfig.path());
        QVERIFY(copy.open(QIODevice::ReadOnly));
        const QByteArray text = copy.readAll();
        QVERIFY2(text.contains(QDir(m_dir.path()).filePath(QStringLiteral("certs/ca.crt")).toUtf8()), text.constData());
        QVERIFY(text.contains(QDir(m_dir.path()).filePath(QStringLiteral("certs/client.key")).toUtf8()));
        QVERIFY(!text.contains("staging"));
    }

    void anUnknownContextIsAClearError()
    {
        ClusterTarget target;
        target.kubeconfigFiles = { m_config };
        target.context = QStringLiteral("prod");
        PrivateKubeconfig kubeconfig;
        QString error;
        QVERIFY(!kubeconfig.prepare(target, &error));
        QVERIFY2(error.contains(QLatin1String("no context \"prod\"")), qPrintable(error));
    }
};

QTEST_GUILESS_MAIN(PrivateKubeconfigTest)
#include "PrivateKubeconfigTest.moc"
