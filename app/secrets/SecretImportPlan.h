#pragma once

#include "secrets/DotEnvParser.h"
#include "secrets/SecretSpecs.h"
#include "secrets/SecretValues.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace quayside {

// What importing a .env file into a profile's secrets would do, decided before anything is written:
// which names are stored, which are not the profile's (listed, never imported silently), which are
// refused and why. Shared by `quayside secrets import` and the Secrets page.
struct SecretImportPlan
{
    SecretValues values; // to store: names of the profile with acceptable values
    QStringList unknown; // names in the file that the profile does not have; not imported
    QList<DotEnvProblem> refused; // names of the profile whose value is empty or invalid; not imported
    QList<DotEnvProblem> warnings; // names assigned twice, values with a validation warning
    QList<DotEnvProblem> errors; // the file could not be parsed: nothing is imported

    bool canImport() const { return errors.isEmpty() && refused.isEmpty(); }

    // Takes the values out of `parsed` (which is wiped).
    static SecretImportPlan fromDotEnv(DotEnvResult& parsed, const SecretSpecs& specs);
    // Multi-line text for the CLI and the page: what will be (or was) imported and what was left out.
    QStringList describe() const;
};

} // namespace quayside
