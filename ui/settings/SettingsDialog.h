#pragma once

#include <QDialog>
#include <QMap>
#include <QTimer>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QSpinBox;

namespace quayside {
class Preferences;
class Workspace;
struct KeychainError;
} // namespace quayside

namespace quayside::ai {
class AiKeyStore;
}

namespace quayside::ui {

// Settings (issue 10): the preferences a user edits, validated as they type. Nothing is written until
// Save, which stores every field inside one Preferences::beginUpdate()/endUpdate() so listeners re-read
// once; Cancel and Esc write nothing, and Restore Defaults only resets the fields.
//
// Open it with open() (window-modal, no nested event loop while watches keep delivering); its file
// choosers are opened the same way.
//
// The AI section's API key is the one field that is not a preference: Save writes it to the keychain
// (AiKeyStore) first and stores the rest only once the keychain said yes, so a locked keyring leaves
// the dialog open with the reason instead of quietly dropping the key. It never reaches the INI file.
class SettingsDialog : public QDialog
{
    Q_OBJECT
public:
    // `aiKeys`: where Settings → AI stores the provider's API key; null shows the key field disabled.
    SettingsDialog(Preferences* preferences, Workspace* workspace, QWidget* parent = nullptr,
                   ai::AiKeyStore* aiKeys = nullptr);

    // Whether every field holds a value Save would store.
    bool isValid() const;

    // What a namespace field accepts (a DNS-1123 label); empty when `text` is one, else why not.
    static QString namespaceProblem(const QString& text);
    // Empty when `path` names an executable file, else why not.
    static QString toolPathProblem(const QString& path);
    static QString profileFileProblem(const QString& path);

private:
    struct ToolRow
    {
        QLineEdit* path = nullptr;
        QPushButton* browse = nullptr;
        QLabel* error = nullptr;
    };

    QWidget* buildCluster();
    QWidget* buildProfile();
    QWidget* buildDashboard();
    QWidget* buildTools();
    QWidget* buildAi();
    QWidget* buildAppearance();
    QLabel* errorLabel(const QString& objectName, const QString& accessibleName);
    void setTabOrder();

    void load();
    void restoreDefaults();
    void save();
    // Every preference, in one update, then accept().
    void store();
    QString providerValue() const;
    void setProviderText(const QString& provider);
    void updateProviderHint();
    // Whether a key is stored for the provider in the field (asks the keychain; the answer comes later).
    void refreshKeyState();
    void showKeyState(bool stored, const KeychainError& error);
    void validate();
    void updateListButtons();
    void addKubeconfigs();
    void moveKubeconfig(int delta);
    void setContextText(const QString& context);
    QString contextValue() const;
    // `fallback`: where to start when the field is empty (what is used without it).
    void chooseFile(QLineEdit* target, const QString& objectName, const QString& title, const QStringList& filters,
                    const QString& fallback);

    Preferences* m_preferences;
    Workspace* m_workspace;

    QListWidget* m_kubeconfigs = nullptr;
    QPushButton* m_addKubeconfig = nullptr;
    QPushButton* m_removeKubeconfig = nullptr;
    QPushButton* m_kubeconfigUp = nullptr;
    QPushButton* m_kubeconfigDown = nullptr;
    QComboBox* m_context = nullptr;
    QLabel* m_contextHint = nullptr;
    QLineEdit* m_namespace = nullptr;
    QLabel* m_namespaceError = nullptr;
    QLineEdit* m_profile = nullptr;
    QPushButton* m_browseProfile = nullptr;
    QLabel* m_profileError = nullptr;
    QLabel* m_profileHint = nullptr;
    QSpinBox* m_logLineLimit = nullptr;
    QSpinBox* m_metricsInterval = nullptr;
    QMap<QString, ToolRow> m_tools;
    ai::AiKeyStore* m_aiKeys = nullptr;
    QComboBox* m_aiTool = nullptr;
    QComboBox* m_aiProvider = nullptr;
    QLabel* m_aiProviderHint = nullptr;
    QLineEdit* m_aiModel = nullptr;
    QLineEdit* m_aiKey = nullptr;
    QLabel* m_aiKeyState = nullptr;
    QPushButton* m_removeAiKey = nullptr;
    QSpinBox* m_aiTimeout = nullptr;
    QLineEdit* m_kagentAgent = nullptr;
    QLineEdit* m_kagentNamespace = nullptr;
    QLabel* m_kagentNamespaceError = nullptr;
    QLineEdit* m_terminal = nullptr;
    QTimer m_keyStateTimer;
    QString m_keyStateProvider; // the provider the last keychain question was about
    bool m_storingKey = false;
    QComboBox* m_theme = nullptr;
    QDialogButtonBox* m_buttons = nullptr;
    QPushButton* m_save = nullptr;
};

} // namespace quayside::ui
