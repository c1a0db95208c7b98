#pragma once

namespace quayside {

// Starts the window: logging, the core services the pages share, the main window and its pages.
class GuiApplication
{
public:
    static int run(int argc, char* argv[]);
};

} // namespace quayside
