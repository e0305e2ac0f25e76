#include "gateway/credentials_endpoint.hpp"

#include "gateway/request_parts.hpp"
#include "json.hpp"
#include "util/percent_encoding.hpp"
#include "util/text.hpp"

namespace apicat::gateway {

namespace {

constexpr std::string_view gateway_prefix = "/-/";
constexpr std::string_view credentials_path = "/-/credentials";

Json slot_json(const CredentialSlot& slot)
{
    return {{"in", slot.in}, {"name", slot.name}};
}

std::optional<CredentialSlot> read_slot(const Json& answer, const char* key)
{
    const auto found = answer.find(key);
    if (found == answer.end() || !found->is_object()) {
        return std::nullopt;
    }
    const std::string in = found->value("in", "");
    const std::string name = found->value("name", "");
    if ((in != "header" && in != "query" && in != "basic") || name.empty()) {
        return std::nullopt;
    }
    return CredentialSlot{in, name};
}

std::optional<std::string> parameter(const RequestParts& parts, const std::string& name)
{
    const ValuesFound values = find_parameter(parts, name);
    if (values.count != 1 || values.first->empty()) {
        return std::nullopt;
    }
    return *values.first;
}

} // namespace

bool is_gateway_path(const std::string& target)
{
    return target.starts_with(gateway_prefix);
}

Answer answer_gateway_path(const Engine& engine, const Request& request)
{
    const RequestParts parts = split_target(request.target);
    if (parts.path != credentials_path) {
        return error_answer(404, "The gateway has no path " + parts.path);
    }
    if (request.method != "GET" && request.method != "HEAD") {
        Answer refusal = error_answer(405, request.method + " is not allowed for " + parts.path +
                                               "; allowed: GET, HEAD");
        refusal.headers.push_back({"Allow", "GET, HEAD"});
        return refusal;
    }
    const std::optional<std::string> method = parameter(parts, "method");
    const std::optional<std::string> target = parameter(parts, "target");
    if (!method || !target || !target->starts_with('/')) {
        return error_answer(400, "Ask " + std::string(credentials_path) +
                                     "?method=METHOD&target=/CATALOG/BASE-PATH/PATH");
    }
    const Json body = credential_slots_json(
        engine.credential_slots(Request{util::to_upper(*method), *target, {}, {}}));
    Answer answer{200, reason_phrase(200), {{"Content-Type", "application/json"}}, {}};
    answer.body = body.dump(-1, ' ', false, Json::error_handler_t::replace);
    return answer;
}

std::string credentials_question(const std::string& method, const std::string& target)
{
    return std::string(credentials_path) + "?method=" + util::percent_encode_component(method) +
           "&target=" + util::percent_encode_component(target.substr(0, target.find('?')));
}

Json credential_slots_json(const CredentialSlots& slots)
{
    Json body = Json::object();
    if (slots.client_id) {
        body["client_id"] = slot_json(*slots.client_id);
    }
    if (slots.client_secret) {
        body["client_secret"] = slot_json(*slots.client_secret);
    }
    return body;
}

std::optional<CredentialSlots> read_credentials_answer(const std::string& body)
{
    const Json answer = Json::parse(body, nullptr, false);
    if (answer.is_discarded() || !answer.is_object()) {
        return std::nullopt;
    }
    CredentialSlots slots{read_slot(answer, "client_id"), read_slot(answer, "client_secret")};
    // Only an apicat gateway answers `{}`; any other object must say something it means.
    if (!answer.empty() && !slots.client_id) {
        return std::nullopt;
    }
    return slots;
}

} // namespace apicat::gateway
