#include "profile/ProfileLoader.h"

#include "core/AsciiNumber.h"
#include "core/DnsLabel.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSet>

#include <yaml-cpp/yaml.h>

namespace quayside {

namespace {

QString q(const std::string& s)
{
    return QString::fromStdString(s);
}

// RFC 1123 label: what Kubernetes accepts for namespaces and what Helm accepts for release names.
bool isDnsLabel(const QString& text, int maxLength)
{
    return DnsLabel::isValid(text, maxLength);
}

// Docker's reference grammar for a repository without tag or digest: optional registry host[:port],
// then lower-case path components separated by "/".
bool isRepository(const QString& text)
{
    static const QRegularExpression re(
        QStringLiteral("^(?:[a-zA-Z0-9.-]+(?::[0-9]+)?/)?[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*"
                       "(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$"));
    return re.match(text).hasMatch();
}

bool isEnvName(const QString& text)
{
    static const QRegularExpression re(QStringLiteral("^[A-Za-z_][A-Za-z0-9_]*$"));
    return re.match(text).hasMatch();
}

// A key of a Secret's data: Kubernetes' IsConfigMapKey (validation.go), so it can neither break the
// Secret's JSON nor a shell line that names it.
bool isSecretKey(const QString& text)
{
    static const QRegularExpression re(QStringLiteral("^[-._a-zA-Z0-9]+$"));
    return text.size() <= 253 && re.match(text).hasMatch() && text != QLatin1String(".") && text != QLatin1String("..");
}

// What the health check appends to the app's URL: printable, and nothing a shell or an HTTP request
// line would read differently (it is shown in `deploy --dry-run`'s commands).
bool isUrlPath(const QString& text)
{
    for (const QChar c : text) {
        if (c.unicode() < 0x21 || c.unicode() == 0x7f || c == QLatin1Char('"') || c == QLatin1Char('\'')
            || c == QLatin1Char('\\') || c == QLatin1Char('`'))
            return false;
    }
    return true;
}

bool isValuesKey(const QString& text)
{
    static const QRegularExpression re(QStringLiteral("^[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*$"));
    return re.match(text).hasMatch();
}

// Go's time.Duration syntax as Helm takes it ("5m", "90s", "1h30m"), whole seconds only, at most
// kMaxChartTimeout: the value ends up in a QTimer (int milliseconds), so "999999999h" is refused.
constexpr std::chrono::seconds kMaxChartTimeout = std::chrono::hours(24);

enum class DurationParse { Ok, Invalid, OutOfRange };

DurationParse parseDuration(const QString& text, std::chrono::seconds* out)
{
    static const QRegularExpression whole(QStringLiteral("^([0-9]+[hms])+$"));
    static const QRegularExpression part(QStringLiteral("([0-9]+)([hms])"));
    if (!whole.match(text).hasMatch())
        return DurationParse::Invalid;
    qint64 seconds = 0;
    auto it = part.globalMatch(text);
    while (it.hasNext()) {
        const auto m = it.next();
        const auto n = parseAsciiInteger(m.capturedView(1));
        const QChar unit = m.captured(2).at(0);
        const qint64 scale = unit == QLatin1Char('h') ? 3600 : unit == QLatin1Char('m') ? 60 : 1;
        if (!n || *n > kMaxChartTimeout.count() * 1000)
            return DurationParse::OutOfRange; // "99999999999999999999h": no overflow on the way to the cap
        seconds = saturatingAdd(seconds, saturatingMultiply(*n, scale));
    }
    if (seconds <= 0)
        return DurationParse::Invalid;
    if (seconds > kMaxChartTimeout.count())
        return DurationParse::OutOfRange;
    *out = std::chrono::seconds(seconds);
    return DurationParse::Ok;
}

class Parser
{
public:
    Parser(QString file, QList<ProfileError>* errors)
        : m_file(std::move(file))
        , m_errors(errors)
    { }

    void error(const YAML::Node& at, const QString& field, const QString& message)
    {
        ProfileError e { m_file, 0, 0, field, message };
        if (at.IsDefined()) {
            const YAML::Mark mark = at.Mark();
            if (!mark.is_null()) {
                e.line = mark.line + 1;
                e.column = mark.column + 1;
            }
        }
        m_errors->append(e);
        m_lines.insert(field, e.line);
    }

    void remember(const YAML::Node& node, const QString& field)
    {
        if (node.IsDefined() && !node.Mark().is_null())
            m_lines.insert(field, node.Mark().line + 1);
    }
    int lineOf(const QString& field) const { return m_lines.value(field, 0); }

    // Reports keys of `map` that are not in `known`, at the key's own position.
    void checkKeys(const YAML::Node& map, const QString& field, std::initializer_list<const char*> known)
    {
        if (!map.IsMap())
            return;
        QSet<QString> allowed;
        for (const char* k : known)
            allowed.insert(QString::fromLatin1(k));
        for (auto it = map.begin(); it != map.end(); ++it) {
            const QString key = q(it->first.as<std::string>());
            if (!allowed.contains(key)) {
                QStringList names(allowed.begin(), allowed.end());
                names.sort();
                error(it->first, join(field, key),
                      QStringLiteral("unknown field (expected one of: %1)").arg(names.join(QStringLiteral(", "))));
            }
        }
    }

    static QString join(const QString& parent, const QString& key)
    {
        return parent.isEmpty() ? key : parent + QLatin1Char('.') + key;
    }

    bool isMap(const YAML::Node& node, const QString& field, const YAML::Node& parent)
    {
        if (!node.IsDefined() || node.IsNull())
            return false;
        if (!node.IsMap()) {
            error(node.IsDefined() ? node : parent, field, QStringLiteral("expected a mapping (key: value lines)"));
            return false;
        }
        return true;
    }

    // A string field. Missing or null: `fallback`, and an error when required.
    QString string(const YAML::Node& map, const char* key, const QString& parentField, bool required,
                   const QString& fallback = {})
    {
        const QString field = join(parentField, QString::fromLatin1(key));
        const YAML::Node node = map.IsMap() ? map[key] : YAML::Node();
        if (!node.IsDefined() || node.IsNull()) {
            if (required)
                error(map, field, QStringLiteral("required field is missing"));
            return fallback;
        }
        remember(node, field);
        if (!node.IsScalar()) {
            error(node, field, QStringLiteral("expected a single value"));
            return fallback;
        }
        const QString value = q(node.Scalar());
        if (required && value.trimmed().isEmpty())
            error(node, field, QStringLiteral("must not be empty"));
        return value;
    }

    int integer(const YAML::Node& map, const char* key, const QString& parentField, int fallback, int min, int max)
    {
        const QString field = join(parentField, QString::fromLatin1(key));
        const YAML::Node node = map.IsMap() ? map[key] : YAML::Node();
        if (!node.IsDefined() || node.IsNull())
            return fallback;
        remember(node, field);
        bool ok = false;
        const int value = node.IsScalar() ? q(node.Scalar()).toInt(&ok) : 0;
        if (!ok) {
            error(node, field, QStringLiteral("expected a whole number"));
            return fallback;
        }
        if (value < min || value > max) {
            error(node, field, QStringLiteral("%1 is out of range (%2 to %3)").arg(value).arg(min).arg(max));
            return fallback;
        }
        return value;
    }

    bool boolean(const YAML::Node& map, const char* key, const QString& parentField, bool fallback)
    {
        const QString field = join(parentField, QString::fromLatin1(key));
        const YAML::Node node = map.IsMap() ? map[key] : YAML::Node();
        if (!node.IsDefined() || node.IsNull())
            return fallback;
        bool value = fallback;
        if (!node.IsScalar() || !YAML::convert<bool>::decode(node, value))
            error(node, field, QStringLiteral("expected true or false"));
        return value;
    }

    QStringList stringList(const YAML::Node& map, const char* key, const QString& parentField)
    {
        const QString field = join(parentField, QString::fromLatin1(key));
        const YAML::Node node = map.IsMap() ? map[key] : YAML::Node();
        QStringList out;
        if (!node.IsDefined() || node.IsNull())
            return out;
        if (!node.IsSequence()) {
            error(node, field, QStringLiteral("expected a list"));
            return out;
        }
        for (std::size_t i = 0; i < node.size(); ++i) {
            if (!node[i].IsScalar()) {
                error(node[i], QStringLiteral("%1[%2]").arg(field).arg(i), QStringLiteral("expected a single value"));
                continue;
            }
            out << q(node[i].Scalar());
        }
        return out;
    }

    QMap<QString, QString> stringMap(const YAML::Node& map, const char* key, const QString& parentField)
    {
        const QString field = join(parentField, QString::fromLatin1(key));
        const YAML::Node node = map.IsMap() ? map[key] : YAML::Node();
        QMap<QString, QString> out;
        if (!node.IsDefined() || node.IsNull())
            return out;
        if (!node.IsMap()) {
            error(node, field, QStringLiteral("expected a mapping (NAME: value lines)"));
            return out;
        }
        for (auto it = node.begin(); it != node.end(); ++it) {
            const QString name = q(it->first.as<std::string>());
            if (!it->second.IsScalar() && !it->second.IsNull()) {
                error(it->second, join(field, name), QStringLiteral("expected a single value"));
                continue;
            }
            out.insert(name, it->second.IsNull() ? QString() : q(it->second.Scalar()));
        }
        return out;
    }

    void parse(const YAML::Node& root, Profile* p)
    {
        if (!root.IsMap()) {
            error(root, {}, QStringLiteral("a profile is a YAML mapping (name:, namespace:, images: ...)"));
            return;
        }
        checkKeys(root, {},
                  { "apiVersion", "name", "namespace", "root", "source", "minikube", "images", "chart", "secrets",
                    "access", "healthChecks" });
        p->apiVersion = string(root, "apiVersion", {}, false, p->apiVersion);
        if (p->apiVersion != QLatin1String("quayside/v1"))
            error(root["apiVersion"], QStringLiteral("apiVersion"),
                  QStringLiteral("unsupported version \"%1\" (this Quayside reads quayside/v1)").arg(p->apiVersion));
        p->name = string(root, "name", {}, true);
        if (!p->name.isEmpty() && !isDnsLabel(p->name, 63))
            error(root["name"], QStringLiteral("name"),
                  QStringLiteral("use lower-case letters, digits and '-' (at most 63)"));
        p->nameSpace = string(root, "namespace", {}, true);
        if (!p->nameSpace.isEmpty() && !isDnsLabel(p->nameSpace, 63))
            error(root["namespace"], QStringLiteral("namespace"),
                  QStringLiteral("\"%1\" is not a valid Kubernetes namespace (lower-case letters, digits and '-', "
                                 "at most 63)")
                      .arg(p->nameSpace));
        p->root = string(root, "root", {}, false);
        p->source = string(root, "source", {}, false);
        parseMinikube(root, p);
        parseImages(root, p);
        parseChart(root, p);
        parseSecrets(root, p);
        parseAccess(root, p);
        parseHealthChecks(root, p);
    }

    void parseMinikube(const YAML::Node& root, Profile* p)
    {
        const YAML::Node node = root["minikube"];
        if (!isMap(node, QStringLiteral("minikube"), root))
            return;
        checkKeys(node, QStringLiteral("minikube"), { "profile", "cpus", "memory", "driver", "addons" });
        const QString f = QStringLiteral("minikube");
        p->minikube.profile = string(node, "profile", f, false, p->minikube.profile);
        if (!isDnsLabel(p->minikube.profile, 63) && !p->minikube.profile.isEmpty())
            error(node["profile"], join(f, QStringLiteral("profile")),
                  QStringLiteral("use lower-case letters, digits and '-'"));
        // minikube itself refuses fewer than 2 CPUs and less than 1800 MB.
        p->minikube.cpus = integer(node, "cpus", f, p->minikube.cpus, 2, 256);
        p->minikube.memoryMb = integer(node, "memory", f, p->minikube.memoryMb, 1800, 1024 * 1024);
        p->minikube.driver = string(node, "driver", f, false);
        p->minikube.addons = stringList(node, "addons", f);
    }

    void parseImages(const YAML::Node& root, Profile* p)
    {
        const YAML::Node node = root["images"];
        if (!node.IsDefined() || node.IsNull()) {
            error(root, QStringLiteral("images"), QStringLiteral("required field is missing (the images to build)"));
            return;
        }
        if (!node.IsSequence() || node.size() == 0) {
            error(node, QStringLiteral("images"), QStringLiteral("expected a list of images"));
            return;
        }
        QSet<QString> names;
        for (std::size_t i = 0; i < node.size(); ++i) {
            const YAML::Node item = node[i];
            const QString f = QStringLiteral("images[%1]").arg(i);
            if (!isMap(item, f, node))
                continue;
            checkKeys(item, f, { "name", "context", "dockerfile", "repository", "buildArgs" });
            Profile::Image image;
            image.name = string(item, "name", f, true);
            if (!image.name.isEmpty() && !isDnsLabel(image.name, 63))
                error(item["name"], join(f, QStringLiteral("name")),
                      QStringLiteral("use lower-case letters, digits and '-'"));
            if (!image.name.isEmpty() && names.contains(image.name))
                error(item["name"], join(f, QStringLiteral("name")),
                      QStringLiteral("\"%1\" is used by another image").arg(image.name));
            names.insert(image.name);
            image.context = string(item, "context", f, true);
            image.dockerfile = string(item, "dockerfile", f, true);
            image.repository = string(item, "repository", f, true);
            if (!image.repository.isEmpty() && !isRepository(image.repository))
                error(item["repository"], join(f, QStringLiteral("repository")),
                      QStringLiteral("\"%1\" is not an image repository (lower-case, no tag: Quayside sets the tag)")
                          .arg(image.repository));
            image.buildArgs = stringMap(item, "buildArgs", f);
            for (auto it = image.buildArgs.cbegin(); it != image.buildArgs.cend(); ++it) {
                if (!isEnvName(it.key()))
                    error(item["buildArgs"], join(f, QStringLiteral("buildArgs.") + it.key()),
                          QStringLiteral("not a valid build argument name"));
            }
            p->images << image;
        }
    }

    void parseChart(const YAML::Node& root, Profile* p)
    {
        const YAML::Node node = root["chart"];
        const QString f = QStringLiteral("chart");
        if (!node.IsDefined() || node.IsNull()) {
            error(root, f, QStringLiteral("required field is missing (the Helm chart to install)"));
            return;
        }
        if (!isMap(node, f, root))
            return;
        checkKeys(node, f, { "path", "release", "valuesFiles", "images", "deployments", "timeout" });
        p->chart.path = string(node, "path", f, true);
        p->chart.release = string(node, "release", f, true);
        // Helm limits release names to 53 characters (it appends suffixes to build object names).
        if (!p->chart.release.isEmpty() && !isDnsLabel(p->chart.release, 53))
            error(node["release"], join(f, QStringLiteral("release")),
                  QStringLiteral("Helm release names are lower-case letters, digits and '-', at most 53"));
        p->chart.valuesFiles = stringList(node, "valuesFiles", f);
        p->chart.deployments = stringList(node, "deployments", f);
        const QString timeout = string(node, "timeout", f, false);
        const DurationParse parsed = timeout.isEmpty() ? DurationParse::Ok : parseDuration(timeout, &p->chart.timeout);
        if (parsed == DurationParse::Invalid)
            error(node["timeout"], join(f, QStringLiteral("timeout")),
                  QStringLiteral("expected a duration such as 5m, 90s or 1h"));
        else if (parsed == DurationParse::OutOfRange)
            error(node["timeout"], join(f, QStringLiteral("timeout")),
                  QStringLiteral("%1 is out of range (1s to 24h)").arg(timeout));

        const YAML::Node images = node["images"];
        const QString fi = join(f, QStringLiteral("images"));
        if (isMap(images, fi, node)) {
            for (auto it = images.begin(); it != images.end(); ++it) {
                const QString imageName = q(it->first.as<std::string>());
                const QString fe = join(fi, imageName);
                if (!p->image(imageName))
                    error(it->first, fe, QStringLiteral("no image named \"%1\" in images").arg(imageName));
                if (!isMap(it->second, fe, node))
                    continue;
                checkKeys(it->second, fe, { "repository", "tag" });
                Profile::ImageValues values;
                values.repositoryKey = string(it->second, "repository", fe, true);
                values.tagKey = string(it->second, "tag", fe, true);
                for (const QString& key : { values.repositoryKey, values.tagKey }) {
                    if (!key.isEmpty() && !isValuesKey(key))
                        error(it->second, fe, QStringLiteral("\"%1\" is not a values key (a.b.c)").arg(key));
                }
                p->chart.images.insert(imageName, values);
            }
        }
        for (qsizetype i = 0; i < p->images.size(); ++i) {
            if (!p->images[i].name.isEmpty() && !p->chart.images.contains(p->images[i].name))
                error(images.IsDefined() ? images : node, fi,
                      QStringLiteral("no entry for image \"%1\": the chart would never learn its tag")
                          .arg(p->images[i].name));
        }
    }

    void parseSecrets(const YAML::Node& root, Profile* p)
    {
        p->secrets.profile = p->name;
        p->secrets.nameSpace = p->nameSpace;
        const YAML::Node node = root["secrets"];
        const QString f = QStringLiteral("secrets");
        if (!isMap(node, f, root))
            return;
        checkKeys(node, f, { "secretName", "items" });
        p->secrets.secretName = string(node, "secretName", f, true);
        if (!p->secrets.secretName.isEmpty() && !isDnsLabel(p->secrets.secretName, 253))
            error(node["secretName"], join(f, QStringLiteral("secretName")), QStringLiteral("not a valid Secret name"));
        const YAML::Node items = node["items"];
        if (!items.IsDefined() || items.IsNull())
            return;
        if (!items.IsSequence()) {
            error(items, join(f, QStringLiteral("items")), QStringLiteral("expected a list"));
            return;
        }
        QSet<QString> names;
        for (std::size_t i = 0; i < items.size(); ++i) {
            const YAML::Node item = items[i];
            const QString fi = QStringLiteral("secrets.items[%1]").arg(i);
            if (!isMap(item, fi, items))
                continue;
            checkKeys(item, fi, { "name", "description", "required", "kind", "minimumLength", "key" });
            SecretSpec spec;
            spec.name = string(item, "name", fi, true);
            if (!spec.name.isEmpty() && !isEnvName(spec.name))
                error(item["name"], join(fi, QStringLiteral("name")),
                      QStringLiteral("use an environment variable name (letters, digits, '_')"));
            if (names.contains(spec.name))
                error(item["name"], join(fi, QStringLiteral("name")), QStringLiteral("listed twice"));
            names.insert(spec.name);
            spec.description = string(item, "description", fi, false);
            spec.required = boolean(item, "required", fi, false);
            const QString kind = string(item, "kind", fi, false, QStringLiteral("text"));
            if (!Profile::secretKindFromName(kind, &spec.kind))
                error(item["kind"], join(fi, QStringLiteral("kind")),
                      QStringLiteral("unknown kind \"%1\" (text, jwt-secret, postgres-url, api-key)").arg(kind));
            spec.minimumLength
                = integer(item, "minimumLength", fi, spec.kind == SecretSpec::Kind::JwtSecret ? 32 : 0, 0, 4096);
            spec.kubernetesSecret = p->secrets.secretName;
            spec.kubernetesKey = string(item, "key", fi, false, spec.name);
            if (!isSecretKey(spec.kubernetesKey))
                error(item["key"] ? item["key"] : item["name"], join(fi, QStringLiteral("key")),
                      QStringLiteral("not a valid Secret key (letters, digits, '-', '_', '.'; at most 253)"));
            p->secrets.specs << spec;
        }
    }

    void parseAccess(const YAML::Node& root, Profile* p)
    {
        const YAML::Node node = root["access"];
        const QString f = QStringLiteral("access");
        if (!isMap(node, f, root)) {
            if (!node.IsDefined())
                error(root, f, QStringLiteral("required field is missing (the Service users open)"));
            return;
        }
        checkKeys(node, f, { "service", "nodePort", "mode" });
        p->access.service = string(node, "service", f, true);
        const int nodePort = integer(node, "nodePort", f, 0, 0, 65535);
        // The Kubernetes default NodePort range; a port outside it is refused by the API server.
        if (nodePort != 0 && (nodePort < 30000 || nodePort > 32767))
            error(node["nodePort"], join(f, QStringLiteral("nodePort")),
                  QStringLiteral("%1 is outside the NodePort range 30000-32767").arg(nodePort));
        p->access.nodePort = nodePort;
        const QString mode = string(node, "mode", f, false, QStringLiteral("auto"));
        if (!Profile::modeFromName(mode, &p->access.mode))
            error(node["mode"], join(f, QStringLiteral("mode")),
                  QStringLiteral("unknown mode \"%1\" (auto, nodeport, minikube-service)").arg(mode));
    }

    void parseHealthChecks(const YAML::Node& root, Profile* p)
    {
        const YAML::Node node = root["healthChecks"];
        if (!node.IsDefined() || node.IsNull())
            return;
        if (!node.IsSequence()) {
            error(node, QStringLiteral("healthChecks"), QStringLiteral("expected a list"));
            return;
        }
        for (std::size_t i = 0; i < node.size(); ++i) {
            const YAML::Node item = node[i];
            const QString f = QStringLiteral("healthChecks[%1]").arg(i);
            if (!isMap(item, f, node))
                continue;
            checkKeys(item, f, { "name", "path", "expectStatus" });
            Profile::HealthCheck check;
            check.name = string(item, "name", f, true);
            check.path = string(item, "path", f, false, check.path);
            if (!check.path.startsWith(QLatin1Char('/')))
                error(item["path"], join(f, QStringLiteral("path")), QStringLiteral("must start with /"));
            else if (!isUrlPath(check.path))
                error(item["path"], join(f, QStringLiteral("path")),
                      QStringLiteral("may not contain spaces, quotes, backslashes or control characters"));
            check.expectStatus = integer(item, "expectStatus", f, 200, 100, 599);
            p->healthChecks << check;
        }
    }

    // The files and directories the pipeline will use, checked before anything starts.
    void checkPaths(const YAML::Node& root, const Profile& p)
    {
        auto at = [&](const QString& field) {
            ProfileError e { m_file, lineOf(field), 0, field, {} };
            return e;
        };
        auto report = [&](const QString& field, const QString& message) {
            ProfileError e = at(field);
            e.message = message;
            m_errors->append(e);
        };
        if (p.needsSource() && p.source.isEmpty()) {
            report(QStringLiteral("source"),
                   QStringLiteral("no source directory chosen: pass --source DIR (the directory holding the app's "
                                  "backend/ and frontend/) or set source: in the profile"));
        }
        for (qsizetype i = 0; i < p.images.size(); ++i) {
            const Profile::Image& image = p.images[i];
            const QString f = QStringLiteral("images[%1]").arg(i);
            const QString context = p.contextDirectory(image);
            if (!context.isEmpty() && !QFileInfo(context).isDir())
                report(f + QStringLiteral(".context"),
                       QStringLiteral("the build context directory does not exist (%1)").arg(context));
            const QString dockerfile = p.dockerfilePath(image);
            if (!dockerfile.isEmpty() && !QFileInfo(dockerfile).isFile())
                report(f + QStringLiteral(".dockerfile"),
                       QStringLiteral("the Dockerfile does not exist (%1)").arg(dockerfile));
        }
        if (!p.chart.path.isEmpty() && !QFileInfo(p.chartPath() + QStringLiteral("/Chart.yaml")).isFile())
            report(QStringLiteral("chart.path"),
                   QStringLiteral("no Helm chart there (%1/Chart.yaml does not exist)").arg(p.chartPath()));
        const QStringList values = p.valuesFilePaths();
        for (qsizetype i = 0; i < values.size(); ++i) {
            if (!QFileInfo(values[i]).isFile())
                report(QStringLiteral("chart.valuesFiles[%1]").arg(i),
                       QStringLiteral("the values file does not exist (%1)").arg(values[i]));
        }
        Q_UNUSED(root);
    }

private:
    QString m_file;
    QList<ProfileError>* m_errors;
    QHash<QString, int> m_lines;
};

} // namespace

std::optional<Profile> ProfileLoader::loadFile(const QString& path, QList<ProfileError>* errors, const Options& options)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        errors->append({ path, 0, 0, {}, QStringLiteral("cannot read the profile: %1").arg(file.errorString()) });
        return std::nullopt;
    }
    return loadString(file.readAll(), QFileInfo(path).absoluteFilePath(), errors, options);
}

std::optional<Profile> ProfileLoader::loadString(const QByteArray& yaml, const QString& fileName,
                                                 QList<ProfileError>* errors, const Options& options)
{
    const qsizetype before = errors->size();
    YAML::Node root;
    try {
        root = YAML::Load(yaml.toStdString());
    } catch (const YAML::Exception& e) {
        errors->append({ fileName,
                         e.mark.is_null() ? 0 : e.mark.line + 1,
                         e.mark.is_null() ? 0 : e.mark.column + 1,
                         {},
                         QStringLiteral("not valid YAML: %1").arg(QString::fromStdString(e.msg)) });
        return std::nullopt;
    }
    Profile profile;
    profile.sourceFile = fileName;
    Parser parser(fileName, errors);
    try {
        parser.parse(root, &profile);
        if (!options.sourceOverride.isEmpty())
            profile.source = QDir::cleanPath(QDir::current().absoluteFilePath(options.sourceOverride));
        if (options.checkPaths && errors->size() == before)
            parser.checkPaths(root, profile);
    } catch (const YAML::Exception& e) {
        // yaml-cpp throws on conversions of unexpected node shapes (e.g. a key that is itself a map).
        errors->append({ fileName,
                         e.mark.is_null() ? 0 : e.mark.line + 1,
                         e.mark.is_null() ? 0 : e.mark.column + 1,
                         {},
                         QString::fromStdString(e.msg) });
    }
    if (errors->size() != before)
        return std::nullopt;
    return profile;
}

} // namespace quayside
