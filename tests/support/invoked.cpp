#include "support/invoked.hpp"

#include "support/run_apicat.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

namespace apicat::test {

Invoked invoke(const ScratchDir& dir, std::vector<std::string> args)
{
    args.insert(args.begin(), "invoke");
    args.insert(args.end(), {"-o", "json"});
    const RunResult result = run_apicat(args, dir.path());
    INFO(result.err);
    nlohmann::ordered_json answer = nlohmann::ordered_json::parse(result.out);
    const nlohmann::ordered_json& body = answer["body"]; // null when the answer has none
    return {answer["status"], body.is_object() ? body.value("moreInformation", "") : ""};
}

} // namespace apicat::test
