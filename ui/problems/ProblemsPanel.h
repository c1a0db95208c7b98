#pragma once

#include "diagnosis/Finding.h"

#include <QPointer>
#include <QWidget>

class QLabel;
class QListView;
class QPlainTextEdit;
class QPushButton;
class QStackedWidget;
class QVBoxLayout;

namespace quayside::ui {

class FindingsModel;

// The dashboard's Problems tab: the live findings on the left (most severe first, icon and colour),
// the selected one on the right — what is wrong, why, the evidence it rests on (selectable, with Copy)
// and its actions. A one-click action is only requested here: the AppController confirms it with the
// user, saying exactly what will run, and runs it. "Ask AI" hands the finding to the Ask AI page,
// which fills its prompt from it; nothing is asked until the user presses Ask there.
class ProblemsPanel : public QWidget
{
    Q_OBJECT
public:
    explicit ProblemsPanel(FindingsModel* model, QWidget* parent = nullptr);

    QListView* list() const { return m_list; }
    // The finding shown on the right, or null.
    const diagnosis::Finding* currentFinding() const;
    QPlainTextEdit* evidenceView() const { return m_evidence; }
    QList<QPushButton*> actionButtons() const { return m_actionButtons; }
    QPushButton* askAiButton() const { return m_askAi; }

    // What the last action did, under the actions ("Deleted pod backend-7d9c: a new one replaces it").
    void showActionResult(bool ok, const QString& message);
    QLabel* actionResult() const { return m_result; }

public Q_SLOTS:
    void showFinding(const QString& key);
    // The first finding about a pod or deployment ("Diagnose" on a row or card).
    void showObject(const QString& objectKind, const QString& objectName);

Q_SIGNALS:
    void actionRequested(const quayside::diagnosis::Finding& finding, const quayside::diagnosis::Action& action);
    void askAiRequested(const quayside::diagnosis::Finding& finding);

private:
    void showCurrent();
    void updateEmptyState();

    FindingsModel* m_model;
    QListView* m_list;
    QStackedWidget* m_detailStack;
    QLabel* m_empty;
    QLabel* m_title;
    QLabel* m_explanation;
    QPlainTextEdit* m_evidence;
    QLabel* m_result;
    QPushButton* m_copyEvidence;
    QPushButton* m_askAi;
    QVBoxLayout* m_actionsLayout = nullptr; // of the details: the host goes at its end
    QPointer<QWidget> m_actionsHost;
    QList<QPushButton*> m_actionButtons;
    QString m_shownKey;
};

} // namespace quayside::ui
