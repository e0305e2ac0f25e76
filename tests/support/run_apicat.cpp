#include "support/run_apicat.hpp"

#include "support/os_error.hpp"
#include "support/test_store.hpp"

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <stdexcept>
#include <string_view>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>
#include <utility>

extern char** environ;

namespace apicat::test {

namespace {

using Clock = std::chrono::steady_clock;

// Long enough for any test on a slow, sanitized build; short enough to fail a hung one.
constexpr auto time_limit = std::chrono::minutes(2);

// A file descriptor, closed when dropped.
class Fd {
public:
    Fd() = default;
    explicit Fd(int fd)
        : fd_(fd)
    {
    }
    Fd(Fd&& other) noexcept
        : fd_(std::exchange(other.fd_, -1))
    {
    }
    Fd& operator=(Fd&& other) noexcept
    {
        reset();
        fd_ = std::exchange(other.fd_, -1);
        return *this;
    }
    ~Fd() { reset(); }
    Fd(const Fd&) = delete;
    Fd& operator=(const Fd&) = delete;

    int get() const { return fd_; }
    bool is_open() const { return fd_ >= 0; }
    void reset()
    {
        if (fd_ >= 0) {
            ::close(fd_);
        }
        fd_ = -1;
    }

private:
    int fd_ = -1;
};

// Close-on-exec, so no child keeps another run's pipe open; the spawn's dup2 clears the flag on
// the copies the child gets as 0, 1 and 2.
struct Pipe {
    Fd read;
    Fd write;

    Pipe()
    {
        int fds[2];
        if (::pipe2(fds, O_CLOEXEC) != 0) {
            throw_os_error("cannot create a pipe", errno);
        }
        read = Fd(fds[0]);
        write = Fd(fds[1]);
    }
};

// The child process: killed and reaped if the run ends early, so no test leaves one behind.
class Child {
public:
    explicit Child(pid_t pid)
        : pid_(pid)
    {
    }
    ~Child()
    {
        if (pid_ > 0) {
            ::kill(pid_, SIGKILL);
            int status = 0;
            ::waitpid(pid_, &status, 0);
        }
    }
    Child(const Child&) = delete;
    Child& operator=(const Child&) = delete;

    // The exit code, or 128 + the signal, as shells report it.
    int wait(Clock::time_point deadline)
    {
        int status = 0;
        for (;;) {
            const pid_t done = ::waitpid(pid_, &status, WNOHANG);
            if (done == pid_) {
                pid_ = 0;
                return WIFSIGNALED(status) ? 128 + WTERMSIG(status) : WEXITSTATUS(status);
            }
            if (done < 0 && errno != EINTR) {
                throw_os_error("cannot wait for the process", errno);
            }
            if (Clock::now() > deadline) {
                throw std::runtime_error("the process did not exit in time");
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
        }
    }

private:
    pid_t pid_;
};

// The argv-style array over `strings`, which must outlive it.
std::vector<char*> c_strings(std::vector<std::string>& strings)
{
    std::vector<char*> pointers;
    for (auto& text : strings) {
        pointers.push_back(text.data());
    }
    pointers.push_back(nullptr);
    return pointers;
}

struct SpawnActions {
    posix_spawn_file_actions_t actions{};
    SpawnActions() { ::posix_spawn_file_actions_init(&actions); }
    ~SpawnActions() { ::posix_spawn_file_actions_destroy(&actions); }
    SpawnActions(const SpawnActions&) = delete;
    SpawnActions& operator=(const SpawnActions&) = delete;
};

// This process ignores SIGPIPE (see run_process); the child gets the default back, and no
// blocked signals, as if started from a shell.
struct SpawnAttributes {
    posix_spawnattr_t attributes{};
    SpawnAttributes()
    {
        ::posix_spawnattr_init(&attributes);
        sigset_t signals;
        sigemptyset(&signals);
        ::posix_spawnattr_setsigmask(&attributes, &signals);
        sigaddset(&signals, SIGPIPE);
        ::posix_spawnattr_setsigdefault(&attributes, &signals);
        ::posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
    }
    ~SpawnAttributes() { ::posix_spawnattr_destroy(&attributes); }
    SpawnAttributes(const SpawnAttributes&) = delete;
    SpawnAttributes& operator=(const SpawnAttributes&) = delete;
};

pid_t spawn(const std::string& program, const std::vector<std::string>& args,
            const std::filesystem::path& cwd, const Environment& env, Pipe& in, Pipe& out,
            Pipe& err)
{
    SpawnActions actions;
    if (const int error = ::posix_spawn_file_actions_addchdir_np(&actions.actions, cwd.c_str())) {
        throw_os_error("cannot run '" + program + "' in '" + cwd.string() + "'", error);
    }
    ::posix_spawn_file_actions_adddup2(&actions.actions, in.read.get(), STDIN_FILENO);
    ::posix_spawn_file_actions_adddup2(&actions.actions, out.write.get(), STDOUT_FILENO);
    ::posix_spawn_file_actions_adddup2(&actions.actions, err.write.get(), STDERR_FILENO);
    const SpawnAttributes attributes;
    std::vector<std::string> argv_strings{program};
    argv_strings.insert(argv_strings.end(), args.begin(), args.end());
    auto env_strings = environment_with(env);
    const auto argv = c_strings(argv_strings);
    const auto envp = c_strings(env_strings);
    pid_t pid = 0;
    const int error = ::posix_spawn(&pid, program.c_str(), &actions.actions, &attributes.attributes,
                                    argv.data(), envp.data());
    if (error != 0) {
        throw_os_error("cannot run '" + program + "' in '" + cwd.string() + "'", error);
    }
    return pid;
}

// Writes the next piece of `input`; closes stdin once all is written or the child stopped
// reading.
void feed(Fd& in, const std::string& input, std::size_t& written)
{
    const std::size_t piece = std::min<std::size_t>(input.size() - written, 65536);
    const ssize_t count = ::write(in.get(), input.data() + written, piece);
    if (count < 0) {
        if (errno == EPIPE) {
            in.reset();
        } else if (errno != EAGAIN && errno != EINTR) {
            throw_os_error("cannot write to the process", errno);
        }
        return;
    }
    written += static_cast<std::size_t>(count);
    if (written == input.size()) {
        in.reset();
    }
}

// Appends what is there to read to `text`; closes `from` at the end of the output.
void drain(Fd& from, std::string& text)
{
    char buffer[65536];
    const ssize_t count = ::read(from.get(), buffer, sizeof buffer);
    if (count > 0) {
        text.append(buffer, static_cast<std::size_t>(count));
    } else if (count == 0) {
        from.reset();
    } else if (errno != EAGAIN && errno != EINTR) {
        throw_os_error("cannot read from the process", errno);
    }
}

int milliseconds_until(Clock::time_point deadline)
{
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    return static_cast<int>(std::max<std::chrono::milliseconds::rep>(left.count(), 0));
}

// Feeds stdin and collects stdout and stderr at once, until the child closes both.
void communicate(Fd& in, Fd& out, Fd& err, const std::string& input, RunResult& result,
                 Clock::time_point deadline)
{
    std::size_t written = 0;
    while (in.is_open() || out.is_open() || err.is_open()) {
        pollfd fds[3] = {{in.get(), POLLOUT, 0}, {out.get(), POLLIN, 0}, {err.get(), POLLIN, 0}};
        const int ready = ::poll(fds, 3, milliseconds_until(deadline));
        if (ready < 0 && errno != EINTR) {
            throw_os_error("cannot poll the process's pipes", errno);
        }
        if (ready == 0) {
            throw std::runtime_error("the process did not finish in time");
        }
        if (ready > 0 && fds[0].revents != 0) {
            feed(in, input, written);
        }
        if (ready > 0 && fds[1].revents != 0) {
            drain(out, result.out);
        }
        if (ready > 0 && fds[2].revents != 0) {
            drain(err, result.err);
        }
    }
}

} // namespace

std::vector<std::string> environment_with(const Environment& extra)
{
    std::vector<std::string> entries;
    for (char** entry = environ; *entry != nullptr; ++entry) {
        const std::string_view text(*entry);
        const auto name = text.substr(0, text.find('='));
        if (std::none_of(extra.begin(), extra.end(),
                         [&](const auto& variable) { return variable.first == name; })) {
            entries.emplace_back(text);
        }
    }
    for (const auto& [name, value] : extra) {
        entries.push_back(name + "=" + value);
    }
    return entries;
}

RunResult run_process(const std::string& program, const std::vector<std::string>& args,
                      const std::filesystem::path& cwd, const std::string& input,
                      const Environment& env)
{
    // A child that exits without reading all its input must fail the write, not kill the
    // test binary.
    [[maybe_unused]] static const auto sigpipe_ignored = std::signal(SIGPIPE, SIG_IGN);
    const auto deadline = Clock::now() + time_limit;
    Pipe in;
    Pipe out;
    Pipe err;
    Child child(spawn(program, args, cwd, env, in, out, err));
    in.read.reset();
    out.write.reset();
    err.write.reset();
    if (input.empty()) {
        in.write.reset();
    } else if (::fcntl(in.write.get(), F_SETFL, O_NONBLOCK) != 0) {
        throw_os_error("cannot set up the process's stdin", errno);
    }
    RunResult result{0, {}, {}};
    communicate(in.write, out.read, err.read, input, result, deadline);
    result.exit_code = child.wait(deadline);
    return result;
}

// A test's own APICAT_STORE is its choice; else the home's store under test.
Environment apicat_environment(const std::vector<std::string>& args,
                               const std::filesystem::path& cwd, const Environment& env)
{
    Environment full_env = env;
    const auto sets = [&](const char* name) {
        return std::any_of(env.begin(), env.end(),
                           [&](const auto& variable) { return variable.first == name; });
    };
    if (!sets("APICAT_HOME")) {
        full_env.emplace_back("APICAT_HOME", (cwd / "home").string());
    }
    if (!sets("APICAT_STORE")) {
        const Environment store = store_environment_for(home_of_run(args, cwd, env));
        full_env.insert(full_env.end(), store.begin(), store.end());
    }
    return full_env;
}

RunResult run_apicat(const std::vector<std::string>& args, const std::filesystem::path& cwd,
                     const std::string& input, const Environment& env)
{
    return run_process(APICAT_BINARY, args, cwd, input, apicat_environment(args, cwd, env));
}

pid_t start_apicat(const std::vector<std::string>& args, const std::filesystem::path& cwd)
{
    SpawnActions actions;
    ::posix_spawn_file_actions_addchdir_np(&actions.actions, cwd.c_str());
    ::posix_spawn_file_actions_addopen(&actions.actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
    ::posix_spawn_file_actions_addopen(&actions.actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
    const SpawnAttributes attributes;
    std::vector<std::string> argv_strings = {APICAT_BINARY, "--home", (cwd / "home").string(),
                                             "-q"};
    argv_strings.insert(argv_strings.end(), args.begin(), args.end());
    auto env_strings = environment_with(store_environment_for(cwd / "home"));
    const auto argv = c_strings(argv_strings);
    const auto envp = c_strings(env_strings);
    pid_t pid = 0;
    const int error = ::posix_spawn(&pid, APICAT_BINARY, &actions.actions, &attributes.attributes,
                                    argv.data(), envp.data());
    if (error != 0) {
        throw_os_error("cannot run '" APICAT_BINARY "'", error);
    }
    return pid;
}

} // namespace apicat::test
