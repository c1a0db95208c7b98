#include "pipeline/BuildContextHasher.h"

#include "pipeline/DockerIgnore.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <algorithm>

namespace quayside {

namespace {

struct Walker
{
    QString root;
    const DockerIgnore* ignore;
    QStringList entries; // relative paths, directories with a trailing "/"
    QString error;

    void walk(const QString& relativeDir)
    {
        QDir dir(relativeDir.isEmpty() ? root : root + QLatin1Char('/') + relativeDir);
        const QFileInfoList list
            = dir.entryInfoList(QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot, QDir::Name);
        for (const QFileInfo& info : list) {
            const QString rel
                = relativeDir.isEmpty() ? info.fileName() : relativeDir + QLatin1Char('/') + info.fileName();
            const bool excluded = ignore->isExcluded(rel);
            if (info.isDir() && !info.isSymLink()) {
                // An excluded directory can only contribute files when a "!" pattern re-includes
                // some of them (Docker walks into it in that case too).
                if (excluded && !ignore->hasExceptions())
                    continue;
                if (!excluded)
                    entries << rel + QLatin1Char('/');
                walk(rel);
                continue;
            }
            if (!excluded)
                entries << rel;
        }
    }
};

} // namespace

QString BuildContextHasher::ignoreFileFor(const QString& contextDirectory, const QString& dockerfile)
{
    const QString specific = dockerfile + QStringLiteral(".dockerignore");
    if (!dockerfile.isEmpty() && QFileInfo(specific).isFile())
        return specific;
    const QString common = contextDirectory + QStringLiteral("/.dockerignore");
    if (QFileInfo(common).isFile())
        return common;
    return {};
}

BuildContextHasher::Result BuildContextHasher::hash(const Input& input)
{
    Result result;
    const QFileInfo contextInfo(input.contextDirectory);
    if (!contextInfo.isDir()) {
        result.error = QStringLiteral("the build context %1 is not a directory").arg(input.contextDirectory);
        return result;
    }
    QFile dockerfile(input.dockerfile);
    if (!dockerfile.open(QIODevice::ReadOnly)) {
        result.error
            = QStringLiteral("cannot read the Dockerfile %1: %2").arg(input.dockerfile, dockerfile.errorString());
        return result;
    }

    result.ignoreFile
        = input.ignoreFile.isEmpty() ? ignoreFileFor(input.contextDirectory, input.dockerfile) : input.ignoreFile;
    DockerIgnore ignore;
    if (!result.ignoreFile.isEmpty()) {
        QFile file(result.ignoreFile);
        if (!file.open(QIODevice::ReadOnly)) {
            result.error = QStringLiteral("cannot read %1: %2").arg(result.ignoreFile, file.errorString());
            return result;
        }
        ignore = DockerIgnore::parse(file.readAll());
        if (!ignore.errors().isEmpty()) {
            result.error = QStringLiteral("%1: %2").arg(result.ignoreFile, ignore.errors().first());
            return result;
        }
    }

    Walker walker { contextInfo.absoluteFilePath(), &ignore, {}, {} };
    walker.walk({});
    // Byte order, independent of the file system's and the locale's.
    std::sort(walker.entries.begin(), walker.entries.end(),
              [](const QString& a, const QString& b) { return a.toUtf8() < b.toUtf8(); });

    QCryptographicHash sha(QCryptographicHash::Sha256);
    sha.addData(QByteArrayView("quayside-build-context v1\n"));
    QByteArray buffer(256 * 1024, Qt::Uninitialized);
    for (const QString& rel : std::as_const(walker.entries)) {
        const QString full = walker.root + QLatin1Char('/') + rel;
        if (rel.endsWith(QLatin1Char('/'))) {
            sha.addData(QByteArray("D " + rel.toUtf8() + '\n'));
            continue;
        }
        const QFileInfo info(full);
        if (info.isSymLink()) {
            sha.addData(QByteArray("L " + rel.toUtf8() + " -> " + info.symLinkTarget().toUtf8() + '\n'));
            continue;
        }
        if (!info.isFile())
            continue; // sockets, fifos: docker refuses or skips them; they have no content to hash
        const bool executable = info.permission(QFileDevice::ExeOwner);
        sha.addData(
            QByteArray("F " + rel.toUtf8() + (executable ? " x " : " - ") + QByteArray::number(info.size()) + '\n'));
        QFile file(full);
        if (!file.open(QIODevice::ReadOnly)) {
            // docker build fails on an unreadable file too ("error checking context"): say which.
            result.error = QStringLiteral("cannot read %1: %2").arg(full, file.errorString());
            return result;
        }
        for (;;) {
            const qint64 n = file.read(buffer.data(), buffer.size());
            if (n <= 0)
                break;
            sha.addData(QByteArrayView(buffer.constData(), n));
            result.bytes += n;
        }
        ++result.files;
    }
    sha.addData(QByteArrayView("DOCKERFILE\n"));
    sha.addData(dockerfile.readAll());
    for (auto it = input.buildArgs.cbegin(); it != input.buildArgs.cend(); ++it)
        sha.addData(QByteArray("\nARG " + it.key().toUtf8() + '=' + it.value().toUtf8()));
    result.hash = QString::fromLatin1(sha.result().toHex());
    return result;
}

} // namespace quayside
