#include "core/LineBuffer.h"

namespace quayside {

QList<QByteArray> LineBuffer::append(const QByteArray& bytes)
{
    QList<QByteArray> lines;
    m_pending.append(bytes);
    qsizetype start = 0;
    while (true) {
        const qsizetype newline = m_pending.indexOf('\n', start);
        if (newline < 0)
            break;
        qsizetype end = newline;
        if (end > start && m_pending.at(end - 1) == '\r')
            --end;
        lines.append(m_pending.mid(start, end - start));
        start = newline + 1;
    }
    m_pending.remove(0, start);
    while (m_pending.size() > m_maxLineLength) {
        lines.append(m_pending.left(m_maxLineLength));
        m_pending.remove(0, m_maxLineLength);
    }
    return lines;
}

QByteArray LineBuffer::takeRemainder()
{
    QByteArray rest;
    rest.swap(m_pending);
    if (rest.endsWith('\r'))
        rest.chop(1);
    return rest;
}

} // namespace quayside
