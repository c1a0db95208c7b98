#pragma once

#include "workspace/Preferences.h"

#include <QPalette>

namespace quayside::ui {

// Light or dark as the user chose in Settings, or the system's palette. Applied to the whole
// application at once, so it takes effect without a restart.
class Theme
{
public:
    static void apply(Preferences::Theme theme);
    static QPalette lightPalette();
    static QPalette darkPalette();
};

} // namespace quayside::ui
