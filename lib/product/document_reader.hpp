#pragma once

// Reading a product document: values checked at their path, and what is wrong reported at the
// place it is written (file:line:column when the text is at hand, else the document's name).

#include "errors.hpp"
#include "json.hpp"
#include "openapi/source.hpp"
#include "openapi/validation.hpp"

#include <optional>
#include <string>

namespace apicat::product {

extern const char* const product_hint;

std::string dotted(const openapi::Path& path);
using openapi::child;
const char* kind_of(const Json& value);
const Json* find(const Json& object, const std::string& key);

class DocumentReader {
public:
    // A product file as written: messages name file:line:column.
    explicit DocumentReader(const openapi::Source& source);
    // A document without its text (a published snapshot): messages name `where`.
    explicit DocumentReader(std::string where);

    [[noreturn]] void fail(const openapi::Path& where, const std::string& what,
                           const std::string& hint = product_hint);

    const Json& require(const Json& object, const openapi::Path& path, const std::string& hint);
    void expect_mapping(const Json& value, const openapi::Path& path, const std::string& hint);
    std::string text(const Json& value, const openapi::Path& path, const std::string& hint);
    bool boolean(const Json& value, const openapi::Path& path, const std::string& hint);

    // A version may be written unquoted (`version: 1.10`); it means the digits as written,
    // which the number the YAML reader made of them no longer tells.
    std::string version(const Json& value, const openapi::Path& path, const std::string& hint);

    // `name` is the value at `path`, or with `is_key` the last key of `path`.
    void check_name(const std::string& name, const openapi::Path& path, const std::string& what,
                    bool is_key);

private:
    const openapi::Source* source_ = nullptr;
    std::string where_;
    std::optional<openapi::Locator> locator_;

    SourceLocation locate(const openapi::Path& path);
    std::string scalar_as_written(const openapi::Path& path, const Json& value) const;
    SourceLocation key_location(const openapi::Path& path);
};

} // namespace apicat::product
