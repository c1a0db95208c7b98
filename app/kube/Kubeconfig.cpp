#include "kube/Kubeconfig.h"

#include <QDir>
#include <QFileInfo>

#include <yaml-cpp/yaml.h>

namespace quayside::kube {

namespace {

QString fromStd(const std::string& s)
{
    return QString::fromStdString(s);
}

// Error wording: "<file>: <where>: <what>", so the user knows which file and which field to open.
class ParseContext
{
public:
    ParseContext(QString file, QString* error)
        : m_file(std::move(file))
        , m_error(error)
    { }

    bool fail(const QString& where, const QString& what) const
    {
        if (m_error)
            *m_error = where.isEmpty() ? QString(m_file + QStringLiteral(": ") + what)
                                       : QString(m_file + QStringLiteral(": ") + where + QStringLiteral(": ") + what);
        return false;
    }

    // Kubeconfigs written on Windows use backslashes; a backslash in a real Unix path name is
    // vanishingly rare, so they are read as separators everywhere. Relative paths are relative to the
    // kubeconfig that names them (client-go's ResolvePaths).
    QString resolvePath(const QString& raw) const
    {
        if (raw.isEmpty())
            return raw;
        QString path = raw;
        path.replace(QLatin1Char('\\'), QLatin1Char('/'));
        const bool windowsAbsolute = path.size() >= 3 && path.at(1) == QLatin1Char(':')
            && path.at(2) == QLatin1Char('/') && path.at(0).isLetter();
        if (QDir::isAbsolutePath(path) || windowsAbsolute)
            return QDir::cleanPath(path);
        return QDir::cleanPath(QFileInfo(m_file).absoluteDir().filePath(path));
    }

    const QString& file() const { return m_file; }

private:
    QString m_file;
    QString* m_error;
};

bool scalar(const YAML::Node& node, const char* key, QString* out)
{
    const YAML::Node value = node[key];
    if (!value.IsDefined() || value.IsNull())
        return true;
    if (!value.IsScalar())
        return false;
    *out = fromStd(value.Scalar());
    return true;
}

bool boolean(const YAML::Node& node, const char* key, bool* out)
{
    const YAML::Node value = node[key];
    if (!value.IsDefined() || value.IsNull())
        return true;
    if (!value.IsScalar())
        return false;
    bool result = false;
    if (!YAML::convert<bool>::decode(value, result))
        return false;
    *out = result;
    return true;
}

bool base64(const YAML::Node& node, const char* key, QByteArray* out)
{
    QString text;
    if (!scalar(node, key, &text))
        return false;
    if (text.isEmpty())
        return true;
    const auto decoded
        = QByteArray::fromBase64Encoding(text.toLatin1().trimmed(), QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return false;
    *out = *decoded;
    return true;
}

QString where(const char* section, const QString& name, const char* field = nullptr)
{
    QString w = QString::fromLatin1(section) + QStringLiteral(" \"") + name + QLatin1Char('"');
    if (field)
        w += QStringLiteral(": ") + QString::fromLatin1(field);
    return w;
}

// Each list entry is {name: ..., <inner>: {...}}.
template<typename Handler>
bool forEachNamed(const YAML::Node& root, const char* listKey, const char* innerKey, const ParseContext& ctx,
                  Handler handle)
{
    const YAML::Node list = root[listKey];
    if (!list.IsDefined() || list.IsNull())
        return true;
    if (!list.IsSequence())
        return ctx.fail(QString::fromLatin1(listKey), QStringLiteral("expected a list"));
    for (std::size_t i = 0; i < list.size(); ++i) {
        const YAML::Node item = list[i];
        const QString position = QStringLiteral("%1[%2]").arg(QString::fromLatin1(listKey)).arg(i);
        if (!item.IsMap())
            return ctx.fail(position,
                            QStringLiteral("expected a mapping with name and %1").arg(QString::fromLatin1(innerKey)));
        QString name;
        if (!scalar(item, "name", &name) || name.isEmpty())
            return ctx.fail(position, QStringLiteral("has no name"));
        const YAML::Node inner = item[innerKey];
        if (inner.IsDefined() && !inner.IsNull() && !inner.IsMap())
            return ctx.fail(position, QStringLiteral("%1 must be a mapping").arg(QString::fromLatin1(innerKey)));
        if (!handle(name, inner))
            return false;
    }
    return true;
}

bool parseExec(const YAML::Node& node, const QString& userName, const ParseContext& ctx, Kubeconfig::ExecConfig* exec)
{
    const auto bad
        = [&](const char* field, const QString& what) { return ctx.fail(where("user", userName, field), what); };
    if (!scalar(node, "apiVersion", &exec->apiVersion))
        return bad("exec.apiVersion", QStringLiteral("expected a string"));
    if (!scalar(node, "command", &exec->command) || exec->command.isEmpty())
        return bad("exec.command", QStringLiteral("is missing"));
    // client-go resolves the command against the kubeconfig's directory only when it contains a path
    // separator; a bare name is looked up on PATH.
    if (exec->command.contains(QLatin1Char('/')) || exec->command.contains(QLatin1Char('\\')))
        exec->command = ctx.resolvePath(exec->command);
    const YAML::Node args = node["args"];
    if (args.IsDefined() && !args.IsNull()) {
        if (!args.IsSequence())
            return bad("exec.args", QStringLiteral("expected a list of strings"));
        for (const auto& a : args)
            exec->args.append(fromStd(a.Scalar()));
    }
    const YAML::Node env = node["env"];
    if (env.IsDefined() && !env.IsNull()) {
        if (!env.IsSequence())
            return bad("exec.env", QStringLiteral("expected a list of {name, value}"));
        for (const auto& e : env) {
            QString name;
            QString value;
            if (!e.IsMap() || !scalar(e, "name", &name) || !scalar(e, "value", &value) || name.isEmpty())
                return bad("exec.env", QStringLiteral("expected a list of {name, value}"));
            exec->env.append({ name, value });
        }
    }
    scalar(node, "installHint", &exec->installHint);
    scalar(node, "interactiveMode", &exec->interactiveMode);
    if (!boolean(node, "provideClusterInfo", &exec->provideClusterInfo))
        return bad("exec.provideClusterInfo", QStringLiteral("expected true or false"));
    if (exec->apiVersion.isEmpty())
        return bad("exec.apiVersion", QStringLiteral("is missing (e.g. client.authentication.k8s.io/v1)"));
    return true;
}

} // namespace

std::optional<Kubeconfig> Kubeconfig::parse(const QByteArray& yaml, const QString& filePath, QString* error)
{
    const ParseContext ctx(filePath, error);
    Kubeconfig config;
    config.files.append(filePath);
    YAML::Node root;
    try {
        root = YAML::Load(yaml.toStdString());
    } catch (const YAML::Exception& e) {
        ctx.fail(QStringLiteral("line %1").arg(e.mark.line + 1),
                 QStringLiteral("not valid YAML: %1").arg(fromStd(e.msg)));
        return std::nullopt;
    }
    // An empty file is a valid, empty kubeconfig (kubectl treats it so).
    if (!root.IsDefined() || root.IsNull())
        return config;
    if (!root.IsMap()) {
        ctx.fail({}, QStringLiteral("not a kubeconfig (expected a mapping with clusters, contexts and users)"));
        return std::nullopt;
    }
    try {
        if (!scalar(root, "current-context", &config.currentContext)) {
            ctx.fail(QStringLiteral("current-context"), QStringLiteral("expected a string"));
            return std::nullopt;
        }
        if (!config.currentContext.isEmpty())
            config.currentContextSource = filePath;

        const bool ok
            = forEachNamed(root, "clusters", "cluster", ctx, [&](const QString& name, const YAML::Node& node) {
                  Cluster cluster;
                  cluster.name = name;
                  cluster.sourceFile = filePath;
                  const auto bad = [&](const char* field, const QString& what) {
                      return ctx.fail(where("cluster", name, field), what);
                  };
                  if (!scalar(node, "server", &cluster.server))
                      return bad("server", QStringLiteral("expected a URL"));
                  QString ca;
                  if (!scalar(node, "certificate-authority", &ca))
                      return bad("certificate-authority", QStringLiteral("expected a path"));
                  cluster.certificateAuthority = ctx.resolvePath(ca);
                  if (!base64(node, "certificate-authority-data", &cluster.certificateAuthorityData))
                      return bad("certificate-authority-data", QStringLiteral("is not valid base64"));
                  if (!boolean(node, "insecure-skip-tls-verify", &cluster.insecureSkipTlsVerify))
                      return bad("insecure-skip-tls-verify", QStringLiteral("expected true or false"));
                  scalar(node, "tls-server-name", &cluster.tlsServerName);
                  if (!config.clusters.contains(name))
                      config.clusters.insert(name, cluster);
                  return true;
              });
        if (!ok)
            return std::nullopt;

        const bool usersOk = forEachNamed(root, "users", "user", ctx, [&](const QString& name, const YAML::Node& node) {
            User user;
            user.name = name;
            user.sourceFile = filePath;
            const auto bad
                = [&](const char* field, const QString& what) { return ctx.fail(where("user", name, field), what); };
            QString path;
            if (!scalar(node, "client-certificate", &path))
                return bad("client-certificate", QStringLiteral("expected a path"));
            user.clientCertificate = ctx.resolvePath(path);
            path.clear();
            if (!scalar(node, "client-key", &path))
                return bad("client-key", QStringLiteral("expected a path"));
            user.clientKey = ctx.resolvePath(path);
            if (!base64(node, "client-certificate-data", &user.clientCertificateData))
                return bad("client-certificate-data", QStringLiteral("is not valid base64"));
            if (!base64(node, "client-key-data", &user.clientKeyData))
                return bad("client-key-data", QStringLiteral("is not valid base64"));
            if (!scalar(node, "token", &user.token))
                return bad("token", QStringLiteral("expected a string"));
            path.clear();
            if (!scalar(node, "tokenFile", &path))
                return bad("tokenFile", QStringLiteral("expected a path"));
            user.tokenFile = ctx.resolvePath(path);
            const YAML::Node exec = node["exec"];
            if (exec.IsDefined() && !exec.IsNull()) {
                if (!exec.IsMap())
                    return bad("exec", QStringLiteral("expected a mapping"));
                ExecConfig execConfig;
                if (!parseExec(exec, name, ctx, &execConfig))
                    return false;
                user.exec = execConfig;
            }
            const YAML::Node provider = node["auth-provider"];
            if (provider.IsDefined() && provider.IsMap())
                scalar(provider, "name", &user.authProvider);
            QString username;
            scalar(node, "username", &username);
            user.hasBasicAuth = !username.isEmpty();
            if (!config.users.contains(name))
                config.users.insert(name, user);
            return true;
        });
        if (!usersOk)
            return std::nullopt;

        const bool contextsOk
            = forEachNamed(root, "contexts", "context", ctx, [&](const QString& name, const YAML::Node& node) {
                  Context context;
                  context.name = name;
                  context.sourceFile = filePath;
                  const auto bad = [&](const char* field) {
                      return ctx.fail(where("context", name, field), QStringLiteral("expected a string"));
                  };
                  if (!scalar(node, "cluster", &context.cluster))
                      return bad("cluster");
                  if (!scalar(node, "user", &context.user))
                      return bad("user");
                  if (!scalar(node, "namespace", &context.nameSpace))
                      return bad("namespace");
                  if (!config.contexts.contains(name))
                      config.contexts.insert(name, context);
                  return true;
              });
        if (!contextsOk)
            return std::nullopt;
    } catch (const YAML::Exception& e) {
        ctx.fail(QStringLiteral("line %1").arg(e.mark.line + 1), fromStd(e.msg));
        return std::nullopt;
    }
    return config;
}

void Kubeconfig::merge(const Kubeconfig& other)
{
    files.append(other.files);
    if (currentContext.isEmpty()) {
        currentContext = other.currentContext;
        currentContextSource = other.currentContextSource;
    }
    for (auto it = other.clusters.cbegin(); it != other.clusters.cend(); ++it) {
        if (!clusters.contains(it.key()))
            clusters.insert(it.key(), it.value());
    }
    for (auto it = other.users.cbegin(); it != other.users.cend(); ++it) {
        if (!users.contains(it.key()))
            users.insert(it.key(), it.value());
    }
    for (auto it = other.contexts.cbegin(); it != other.contexts.cend(); ++it) {
        if (!contexts.contains(it.key()))
            contexts.insert(it.key(), it.value());
    }
}

} // namespace quayside::kube
