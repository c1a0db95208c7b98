#pragma once

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QString>

namespace quayside::cli {

class CommonOptions
{
public:
    // The global options (CommandLine takes them out before a command parses; registered here so that
    // every command's --help lists them). `shortProfile` false for `logs`, where -p is --previous.
    static void addGlobalOptions(QCommandLineParser& parser, bool shortProfile = true);

    // -o/--output with the allowed values; the first is the default.
    static void addOutputOption(QCommandLineParser& parser, const QStringList& formats);
    // Empty string and an error message when the value is not one of `formats`.
    static QString outputFormat(const QCommandLineParser& parser, const QStringList& formats, QString* error);

    // Parses, handling --help; returns false with `error` set on a usage error.
    static bool parse(QCommandLineParser& parser, const QStringList& arguments, QString* error);
};

} // namespace quayside::cli
