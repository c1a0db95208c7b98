#include "cli/TextTable.h"

#include <algorithm>

namespace quayside::cli {

TextTable::TextTable(QStringList header)
    : m_header(std::move(header))
{ }

void TextTable::addRow(QStringList cells)
{
    m_rows.append({ std::move(cells), {} });
}

void TextTable::addNote(const QString& note)
{
    if (!m_rows.isEmpty())
        m_rows.last().notes.append(note);
}

QString TextTable::toString() const
{
    qsizetype columns = m_header.size();
    for (const Row& row : m_rows)
        columns = std::max(columns, row.cells.size());
    QList<qsizetype> widths(columns, 0);
    auto measure = [&widths](const QStringList& cells) {
        for (qsizetype i = 0; i < cells.size(); ++i)
            widths[i] = std::max(widths[i], cells[i].size());
    };
    measure(m_header);
    for (const Row& row : m_rows)
        measure(row.cells);

    auto format = [&](const QStringList& cells) {
        QString line;
        for (qsizetype i = 0; i < cells.size(); ++i) {
            if (i + 1 < cells.size())
                line += cells[i].leftJustified(widths[i] + 3);
            else
                line += cells[i];
        }
        return line;
    };
    QStringList lines;
    if (!m_header.isEmpty())
        lines << format(m_header);
    for (const Row& row : m_rows) {
        lines << format(row.cells);
        for (const QString& note : row.notes)
            lines << note;
    }
    return lines.join(QLatin1Char('\n'));
}

} // namespace quayside::cli
