#include "support/run_apicat.hpp"

#include "support/scratch_dir.hpp"

#include <doctest/doctest.h>

#include <stdexcept>
#include <string>

using apicat::test::run_process;
using apicat::test::ScratchDir;

TEST_CASE("the runner feeds stdin and collects stdout")
{
    const ScratchDir dir;
    const auto result = run_process("/bin/cat", {}, dir.path(), "hello\r\nworld");
    CHECK(result.exit_code == 0);
    CHECK(result.out == "hello\r\nworld");
    CHECK(result.err == "");
}

TEST_CASE("the runner moves megabytes both ways without deadlocking")
{
    const ScratchDir dir;
    std::string input;
    for (int i = 0; input.size() < 5'000'000; ++i) {
        input += "line " + std::to_string(i) + "\n";
    }
    const auto result = run_process("/bin/cat", {}, dir.path(), input);
    CHECK(result.exit_code == 0);
    CHECK(result.out.size() == input.size());
    CHECK(result.out == input);
}

TEST_CASE("the runner reads large stdout and stderr at once")
{
    const ScratchDir dir;
    const auto result =
        run_process("/bin/sh",
                    {"-c", "i=0; while [ $i -lt 20000 ]; do echo out$i; echo err$i >&2; "
                           "i=$((i+1)); done"},
                    dir.path());
    CHECK(result.exit_code == 0);
    CHECK(result.out.starts_with("out0\nout1\n"));
    CHECK(result.out.ends_with("out19999\n"));
    CHECK(result.err.ends_with("err19999\n"));
}

TEST_CASE("the runner reports the exit code")
{
    const ScratchDir dir;
    CHECK(run_process("/bin/sh", {"-c", "exit 3"}, dir.path()).exit_code == 3);
    CHECK(run_process("/bin/sh", {"-c", "echo oops >&2; exit 1"}, dir.path()).err == "oops\n");
}

TEST_CASE("a process killed by a signal reports 128 plus the signal")
{
    const ScratchDir dir;
    CHECK(run_process("/bin/sh", {"-c", "kill -9 $$"}, dir.path()).exit_code == 137);
}

TEST_CASE("a process that ignores its input still finishes")
{
    const ScratchDir dir;
    const auto result =
        run_process("/bin/sh", {"-c", "echo done"}, dir.path(), std::string(1'000'000, 'x'));
    CHECK(result.exit_code == 0);
    CHECK(result.out == "done\n");
}

TEST_CASE("the child gets the default SIGPIPE, as under a shell")
{
    const ScratchDir dir;
    // yes dies of SIGPIPE once head has what it wants; ignoring SIGPIPE would make it loop
    // on EPIPE errors or print them.
    const auto result = run_process("/bin/sh", {"-c", "yes | head -n 2"}, dir.path());
    CHECK(result.exit_code == 0);
    CHECK(result.out == "y\ny\n");
    CHECK(result.err == "");
}

TEST_CASE("the runner runs in the given folder with the given arguments")
{
    const ScratchDir dir;
    dir.write("sub/file.txt", "content");
    const auto result =
        run_process("/bin/sh", {"-c", "pwd; cat \"$1\"", "sh", "file.txt"}, dir.path() / "sub");
    CHECK(result.out == (dir.path() / "sub").string() + "\ncontent");
}

TEST_CASE("extra environment variables are added or override")
{
    const ScratchDir dir;
    const auto result =
        run_process("/bin/sh", {"-c", "echo \"$APICAT_X|$HOME|${PATH:+path}\""}, dir.path(), {},
                    {{"APICAT_X", "one two"}, {"HOME", "/nowhere"}});
    CHECK(result.out == "one two|/nowhere|path\n");
}

TEST_CASE("a program that cannot start is an exception")
{
    const ScratchDir dir;
    CHECK_THROWS_AS(run_process("/no/such/program", {}, dir.path()), std::runtime_error);
    CHECK_THROWS_AS(run_process("/bin/sh", {"-c", "true"}, dir.path() / "missing"),
                    std::runtime_error);
}
