#pragma once

#include "core/LineBuffer.h"
#include "process/ToolJob.h"

#include <QElapsedTimer>
#include <QProcess>
#include <QTimer>

namespace quayside {

class ProcessToolJob final : public ToolJob
{
    Q_OBJECT
public:
    ProcessToolJob(ToolCommand command, QObject* parent);
    ~ProcessToolJob() override;

    void begin(); // called once from the event loop by ProcessToolRunner
    void cancel() override;
    bool isRunning() const override;
    qint64 processId() const override;

private:
    void onReadyRead(QProcess::ProcessChannel channel);
    void onFinished(int exitCode, QProcess::ExitStatus status);
    void onErrorOccurred(QProcess::ProcessError error);
    void stop(ToolResult::Outcome reason);
    void signalGroup(int signal);
    void complete(ToolResult result);
    void capture(QByteArray& into, const QByteArray& bytes);

    ToolCommand m_command;
    QProcess* m_process = nullptr;
    QTimer m_timeout;
    QTimer m_killTimer;
    QElapsedTimer m_elapsed;
    LineBuffer m_stdoutLines;
    LineBuffer m_stderrLines;
    ToolResult m_result;
    qint64 m_pid = 0;
    bool m_stopping = false;
    bool m_done = false;
    ToolResult::Outcome m_stopReason = ToolResult::Outcome::Cancelled;
};

} // namespace quayside
