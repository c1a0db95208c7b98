#pragma once

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QString>

namespace quayside::cli {

// The flags every cluster command shares, spelled as kubectl spells them.
struct ClusterOptions
{
    QString kubeconfig; // empty: $KUBECONFIG, then ~/.kube/config
    QString context; // empty: current-context
    QString nameSpace; // empty: the context's namespace, then "default"
};

class CommonOptions
{
public:
    static void addClusterOptions(QCommandLineParser& parser);
    static ClusterOptions clusterOptions(const QCommandLineParser& parser);

    // -o/--output with the allowed values; the first is the default.
    static void addOutputOption(QCommandLineParser& parser, const QStringList& formats);
    // Empty string and an error message when the value is not one of `formats`.
    static QString outputFormat(const QCommandLineParser& parser, const QStringList& formats, QString* error);

    static void addVerboseOption(QCommandLineParser& parser);
    static bool verbose(const QCommandLineParser& parser);

    // Parses, handling --help; returns false with `error` set on a usage error.
    static bool parse(QCommandLineParser& parser, const QStringList& arguments, QString* error);
};

} // namespace quayside::cli
