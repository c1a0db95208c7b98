#pragma once

#include "cli/Command.h"

#include <memory>

namespace quayside {
class Doctor;
class Keychain;
class ToolRunner;
struct DoctorReport;
} // namespace quayside

namespace quayside::cli {

// `quayside doctor [-o table|json] [--timeout S]`: every prerequisite (of the workspace's target), and how to fix
// what is missing. Exit 0 when every required check passed, 1 otherwise, 2 on usage errors.
class DoctorCommand final : public Command
{
    Q_OBJECT
public:
    DoctorCommand();
    ~DoctorCommand() override;
    void start(const QStringList& arguments) override;

    // The human table: ✔ ok, ✘ failed, ! optional or warning, with each fix under its line.
    static QString formatTable(const DoctorReport& report);

private:
    std::unique_ptr<ToolRunner> m_runner;
    std::unique_ptr<Keychain> m_keychain;
    Doctor* m_doctor = nullptr;
};

} // namespace quayside::cli
