#pragma once

#include <QHash>
#include <QPointer>
#include <QWidget>

class QFrame;
class QLabel;
class QPushButton;
class QVBoxLayout;

namespace quayside {
class ClusterSession;
class SecretStore;
} // namespace quayside

namespace quayside::ui {

class SecretRow;

// The profile's secrets, one row each: state, a masked field to set or rotate the value, Generate for
// JWT_SECRET, delete, and import from a .env file. Values live in the OS keychain through SecretStore;
// the page shows states and validation messages, never a stored value.
//
// A keychain that is missing, locked or silent shows as a banner with what to do, and the rows are
// disabled: nothing falls back to storing secrets anywhere else.
class SecretsPage : public QWidget
{
    Q_OBJECT
public:
    explicit SecretsPage(SecretStore* store, QWidget* parent = nullptr);

    // The cluster "Apply to cluster" writes the Secret to: the workspace's (the store's specs carry its
    // namespace). Without one the button is hidden.
    void setSession(ClusterSession* session);

    SecretRow* row(const QString& name) const { return m_rows.value(name); }
    // Scrolls to a secret's row and puts the cursor in its value field (the diagnosis's "set this key").
    void focusSecret(const QString& name);

public Q_SLOTS:
    // Reads every state again (F5).
    void reload();
    // Imports a .env file: what it holds for this profile is stored, the rest is listed, never imported.
    void importFile(const QString& path);
    // Opens a file dialog (window-modal, asynchronous) and imports the chosen file.
    void chooseImportFile();
    // Creates or updates the Kubernetes Secret from the stored values, over the API (never a file or
    // a command line), in the session's cluster and the specs' namespace.
    void applyToCluster();

Q_SIGNALS:
    // After an import attempt, for tests and the window's status bar.
    void importFinished(bool ok);
    void applyFinished(bool ok);

protected:
    void showEvent(QShowEvent* event) override;

private:
    void onStatusChanged(const QString& name);
    void onRefreshed();
    void save(SecretRow* row);
    void remove(SecretRow* row);
    // The result panel under the banner: an import's outcome, or why a save or delete failed.
    void showResult(bool ok, const QString& headline, const QStringList& lines);
    void updateSummary();
    void finishImport(bool ok);

    SecretStore* m_store;
    QLabel* m_summary;
    QPushButton* m_import;
    QPushButton* m_reload;
    QPushButton* m_apply;
    QPointer<ClusterSession> m_session;
    QFrame* m_banner;
    QLabel* m_bannerMessage;
    QLabel* m_bannerFix;
    QPushButton* m_retry;
    QFrame* m_importResult;
    QLabel* m_importText;
    QVBoxLayout* m_rowLayout;
    QHash<QString, SecretRow*> m_rows;
    bool m_loadedOnce = false;
    QString m_pendingFocus; // focusSecret() while the keychain was being read
};

} // namespace quayside::ui
