#include "workspace/Workspace.h"

#include "core/ExecutableFinder.h"
#include "core/Log.h"
#include "kube/KubeconfigLoader.h"
#include "profile/ProfileLoader.h"
#include "profile/ProfileLocator.h"
#include "workspace/Preferences.h"

#include <QDir>
#include <QFileInfo>

namespace quayside {

namespace {

const Profile& emptyProfile()
{
    static const Profile profile;
    return profile;
}

} // namespace

Workspace::Workspace(Preferences* preferences, WorkspaceOverrides overrides, QObject* parent)
    : QObject(parent)
    , m_preferences(preferences)
    , m_overrides(std::move(overrides))
{
    // A --kubeconfig value may list several files, as $KUBECONFIG does.
    QStringList files;
    for (const QString& entry : std::as_const(m_overrides.kubeconfigFiles)) {
        for (const QString& part : entry.split(QDir::listSeparator(), Qt::SkipEmptyParts))
            files << part.trimmed();
    }
    m_overrides.kubeconfigFiles = files;
    connect(m_preferences, &Preferences::changed, this, &Workspace::onPreferencesChanged);
}

Workspace::~Workspace() = default;

void Workspace::load()
{
    m_lastDefaultContext = m_preferences->defaultContext();
    m_lastDefaultNamespace = m_preferences->defaultNamespace();
    applyToolOverrides();
    loadProfile();
    readKubeconfig();
    resolveTarget(true);
}

const Profile& Workspace::profile() const
{
    return m_profile ? m_effective : emptyProfile();
}

QString Workspace::profileProblem() const
{
    if (m_profile)
        return {};
    if (m_profileFile.isEmpty())
        return tr("No deployment profile: write one with `quayside init`, or choose one in Settings.");
    return tr("The profile %1 cannot be used:\n%2").arg(m_profileFile, ProfileError::join(m_profileErrors));
}

void Workspace::loadProfile()
{
    m_profileFile = !m_overrides.profileFile.isEmpty() ? m_overrides.profileFile : m_preferences->profileFile();
    if (m_profileFile.isEmpty())
        m_profileFile = ProfileLocator::defaultProfile();
    else
        m_profileFile = QFileInfo(m_profileFile).absoluteFilePath();
    m_profile.reset();
    m_profileErrors.clear();
    if (m_profileFile.isEmpty())
        return;
    QString source = m_overrides.sourceDirectory;
    if (source.isEmpty())
        source = m_preferences->sourceDirectory(m_profileFile);
    // Paths are checked by the pipeline's preflight, so an unfinished profile still opens.
    m_profile
        = ProfileLoader::loadFile(m_profileFile, &m_profileErrors, { .sourceOverride = source, .checkPaths = false });
    if (!m_profile)
        spdlog::warn("workspace: profile {} has {} problem(s)", log::str(m_profileFile), m_profileErrors.size());
}

bool Workspace::setSourceDirectory(const QString& directory, QString* error)
{
    if (m_profileFile.isEmpty()) {
        if (error)
            *error = profileProblem();
        return false;
    }
    QList<ProfileError> errors;
    auto profile
        = ProfileLoader::loadFile(m_profileFile, &errors, { .sourceOverride = directory, .checkPaths = false });
    if (!profile) {
        if (error)
            *error = ProfileError::join(errors);
        return false;
    }
    m_profile = std::move(profile);
    m_profileErrors.clear();
    m_overrides.sourceDirectory = directory;
    m_preferences->setSourceDirectory(m_profileFile, directory);
    const ClusterTarget before = m_target;
    resolveTarget(true);
    Q_EMIT profileChanged();
    emitIfChanged(before);
    return true;
}

QString Workspace::sourceDirectory() const
{
    return m_profile ? m_profile->sourceDirectory() : QString();
}

QStringList Workspace::kubeconfigFiles() const
{
    return kube::KubeconfigLoader::candidateFiles(m_target.loaderOptions());
}

void Workspace::readKubeconfig()
{
    m_target.kubeconfigFiles
        = !m_overrides.kubeconfigFiles.isEmpty() ? m_overrides.kubeconfigFiles : m_preferences->kubeconfigPaths();
    m_contexts.clear();
    m_currentContext.clear();
    m_contextNamespaces.clear();
    m_kubeconfigProblem.clear();
    kube::KubeconfigLoader::Options options = m_target.loaderOptions();
    options.context.clear();
    options.nameSpace.clear();
    const QStringList files = kube::KubeconfigLoader::candidateFiles(options);
    m_hasKubeconfig = std::any_of(files.cbegin(), files.cend(), [](const QString& f) { return QFileInfo::exists(f); });
    // An explicitly named file that is missing is a problem; a default one not yet written is not.
    if (!m_hasKubeconfig && options.explicitPath.isEmpty())
        return;
    QString error;
    const auto merged = kube::KubeconfigLoader::loadMerged(options, &error);
    if (!merged) {
        m_kubeconfigProblem = error;
        return;
    }
    m_contexts = merged->contexts.keys();
    m_currentContext = merged->currentContext;
    for (auto it = merged->contexts.cbegin(); it != merged->contexts.cend(); ++it)
        m_contextNamespaces.insert(it.key(), it->nameSpace);
}

void Workspace::resolveTarget(bool keepChoice)
{
    if (!keepChoice) {
        m_chosenContext.clear();
        m_chosenNamespace.clear();
    }
    const QString key = m_target.kubeconfigKey();
    const QString minikubeProfile = m_profile ? m_profile->minikube.profile : Profile::Minikube().profile;
    const auto known = [this](const QString& context) { return !context.isEmpty() && m_contexts.contains(context); };

    QString context = m_overrides.context;
    if (context.isEmpty() && known(m_chosenContext))
        context = m_chosenContext;
    if (context.isEmpty() && known(m_preferences->rememberedTarget(key).context))
        context = m_preferences->rememberedTarget(key).context;
    if (context.isEmpty() && known(m_preferences->defaultContext()))
        context = m_preferences->defaultContext();
    if (context.isEmpty() && known(minikubeProfile))
        context = minikubeProfile;
    if (context.isEmpty() && known(m_currentContext))
        context = m_currentContext;
    // No kubeconfig yet: minikube will write a context named after its profile. Not Settings' default
    // context: like every other default it applies only when the files have it, and the first deploy
    // would start minikube and then look for a context minikube never writes.
    if (context.isEmpty() && m_contexts.isEmpty())
        context = minikubeProfile;
    m_target.context = context;
    m_target.nameSpace = resolveNamespace(context);
    m_target.minikubeProfile = minikubeProfile;

    if (m_profile) {
        m_effective = *m_profile;
        applyTarget(m_effective);
    }
}

void Workspace::applyTarget(Profile& profile) const
{
    profile.nameSpace = m_target.nameSpace;
    profile.secrets.nameSpace = m_target.nameSpace;
}

std::optional<Profile> Workspace::loadProfile(const QString& sourceDirectory, bool checkPaths,
                                              QList<ProfileError>* errors) const
{
    if (m_profileFile.isEmpty())
        return std::nullopt;
    auto profile = ProfileLoader::loadFile(m_profileFile, errors,
                                           { .sourceOverride = sourceDirectory, .checkPaths = checkPaths });
    if (profile)
        applyTarget(*profile);
    return profile;
}

QString Workspace::resolveNamespace(const QString& context) const
{
    if (!m_overrides.nameSpace.isEmpty())
        return m_overrides.nameSpace;
    if (!m_chosenNamespace.isEmpty() && context == m_chosenContext)
        return m_chosenNamespace;
    const QString remembered = m_preferences->rememberedNamespace(m_target.kubeconfigKey(), context);
    if (!remembered.isEmpty())
        return remembered;
    if (!m_preferences->defaultNamespace().isEmpty())
        return m_preferences->defaultNamespace();
    if (m_profile && !m_profile->nameSpace.isEmpty())
        return m_profile->nameSpace;
    if (!m_contextNamespaces.value(context).isEmpty())
        return m_contextNamespaces.value(context);
    return QStringLiteral("default");
}

void Workspace::setContext(const QString& context)
{
    if (context.isEmpty() || context == m_target.context)
        return;
    const ClusterTarget before = m_target;
    // A choice in the window beats the command line's for the rest of the run.
    m_overrides.context.clear();
    m_overrides.nameSpace.clear();
    m_chosenContext = context;
    m_chosenNamespace.clear();
    m_preferences->rememberContext(m_target.kubeconfigKey(), context);
    resolveTarget(true);
    spdlog::info("workspace: context {} namespace {}", log::str(m_target.context), log::str(m_target.nameSpace));
    emitIfChanged(before);
}

void Workspace::setNamespace(const QString& nameSpace)
{
    const QString name = nameSpace.trimmed();
    if (name.isEmpty() || name == m_target.nameSpace)
        return;
    const ClusterTarget before = m_target;
    m_overrides.nameSpace.clear();
    m_chosenContext = m_target.context;
    m_chosenNamespace = name;
    m_preferences->rememberContext(m_target.kubeconfigKey(), m_target.context);
    m_preferences->rememberNamespace(m_target.kubeconfigKey(), m_target.context, name);
    resolveTarget(true);
    spdlog::info("workspace: namespace {}", log::str(m_target.nameSpace));
    emitIfChanged(before);
}

void Workspace::reloadKubeconfig()
{
    const ClusterTarget before = m_target;
    const QStringList contexts = m_contexts;
    readKubeconfig();
    resolveTarget(true);
    // The switcher lists contexts: a new one (minikube just wrote it) is a change too.
    if (contexts != m_contexts && before == m_target)
        Q_EMIT targetChanged();
    else
        emitIfChanged(before);
}

void Workspace::applyToolOverrides() const
{
    QMap<QString, QString> overrides;
    for (const QString& tool : Preferences::overridableTools()) {
        const QString path = m_preferences->toolPath(tool);
        if (!path.isEmpty())
            overrides.insert(tool, path);
    }
    ExecutableFinder::setOverrides(overrides);
}

void Workspace::onPreferencesChanged()
{
    applyToolOverrides();
    const ClusterTarget before = m_target;
    const QString profileBefore = m_profileFile;
    if (m_overrides.profileFile.isEmpty()) {
        const QString wanted = m_preferences->profileFile().isEmpty()
            ? ProfileLocator::defaultProfile()
            : QFileInfo(m_preferences->profileFile()).absoluteFilePath();
        if (wanted != m_profileFile) {
            m_overrides.sourceDirectory.clear();
            loadProfile();
        }
    }
    readKubeconfig();
    // New defaults saved in Settings are the newest choice: they replace this run's switcher choice.
    if (m_preferences->defaultContext() != m_lastDefaultContext
        || m_preferences->defaultNamespace() != m_lastDefaultNamespace) {
        m_chosenContext.clear();
        m_chosenNamespace.clear();
        m_preferences->rememberContext(m_target.kubeconfigKey(), QString());
        m_preferences->rememberNamespace(m_target.kubeconfigKey(), m_target.context, QString());
    }
    m_lastDefaultContext = m_preferences->defaultContext();
    m_lastDefaultNamespace = m_preferences->defaultNamespace();
    resolveTarget(true);
    if (profileBefore != m_profileFile)
        Q_EMIT profileChanged();
    emitIfChanged(before);
}

void Workspace::emitIfChanged(const ClusterTarget& before)
{
    if (!(before == m_target))
        Q_EMIT targetChanged();
}

} // namespace quayside
