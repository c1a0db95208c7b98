#include "profile/ProfileWriter.h"

#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSaveFile>

namespace quayside {

QString ProfileWriter::scalar(const QString& value)
{
    static const QRegularExpression plain(QStringLiteral("^[A-Za-z_./~$][A-Za-z0-9_./${}@+-]*$"));
    static const QStringList special { QStringLiteral("true"), QStringLiteral("false"), QStringLiteral("yes"),
                                       QStringLiteral("no"),   QStringLiteral("on"),    QStringLiteral("off"),
                                       QStringLiteral("null"), QStringLiteral("~"),     QStringLiteral("y"),
                                       QStringLiteral("n") };
    if (plain.match(value).hasMatch() && !special.contains(value.toLower()))
        return value;
    QString out = QStringLiteral("\"");
    for (const QChar c : value) {
        switch (c.unicode()) {
        case '"':
            out += QStringLiteral("\\\"");
            break;
        case '\\':
            out += QStringLiteral("\\\\");
            break;
        case '\n':
            out += QStringLiteral("\\n");
            break;
        case '\t':
            out += QStringLiteral("\\t");
            break;
        default:
            if (c.unicode() < 0x20)
                out += QStringLiteral("\\x%1").arg(c.unicode(), 2, 16, QLatin1Char('0'));
            else
                out += c;
        }
    }
    return out + QLatin1Char('"');
}

QString ProfileWriter::toYaml(const Profile& p, const QString& outputFile)
{
    const QString outDir = QFileInfo(outputFile).absolutePath();
    QString root = QDir(outDir).relativeFilePath(p.rootDirectory());
    if (root.isEmpty())
        root = QStringLiteral(".");
    QString t;
    auto line = [&t](const QString& text = {}) { t += text + QLatin1Char('\n'); };

    line(QStringLiteral("# Quayside deployment profile: how `quayside deploy` (and the Build & Deploy page) takes"));
    line(QStringLiteral("# this app from source to running on Minikube. Check it with `quayside deploy --dry-run`,"));
    line(QStringLiteral("# which prints every command the deploy would run, without running any."));
    line(QStringLiteral("apiVersion: quayside/v1"));
    line(QStringLiteral("# The app's name; also the keychain prefix of its secrets (<name>/<SECRET>)."));
    line(QStringLiteral("name: ") + scalar(p.name));
    line(QStringLiteral("# The Kubernetes namespace everything is installed in (created when missing)."));
    line(QStringLiteral("namespace: ") + scalar(p.nameSpace));
    line(QStringLiteral("# Relative paths below are relative to this directory (itself relative to this file)."));
    line(QStringLiteral("root: ") + scalar(root));
    line(QStringLiteral("# The app's source directory (holding backend/ and frontend/); ${source} in the image"));
    line(QStringLiteral("# contexts below. `quayside deploy --source DIR` overrides it."));
    line(QStringLiteral("source: ") + (p.source.isEmpty() ? QStringLiteral("\"\"") : scalar(p.source)));
    line();
    line(QStringLiteral("# The local cluster. Started with these settings when the profile is not running."));
    line(QStringLiteral("minikube:"));
    line(QStringLiteral("  profile: ") + scalar(p.minikube.profile)
         + QStringLiteral("   # minikube -p; also the kubeconfig context"));
    line(QStringLiteral("  cpus: %1").arg(p.minikube.cpus));
    line(QStringLiteral("  memory: %1   # MB").arg(p.minikube.memoryMb));
    if (p.minikube.driver.isEmpty())
        line(QStringLiteral("  # driver: docker   # optional; minikube picks one (or keeps the cluster's) when unset"));
    else
        line(QStringLiteral("  driver: ") + scalar(p.minikube.driver));
    line(QStringLiteral("  addons:"));
    for (const QString& addon : p.minikube.addons)
        line(QStringLiteral("    - ") + scalar(addon));
    if (p.minikube.addons.isEmpty())
        line(QStringLiteral("    []"));
    line();
    line(QStringLiteral("# The images to build. Each is tagged <repository>:<first 12 hex digits of a hash of its"));
    line(QStringLiteral("# build context (after .dockerignore), Dockerfile and build args>, so an unchanged image"));
    line(QStringLiteral("# is never rebuilt. Build args are visible in the image's history: never put secrets here."));
    line(QStringLiteral("images:"));
    for (const Profile::Image& image : p.images) {
        line(QStringLiteral("  - name: ") + scalar(image.name));
        line(QStringLiteral("    context: ") + scalar(image.context));
        line(QStringLiteral("    dockerfile: ") + scalar(image.dockerfile));
        line(QStringLiteral("    repository: ") + scalar(image.repository));
        if (image.buildArgs.isEmpty()) {
            line(QStringLiteral("    buildArgs: {}"));
        } else {
            line(QStringLiteral("    buildArgs:"));
            for (auto it = image.buildArgs.cbegin(); it != image.buildArgs.cend(); ++it)
                line(QStringLiteral("      ") + it.key() + QStringLiteral(": ") + scalar(it.value()));
        }
    }
    line();
    line(QStringLiteral("# The Helm chart. Quayside adds one values file of its own (image repositories and tags,"));
    line(QStringLiteral("# the Secret's name and its checksum) after valuesFiles, and installs with"));
    line(QStringLiteral("# helm upgrade --install --atomic --wait (Helm 4: --rollback-on-failure --wait=watcher)."));
    line(QStringLiteral("chart:"));
    line(QStringLiteral("  path: ") + scalar(p.chart.path));
    line(QStringLiteral("  release: ") + scalar(p.chart.release));
    line(QStringLiteral("  timeout: %1s").arg(p.chart.timeout.count()));
    if (p.chart.valuesFiles.isEmpty()) {
        line(QStringLiteral("  valuesFiles: []"));
    } else {
        line(QStringLiteral("  valuesFiles:"));
        for (const QString& file : p.chart.valuesFiles)
            line(QStringLiteral("    - ") + scalar(file));
    }
    line(QStringLiteral("  # Where each image's repository and tag go in the chart's values."));
    line(QStringLiteral("  images:"));
    for (auto it = p.chart.images.cbegin(); it != p.chart.images.cend(); ++it) {
        line(QStringLiteral("    ") + it.key() + QLatin1Char(':'));
        line(QStringLiteral("      repository: ") + scalar(it.value().repositoryKey));
        line(QStringLiteral("      tag: ") + scalar(it.value().tagKey));
    }
    line(QStringLiteral("  # The Deployments to watch until every replica is available."));
    if (p.chart.deployments.isEmpty()) {
        line(QStringLiteral("  deployments: []   # empty: those labelled app.kubernetes.io/instance=<release>"));
    } else {
        line(QStringLiteral("  deployments:"));
        for (const QString& name : p.chart.deployments)
            line(QStringLiteral("    - ") + scalar(name));
    }
    line();
    line(QStringLiteral("# The app's secrets. Values live in the OS keychain (quayside secrets set NAME), go to the"));
    line(
        QStringLiteral("# cluster as one Kubernetes Secret over the API and never into a file, an argument or a log."));
    line(QStringLiteral("# kind: text, jwt-secret (at least minimumLength characters), postgres-url, api-key."));
    line(QStringLiteral("secrets:"));
    line(QStringLiteral("  secretName: ") + scalar(p.secrets.secretName));
    line(QStringLiteral("  items:"));
    for (const SecretSpec& spec : p.secrets.specs) {
        line(QStringLiteral("    - name: ") + scalar(spec.name));
        if (!spec.description.isEmpty())
            line(QStringLiteral("      description: ") + scalar(spec.description));
        line(QStringLiteral("      required: ") + (spec.required ? QStringLiteral("true") : QStringLiteral("false")));
        line(QStringLiteral("      kind: ") + Profile::secretKindName(spec.kind));
        if (spec.minimumLength > 0)
            line(QStringLiteral("      minimumLength: %1").arg(spec.minimumLength));
        if (spec.kubernetesKey != spec.name && !spec.kubernetesKey.isEmpty())
            line(QStringLiteral("      key: ") + scalar(spec.kubernetesKey));
    }
    line();
    line(
        QStringLiteral("# How users reach the app: mode nodeport (http://<minikube ip>:<nodePort>), minikube-service"));
    line(QStringLiteral(
        "# (`minikube service --url`, a tunnel where the driver needs one) or auto (nodeport on Linux)."));
    line(QStringLiteral("access:"));
    line(QStringLiteral("  service: ") + scalar(p.access.service));
    line(QStringLiteral("  nodePort: %1   # 0: read it from the Service").arg(p.access.nodePort));
    line(QStringLiteral("  mode: ") + Profile::modeName(p.access.mode));
    line();
    line(QStringLiteral("# Requested on the access URL once the rollout is done."));
    line(QStringLiteral("healthChecks:"));
    for (const Profile::HealthCheck& check : p.healthChecks) {
        line(QStringLiteral("  - name: ") + scalar(check.name));
        line(QStringLiteral("    path: ") + scalar(check.path));
        line(QStringLiteral("    expectStatus: %1").arg(check.expectStatus));
    }
    if (p.healthChecks.isEmpty())
        line(QStringLiteral("  []"));
    return t;
}

bool ProfileWriter::save(const Profile& profile, const QString& outputFile, QString* error)
{
    QSaveFile file(outputFile);
    if (!file.open(QIODevice::WriteOnly)) {
        *error = QStringLiteral("cannot write %1: %2").arg(outputFile, file.errorString());
        return false;
    }
    file.write(toYaml(profile, outputFile).toUtf8());
    if (!file.commit()) {
        *error = QStringLiteral("cannot write %1: %2").arg(outputFile, file.errorString());
        return false;
    }
    QFile::setPermissions(
        outputFile, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadGroup | QFileDevice::ReadOther);
    return true;
}

} // namespace quayside
