#pragma once

#include "widgets/StatusBadge.h"

#include <QColor>
#include <QIcon>
#include <QString>

namespace quayside::ui {

// How a status reads at a glance, the same everywhere (pods table, deployment cards, events):
// Good = green, Progress = amber, Bad = red, Gone = grey; each also has its own shape (toneShape).
enum class StatusTone { Good, Progress, Bad, Gone, Neutral };

StatusTone podStatusTone(const QString& status);
QColor toneColor(StatusTone tone);
// The mark drawn for a tone: a tick, an arc (in progress), a cross, a dash (gone).
StatusBadge::Kind toneShape(StatusTone tone);
// That mark in the tone's colour, as a vector icon for tables (cached).
QIcon toneIcon(StatusTone tone);

} // namespace quayside::ui
