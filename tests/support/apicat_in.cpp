#include "support/apicat_in.hpp"

#include <doctest/doctest.h>

namespace apicat::test {

RunResult apicat_in(const ScratchDir& dir, const std::vector<std::string>& args,
                    const std::string& input)
{
    return run_apicat(args, dir.path(), input);
}

std::string apicat_ok(const ScratchDir& dir, const std::vector<std::string>& args)
{
    RunResult result = apicat_in(dir, args);
    // The command and its first argument say which step of a test's story failed.
    INFO("apicat ", args.front(), " ", args.size() > 1 ? args[1] : "", ": ", result.err);
    REQUIRE(result.exit_code == 0);
    return result.out;
}

} // namespace apicat::test
