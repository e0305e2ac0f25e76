#include "openapi/render.hpp"

#include "openapi/scalar_text.hpp"

namespace apicat::openapi {

namespace {

std::string spaces(int n)
{
    return std::string(static_cast<std::size_t>(std::max(n, 0)), ' ');
}

bool is_empty_collection(const Json& value)
{
    return (value.is_object() || value.is_array()) && value.empty();
}

std::string json_scalar(const Json& value)
{
    return value.dump(-1, ' ', false, Json::error_handler_t::replace);
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
    return json_scalar(value);
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
    std::string out;
    for (const auto& [key, value] : object.items()) {
        if (!out.empty()) {
            out += style.eol;
        }
        out += spaces(column) + render_yaml_key(key, style) + ":" +
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
    if (!(value.is_object() || value.is_array()) || value.empty()) {
        return json_scalar(value);
    }
    std::string out = value.is_object() ? "{" : "[";
    bool first = true;
    for (const auto& [key, item] : value.items()) {
        out += first ? "" : ", ";
        first = false;
        if (value.is_object()) {
            out += json_string(key) + ": ";
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
