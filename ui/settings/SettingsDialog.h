#pragma once

#include <QDialog>
#include <QMap>

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
} // namespace quayside

namespace quayside::ui {

// Settings (issue 10): the preferences a user edits, validated as they type. Nothing is written until
// Save, which stores every field inside one Preferences::beginUpdate()/endUpdate() so listeners re-read
// once; Cancel and Esc write nothing, and Restore Defaults only resets the fields.
//
// Open it with open() (window-modal, no nested event loop while watches keep delivering); its file
// choosers are opened the same way.
class SettingsDialog : public QDialog
{
    Q_OBJECT
public:
    SettingsDialog(Preferences* preferences, Workspace* workspace, QWidget* parent = nullptr);

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
    QWidget* buildAppearance();
    QLabel* errorLabel(const QString& objectName, const QString& accessibleName);
    void setTabOrder();

    void load();
    void restoreDefaults();
    void save();
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
    QComboBox* m_theme = nullptr;
    QDialogButtonBox* m_buttons = nullptr;
    QPushButton* m_save = nullptr;
};

} // namespace quayside::ui
