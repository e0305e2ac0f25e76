#pragma once

// Running a program (above all the real apicat binary) the way a shell would, for end-to-end
// tests: arguments, working folder, environment, stdin in; exit code, stdout, stderr out.

#include <filesystem>
#include <string>
#include <sys/types.h>
#include <utility>
#include <vector>

namespace apicat::test {

struct RunResult {
    int exit_code; // the exit status, or 128 + the signal that ended the process
    std::string out;
    std::string err;
};

using Environment = std::vector<std::pair<std::string, std::string>>;

// Runs `program` (a path, not looked up in PATH) with `args`, in folder `cwd`, with `env` added
// to (or overriding) this process's environment, feeding it `input` on stdin. Stdout and
// stderr are read while stdin is written, so large outputs cannot deadlock. A process still
// running after two minutes is killed and the call throws std::runtime_error, as it does when
// the program cannot be started.
RunResult run_process(const std::string& program, const std::vector<std::string>& args,
                      const std::filesystem::path& cwd, const std::string& input = {},
                      const Environment& env = {});

// This process's environment with `env` added to (or overriding) it, as NAME=value entries:
// what a child started with `env` sees.
std::vector<std::string> environment_with(const Environment& env);

// `env` with what apicat run in `cwd` with `args` needs besides: APICAT_HOME set to cwd/"home"
// unless `env` sets it, so tests never touch the real user's files, and APICAT_STORE for the
// store under test (test_store.hpp) unless `env` sets it.
Environment apicat_environment(const std::vector<std::string>& args,
                               const std::filesystem::path& cwd, const Environment& env = {});

// run_process with the apicat binary under test (APICAT_BINARY) and apicat_environment.
RunResult run_apicat(const std::vector<std::string>& args, const std::filesystem::path& cwd,
                     const std::string& input = {}, const Environment& env = {});

// Starts the apicat binary under test with `--home cwd/home -q` and `args`, in folder `cwd`,
// on the store under test, its output going nowhere, and returns at once: for tests that kill it
// halfway. The caller reaps it (waitpid).
pid_t start_apicat(const std::vector<std::string>& args, const std::filesystem::path& cwd);

} // namespace apicat::test
