#pragma once

#include <QByteArray>
#include <QString>

namespace quayside::kube {

// One line of a container's log, without its newline. The text stays bytes (what the container
// wrote, usually UTF-8): the command line writes it out untouched, a view decodes what it shows.
struct LogLine
{
    QString pod;
    QString container;
    QByteArray text;
};

} // namespace quayside::kube
