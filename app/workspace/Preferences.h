#pragma once

#include <QByteArray>
#include <QObject>
#include <QSettings>
#include <QString>
#include <QStringList>

#include <chrono>
#include <memory>

namespace quayside {

// The user's choices, kept between runs: typed getters and setters over QSettings (qBittorrent's
// Preferences over its SettingsStorage is the model). There is deliberately no generic setValue():
// only the values below can be stored, and none of them is a secret.
//
// Where: an INI file, QSettings' user location for organization "Quayside", application "quayside":
// $XDG_CONFIG_HOME/Quayside/quayside.ini (~/.config/...) on Linux and macOS, %APPDATA%\Quayside\quayside.ini
// on Windows — one readable file everywhere rather than the registry or a plist. Writes are atomic: QSettings writes a
// temporary file and renames it (QSaveFile, its atomicSyncRequired() default), and every setter syncs at once so a
// crash loses nothing.
//
// changed() fires for the preferences a user edits (Settings dialog); window state and remembered
// choices change silently, since nothing needs to react to them.
class Preferences : public QObject
{
    Q_OBJECT
public:
    enum class Theme { System, Light, Dark };

    static constexpr int kDefaultLogLineLimit = 50'000;
    static constexpr std::chrono::seconds kDefaultMetricsInterval { 15 };

    // The user's settings file.
    explicit Preferences(QObject* parent = nullptr);
    // A settings file of the caller's (tests).
    explicit Preferences(const QString& fileName, QObject* parent = nullptr);
    ~Preferences() override;

    QString fileName() const;
    // Empty when the file can be read and written; otherwise what is wrong with it (shown once; the
    // defaults are used and nothing is overwritten until the user saves).
    QString problem() const;

    QStringList kubeconfigPaths() const; // empty: $KUBECONFIG, then ~/.kube/config
    void setKubeconfigPaths(const QStringList& paths);
    QString defaultContext() const;
    void setDefaultContext(const QString& context);
    QString defaultNamespace() const;
    void setDefaultNamespace(const QString& nameSpace);
    QString profileFile() const; // empty: ./quayside.yaml, else the shipped profile
    void setProfileFile(const QString& path);
    int logLineLimit() const;
    void setLogLineLimit(int lines);
    std::chrono::seconds metricsInterval() const;
    void setMetricsInterval(std::chrono::seconds interval);
    Theme theme() const;
    void setTheme(Theme theme);
    static QString themeName(Theme theme);
    static bool themeFromName(const QString& name, Theme* theme);

    // Tools whose path can be set by hand (a desktop launcher's PATH often lacks them).
    static QStringList overridableTools();
    QString toolPath(const QString& tool) const; // empty: looked up on PATH and the usual places
    void setToolPath(const QString& tool, const QString& path);

    // The AI tools (issue 13). The provider's API key is not here: it lives in the keychain (AiKeyStore).
    static constexpr std::chrono::seconds kDefaultAiTimeout { 180 };
    QString aiTool() const; // the tool the Ask AI panel starts with: "kubectl-ai" (default), "kagent", "gordon"
    void setAiTool(const QString& tool);
    QString aiProvider() const; // kubectl-ai --llm-provider; empty: kubectl-ai's own default (gemini)
    void setAiProvider(const QString& provider);
    QString aiModel() const; // kubectl-ai --model; empty: the provider's default
    void setAiModel(const QString& model);
    std::chrono::seconds aiTimeout() const; // one question, then the tool is stopped
    void setAiTimeout(std::chrono::seconds timeout);
    QString kagentAgent() const; // default "k8s-agent"
    void setKagentAgent(const QString& agent);
    QString kagentNamespace() const; // where the agents live, default "kagent"
    void setKagentNamespace(const QString& nameSpace);
    // The terminal emulator for Gordon's interactive UI; empty: $TERMINAL, x-terminal-emulator, ...
    QString terminalCommand() const;
    void setTerminalCommand(const QString& command);

    // Several edits as one changed(): the Settings dialog's Save.
    void beginUpdate();
    void endUpdate();

    // The context and namespace last chosen in the switcher, per kubeconfig (ClusterTarget::kubeconfigKey).
    struct TargetChoice
    {
        QString context;
        QString nameSpace; // for that context
    };
    TargetChoice rememberedTarget(const QString& kubeconfigKey) const;
    void rememberContext(const QString& kubeconfigKey, const QString& context);
    QString rememberedNamespace(const QString& kubeconfigKey, const QString& context) const;
    void rememberNamespace(const QString& kubeconfigKey, const QString& context, const QString& nameSpace);

    // The app's source directory last chosen for a profile file.
    QString sourceDirectory(const QString& profileFile) const;
    void setSourceDirectory(const QString& profileFile, const QString& directory);

    // Window state, restored at the next start.
    QByteArray windowGeometry() const;
    void setWindowGeometry(const QByteArray& geometry);
    QByteArray windowState() const;
    void setWindowState(const QByteArray& state);
    QByteArray splitterState(const QString& name) const;
    void setSplitterState(const QString& name, const QByteArray& state);
    QString lastPage() const;
    void setLastPage(const QString& page);

Q_SIGNALS:
    void changed();

private:
    void write(const QString& key, const QVariant& value, bool notify);
    QVariant read(const QString& key, const QVariant& fallback = {}) const;
    void notify();

    std::unique_ptr<QSettings> m_settings;
    int m_updateDepth = 0;
    bool m_pendingChange = false;
};

} // namespace quayside
