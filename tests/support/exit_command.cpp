#include "support/exit_command.hpp"

#include "support/os_error.hpp"

#include <cerrno>
#include <csignal>
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace apicat::test {

namespace {

// Run by /bin/sh with the held pipe as stdin and the finished pipe as stdout. The watcher is a
// background subshell, so the sh this process starts exits at once and the watcher is nobody's
// child; a background job's stdin is /dev/null unless redirected, hence fd 3. `echo` keeps the
// command from being the subshell's last, which sh would exec in its place, giving up stdout
// (the finished pipe) before the command has finished.
constexpr const char* watcher =
    "exec 3<&0 </dev/null\n"
    "( cat <&3 >/dev/null; \"$@\" </dev/null >/dev/null 2>&1 3<&-; echo finished ) &\n";

} // namespace

ExitCommand::ExitCommand(const std::string& program, const std::vector<std::string>& args)
{
    // Close-on-exec, so no other child (a server above all) keeps the pipes open.
    int held[2];
    int finished[2];
    if (::pipe2(held, O_CLOEXEC) != 0) {
        throw_os_error("cannot create a pipe", errno);
    }
    if (::pipe2(finished, O_CLOEXEC) != 0) {
        const int error = errno;
        ::close(held[0]);
        ::close(held[1]);
        throw_os_error("cannot create a pipe", error);
    }
    posix_spawn_file_actions_t actions;
    ::posix_spawn_file_actions_init(&actions);
    ::posix_spawn_file_actions_adddup2(&actions, held[0], STDIN_FILENO);
    ::posix_spawn_file_actions_adddup2(&actions, finished[1], STDOUT_FILENO);
    ::posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
    // A session of its own, no blocked signals and the default for those the tests change.
    posix_spawnattr_t attributes;
    ::posix_spawnattr_init(&attributes);
    sigset_t signals;
    sigemptyset(&signals);
    ::posix_spawnattr_setsigmask(&attributes, &signals);
    sigaddset(&signals, SIGPIPE);
    ::posix_spawnattr_setsigdefault(&attributes, &signals);
    ::posix_spawnattr_setflags(&attributes,
                               POSIX_SPAWN_SETSID | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
    std::vector<std::string> words = {"/bin/sh", "-c", watcher, "exit-command", program};
    words.insert(words.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (std::string& word : words) {
        argv.push_back(word.data());
    }
    argv.push_back(nullptr);
    pid_t shell = 0;
    const int error = ::posix_spawn(&shell, "/bin/sh", &actions, &attributes, argv.data(), environ);
    ::posix_spawnattr_destroy(&attributes);
    ::posix_spawn_file_actions_destroy(&actions);
    ::close(held[0]);
    ::close(finished[1]);
    held_ = held[1];
    finished_ = finished[0];
    if (error != 0) {
        ::close(held_);
        ::close(finished_);
        throw_os_error("cannot start a watcher for '" + program + "'", error);
    }
    int status = 0;
    while (::waitpid(shell, &status, 0) < 0 && errno == EINTR) {
    }
}

ExitCommand::~ExitCommand()
{
    ::close(held_);
    char buffer[64];
    for (;;) {
        const ssize_t count = ::read(finished_, buffer, sizeof buffer);
        if (count == 0 || (count < 0 && errno != EINTR)) {
            break;
        }
    }
    ::close(finished_);
}

} // namespace apicat::test
