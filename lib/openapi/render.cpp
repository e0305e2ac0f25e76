#include "openapi/render.hpp"

#include "errors.hpp"
#include "openapi/scalar_text.hpp"

#include <algorithm>
#include <cmath>

namespace apicat::openapi {

std::string spaces(int columns)
{
    return std::string(static_cast<std::size_t>(std::max(columns, 0)), ' ');
}

namespace {

bool is_empty_collection(const Json& value)
{
    return (value.is_object() || value.is_array()) && value.empty();
}

bool is_non_finite(const Json& value)
{
    return value.is_number_float() && !std::isfinite(value.get<double>());
}

// JSON has no infinity and no NaN (nlohmann would write null): a document that holds one, read
// from YAML's .inf or .nan or from a JSON number too large for a double, cannot be written as
// JSON without changing what it means.
void require_finite(const Json& value)
{
    if (is_non_finite(value)) {
        throw Error("the document holds a number JSON cannot write (.inf or .nan)",
                    "quote it in the source, or keep the document in YAML");
    }
    if (value.is_structured()) {
        for (const Json& item : value) {
            require_finite(item);
        }
    }
}

std::string json_scalar(const Json& value)
{
    require_finite(value);
    return value.dump(-1, ' ', false, Json::error_handler_t::replace);
}

// A scalar in YAML's flow and block styles: as in JSON, but for YAML's own .inf and .nan.
std::string yaml_plain_scalar(const Json& value)
{
    if (is_non_finite(value)) {
        double number = value.get<double>();
        return std::isnan(number) ? ".nan" : number > 0 ? ".inf" : "-.inf";
    }
    return json_scalar(value);
}

} // namespace

std::string render_yaml_scalar(const Json& value, const TextStyle& style)
{
    if (value.is_string()) {
        const std::string& text = value.get_ref<const std::string&>();
        return plain_scalar_is_safe(text) ? text : quote_scalar(text, style.prefer_double_quotes);
    }
    if (value.is_null()) {
        return "null";
    }
    if (is_empty_collection(value)) {
        return value.is_object() ? "{}" : "[]";
    }
    return yaml_plain_scalar(value);
}

std::string render_yaml_key(const std::string& key, const TextStyle& style)
{
    return render_yaml_scalar(Json(key), style);
}

std::string render_yaml_after_key(const Json& value, int key_column, const TextStyle& style)
{
    if (value.is_object() && !value.empty()) {
        return style.eol + render_yaml_mapping(value, key_column + style.yaml_indent, style);
    }
    if (value.is_array() && !value.empty()) {
        return style.eol +
               render_yaml_sequence(value, key_column + style.yaml_sequence_offset, style);
    }
    return " " + render_yaml_scalar(value, style);
}

std::string render_yaml_after_dash(const Json& value, int dash_column, const TextStyle& style)
{
    // A nested collection starts on the dash's line: "- key: a" with the other keys below.
    int column = dash_column + 2;
    std::string lines;
    if (value.is_object() && !value.empty()) {
        lines = render_yaml_mapping(value, column, style);
    } else if (value.is_array() && !value.empty()) {
        lines = render_yaml_sequence(value, column, style);
    } else {
        return " " + render_yaml_scalar(value, style);
    }
    return " " + lines.substr(static_cast<std::size_t>(column));
}

std::string render_yaml_mapping(const Json& object, int column, const TextStyle& style)
{
    // YAML limits an implicit key ("key: value") to 1024 characters; a longer one is written
    // as an explicit key ("? key" with ": value" on the next line).
    constexpr std::size_t implicit_key_limit = 1024;
    std::string out;
    for (const auto& [key, value] : object.items()) {
        if (!out.empty()) {
            out += style.eol;
        }
        std::string written = render_yaml_key(key, style);
        if (written.size() > implicit_key_limit) {
            out += spaces(column) + "? " + written + style.eol;
        }
        out += spaces(column) + (written.size() > implicit_key_limit ? "" : written) + ":" +
               render_yaml_after_key(value, column, style);
    }
    return out;
}

std::string render_yaml_sequence(const Json& array, int dash_column, const TextStyle& style)
{
    std::string out;
    for (const Json& item : array) {
        if (!out.empty()) {
            out += style.eol;
        }
        out += spaces(dash_column) + "-" + render_yaml_after_dash(item, dash_column, style);
    }
    return out;
}

std::string render_json(const Json& value, const std::string& line_indent, const TextStyle& style)
{
    if (!style.json_multiline) {
        require_finite(value);
        return value.dump(-1, ' ', false, Json::error_handler_t::replace);
    }
    if (!(value.is_object() || value.is_array()) || value.empty()) {
        return json_scalar(value);
    }
    std::string inner = line_indent + style.json_indent;
    std::string out = value.is_object() ? "{" : "[";
    bool first = true;
    for (const auto& [key, item] : value.items()) {
        out += first ? style.eol : "," + style.eol;
        first = false;
        out += inner;
        if (value.is_object()) {
            out += json_string(key) + ": ";
        }
        out += render_json(item, inner, style);
    }
    out += style.eol + line_indent + (value.is_object() ? "}" : "]");
    return out;
}

std::string render_json_inline(const Json& value)
{
    if (value.is_string()) {
        return quote_scalar(value.get_ref<const std::string&>(), true);
    }
    if (!(value.is_object() || value.is_array()) || value.empty()) {
        return yaml_plain_scalar(value);
    }
    std::string out = value.is_object() ? "{" : "[";
    bool first = true;
    for (const auto& [key, item] : value.items()) {
        out += first ? "" : ", ";
        first = false;
        if (value.is_object()) {
            out += quote_scalar(key, true) + ": ";
        }
        out += render_json_inline(item);
    }
    return out + (value.is_object() ? "}" : "]");
}

std::string render_document(const Json& document, const TextStyle& style)
{
    if (style.syntax == Syntax::json) {
        return render_json(document, "", style) + style.eol;
    }
    if (document.is_object() && !document.empty()) {
        return render_yaml_mapping(document, 0, style) + style.eol;
    }
    return render_yaml_scalar(document, style) + style.eol;
}

} // namespace apicat::openapi
