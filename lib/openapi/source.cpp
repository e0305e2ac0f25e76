#include "openapi/source.hpp"

#include "errors.hpp"
#include "openapi/json_fast_read.hpp"
#include "openapi/layout.hpp"
#include "openapi/nesting.hpp"
#include "openapi/yaml_to_json.hpp"
#include "util/text_file.hpp"

#include <fmt/format.h>

namespace apicat::openapi {

namespace {

bool has_extension(const std::string& name, std::string_view extension)
{
    return name.size() >= extension.size() &&
           name.compare(name.size() - extension.size(), extension.size(), extension) == 0;
}

char first_content_char(std::string_view text)
{
    for (char c : text) {
        if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
            return c;
        }
    }
    return '\0';
}

Syntax detect_syntax(const std::string& name, std::string_view text)
{
    if (has_extension(name, ".json")) {
        return Syntax::json;
    }
    if (has_extension(name, ".yaml") || has_extension(name, ".yml")) {
        return Syntax::yaml;
    }
    char first = first_content_char(text);
    if ((first == '{' || first == '[') && Json::accept(text)) {
        return Syntax::json;
    }
    return Syntax::yaml;
}

void check_text(const std::string& name, std::string_view text)
{
    if (auto offset = util::find_binary_content(text)) {
        LineIndex lines(text);
        SourceLocation where{name, lines.line_of(*offset) + 1, lines.column_of(*offset) + 1};
        throw Error(fmt::format("{}: not a text file (byte {} is not UTF-8 text)", where.str(),
                                *offset + 1),
                    "apicat reads OpenAPI documents in YAML or JSON, encoded as UTF-8");
    }
    if (first_content_char(text) == '\0') {
        throw Error(
            fmt::format("{}: the file is empty", name),
            "create a draft with 'apicat api create' or import one with 'apicat api import'");
    }
}

// nlohmann's messages read "[json.exception.parse_error.101] parse error at line 3, column
// 5: syntax error while parsing object - unexpected ...": keep what follows the position.
std::string json_error_detail(const std::string& what)
{
    auto at = what.find("syntax error while parsing ");
    if (at != std::string::npos) {
        return what.substr(at + 27);
    }
    auto colon = what.find(": ", what.find("parse error"));
    return colon == std::string::npos ? what : what.substr(colon + 2);
}

Json parse_json(const Source& source)
{
    if (std::optional<Json> document = read_json_fast(source.text)) {
        return std::move(*document);
    }
    try {
        Json document = Json::parse(source.text);
        check_nesting_depth(document, source.file);
        return document;
    } catch (const Json::parse_error& e) {
        LineIndex lines(source.text);
        std::size_t offset = e.byte == 0 ? 0 : std::min(e.byte - 1, source.text.size());
        SourceLocation where{source.file, lines.line_of(offset) + 1, lines.column_of(offset) + 1};
        throw Error(fmt::format("{}: invalid JSON: {}", where.str(), json_error_detail(e.what())),
                    "check for a missing ',' or '\"', or a trailing ',' before that place");
    } catch (const Json::out_of_range& e) {
        // "number overflow parsing '1e400'": nlohmann says which number, not where.
        std::string what = e.what();
        throw Error(
            fmt::format("{}: invalid JSON: {}", source.file, what.substr(what.find(']') + 2)),
            "a JSON number must fit a double (about 1.8e308)");
    }
}

} // namespace

Syntax syntax_for_new_file(const std::string& name)
{
    return has_extension(name, ".json") ? Syntax::json : Syntax::yaml;
}

Source read_source(const std::string& file)
{
    return source_from_text(file, util::read_text_file(file));
}

Source source_from_text(std::string name, std::string text)
{
    check_text(name, text);
    Syntax syntax = detect_syntax(name, text);
    return Source{std::move(name), std::move(text), syntax};
}

Json parse_source(const Source& source)
{
    // Each reader refuses a document nested deeper than max_nesting_depth itself.
    return source.syntax == Syntax::json ? parse_json(source)
                                         : yaml_to_json(source.text, source.file);
}

} // namespace apicat::openapi
