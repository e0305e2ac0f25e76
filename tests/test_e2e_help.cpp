// End to end: the help that teaches — the story order with no arguments, usage and examples
// on every command, the closest command or option for a typo, --version, and the man page
// written from the same command tree.

#include "support/run_apicat.hpp"
#include "support/scratch_dir.hpp"

#include <doctest/doctest.h>

#include <regex>
#include <set>
#include <sstream>

using apicat::test::run_apicat;
using apicat::test::RunResult;
using apicat::test::ScratchDir;

namespace {

// Every command the man page documents ("app register"), and the groups above them ("app").
std::set<std::string> documented_commands(const std::string& man_page)
{
    std::set<std::string> commands;
    const std::regex section(R"(^\.SS "apicat ([a-z\-\\ ]+?) \[OPTIONS\])");
    std::istringstream lines(man_page);
    for (std::string line; std::getline(lines, line);) {
        std::smatch match;
        if (std::regex_search(line, match, section)) {
            // roff writes - as \-
            std::string words = std::regex_replace(match[1].str(), std::regex(R"(\\-)"), "-");
            commands.insert(words);
            if (auto space = words.find(' '); space != std::string::npos) {
                commands.insert(words.substr(0, space));
            }
        }
    }
    return commands;
}

} // namespace

TEST_SUITE("e2e")
{
    TEST_CASE("apicat with no arguments lists the command groups in the order of the story")
    {
        ScratchDir dir;
        RunResult help = run_apicat({}, dir.path());
        CHECK(help.exit_code == 0);
        std::size_t last = 0;
        for (const char* expected : {"1. Write and secure a draft:", "\n  api ", "\n  operation ",
                                     "\n  security-definition ", "\n  security ",
                                     "2. Bundle and publish it:", "\n  product ", "\n  publish ",
                                     "\n  catalog ", "3. Register consumer apps:", "\n  app ",
                                     "4. Call it, serve it, explore it:", "\n  invoke ",
                                     "\n  gateway ", "\n  explore ", "\n  completion "}) {
            CAPTURE(expected);
            const std::size_t at = help.out.find(expected);
            REQUIRE(at != std::string::npos);
            CHECK(at > last);
            last = at;
        }
        CHECK(help.out.find("Start with: apicat api create") != std::string::npos);
    }

    TEST_CASE("every command's help has its usage, its purpose and an example")
    {
        ScratchDir dir;
        const std::set<std::string> commands =
            documented_commands(run_apicat({"__man"}, dir.path()).out);
        REQUIRE(commands.size() > 30);
        for (const char* expected : {"api create", "app register", "security add", "gateway serve",
                                     "invoke", "explore", "completion", "app", "security"}) {
            CHECK(commands.count(expected) == 1);
        }
        for (const std::string& command : commands) {
            CAPTURE(command);
            std::vector<std::string> args;
            std::istringstream words(command);
            for (std::string word; words >> word;) {
                args.push_back(word);
            }
            args.push_back("--help");
            RunResult help = run_apicat(args, dir.path());
            CHECK(help.exit_code == 0);
            CHECK(help.out.find("Usage: apicat " + command + " [OPTIONS]") != std::string::npos);
            CHECK(help.out.find("Example") != std::string::npos);
            CHECK(help.out.find("\n  apicat " + command.substr(0, command.find(' '))) !=
                  std::string::npos);
            CHECK(help.out.ends_with("\n"));
        }
    }

    TEST_CASE("a mistyped option or command gets the closest one")
    {
        ScratchDir dir;
        RunResult option = run_apicat({"app", "register", "x", "--catalgo", "staging"}, dir.path());
        CHECK(option.exit_code == 2);
        CHECK(option.err == "apicat: error: unknown option '--catalgo' for 'apicat app register'\n"
                            "apicat: hint: did you mean '--catalog'?\n");
        RunResult global = run_apicat({"--hom=h", "catalog", "list"}, dir.path());
        CHECK(global.exit_code == 2);
        CHECK(global.err.find("did you mean '--home'?") != std::string::npos);
        RunResult far = run_apicat({"catalog", "list", "--zzzzzzzz"}, dir.path());
        CHECK(far.exit_code == 2);
        CHECK(far.err.find("see 'apicat catalog list --help'") != std::string::npos);
        RunResult command = run_apicat({"app", "regster", "x"}, dir.path());
        CHECK(command.exit_code == 2);
        CHECK(command.err.find("did you mean 'app register'?") != std::string::npos);
        // Options of the commands above hold below them, and values may look like options.
        CHECK(run_apicat({"catalog", "list", "-o", "json", "-q"}, dir.path()).exit_code == 0);
        CHECK(run_apicat({"catalog", "list", "--output=json"}, dir.path()).exit_code == 0);
        CHECK(run_apicat({"catalog", "list", "-ojson"}, dir.path()).exit_code == 0);
        // Global flags before the command take no value from it.
        CHECK(run_apicat({"-q", "--no-color", "-v", "catalog", "list"}, dir.path()).exit_code == 0);
        CHECK(run_apicat({"--home", "other", "-o", "json", "catalog", "list"}, dir.path())
                  .exit_code == 0);
        // Hidden commands are never suggested.
        CHECK(run_apicat({"__compl"}, dir.path()).err.find("__complete") == std::string::npos);
    }

    TEST_CASE("--version names apicat's version and the libraries it runs with")
    {
        ScratchDir dir;
        RunResult version = run_apicat({"--version"}, dir.path());
        CHECK(version.exit_code == 0);
        CHECK(version.out.starts_with(std::string("apicat ") + APICAT_VERSION + "\n"));
        for (const char* library : {"SQLite", "OpenSSL", "Boost"}) {
            CAPTURE(library);
            CHECK(std::regex_search(
                version.out, std::regex(std::string("\n  ") + library + " +[0-9]+\\.[0-9]+")));
        }
    }

    TEST_CASE("the man page documents every option of a command, from the same tree as --help")
    {
        ScratchDir dir;
        RunResult man = run_apicat({"__man"}, dir.path());
        CHECK(man.exit_code == 0);
        CHECK(man.out.starts_with(std::string(".TH APICAT 1 \"\" \"apicat ") + APICAT_VERSION));
        const std::size_t section = man.out.find(".SS \"apicat app register [OPTIONS] NAME\"");
        REQUIRE(section != std::string::npos);
        const std::size_t next = man.out.find(".SS", section + 1);
        const std::string entry = man.out.substr(section, next - section);
        for (const char* option : {"\\-\\-catalog", "\\-\\-no\\-secret", "\\-\\-subscribe"}) {
            CAPTURE(option);
            CHECK(entry.find(option) != std::string::npos);
        }
        CHECK(entry.find("apicat app register weather\\-app") != std::string::npos);
        CHECK(man.out.find(".SH \"3. REGISTER CONSUMER APPS\"") != std::string::npos);
    }
}
