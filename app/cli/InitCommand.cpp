#include "cli/InitCommand.h"

#include "cli/CommonOptions.h"
#include "profile/ProfileLoader.h"
#include "profile/ProfileLocator.h"
#include "profile/ProfileWriter.h"

#include <QDir>
#include <QFileInfo>

namespace quayside::cli {

QString InitCommand::usage()
{
    return QStringLiteral("Usage: quayside init [--source DIR] [--output FILE] [--force] [--from PROFILE]");
}

void InitCommand::start(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Write a commented deployment profile to edit."));
    parser.addOption({ QStringLiteral("source"),
                       QStringLiteral("The app's source directory (holding backend/ and frontend/)."),
                       QStringLiteral("dir") });
    parser.addOption({ { QStringLiteral("output"), QStringLiteral("f") },
                       QStringLiteral("Where to write it (default: ./quayside.yaml)."),
                       QStringLiteral("file"),
                       ProfileLocator::defaultInitFile() });
    parser.addOption({ QStringLiteral("force"), QStringLiteral("Overwrite an existing file.") });
    parser.addOption({ QStringLiteral("from"),
                       QStringLiteral("The profile to start from (default: the shipped todo-chatbot profile)."),
                       QStringLiteral("file") });
    CommonOptions::addGlobalOptions(parser);
    QString error;
    if (!CommonOptions::parse(parser, arguments, &error))
        return usageError(error, usage());
    if (!parser.positionalArguments().isEmpty())
        return usageError(QStringLiteral("init takes no arguments"), usage());

    QString from = parser.value(QStringLiteral("from"));
    if (from.isEmpty())
        from = ProfileLocator::shippedProfile();
    if (from.isEmpty())
        return fail(QStringLiteral("the shipped todo-chatbot profile was not found (looked in %1)")
                        .arg(ProfileLocator::searchDirectories().join(QStringLiteral(", "))));
    const QString source = parser.value(QStringLiteral("source"));
    if (!source.isEmpty() && !QFileInfo(source).isDir())
        return fail(QStringLiteral("--source %1 is not a directory").arg(source));

    QList<ProfileError> errors;
    std::optional<Profile> profile
        = ProfileLoader::loadFile(from, &errors, { .sourceOverride = source, .checkPaths = false });
    if (!profile) {
        err() << ProfileError::join(errors) << Qt::endl;
        return fail(QStringLiteral("cannot read %1").arg(from));
    }
    const QString output = QFileInfo(parser.value(QStringLiteral("output"))).absoluteFilePath();
    if (QFileInfo::exists(output) && !parser.isSet(QStringLiteral("force")))
        return fail(QStringLiteral("%1 already exists (use --force to overwrite it)").arg(output));
    if (!ProfileWriter::save(*profile, output, &error))
        return fail(error);
    writeLine(QStringLiteral("Wrote %1.").arg(QDir::current().relativeFilePath(output)));
    writeLine(QStringLiteral("Next:"));
    if (profile->source.isEmpty())
        writeLine(QStringLiteral("  set source: in it (or pass --source DIR to deploy)"));
    writeLine(QStringLiteral("  quayside secrets set DATABASE_URL   (and the other required secrets)"));
    writeLine(QStringLiteral("  quayside deploy --dry-run            (every command it will run)"));
    writeLine(QStringLiteral("  quayside deploy"));
    finish(ExitOk);
}

} // namespace quayside::cli
