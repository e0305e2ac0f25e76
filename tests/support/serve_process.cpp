#include "support/serve_process.hpp"

#include "support/run_apicat.hpp"
#include "support/test_store.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <fstream>
#include <iterator>
#include <regex>
#include <thread>

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>

namespace apicat::test {

ServeProcess::ServeProcess(const ScratchDir& dir, const std::vector<std::string>& extra,
                           const std::string& log_name)
    : log_(dir.path() / log_name)
{
    std::vector<std::string> words = {APICAT_BINARY, "--home", (dir.path() / "home").string(),
                                      "gateway",     "serve",  "--listen",
                                      "127.0.0.1:0"};
    words.insert(words.end(), extra.begin(), extra.end());
    std::vector<std::string> variables =
        environment_with(store_environment_for(dir.path() / "home"));
    const auto pointers = [](std::vector<std::string>& strings) {
        std::vector<char*> array;
        for (std::string& each : strings) {
            array.push_back(each.data());
        }
        array.push_back(nullptr);
        return array;
    };
    const std::vector<char*> argv = pointers(words);
    const std::vector<char*> envp = pointers(variables);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, log_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    posix_spawn_file_actions_adddup2(&actions, 1, 2);
    REQUIRE(posix_spawn(&pid_, APICAT_BINARY, &actions, nullptr, argv.data(), envp.data()) == 0);
    posix_spawn_file_actions_destroy(&actions);
    const std::regex url("http://127\\.0\\.0\\.1:([0-9]+)/");
    for (int i = 0; i < 500 && port_ == 0; ++i) {
        std::smatch match;
        const std::string text = log();
        if (std::regex_search(text, match, url)) {
            port_ = std::stoi(match[1]);
        } else {
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
    }
    if (port_ == 0) {
        const std::string said = log();
        stop();
        FAIL("gateway serve did not start: ", said);
    }
}

ServeProcess::~ServeProcess()
{
    if (pid_ > 0) {
        stop();
    }
}

int ServeProcess::stop()
{
    ::kill(pid_, SIGTERM);
    int status = 0;
    ::waitpid(pid_, &status, 0);
    pid_ = 0;
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

std::string ServeProcess::log() const
{
    std::ifstream file(log_);
    return std::string(std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>());
}

std::string ServeProcess::url(const std::string& path) const
{
    return "http://127.0.0.1:" + std::to_string(port_) + path;
}

} // namespace apicat::test
