#include "openapi/draft_template.hpp"

#include "errors.hpp"

#include <fmt/format.h>

#include <cctype>

namespace apicat::openapi {

std::string slug(const std::string& title)
{
    std::string out;
    for (char c : title) {
        auto u = static_cast<unsigned char>(c);
        if (std::isalnum(u) != 0) {
            out += static_cast<char>(std::tolower(u));
        } else if (!out.empty() && out.back() != '-') {
            out += '-';
        }
    }
    while (!out.empty() && out.back() == '-') {
        out.pop_back();
    }
    return out;
}

void check_target_url(const std::string& url)
{
    bool http = url.rfind("http://", 0) == 0 || url.rfind("https://", 0) == 0;
    bool has_host = http && url.size() > url.find("://") + 3 && url[url.find("://") + 3] != '/';
    bool mock = url.rfind("mock:", 0) == 0;
    bool clean = url.find_first_of(" \t\r\n") == std::string::npos;
    if (!((has_host || mock) && clean)) {
        throw UsageError(fmt::format("invalid target URL '{}'", url),
                         "give the upstream service's URL, e.g. "
                         "'https://weather.example.com$(request.path)$(request.search)', or "
                         "'mock:' to answer from the response examples",
                         Input::target_url);
    }
}

void check_base_path(const std::string& path)
{
    if (path.empty() || path.front() != '/' ||
        path.find_first_of(" \t\r\n?#") != std::string::npos) {
        throw UsageError(fmt::format("invalid base path '{}'", path),
                         "a base path starts with '/', e.g. /weather", Input::base_path);
    }
    if (is_reserved_base_path(path)) {
        // Publish would refuse it: a draft made here is made to be published.
        throw UsageError(fmt::format("invalid base path '{}': the gateway keeps '/-' and the "
                                     "paths under '/-/' for its own pages",
                                     path),
                         "give the API another base path, e.g. /weather", Input::base_path);
    }
}

Json new_draft_document(const NewApiSpec& spec)
{
    std::string name = slug(spec.title);
    if (name.empty()) {
        throw UsageError(fmt::format("invalid title '{}'", spec.title),
                         "the title needs at least one letter or digit", Input::title);
    }
    check_target_url(spec.target_url);
    std::string base = spec.base_path.empty() ? "/" + name : spec.base_path;
    check_base_path(base);
    if (base.size() > 1 && base.back() == '/') {
        base.pop_back();
    }

    Json document = Json::object();
    Json info = Json::object();
    info["title"] = spec.title;
    info["version"] = spec.version;
    info["x-ibm-name"] = name;
    if (spec.openapi == OpenApiVersion::v2) {
        document["swagger"] = "2.0";
        document["info"] = info;
        document["basePath"] = base;
        document["schemes"] = Json::array({"https"});
        document["consumes"] = Json::array({"application/json"});
        document["produces"] = Json::array({"application/json"});
    } else {
        document["openapi"] = "3.0.3";
        document["info"] = info;
        document["servers"] = Json::array({Json::object({{"url", base}})});
    }
    document["paths"] = Json::object();
    Json invoke = Json::object();
    invoke["target-url"] = spec.target_url;
    document["x-ibm-configuration"]["assembly"]["execute"] =
        Json::array({Json::object({{"invoke", invoke}})});
    return document;
}

namespace {

const Json* object_member(const Json& object, const char* key)
{
    if (!object.is_object()) {
        return nullptr;
    }
    auto it = object.find(key);
    return it == object.end() ? nullptr : &*it;
}

} // namespace

std::string set_upstream(DocumentEditor& editor, const Draft& draft, const std::string& url)
{
    check_target_url(url);
    const Json* configuration = object_member(draft.document, "x-ibm-configuration");
    const Json* assembly = configuration ? object_member(*configuration, "assembly") : nullptr;
    const Json* execute = assembly ? object_member(*assembly, "execute") : nullptr;
    Path execute_path = {"x-ibm-configuration", "assembly", "execute"};
    Json invoke = Json::object();
    invoke["target-url"] = url;
    if (execute != nullptr && execute->is_array()) {
        for (std::size_t i = 0; i < execute->size(); ++i) {
            if ((*execute)[i].is_object() && (*execute)[i].contains("invoke")) {
                Path path = execute_path;
                path.insert(path.end(), {std::to_string(i), "invoke", "target-url"});
                editor.set(path, url);
                return fmt::format("set the upstream to '{}'", url);
            }
        }
        editor.append(execute_path, Json::object({{"invoke", invoke}}));
    } else {
        editor.set(execute_path, Json::array({Json::object({{"invoke", invoke}})}));
    }
    return fmt::format("set the upstream to '{}'", url);
}

std::string implied_upstream(const Draft& draft)
{
    const char* suffix = "$(request.path)$(request.search)";
    if (draft.version == OpenApiVersion::v2) {
        const Json* host = object_member(draft.document, "host");
        if (host == nullptr || !host->is_string() || host->get<std::string>().empty()) {
            return {};
        }
        std::string scheme = "https";
        const Json* schemes = object_member(draft.document, "schemes");
        if (schemes && schemes->is_array() && !schemes->empty() && (*schemes)[0] == "http" &&
            std::find(schemes->begin(), schemes->end(), "https") == schemes->end()) {
            scheme = "http";
        }
        return scheme + "://" + host->get<std::string>() + suffix;
    }
    const Json* servers = object_member(draft.document, "servers");
    if (servers == nullptr || !servers->is_array()) {
        return {};
    }
    for (const Json& server : *servers) {
        const Json* url = object_member(server, "url");
        if (url == nullptr || !url->is_string()) {
            continue;
        }
        std::string text = url->get<std::string>();
        auto scheme_end = text.find("://");
        if (text.rfind("http", 0) != 0 || scheme_end == std::string::npos ||
            text.find('{') != std::string::npos) {
            continue;
        }
        auto path_start = text.find('/', scheme_end + 3);
        return text.substr(0, path_start) + suffix;
    }
    return {};
}

} // namespace apicat::openapi
