#include "secrets/DotEnvParser.h"

#include "core/SecureMemory.h"

#include <QFile>
#include <QHash>
#include <QStringDecoder>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace quayside {

namespace {

bool isBlank(QChar c)
{
    return c == QLatin1Char(' ') || c == QLatin1Char('\t');
}

QStringView trimmedLeft(QStringView s)
{
    qsizetype i = 0;
    while (i < s.size() && isBlank(s[i]))
        ++i;
    return s.mid(i);
}

// Splits into lines, dropping the "\r" of CRLF; views into `text`, so no copies of the values.
QList<QStringView> splitLines(QStringView text)
{
    QList<QStringView> lines;
    qsizetype start = 0;
    for (qsizetype i = 0; i <= text.size(); ++i) {
        if (i == text.size() || text[i] == QLatin1Char('\n')) {
            QStringView line = text.mid(start, i - start);
            if (line.endsWith(QLatin1Char('\r')))
                line.chop(1);
            if (i < text.size() || !line.isEmpty())
                lines.append(line);
            start = i + 1;
        }
    }
    return lines;
}

QString problem(int line, const QString& what)
{
    return QStringLiteral("line %1: %2").arg(line).arg(what);
}

bool onlyCommentFollows(QStringView rest)
{
    rest = trimmedLeft(rest);
    return rest.isEmpty() || rest.startsWith(QLatin1Char('#'));
}

} // namespace

const DotEnvEntry* DotEnvResult::find(const QString& name) const
{
    for (const DotEnvEntry& entry : entries) {
        if (entry.name == name)
            return &entry;
    }
    return nullptr;
}

void DotEnvResult::wipe()
{
    for (DotEnvEntry& entry : entries)
        secureWipe(entry.value);
    entries.clear();
}

bool DotEnvParser::isValidName(QStringView name)
{
    if (name.isEmpty())
        return false;
    for (qsizetype i = 0; i < name.size(); ++i) {
        const QChar c = name[i];
        const bool letter = (c >= QLatin1Char('A') && c <= QLatin1Char('Z'))
            || (c >= QLatin1Char('a') && c <= QLatin1Char('z')) || c == QLatin1Char('_');
        const bool digit = c >= QLatin1Char('0') && c <= QLatin1Char('9');
        if (!letter && !(digit && i > 0))
            return false;
    }
    return true;
}

DotEnvResult DotEnvParser::parse(const QByteArray& content)
{
    DotEnvResult result;
    QStringDecoder decoder(QStringDecoder::Utf8);
    QString text = decoder(content);
    if (decoder.hasError()) {
        secureWipe(text);
        result.errors.append({ 0, QStringLiteral("the file is not UTF-8 text") });
        return result;
    }
    // QStringDecoder drops a leading byte order mark by default.

    const QList<QStringView> lines = splitLines(text);
    QHash<QString, qsizetype> indexByName;
    for (qsizetype index = 0; index < lines.size(); ++index) {
        const int lineNumber = static_cast<int>(index + 1);
        QStringView line = trimmedLeft(lines[index]);
        if (line.isEmpty() || line.startsWith(QLatin1Char('#')))
            continue;
        if (line.startsWith(QLatin1String("export")) && line.size() > 6 && isBlank(line[6]))
            line = trimmedLeft(line.mid(6));

        // Nothing from the line itself goes into a message: a line without "=" may be a pasted secret.
        const qsizetype equals = line.indexOf(QLatin1Char('='));
        if (equals < 0) {
            result.errors.append({ lineNumber, problem(lineNumber, QStringLiteral("expected NAME=VALUE")) });
            continue;
        }
        const QStringView name = line.left(equals).trimmed();
        if (!isValidName(name)) {
            result.errors.append(
                { lineNumber,
                  problem(lineNumber,
                          QStringLiteral("the name before \"=\" is not a valid variable name (letters, digits and _, "
                                         "not starting with a digit)")) });
            continue;
        }
        QStringView rest = trimmedLeft(line.mid(equals + 1));

        QString value;
        const QChar quote = rest.isEmpty() ? QChar() : rest.front();
        if (quote == QLatin1Char('"') || quote == QLatin1Char('\'')) {
            const bool doubleQuoted = quote == QLatin1Char('"');
            QStringView remaining = rest.mid(1);
            qsizetype current = index;
            bool closed = false;
            QStringView after;
            while (true) {
                qsizetype i = 0;
                for (; i < remaining.size(); ++i) {
                    const QChar c = remaining[i];
                    if (doubleQuoted && c == QLatin1Char('\\') && i + 1 < remaining.size()) {
                        const QChar next = remaining[++i];
                        switch (next.unicode()) {
                        case 'n':
                            value += QLatin1Char('\n');
                            break;
                        case 'r':
                            value += QLatin1Char('\r');
                            break;
                        case 't':
                            value += QLatin1Char('\t');
                            break;
                        case '"':
                        case '\\':
                        case '$':
                        case '\'':
                            value += next;
                            break;
                        default:
                            value += QLatin1Char('\\');
                            value += next;
                            break;
                        }
                        continue;
                    }
                    if (c == quote) {
                        closed = true;
                        break;
                    }
                    value += c;
                }
                if (closed) {
                    after = remaining.mid(i + 1);
                    break;
                }
                // The value goes on to the next line.
                if (current + 1 >= lines.size())
                    break;
                value += QLatin1Char('\n');
                remaining = lines[++current];
            }
            if (!closed) {
                secureWipe(value);
                result.errors.append(
                    { lineNumber,
                      problem(lineNumber, QStringLiteral("the quoted value that starts here is never closed")) });
                break; // everything after it was swallowed by the open quote
            }
            if (!onlyCommentFollows(after)) {
                secureWipe(value);
                result.errors.append({ static_cast<int>(current + 1),
                                       problem(static_cast<int>(current + 1),
                                               QStringLiteral("unexpected text after the closing quote")) });
                index = current;
                continue;
            }
            index = current;
        } else {
            // Unquoted: a comment starts at a "#" preceded by a blank (so "pa#ss" keeps its "#").
            qsizetype end = rest.size();
            for (qsizetype i = 1; i < rest.size(); ++i) {
                if (rest[i] == QLatin1Char('#') && isBlank(rest[i - 1])) {
                    end = i;
                    break;
                }
            }
            if (rest.startsWith(QLatin1Char('#')))
                end = 0;
            value = rest.left(end).trimmed().toString();
        }

        const QString key = name.toString();
        const auto existing = indexByName.constFind(key);
        if (existing != indexByName.constEnd()) {
            DotEnvEntry& entry = result.entries[*existing];
            result.warnings.append(
                { lineNumber,
                  problem(lineNumber,
                          QStringLiteral("%1 is set again (before on line %2); the last value, from line %3, is used")
                              .arg(key)
                              .arg(entry.line)
                              .arg(lineNumber)) });
            secureWipe(entry.value);
            entry.value = std::move(value);
            entry.line = lineNumber;
        } else {
            indexByName.insert(key, result.entries.size());
            result.entries.append({ key, std::move(value), lineNumber });
        }
    }
    secureWipe(text);
    if (!result.errors.isEmpty())
        result.wipe();
    return result;
}

std::optional<QByteArray> DotEnvParser::readFile(const QString& path, QString* error, qint64 limit)
{
    const auto fail = [error](const QString& message) {
        if (error)
            *error = message;
        return std::nullopt;
    };
    const QByteArray native = QFile::encodeName(path);
    // O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer, forever.
    const int fd = ::open(native.constData(), O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
    if (fd < 0)
        return fail(QStringLiteral("cannot read %1: %2").arg(path, QString::fromLocal8Bit(std::strerror(errno))));
    struct stat info
    {
    };
    // fstat on what was opened, not stat on the name: nothing can be swapped in between.
    if (::fstat(fd, &info) != 0 || !S_ISREG(info.st_mode)) {
        ::close(fd);
        return fail(QStringLiteral("%1 is not a regular file (a FIFO, device or directory): that is not a .env file")
                        .arg(path));
    }
    QFile file;
    if (!file.open(fd, QIODevice::ReadOnly, QFileDevice::AutoCloseHandle)) {
        ::close(fd);
        return fail(QStringLiteral("cannot read %1: %2").arg(path, file.errorString()));
    }
    // limit + 1 bytes at most, whatever size() says (a file may grow while we read it).
    QByteArray content = file.read(limit + 1);
    if (content.size() > limit) {
        secureWipe(content);
        constexpr qint64 kMiB = 1024 * 1024;
        const QString size
            = limit % kMiB == 0 ? QStringLiteral("%1 MiB").arg(limit / kMiB) : QStringLiteral("%1 bytes").arg(limit);
        return fail(QStringLiteral("%1 is larger than %2: that is not a .env file").arg(path, size));
    }
    return content;
}

} // namespace quayside
