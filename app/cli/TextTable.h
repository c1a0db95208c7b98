#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace quayside::cli {

// Aligned plain-text columns, the way kubectl prints tables: header in capitals, three spaces between
// columns, no borders. Widths count characters as a terminal shows them (✔ is one column).
class TextTable
{
public:
    explicit TextTable(QStringList header = {});
    void addRow(QStringList cells);
    // Lines printed under the row just added, not part of the columns (e.g. a fix command).
    void addNote(const QString& note);
    QString toString() const;

private:
    struct Row
    {
        QStringList cells;
        QStringList notes;
    };
    QStringList m_header;
    QList<Row> m_rows;
};

} // namespace quayside::cli
