#include "product/api_reference.hpp"

#include "errors.hpp"
#include "openapi/draft.hpp"
#include "openapi/draft_template.hpp"
#include "product/product.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <system_error>
#include <vector>

namespace apicat::product {

namespace fs = std::filesystem;

namespace {

// A draft beside the product file, as a name reference sees it.
struct Candidate {
    std::string name; // x-ibm-name, or the title's slug
    std::string version;
    fs::path file;

    std::string str() const
    {
        return fmt::format("{}:{} ({})", name, version, file.filename().string());
    }
};

bool is_draft_extension(const fs::path& file)
{
    const std::string extension = file.extension().string();
    return extension == ".yaml" || extension == ".yml" || extension == ".json";
}

// The drafts in `folder`, in file-name order. A file that is not a draft (the product itself,
// another product, anything that does not parse) is no candidate.
std::vector<Candidate> drafts_in(const fs::path& folder)
{
    std::vector<fs::path> files;
    std::error_code error;
    for (const auto& entry : fs::directory_iterator(folder.empty() ? "." : folder, error)) {
        if (entry.is_regular_file(error) && is_draft_extension(entry.path())) {
            files.push_back(entry.path());
        }
    }
    std::sort(files.begin(), files.end());
    std::vector<Candidate> candidates;
    for (const fs::path& file : files) {
        openapi::Draft draft;
        try {
            draft = openapi::load_draft(file.string());
        } catch (const Error&) {
            continue;
        }
        const Json info = draft.document.value("info", Json::object());
        std::string name = info.value("x-ibm-name", "");
        if (name.empty()) {
            name = openapi::slug(openapi::api_title(draft));
        }
        candidates.push_back(Candidate{name, openapi::api_version(draft), file});
    }
    return candidates;
}

// "weather-provider-api:1.0.0" → name and version; without ':' any version matches.
ApiFile find_by_name(const fs::path& folder, const std::string& reference)
{
    const auto colon = reference.find(':');
    const std::string name = reference.substr(0, colon);
    const std::string version = colon == std::string::npos ? "" : reference.substr(colon + 1);
    const std::vector<Candidate> candidates = drafts_in(folder);
    std::vector<const Candidate*> matches;
    for (const Candidate& candidate : candidates) {
        if (candidate.name == name && (version.empty() || candidate.version == version)) {
            matches.push_back(&candidate);
        }
    }
    if (matches.size() == 1) {
        return ApiFile{matches.front()->file, "", ""};
    }
    std::vector<std::string> found;
    for (const Candidate& candidate : candidates) {
        found.push_back(candidate.str());
    }
    const std::string where = folder.empty() ? "." : folder.string();
    if (matches.size() > 1) {
        std::vector<std::string> files;
        for (const Candidate* match : matches) {
            files.push_back(match->str());
        }
        return ApiFile{{},
                       fmt::format("'{}' names {} drafts in {}: {}", reference, matches.size(),
                                   where, fmt::join(files, ", ")),
                       "write the version too ('name: API:VERSION'), or use $ref: FILE"};
    }
    return ApiFile{
        {},
        fmt::format("no draft in {} is '{}' (by info.x-ibm-name or the title's slug, and "
                    "info.version)",
                    where, reference),
        found.empty() ? "put the draft beside the product file, or use $ref: FILE"
                      : fmt::format("the drafts there: {}", fmt::join(found, ", "))};
}

} // namespace

fs::path ref_path(const std::string& ref)
{
    std::string portable = ref;
    std::replace(portable.begin(), portable.end(), '\\', '/');
    return fs::path(portable).lexically_normal();
}

ApiFile find_api_file(const Product& product, const ProductApi& api)
{
    const fs::path folder = fs::path(product.file).parent_path();
    if (api.ref.empty()) {
        return find_by_name(folder, api.reference);
    }
    // An absolute ref replaces the folder on its own.
    fs::path file = (folder / ref_path(api.ref)).lexically_normal();
    std::error_code error;
    if (!fs::is_regular_file(file, error)) {
        return ApiFile{{},
                       fmt::format("'{}' is not there", file.string()),
                       "write the draft's path relative to the product file"};
    }
    return ApiFile{file, "", ""};
}

fs::path resolve_api_file(const Product& product, const ProductApi& api)
{
    ApiFile found = find_api_file(product, api);
    if (!found.problem.empty()) {
        throw Error(fmt::format("{}: api '{}': {}", product.file, api.name, found.problem),
                    found.hint);
    }
    return found.path;
}

} // namespace apicat::product
