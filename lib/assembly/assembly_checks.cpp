#include "assembly/assembly_checks.hpp"

#include "assembly/condition.hpp"
#include "assembly/flow.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>

namespace apicat::assembly {

namespace {

using openapi::child;
using openapi::Finding;
using openapi::Path;

std::string title_of(const Json& settings)
{
    const Json& title = member_or_null(settings, "title");
    return title.is_string() ? fmt::format(" '{}'", title.get<std::string>()) : std::string();
}

// Walks every step of the assembly, in every branch, once.
class PolicyWalk {
public:
    explicit PolicyWalk(std::vector<Finding>& findings)
        : findings_(findings)
    {
    }

    void sequence(const Json& steps, const Path& at)
    {
        for (std::size_t index = 0; steps.is_array() && index < steps.size(); ++index) {
            step(steps[index], child(at, std::to_string(index)));
        }
    }

private:
    std::vector<Finding>& findings_;

    void warning(const Path& where, const std::string& message)
    {
        findings_.push_back(Finding{Finding::Severity::warning, message, where});
    }

    void step(const Json& step, const Path& at)
    {
        std::string policy = policy_name(step);
        const Json& settings = member_or_null(step, policy);
        Path where = child(at, policy);
        if (!is_run_by_gateway(policy)) {
            warning(where, fmt::format("the {} policy{} is not run by apicat's gateway; calls go "
                                       "on through the rest of the assembly",
                                       policy.empty() ? "unnamed" : policy, title_of(settings)));
        } else if (policy == "set-variable") {
            set_variable(settings, where);
        } else if (policy == "operation-switch" || policy == "switch") {
            cases(settings, where);
        }
    }

    void set_variable(const Json& settings, const Path& where)
    {
        const Json& actions = member_or_null(settings, "actions");
        for (std::size_t index = 0; actions.is_array() && index < actions.size(); ++index) {
            for (const char* key : {"set", "add", "clear"}) {
                const Json& variable = member_or_null(actions[index], key);
                if (variable.is_string() &&
                    variable.get<std::string>().rfind("message.headers.", 0) != 0) {
                    warning(child(child(where, "actions"), std::to_string(index)),
                            fmt::format("set-variable of '{}' is not run by apicat's gateway: "
                                        "it sets only message.headers.*",
                                        variable.get<std::string>()));
                }
            }
        }
    }

    void cases(const Json& settings, const Path& where)
    {
        const Json& branches = member_or_null(settings, "case");
        for (std::size_t index = 0; branches.is_array() && index < branches.size(); ++index) {
            const Json& branch = branches[index];
            Path at = child(child(where, "case"), std::to_string(index));
            if (branch.is_object() && branch.contains("otherwise")) {
                sequence(branch["otherwise"], child(at, "otherwise"));
                continue;
            }
            const Json& condition = member_or_null(branch, "condition");
            if (condition.is_string()) {
                ConditionParse parse = parse_condition(condition.get<std::string>());
                if (!parse.condition) {
                    warning(child(at, "condition"),
                            fmt::format("the condition \"{}\" never holds in apicat's gateway: {}",
                                        condition.get<std::string>(), parse.error));
                }
            }
            sequence(member_or_null(branch, "execute"), child(at, "execute"));
        }
        sequence(member_or_null(settings, "otherwise"), child(where, "otherwise"));
    }
};

void remove_repeats(std::vector<Finding>& findings)
{
    std::set<std::pair<Path, std::string>> seen;
    findings.erase(std::remove_if(findings.begin(), findings.end(),
                                  [&](const Finding& finding) {
                                      return !seen.emplace(finding.where, finding.message).second;
                                  }),
                   findings.end());
}

} // namespace

bool is_run_by_gateway(const std::string& policy)
{
    static const std::set<std::string> run = {"invoke", "proxy",  "set-variable",
                                              "throw",  "switch", "operation-switch"};
    return run.count(policy) > 0;
}

std::vector<Finding> assembly_findings(const openapi::Draft& draft, const std::string& catalog)
{
    std::vector<Finding> findings;
    const Path assembly = {"x-ibm-configuration", "assembly"};
    const Json& configuration = member_or_null(draft.document, "x-ibm-configuration");
    const Json& steps = member_or_null(member_or_null(configuration, "assembly"), "execute");
    PolicyWalk(findings).sequence(steps, child(assembly, "execute"));
    if (member_or_null(member_or_null(configuration, "assembly"), "catch").is_array()) {
        findings.push_back(Finding{Finding::Severity::warning,
                                   "the assembly's catch is not run by apicat's gateway: a thrown "
                                   "error answers with its own status and message",
                                   child(assembly, "catch")});
    }
    std::size_t reaching_upstream = 0;
    std::vector<Finding> reaching_nothing;
    for (const openapi::Operation& operation : openapi::list_operations(draft)) {
        Flow flow = compile_flow(draft, operation, catalog, findings);
        if (flow.upstream) {
            ++reaching_upstream;
        } else if (!flow.thrown) {
            reaching_nothing.push_back(Finding{
                Finding::Severity::warning,
                fmt::format("{} reaches no invoke in the assembly: apicat's gateway answers it "
                            "200 with an empty body",
                            operation.ref.str()),
                operation.where});
        }
    }
    if (reaching_upstream == 0 && !openapi::upstream(draft)) {
        findings.push_back(Finding{Finding::Severity::error,
                                   "the draft has no upstream for the gateway to call: no invoke "
                                   "or proxy with a target-url in its assembly (set "
                                   "x-ibm-configuration.assembly.execute[0].invoke.target-url, "
                                   "or 'mock:')",
                                   child(assembly, "execute")});
    } else {
        // Said of each operation only where others do reach an upstream.
        findings.insert(findings.end(), reaching_nothing.begin(), reaching_nothing.end());
    }
    remove_repeats(findings);
    return findings;
}

} // namespace apicat::assembly
