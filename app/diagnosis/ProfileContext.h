#pragma once

#include "diagnosis/DiagnosisContext.h"

namespace quayside {
struct ClusterTarget;
struct Profile;
} // namespace quayside

namespace quayside::diagnosis {

// What a deployment profile and its cluster target tell the rules: the app's Secret and keys, the images
// Quayside builds (pull errors of those mean "not loaded"), the chart values of each Deployment's memory
// limit, the minikube profile. One builder for the window and `quayside diagnose`.
class ProfileContext
{
public:
    // `profile` may be null (no readable profile): only the target's facts are used.
    static DiagnosisContext build(const Profile* profile, const ClusterTarget& target);
};

} // namespace quayside::diagnosis
