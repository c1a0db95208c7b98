#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace quayside {

// Parses Helm's JSON output for releases and their history. The two commands disagree on types:
// `helm list -o json` writes the revision as a string and `updated` as Go's time.String()
// ("2025-06-18 14:17:46.125134977 +0000 UTC"); `helm history -o json` writes the revision as an int
// and `updated` as RFC 3339. Both are accepted in either field.
class HelmHistory
{
public:
    struct Revision
    {
        int revision = 0;
        QDateTime updated; // UTC; invalid when unparseable (updatedText keeps the original)
        QString updatedText;
        QString status; // deployed, superseded, failed, pending-upgrade, uninstalled ...
        QString chart;
        QString appVersion;
        QString description; // "Install complete", "Rollback to 2", "Upgrade \"x\" failed: ..."
        QJsonObject toJson() const;
    };

    struct Release
    {
        QString name;
        QString nameSpace;
        int revision = 0;
        QDateTime updated;
        QString updatedText;
        QString status;
        QString chart;
        QString appVersion;
    };

    static QList<Revision> parseHistory(const QByteArray& json, QString* error);
    static QList<Release> parseList(const QByteArray& json, QString* error);
    // The revision whose status is "deployed" (the newest such), or 0.
    static int deployedRevision(const QList<Revision>& history);
    // RFC 3339 or Go's time.String() format.
    static QDateTime parseTime(const QString& text);
    // "REVISION: 3" from `helm upgrade --install` output; 0 when absent.
    static int revisionFromUpgradeOutput(const QString& output);
};

} // namespace quayside
