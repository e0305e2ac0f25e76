#pragma once

// `apicat gateway serve` as a real process for end-to-end tests: on a port the OS picks, with
// the store of the scratch folder's "home" (test_store.hpp), its stdout and stderr in a log
// file there.

#include "support/scratch_dir.hpp"

#include <filesystem>
#include <string>
#include <vector>

#include <sys/types.h>

namespace apicat::test {

class ServeProcess {
public:
    // Starts it with `extra` arguments after `gateway serve --listen 127.0.0.1:0`, its output
    // going to `log_name` in the folder, and waits until it says where it listens.
    explicit ServeProcess(const ScratchDir& dir, const std::vector<std::string>& extra = {},
                          const std::string& log_name = "gateway.log");
    // Stops it (SIGTERM) if it still runs.
    ~ServeProcess();
    ServeProcess(const ServeProcess&) = delete;
    ServeProcess& operator=(const ServeProcess&) = delete;

    // SIGTERM, and the exit status (128 + the signal when one ended it).
    int stop();

    // Everything it printed so far.
    std::string log() const;

    pid_t pid() const { return pid_; }
    int port() const { return port_; }
    std::string url(const std::string& path) const;

private:
    std::filesystem::path log_;
    pid_t pid_ = 0;
    int port_ = 0;
};

} // namespace apicat::test
