#pragma once

#include "process/ToolResult.h"

#include <QObject>

namespace quayside {

// A running tool. Emits its output line by line as it arrives and finished() exactly once.
// By default the job deletes itself (deleteLater) after finished(), so callers only connect.
class ToolJob : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;
    ~ToolJob() override = default;

    // Stops the tool and everything it started (its whole process group); finished() follows with
    // Outcome::Cancelled. Safe to call more than once and after the job finished.
    virtual void cancel() = 0;
    virtual bool isRunning() const = 0;
    virtual qint64 processId() const = 0;

    void setAutoDelete(bool autoDelete) { m_autoDelete = autoDelete; }
    bool autoDelete() const { return m_autoDelete; }

Q_SIGNALS:
    void started();
    void standardOutputLine(const QString& line);
    void standardErrorLine(const QString& line);
    void finished(const quayside::ToolResult& result);

protected:
    // Emits finished() and schedules deletion when auto-delete is on. Subclasses call this once.
    void finish(const ToolResult& result);

private:
    bool m_autoDelete = true;
};

} // namespace quayside
