#include "workspace/Preferences.h"

#include <QCryptographicHash>
#include <QDir>

namespace quayside {

namespace {

// QSettings keys are paths; a file name or context is made one opaque, stable segment.
QString segment(const QString& text)
{
    return QString::fromLatin1(QCryptographicHash::hash(text.toUtf8(), QCryptographicHash::Sha1).toHex().left(16));
}

// A value read back from the INI file is a string (or a list of strings) whatever was stored: 2000
// comes back as "2000", a one-element list as its only string.
bool sameValue(const QVariant& stored, const QVariant& wanted)
{
    if (stored == wanted)
        return true;
    switch (wanted.typeId()) {
    case QMetaType::QStringList:
        return stored.toStringList() == wanted.toStringList();
    case QMetaType::QByteArray:
        return stored.typeId() == QMetaType::QByteArray && stored.toByteArray() == wanted.toByteArray();
    default:
        return stored.typeId() == QMetaType::QString && stored.toString() == wanted.toString();
    }
}

QString settingsStatus(const QSettings& settings)
{
    switch (settings.status()) {
    case QSettings::NoError:
        return {};
    case QSettings::AccessError:
        return QObject::tr("%1 cannot be read or written; settings are not saved.").arg(settings.fileName());
    case QSettings::FormatError:
        return QObject::tr("%1 is not a valid settings file; the defaults are used and the file is left as it is "
                           "until you save.")
            .arg(settings.fileName());
    }
    return {};
}

} // namespace

Preferences::Preferences(QObject* parent)
    : QObject(parent)
    , m_settings(std::make_unique<QSettings>(QSettings::IniFormat, QSettings::UserScope, QStringLiteral("Quayside"),
                                             QStringLiteral("quayside")))
{ }

Preferences::Preferences(const QString& fileName, QObject* parent)
    : QObject(parent)
    , m_settings(std::make_unique<QSettings>(fileName, QSettings::IniFormat))
{ }

Preferences::~Preferences() = default;

QString Preferences::fileName() const
{
    return m_settings->fileName();
}

QString Preferences::problem() const
{
    return settingsStatus(*m_settings);
}

QVariant Preferences::read(const QString& key, const QVariant& fallback) const
{
    return m_settings->value(key, fallback);
}

void Preferences::write(const QString& key, const QVariant& value, bool notifyChange)
{
    // A file we could not parse is left alone until the user saves over it deliberately.
    if (m_settings->status() == QSettings::FormatError && !notifyChange)
        return;
    // An empty value is the default, kept as no key at all. Nothing changes, nothing is written and
    // changed() stays quiet: a Settings dialog saving what it showed must not look like an edit.
    const bool clear = !value.isValid() || (value.typeId() == QMetaType::QString && value.toString().isEmpty())
        || (value.typeId() == QMetaType::QStringList && value.toStringList().isEmpty());
    if (clear ? !m_settings->contains(key) : m_settings->contains(key) && sameValue(m_settings->value(key), value))
        return;
    if (clear)
        m_settings->remove(key);
    else
        m_settings->setValue(key, value);
    m_settings->sync();
    if (notifyChange)
        notify();
}

void Preferences::notify()
{
    if (m_updateDepth > 0) {
        m_pendingChange = true;
        return;
    }
    Q_EMIT changed();
}

void Preferences::beginUpdate()
{
    ++m_updateDepth;
}

void Preferences::endUpdate()
{
    if (m_updateDepth == 0 || --m_updateDepth > 0)
        return;
    if (m_pendingChange) {
        m_pendingChange = false;
        Q_EMIT changed();
    }
}

QStringList Preferences::kubeconfigPaths() const
{
    return read(QStringLiteral("cluster/kubeconfigs")).toStringList();
}

void Preferences::setKubeconfigPaths(const QStringList& paths)
{
    QStringList clean;
    for (const QString& path : paths) {
        const QString trimmed = path.trimmed();
        if (!trimmed.isEmpty() && !clean.contains(trimmed))
            clean << trimmed;
    }
    write(QStringLiteral("cluster/kubeconfigs"), clean, true);
}

QString Preferences::defaultContext() const
{
    return read(QStringLiteral("cluster/defaultContext")).toString();
}

void Preferences::setDefaultContext(const QString& context)
{
    write(QStringLiteral("cluster/defaultContext"), context.trimmed(), true);
}

QString Preferences::defaultNamespace() const
{
    return read(QStringLiteral("cluster/defaultNamespace")).toString();
}

void Preferences::setDefaultNamespace(const QString& nameSpace)
{
    write(QStringLiteral("cluster/defaultNamespace"), nameSpace.trimmed(), true);
}

QString Preferences::profileFile() const
{
    return read(QStringLiteral("profile/file")).toString();
}

void Preferences::setProfileFile(const QString& path)
{
    write(QStringLiteral("profile/file"), path.trimmed(), true);
}

int Preferences::logLineLimit() const
{
    bool ok = false;
    const int lines = read(QStringLiteral("dashboard/logLineLimit")).toInt(&ok);
    return ok && lines >= 1000 ? lines : kDefaultLogLineLimit;
}

void Preferences::setLogLineLimit(int lines)
{
    write(QStringLiteral("dashboard/logLineLimit"), lines == kDefaultLogLineLimit ? QVariant() : QVariant(lines), true);
}

std::chrono::seconds Preferences::metricsInterval() const
{
    bool ok = false;
    const int seconds = read(QStringLiteral("dashboard/metricsIntervalSeconds")).toInt(&ok);
    return ok && seconds >= 1 ? std::chrono::seconds(seconds) : kDefaultMetricsInterval;
}

void Preferences::setMetricsInterval(std::chrono::seconds interval)
{
    const auto seconds = static_cast<int>(interval.count());
    write(QStringLiteral("dashboard/metricsIntervalSeconds"),
          interval == kDefaultMetricsInterval ? QVariant() : QVariant(seconds), true);
}

QString Preferences::aiTool() const
{
    const QString tool = read(QStringLiteral("ai/tool")).toString();
    static const QStringList known { QStringLiteral("kubectl-ai"), QStringLiteral("kagent"), QStringLiteral("gordon") };
    return known.contains(tool) ? tool : QStringLiteral("kubectl-ai");
}

void Preferences::setAiTool(const QString& tool)
{
    write(QStringLiteral("ai/tool"), tool == QLatin1String("kubectl-ai") ? QVariant() : QVariant(tool), true);
}

QString Preferences::aiProvider() const
{
    return read(QStringLiteral("ai/provider")).toString();
}

void Preferences::setAiProvider(const QString& provider)
{
    write(QStringLiteral("ai/provider"), provider.trimmed(), true);
}

QString Preferences::aiModel() const
{
    return read(QStringLiteral("ai/model")).toString();
}

void Preferences::setAiModel(const QString& model)
{
    write(QStringLiteral("ai/model"), model.trimmed(), true);
}

std::chrono::seconds Preferences::aiTimeout() const
{
    bool ok = false;
    const int seconds = read(QStringLiteral("ai/timeoutSeconds")).toInt(&ok);
    return ok && seconds >= 5 ? std::chrono::seconds(seconds) : kDefaultAiTimeout;
}

void Preferences::setAiTimeout(std::chrono::seconds timeout)
{
    const auto seconds = static_cast<int>(timeout.count());
    write(QStringLiteral("ai/timeoutSeconds"), timeout == kDefaultAiTimeout ? QVariant() : QVariant(seconds), true);
}

QString Preferences::kagentAgent() const
{
    const QString agent = read(QStringLiteral("ai/kagentAgent")).toString();
    return agent.isEmpty() ? QStringLiteral("k8s-agent") : agent;
}

void Preferences::setKagentAgent(const QString& agent)
{
    write(QStringLiteral("ai/kagentAgent"), agent.trimmed() == QLatin1String("k8s-agent") ? QString() : agent.trimmed(),
          true);
}

QString Preferences::kagentNamespace() const
{
    const QString ns = read(QStringLiteral("ai/kagentNamespace")).toString();
    return ns.isEmpty() ? QStringLiteral("kagent") : ns;
}

void Preferences::setKagentNamespace(const QString& nameSpace)
{
    write(QStringLiteral("ai/kagentNamespace"),
          nameSpace.trimmed() == QLatin1String("kagent") ? QString() : nameSpace.trimmed(), true);
}

QString Preferences::terminalCommand() const
{
    return read(QStringLiteral("ai/terminal")).toString();
}

void Preferences::setTerminalCommand(const QString& command)
{
    write(QStringLiteral("ai/terminal"), command.trimmed(), true);
}

QString Preferences::themeName(Theme theme)
{
    switch (theme) {
    case Theme::Light:
        return QStringLiteral("light");
    case Theme::Dark:
        return QStringLiteral("dark");
    case Theme::System:
        break;
    }
    return QStringLiteral("system");
}

bool Preferences::themeFromName(const QString& name, Theme* theme)
{
    for (Theme t : { Theme::System, Theme::Light, Theme::Dark }) {
        if (themeName(t) == name) {
            *theme = t;
            return true;
        }
    }
    return false;
}

Preferences::Theme Preferences::theme() const
{
    Theme theme = Theme::System;
    themeFromName(read(QStringLiteral("appearance/theme")).toString(), &theme);
    return theme;
}

void Preferences::setTheme(Theme theme)
{
    write(QStringLiteral("appearance/theme"), theme == Theme::System ? QString() : themeName(theme), true);
}

QStringList Preferences::overridableTools()
{
    return { QStringLiteral("docker"),  QStringLiteral("minikube"),   QStringLiteral("helm"),
             QStringLiteral("kubectl"), QStringLiteral("kubectl-ai"), QStringLiteral("kagent") };
}

QString Preferences::toolPath(const QString& tool) const
{
    return read(QStringLiteral("tools/") + tool).toString();
}

void Preferences::setToolPath(const QString& tool, const QString& path)
{
    if (!overridableTools().contains(tool))
        return;
    write(QStringLiteral("tools/") + tool, QDir::fromNativeSeparators(path.trimmed()), true);
}

Preferences::TargetChoice Preferences::rememberedTarget(const QString& kubeconfigKey) const
{
    TargetChoice choice;
    choice.context = read(QStringLiteral("targets/%1/context").arg(segment(kubeconfigKey))).toString();
    choice.nameSpace = rememberedNamespace(kubeconfigKey, choice.context);
    return choice;
}

void Preferences::rememberContext(const QString& kubeconfigKey, const QString& context)
{
    const QString group = QStringLiteral("targets/%1/").arg(segment(kubeconfigKey));
    // The files themselves, so a person reading the settings file sees what the hash stands for.
    write(group + QStringLiteral("kubeconfig"), kubeconfigKey, false);
    write(group + QStringLiteral("context"), context, false);
}

QString Preferences::rememberedNamespace(const QString& kubeconfigKey, const QString& context) const
{
    return read(QStringLiteral("targets/%1/namespaces/%2").arg(segment(kubeconfigKey), segment(context))).toString();
}

void Preferences::rememberNamespace(const QString& kubeconfigKey, const QString& context, const QString& nameSpace)
{
    write(QStringLiteral("targets/%1/namespaces/%2").arg(segment(kubeconfigKey), segment(context)), nameSpace, false);
}

QString Preferences::sourceDirectory(const QString& profileFile) const
{
    return read(QStringLiteral("sources/%1").arg(segment(QDir::cleanPath(profileFile)))).toString();
}

void Preferences::setSourceDirectory(const QString& profileFile, const QString& directory)
{
    write(QStringLiteral("sources/%1").arg(segment(QDir::cleanPath(profileFile))), directory, false);
}

QByteArray Preferences::windowGeometry() const
{
    return read(QStringLiteral("window/geometry")).toByteArray();
}

void Preferences::setWindowGeometry(const QByteArray& geometry)
{
    write(QStringLiteral("window/geometry"), geometry, false);
}

QByteArray Preferences::windowState() const
{
    return read(QStringLiteral("window/state")).toByteArray();
}

void Preferences::setWindowState(const QByteArray& state)
{
    write(QStringLiteral("window/state"), state, false);
}

QByteArray Preferences::splitterState(const QString& name) const
{
    return read(QStringLiteral("window/splitters/") + name).toByteArray();
}

void Preferences::setSplitterState(const QString& name, const QByteArray& state)
{
    write(QStringLiteral("window/splitters/") + name, state, false);
}

QString Preferences::lastPage() const
{
    return read(QStringLiteral("window/lastPage")).toString();
}

void Preferences::setLastPage(const QString& page)
{
    write(QStringLiteral("window/lastPage"), page, false);
}

} // namespace quayside
