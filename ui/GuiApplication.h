#pragma once

namespace quayside::cli {
struct CommandLine;
}

namespace quayside {

// Starts the window: logging, the workspace from the command line and the settings, and the
// AppController that builds and wires the pages.
class GuiApplication
{
public:
    static int run(int argc, char* argv[], const cli::CommandLine& line);
};

} // namespace quayside
