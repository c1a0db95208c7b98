#pragma once

#include <QObject>

class QSocketNotifier;

namespace quayside {

// Turns Ctrl-C (SIGINT) and SIGTERM into a Qt signal, so `quayside deploy` can cancel its pipeline
// instead of dying. This matters because every tool runs in a session of its own (so Cancel can kill
// its whole process group): the terminal's SIGINT never reaches `docker build`, and a quayside killed
// outright would leave the build running. Uses the self-pipe pattern Qt documents for Unix signals
// ("Calling Qt Functions From Unix Signal Handlers"). A second Ctrl-C while cancelling exits at once.
class InterruptWatcher : public QObject
{
    Q_OBJECT
public:
    explicit InterruptWatcher(QObject* parent = nullptr);
    ~InterruptWatcher() override;

Q_SIGNALS:
    void interrupted(int signalNumber);

private:
    void onActivated();

    QSocketNotifier* m_notifier = nullptr;
    int m_count = 0;
};

} // namespace quayside
