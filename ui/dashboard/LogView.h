#pragma once

#include "dashboard/LogModel.h"
#include "kube/LogLine.h"
#include "kube/LogOptions.h"

#include <QFontDatabase>
#include <QPointer>
#include <QTimer>
#include <QWidget>

class QCheckBox;
class QLabel;
class QLineEdit;
class QListView;
class QSortFilterProxyModel;
class QToolButton;

namespace quayside::kube {
class KubeClient;
class LogFollower;
} // namespace quayside::kube

namespace quayside::ui {

class LogLineDelegate;

// The log pane: one pod, one container, or a whole Deployment (each line prefixed with its pod and
// container in a colour of its own). Lines arrive in bursts; they are queued and handed to the model
// together on a short timer (Qt Creator's output pane does the same), the model keeps the last N, the
// list view draws only the visible rows, and it scrolls along only while the user is at the bottom —
// reading older lines is never interrupted.
class LogView : public QWidget
{
    Q_OBJECT
public:
    explicit LogView(QWidget* parent = nullptr);
    ~LogView() override;

    // Follows a pod (optionally one container) or a Deployment. Replaces whatever was shown.
    void follow(kube::KubeClient* client, const QString& nameSpace, const QString& pod, const QString& deployment,
                const QString& container = {});
    void stop();
    // Stops and forgets the target (another namespace or cluster): the pane starts empty.
    void reset();
    QString targetText() const;

    void setCapacity(int lines);
    int capacity() const { return m_model->capacity(); }
    // Lines as the follower hands them over; public for tests and benchmarks.
    void appendLines(const QList<kube::LogLine>& lines);
    // Draws what is queued now instead of at the next tick (tests).
    void flushPending();

    const LogModel* model() const { return m_model; }
    QListView* listView() const { return m_list; }
    // The visible lines (after "only matching"), as text.
    QStringList visibleLines() const;
    // The row (in the model) the last find landed on, -1 if none.
    int currentMatchRow() const;
    bool isPaused() const { return m_paused; }
    bool saveTo(const QString& path, QString* error = nullptr) const;

public Q_SLOTS:
    void focusSearch();
    void findNext();
    void findPrevious();
    void setPaused(bool paused);
    void clear();

Q_SIGNALS:
    void statusMessage(const QString& message);

private:
    void restartFollower();
    void onReadyRead();
    void searchChanged();
    void updateStatus();
    void find(bool backwards);
    void copySelection() const;

    LogModel* m_model;
    QSortFilterProxyModel* m_filter;
    LogLineDelegate* m_delegate;
    QList<LogModel::Entry> m_pending; // waiting for the next tick (or Resume); bounded by the capacity
    qint64 m_pendingDropped = 0;
    QTimer m_flushTimer;
    bool m_paused = false;

    QPointer<kube::KubeClient> m_client;
    QString m_nameSpace;
    QString m_pod;
    QString m_deployment;
    QString m_container;
    kube::LogFollower* m_follower = nullptr;

    QLabel* m_target;
    QCheckBox* m_followBox;
    QToolButton* m_pause;
    QCheckBox* m_timestamps;
    QCheckBox* m_previous;
    QLineEdit* m_search;
    QToolButton* m_prev;
    QToolButton* m_next;
    QCheckBox* m_onlyMatching;
    QCheckBox* m_wrap;
    QToolButton* m_clear;
    QToolButton* m_save;
    QLabel* m_status;
    QListView* m_list;
    QString m_lastError;
};

} // namespace quayside::ui
