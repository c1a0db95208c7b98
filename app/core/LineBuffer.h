#pragma once

#include <QByteArray>
#include <QList>

namespace quayside {

// Splits a byte stream into lines. Bytes after the last newline are carried over to the next append(),
// so a line split across reads or HTTP chunks comes out whole. A line longer than maxLineLength is cut
// and emitted in pieces so a stream without newlines cannot grow memory without bound.
class LineBuffer
{
public:
    explicit LineBuffer(qsizetype maxLineLength = 1024 * 1024)
        : m_maxLineLength(maxLineLength)
    { }

    // Complete lines, without their "\n" (and without a trailing "\r").
    QList<QByteArray> append(const QByteArray& bytes);
    // Whatever is left when the stream ends (an unterminated last line), then empty.
    QByteArray takeRemainder();
    bool hasRemainder() const { return !m_pending.isEmpty(); }

private:
    QByteArray m_pending;
    qsizetype m_maxLineLength;
};

} // namespace quayside
