#pragma once

// New drafts: `apicat api create` writes one that proxies an existing REST service, and
// `apicat api import` gives an imported one an upstream.

#include "openapi/document_editor.hpp"
#include "openapi/draft.hpp"

#include <string>

namespace apicat::openapi {

struct NewApiSpec {
    std::string title;
    std::string version = "1.0.0";
    std::string base_path; // empty: "/" + the title's slug
    std::string target_url;
    OpenApiVersion openapi = OpenApiVersion::v2;
};

// "Weather Provider API" → "weather-provider-api".
std::string slug(const std::string& title);

// Accepts http(s) URLs (with $(request.path) and $(request.search)) and "mock:".
void check_target_url(const std::string& url);
void check_base_path(const std::string& path);

Json new_draft_document(const NewApiSpec& spec);

// Points the draft's first invoke at `url`, adding the x-ibm-configuration assembly if needed.
std::string set_upstream(DocumentEditor& editor, const Draft& draft, const std::string& url);

// The upstream an imported draft implies: its host (2.0) or first absolute server URL (3.x),
// followed by $(request.path)$(request.search). Empty when the draft names no host.
std::string implied_upstream(const Draft& draft);

} // namespace apicat::openapi
