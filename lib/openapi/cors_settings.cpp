#include "openapi/cors_settings.hpp"

#include "util/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <optional>

namespace apicat::openapi {

namespace {

// Reads one part of the section, reporting what is not of API Connect's shape.
class CorsReader {
public:
    explicit CorsReader(std::vector<Finding>& findings)
        : findings_(findings)
    {
    }

    CorsSettings read(const Json& configuration)
    {
        CorsSettings settings;
        const Path at = {"x-ibm-configuration", "cors"};
        const Json& cors = member_or_null(configuration, "cors");
        if (cors.is_null()) {
            return settings; // as API Connect's gateway: CORS is off unless enabled
        }
        if (!cors.is_object()) {
            error(at, "'x-ibm-configuration.cors' must be an object, e.g. {enabled: true}");
            return settings;
        }
        const Json& enabled = member_or_null(cors, "enabled");
        if (!enabled.is_null() && !enabled.is_boolean()) {
            error(child(at, "enabled"),
                  "'x-ibm-configuration.cors.enabled' must be true or false (unquoted)");
        }
        settings.enabled = enabled.is_boolean() && enabled.get<bool>();
        if (cors.contains("policy")) {
            settings.restricted = true;
            read_policy(cors["policy"], child(at, "policy"), settings.rules);
        }
        return settings;
    }

private:
    std::vector<Finding>& findings_;

    void error(Path where, std::string message)
    {
        findings_.push_back(
            Finding{Finding::Severity::error, std::move(message), std::move(where)});
    }

    // An empty or unreadable policy accepts no origin: a policy is there to limit them.
    void read_policy(const Json& policy, const Path& at, std::vector<CorsRule>& rules)
    {
        if (!policy.is_array() || policy.empty()) {
            error(at, "'cors.policy' must be a list of rules, each with its 'allow-origin' "
                      "list; without a policy, every origin is accepted");
            return;
        }
        for (std::size_t i = 0; i < policy.size(); ++i) {
            if (std::optional<CorsRule> rule = read_rule(policy[i], child(at, std::to_string(i)))) {
                rules.push_back(std::move(*rule));
            }
        }
    }

    std::optional<CorsRule> read_rule(const Json& rule, const Path& at)
    {
        if (!rule.is_object()) {
            error(at, "a rule of 'cors.policy' must be an object with an 'allow-origin' list");
            return std::nullopt;
        }
        CorsRule read;
        bool readable = read_origins(member_or_null(rule, "allow-origin"),
                                     child(at, "allow-origin"), read.allow_origin);
        readable = read_flag(rule, "allow-credentials", at, read.allow_credentials) && readable;
        const Json& expose = member_or_null(rule, "expose-headers");
        if (!expose.is_null() && !expose.is_object()) {
            error(child(at, "expose-headers"),
                  "'expose-headers' must be an object of 'predefined', 'backend' and 'custom'");
            readable = false;
        } else if (expose.is_object()) {
            const Path where = child(at, "expose-headers");
            readable = read_flag(expose, "predefined", where, read.expose_predefined) && readable;
            readable = read_flag(expose, "backend", where, read.expose_backend) && readable;
            const Json& custom = member_or_null(expose, "custom");
            if (custom.is_string()) {
                read.expose_custom = custom.get<std::string>();
            } else if (!custom.is_null()) {
                error(child(where, "custom"), "'custom' must be a string of header names, "
                                              "separated by commas");
                readable = false;
            }
        }
        return readable ? std::optional<CorsRule>(std::move(read)) : std::nullopt;
    }

    bool read_origins(const Json& origins, const Path& at, std::vector<std::string>& into)
    {
        if (origins.is_string()) {
            into.push_back(origins.get<std::string>());
            return true;
        }
        const bool all_strings = origins.is_array() && !origins.empty() &&
                                 std::all_of(origins.begin(), origins.end(),
                                             [](const Json& o) { return o.is_string(); });
        if (!all_strings) {
            error(at, "'allow-origin' must list the origins the rule accepts, each with its "
                      "scheme and host, e.g. [https://app.example.com]");
            return false;
        }
        for (const Json& origin : origins) {
            into.push_back(origin.get<std::string>());
        }
        return true;
    }

    bool read_flag(const Json& object, const char* name, const Path& at, bool& into)
    {
        const Json& flag = member_or_null(object, name);
        if (flag.is_null()) {
            return true; // the default stays
        }
        if (!flag.is_boolean()) {
            error(child(at, name), fmt::format("'{}' must be true or false (unquoted)", name));
            return false;
        }
        into = flag.get<bool>();
        return true;
    }
};

} // namespace

bool CorsRule::accepts(std::string_view origin) const
{
    // An origin is a scheme and a host, which compare without regard to case.
    return std::any_of(allow_origin.begin(), allow_origin.end(), [origin](const std::string& o) {
        return o == "*" || util::equal_ignoring_case(o, origin);
    });
}

const CorsRule* CorsSettings::rule_for(std::string_view origin) const
{
    if (!restricted) {
        // As API Connect's gateway answers an API with CORS enabled and no policy: the origin,
        // with credentials allowed, and the gateway's own headers exposed.
        static const CorsRule any_origin{{"*"}, true, true, false, {}};
        return &any_origin;
    }
    const auto found = std::find_if(rules.begin(), rules.end(), [origin](const CorsRule& rule) {
        return rule.accepts(origin);
    });
    return found == rules.end() ? nullptr : &*found;
}

CorsSettings read_cors_settings(const Draft& draft, std::vector<Finding>& findings)
{
    return CorsReader(findings).read(member_or_null(draft.document, "x-ibm-configuration"));
}

CorsSettings read_cors_settings(const Draft& draft)
{
    std::vector<Finding> dropped;
    return read_cors_settings(draft, dropped);
}

} // namespace apicat::openapi
