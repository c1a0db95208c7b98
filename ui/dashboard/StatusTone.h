#pragma once

#include <QColor>
#include <QIcon>
#include <QString>

namespace quayside::ui {

// How a status reads at a glance, the same everywhere (pods table, deployment cards, events):
// Good = green, Progress = amber, Bad = red, Gone = grey.
enum class StatusTone { Good, Progress, Bad, Gone, Neutral };

StatusTone podStatusTone(const QString& status);
QColor toneColor(StatusTone tone);
// A small filled circle in the tone's colour (cached), for tables.
QIcon toneIcon(StatusTone tone);

} // namespace quayside::ui
