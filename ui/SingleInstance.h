#pragma once

#include <QObject>
#include <QPointer>
#include <QStringList>
#include <QTimer>

class QLocalServer;
class QLocalSocket;

namespace quayside::ui {

// One window per user and settings file. A launch first tries to hand its arguments to a running
// window over a QLocalSocket; the running one raises itself and applies them, the new launch exits.
// When nobody answers the launch becomes that window and listens itself. Everything is asynchronous
// (no waitFor*): the outcome arrives as a signal while the event loop runs.
class SingleInstance : public QObject
{
    Q_OBJECT
public:
    explicit SingleInstance(QString name, QObject* parent = nullptr);
    ~SingleInstance() override;

    // Per user (uid) and per settings file, so tests and parallel CI runs with their own
    // XDG_CONFIG_HOME never meet each other's window.
    static QString serverName(const QString& settingsFile);
    QString name() const { return m_name; }

    // Offers `arguments` to a running window: delivered() when it acknowledged them, becamePrimary()
    // when there was none (this process now listens), failed() when a window exists but did not
    // answer within `timeoutMs` or listening failed: the caller then opens a window anyway.
    void start(const QStringList& arguments, int timeoutMs = 5000);
    bool isPrimary() const { return m_server != nullptr; }

Q_SIGNALS:
    void delivered();
    void becamePrimary();
    void failed(const QString& error);
    // A later launch's arguments (the primary only).
    void argumentsReceived(const QStringList& arguments);

private:
    void onClientError();
    void becomePrimary();
    void onNewConnection();
    void readRequest(QLocalSocket* socket);

    QString m_name;
    QByteArray m_request;
    QPointer<QLocalSocket> m_client;
    QTimer m_timeout;
    QLocalServer* m_server = nullptr;
    bool m_done = false;
};

} // namespace quayside::ui
