#include "assembly/flow.hpp"

#include "assembly/condition.hpp"
#include "util/text.hpp"

#include <fmt/format.h>

#include <cmath>

namespace apicat::assembly {

namespace {

using openapi::child;
using openapi::Finding;
using openapi::Path;

std::string text_of(const Json& value)
{
    return value.is_string() ? value.get<std::string>() : std::string();
}

bool names_operation(const Json& entry, const OperationFacts& facts)
{
    if (entry.is_string()) {
        return !facts.id.empty() && entry.get<std::string>() == facts.id;
    }
    if (entry.is_object() && entry.contains("operationId")) {
        return text_of(entry["operationId"]) == facts.id && !facts.id.empty();
    }
    return entry.is_object() &&
           util::to_upper(text_of(member_or_null(entry, "verb"))) == facts.verb &&
           text_of(member_or_null(entry, "path")) == facts.path;
}

bool any_names_operation(const Json& operations, const OperationFacts& facts)
{
    if (!operations.is_array()) {
        return false;
    }
    for (const Json& entry : operations) {
        if (names_operation(entry, facts)) {
            return true;
        }
    }
    return false;
}

// Seconds as drafts write them: 60, 60.5 or '60'.
std::optional<std::chrono::milliseconds> timeout_of(const Json& value)
{
    double seconds = 0;
    if (value.is_number()) {
        seconds = value.get<double>();
    } else if (value.is_string()) {
        try {
            seconds = std::stod(value.get<std::string>());
        } catch (const std::exception&) {
            return std::nullopt;
        }
    } else {
        return std::nullopt;
    }
    if (!(seconds > 0) || !std::isfinite(seconds)) {
        return std::nullopt;
    }
    return std::chrono::milliseconds(static_cast<std::int64_t>(seconds * 1000));
}

class FlowCompiler {
public:
    FlowCompiler(const openapi::Draft& draft, const openapi::Operation& operation,
                 const std::string& catalog, std::vector<Finding>& findings)
        : operation_(operation)
        , catalog_(catalog)
        , scope_(operation_scope(draft, operation, catalog))
        , facts_{operation.ref.method, operation.ref.path, operation.operation_id}
        , findings_(findings)
    {
    }

    Flow run(const Json& execute, const Path& at)
    {
        sequence(execute, at);
        return std::move(flow_);
    }

private:
    const openapi::Operation& operation_;
    const std::string& catalog_;
    Scope scope_;
    OperationFacts facts_;
    std::vector<Finding>& findings_;
    Flow flow_;

    bool ended() const { return flow_.thrown.has_value(); }

    void error(const Path& where, const std::string& message)
    {
        findings_.push_back(Finding{Finding::Severity::error, message, where});
    }

    void warning(const Path& where, const std::string& message)
    {
        findings_.push_back(Finding{Finding::Severity::warning, message, where});
    }

    CallTemplate resolved(const std::string& text, const Path& where, const char* what)
    {
        Resolution resolution = resolve(text, scope_);
        for (const std::string& name : resolution.undefined) {
            error(where, fmt::format("the {} names $({}), which the draft does not define for {} "
                                     "in catalog '{}' (not an API property, a parameter of the "
                                     "operation, nor a variable apicat knows)",
                                     what, name, operation_.ref.str(), catalog_));
        }
        return resolution.resolved;
    }

    void sequence(const Json& steps, const Path& at)
    {
        if (!steps.is_array()) {
            return;
        }
        for (std::size_t index = 0; index < steps.size() && !ended(); ++index) {
            step(steps[index], child(at, std::to_string(index)));
        }
    }

    void step(const Json& step, const Path& at)
    {
        std::string policy = policy_name(step);
        const Json& settings = member_or_null(step, policy);
        Path where = child(at, policy);
        if (policy == "invoke" || policy == "proxy") {
            upstream(policy, settings, where);
        } else if (policy == "set-variable") {
            set_variable(settings, where);
        } else if (policy == "throw") {
            thrown(settings);
        } else if (policy == "operation-switch") {
            operation_switch(settings, where);
        } else if (policy == "switch") {
            switch_cases(settings, where);
        }
        // Any other policy is not run; assembly_findings names each one once.
    }

    void upstream(const std::string& policy, const Json& settings, const Path& where)
    {
        if (flow_.upstream) {
            warning(where, fmt::format("a second {} on the way of {} is not run by apicat's "
                                       "gateway: it calls only the first",
                                       policy, operation_.ref.str()));
            return;
        }
        std::string target = text_of(member_or_null(settings, "target-url"));
        if (target.empty()) {
            error(child(where, "target-url"),
                  fmt::format("the {} has no target-url for the gateway to call", policy));
            return;
        }
        UpstreamCall call;
        call.policy = policy;
        call.target = resolved(target, child(where, "target-url"), "target-url");
        std::string verb = util::to_upper(text_of(member_or_null(settings, "verb")));
        call.verb = verb == "KEEP" ? "" : verb;
        if (settings.is_object() && settings.contains("timeout")) {
            if (auto timeout = timeout_of(settings["timeout"])) {
                call.timeout = *timeout;
            } else {
                error(child(where, "timeout"), "the timeout is not a number of seconds above zero");
            }
        }
        call.header_control =
            name_filter(member_or_null(settings, "header-control"), child(where, "header-control"));
        call.parameter_control = name_filter(member_or_null(settings, "parameter-control"),
                                             child(where, "parameter-control"));
        flow_.upstream = std::move(call);
    }

    std::optional<NameFilter> name_filter(const Json& control, const Path& where)
    {
        if (!control.is_object()) {
            return std::nullopt;
        }
        std::string type = util::to_lower(text_of(member_or_null(control, "type")));
        NameFilter filter;
        if (type == "allowlist" || type == "whitelist") {
            filter.allow = true;
        } else if (type != "blocklist" && type != "blacklist") {
            error(child(where, "type"),
                  fmt::format("unknown type '{}': expected allowlist or blocklist", type));
            return std::nullopt;
        }
        const Json& values = member_or_null(control, "values");
        for (std::size_t index = 0; values.is_array() && index < values.size(); ++index) {
            std::string pattern = text_of(values[index]);
            try {
                filter.patterns.emplace_back(pattern, std::regex::ECMAScript | std::regex::icase);
            } catch (const std::regex_error&) {
                error(child(child(where, "values"), std::to_string(index)),
                      fmt::format("'{}' is not a regular expression", pattern));
            }
        }
        return filter;
    }

    void set_variable(const Json& settings, const Path& where)
    {
        const Json& actions = member_or_null(settings, "actions");
        for (std::size_t index = 0; actions.is_array() && index < actions.size(); ++index) {
            const Json& action = actions[index];
            Path at = child(child(where, "actions"), std::to_string(index));
            static const std::pair<const char*, HeaderAction::Kind> kinds[] = {
                {"set", HeaderAction::Kind::set},
                {"add", HeaderAction::Kind::add},
                {"clear", HeaderAction::Kind::clear}};
            for (const auto& [key, kind] : kinds) {
                std::string variable = text_of(member_or_null(action, key));
                static const std::string headers = "message.headers.";
                if (variable.rfind(headers, 0) != 0) {
                    continue; // assembly_findings names what is not a header
                }
                if (flow_.upstream) {
                    warning(at, fmt::format("set-variable of '{}' after the {} is not run by "
                                            "apicat's gateway: it relays the upstream's response "
                                            "as it is",
                                            variable, flow_.upstream->policy));
                    continue;
                }
                HeaderAction header_action{kind, variable.substr(headers.size()), {}};
                if (kind != HeaderAction::Kind::clear) {
                    header_action.value = resolved(text_of(member_or_null(action, "value")),
                                                   child(at, "value"), "value");
                }
                flow_.request_headers.push_back(std::move(header_action));
            }
        }
    }

    void thrown(const Json& settings)
    {
        Thrown thrown;
        thrown.name = text_of(member_or_null(settings, "name"));
        thrown.message = text_of(member_or_null(settings, "message"));
        const Json& status = member_or_null(settings, "error-status-code");
        if (status.is_number_integer() && status.get<int>() >= 400 && status.get<int>() <= 599) {
            thrown.status = status.get<int>();
        } else if (status.is_string()) {
            try {
                int code = std::stoi(status.get<std::string>());
                thrown.status = code >= 400 && code <= 599 ? code : thrown.status;
            } catch (const std::exception&) {
                // Not a status: the default 500 stands.
            }
        }
        flow_.thrown = std::move(thrown);
    }

    void operation_switch(const Json& settings, const Path& where)
    {
        const Json& cases = member_or_null(settings, "case");
        for (std::size_t index = 0; cases.is_array() && index < cases.size(); ++index) {
            const Json& branch = cases[index];
            if (any_names_operation(member_or_null(branch, "operations"), facts_)) {
                sequence(member_or_null(branch, "execute"),
                         child(child(child(where, "case"), std::to_string(index)), "execute"));
                return;
            }
        }
        sequence(member_or_null(settings, "otherwise"), child(where, "otherwise"));
    }

    // A switch's cases in order: v5's `operations`, a `condition`, and `otherwise` either as
    // the last case (as API Connect writes it) or beside the cases.
    void switch_cases(const Json& settings, const Path& where)
    {
        const Json& cases = member_or_null(settings, "case");
        for (std::size_t index = 0; cases.is_array() && index < cases.size(); ++index) {
            const Json& branch = cases[index];
            Path at = child(child(where, "case"), std::to_string(index));
            if (branch.is_object() && branch.contains("otherwise")) {
                sequence(branch["otherwise"], child(at, "otherwise"));
                return;
            }
            if (matches(branch)) {
                sequence(member_or_null(branch, "execute"), child(at, "execute"));
                return;
            }
        }
        sequence(member_or_null(settings, "otherwise"), child(where, "otherwise"));
    }

    bool matches(const Json& branch) const
    {
        if (branch.is_object() && branch.contains("operations")) {
            return any_names_operation(branch["operations"], facts_);
        }
        ConditionParse parse = parse_condition(text_of(member_or_null(branch, "condition")));
        // An undecidable condition never holds; assembly_findings says so.
        return parse.condition && parse.condition->holds(facts_);
    }
};

} // namespace

bool NameFilter::admits(const std::string& name) const
{
    bool matched = false;
    for (const std::regex& pattern : patterns) {
        if (std::regex_search(name, pattern)) {
            matched = true;
            break;
        }
    }
    return allow ? matched : !matched;
}

std::string policy_name(const Json& step)
{
    return step.is_object() && !step.empty() ? step.begin().key() : std::string();
}

Flow compile_flow(const openapi::Draft& draft, const openapi::Operation& operation,
                  const std::string& catalog, std::vector<Finding>& findings)
{
    const Json& execute = member_or_null(
        member_or_null(member_or_null(draft.document, "x-ibm-configuration"), "assembly"),
        "execute");
    return FlowCompiler(draft, operation, catalog, findings)
        .run(execute, {"x-ibm-configuration", "assembly", "execute"});
}

} // namespace apicat::assembly
