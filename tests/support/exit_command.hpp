#pragma once

// Clean-up that survives a crash: a command run when its ExitCommand goes, or when this process
// ends in any other way (an abort, a sanitizer's report, Ctrl-C, ctest's SIGKILL at a timeout),
// for what would otherwise outlive the tests, such as a server running as a daemon.

#include <string>
#include <sys/types.h>
#include <vector>

namespace apicat::test {

class ExitCommand {
public:
    // Starts a watcher that runs `program` (a path) with `args`, its output going nowhere, once
    // this process lets go of a pipe: the kernel closes it however the process ends. The watcher
    // is no child of this process and is in a session of its own, so neither a terminal's Ctrl-C
    // nor a test runner killing this process's tree stops it before it has done its job.
    ExitCommand(const std::string& program, const std::vector<std::string>& args);
    // Lets go of the pipe and waits until the command has finished.
    ~ExitCommand();
    ExitCommand(const ExitCommand&) = delete;
    ExitCommand& operator=(const ExitCommand&) = delete;

private:
    int held_ = -1;     // while this is open, the watcher waits
    int finished_ = -1; // reaches its end when the watcher is done
};

} // namespace apicat::test
