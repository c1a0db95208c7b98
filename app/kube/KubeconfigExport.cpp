#include "kube/KubeconfigExport.h"

#include <yaml-cpp/yaml.h>

namespace quayside::kube {

namespace {

std::string str(const QString& s)
{
    return s.toStdString();
}

std::string base64(const QByteArray& data)
{
    return data.toBase64().toStdString();
}

} // namespace

std::optional<QByteArray> KubeconfigExport::minimal(const Kubeconfig& config, const QString& contextName,
                                                    QString* error)
{
    auto fail = [error](const QString& message) {
        if (error)
            *error = message;
        return std::nullopt;
    };
    const auto context = config.contexts.constFind(contextName);
    if (context == config.contexts.cend())
        return fail(QStringLiteral("the kubeconfig has no context \"%1\"").arg(contextName));
    const auto cluster = config.clusters.constFind(context->cluster);
    if (cluster == config.clusters.cend())
        return fail(QStringLiteral("context \"%1\" names cluster \"%2\", which the kubeconfig does not define")
                        .arg(contextName, context->cluster));
    const auto user = config.users.constFind(context->user);
    if (!context->user.isEmpty() && user == config.users.cend())
        return fail(QStringLiteral("context \"%1\" names user \"%2\", which the kubeconfig does not define")
                        .arg(contextName, context->user));
    if (user != config.users.cend() && !user->authProvider.isEmpty())
        return fail(QStringLiteral("user \"%1\" authenticates with the legacy auth-provider \"%2\", which Quayside "
                                   "cannot pass on; use an exec plugin instead")
                        .arg(user->name, user->authProvider));
    if (user != config.users.cend() && user->hasBasicAuth)
        return fail(QStringLiteral("user \"%1\" authenticates with a username and password, which Quayside does not "
                                   "copy into another file")
                        .arg(user->name));

    YAML::Emitter out;
    out << YAML::BeginMap;
    out << YAML::Key << "apiVersion" << YAML::Value << "v1";
    out << YAML::Key << "kind" << YAML::Value << "Config";
    out << YAML::Key << "current-context" << YAML::Value << str(contextName);

    out << YAML::Key << "clusters" << YAML::Value << YAML::BeginSeq << YAML::BeginMap;
    out << YAML::Key << "name" << YAML::Value << str(cluster->name);
    out << YAML::Key << "cluster" << YAML::Value << YAML::BeginMap;
    out << YAML::Key << "server" << YAML::Value << str(cluster->server);
    if (!cluster->certificateAuthorityData.isEmpty())
        out << YAML::Key << "certificate-authority-data" << YAML::Value << base64(cluster->certificateAuthorityData);
    else if (!cluster->certificateAuthority.isEmpty())
        out << YAML::Key << "certificate-authority" << YAML::Value << str(cluster->certificateAuthority);
    if (cluster->insecureSkipTlsVerify)
        out << YAML::Key << "insecure-skip-tls-verify" << YAML::Value << true;
    if (!cluster->tlsServerName.isEmpty())
        out << YAML::Key << "tls-server-name" << YAML::Value << str(cluster->tlsServerName);
    out << YAML::EndMap << YAML::EndMap << YAML::EndSeq;

    out << YAML::Key << "contexts" << YAML::Value << YAML::BeginSeq << YAML::BeginMap;
    out << YAML::Key << "name" << YAML::Value << str(contextName);
    out << YAML::Key << "context" << YAML::Value << YAML::BeginMap;
    out << YAML::Key << "cluster" << YAML::Value << str(cluster->name);
    if (!context->user.isEmpty())
        out << YAML::Key << "user" << YAML::Value << str(context->user);
    if (!context->nameSpace.isEmpty())
        out << YAML::Key << "namespace" << YAML::Value << str(context->nameSpace);
    out << YAML::EndMap << YAML::EndMap << YAML::EndSeq;

    out << YAML::Key << "users" << YAML::Value << YAML::BeginSeq;
    if (user != config.users.cend()) {
        out << YAML::BeginMap;
        out << YAML::Key << "name" << YAML::Value << str(user->name);
        out << YAML::Key << "user" << YAML::Value << YAML::BeginMap;
        if (!user->clientCertificateData.isEmpty())
            out << YAML::Key << "client-certificate-data" << YAML::Value << base64(user->clientCertificateData);
        else if (!user->clientCertificate.isEmpty())
            out << YAML::Key << "client-certificate" << YAML::Value << str(user->clientCertificate);
        if (!user->clientKeyData.isEmpty())
            out << YAML::Key << "client-key-data" << YAML::Value << base64(user->clientKeyData);
        else if (!user->clientKey.isEmpty())
            out << YAML::Key << "client-key" << YAML::Value << str(user->clientKey);
        if (!user->token.isEmpty())
            out << YAML::Key << "token" << YAML::Value << str(user->token);
        if (!user->tokenFile.isEmpty())
            out << YAML::Key << "tokenFile" << YAML::Value << str(user->tokenFile);
        if (user->exec) {
            const Kubeconfig::ExecConfig& exec = *user->exec;
            out << YAML::Key << "exec" << YAML::Value << YAML::BeginMap;
            out << YAML::Key << "apiVersion" << YAML::Value << str(exec.apiVersion);
            out << YAML::Key << "command" << YAML::Value << str(exec.command);
            if (!exec.args.isEmpty()) {
                out << YAML::Key << "args" << YAML::Value << YAML::BeginSeq;
                for (const QString& arg : exec.args)
                    out << str(arg);
                out << YAML::EndSeq;
            }
            if (!exec.env.isEmpty()) {
                out << YAML::Key << "env" << YAML::Value << YAML::BeginSeq;
                for (const auto& [name, value] : exec.env)
                    out << YAML::BeginMap << YAML::Key << "name" << YAML::Value << str(name) << YAML::Key << "value"
                        << YAML::Value << str(value) << YAML::EndMap;
                out << YAML::EndSeq;
            }
            if (!exec.installHint.isEmpty())
                out << YAML::Key << "installHint" << YAML::Value << str(exec.installHint);
            if (exec.provideClusterInfo)
                out << YAML::Key << "provideClusterInfo" << YAML::Value << true;
            if (!exec.interactiveMode.isEmpty())
                out << YAML::Key << "interactiveMode" << YAML::Value << str(exec.interactiveMode);
            out << YAML::EndMap;
        }
        out << YAML::EndMap << YAML::EndMap;
    }
    out << YAML::EndSeq;
    out << YAML::EndMap;
    if (!out.good())
        return fail(
            QStringLiteral("could not write the kubeconfig: %1").arg(QString::fromStdString(out.GetLastError())));
    return QByteArray(out.c_str()) + '\n';
}

} // namespace quayside::kube
