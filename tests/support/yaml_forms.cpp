#include "support/yaml_forms.hpp"

#include <vector>

namespace apicat::test {

namespace {

std::string spaces(int n)
{
    return std::string(static_cast<std::size_t>(n), ' ');
}

} // namespace

std::uint32_t YamlFormGenerator::next(std::uint32_t bound)
{
    state_ = state_ * 1664525u + 1013904223u;
    return (state_ >> 8) % bound;
}

std::string YamlFormGenerator::fresh(const char* prefix)
{
    return prefix + std::to_string(++names_);
}

std::string YamlFormGenerator::draft()
{
    std::string text = next(3) == 0 ? "--- # a draft\n" : next(2) == 0 ? "---\n" : "";
    text += next(2) == 0 ? "swagger: '2.0'\n" : "? swagger\n: !!str 2.0\n";
    text += "info:\n  title: T\n";
    for (int i = 0, n = 1 + static_cast<int>(next(3)); i < n; ++i) {
        text += entry(2, 1, false);
    }
    text += next(2) == 0 ? "paths:\n" : "? paths\n# the paths\n:\n";
    for (int i = 0, n = 1 + static_cast<int>(next(3)); i < n; ++i) {
        text += entry(2, 1, true);
    }
    if (next(2) == 0) {
        text += entry(0, 1, false);
    }
    text += next(3) == 0 ? "...\n" : "";
    return text;
}

// A block mapping entry at `indent`, its line end included; `nested` gives it a block mapping
// as its value, and `depth` says how deep its value may nest further.
std::string YamlFormGenerator::entry(int indent, int depth, bool nested)
{
    if (!nested && next(12) == 0) {
        return spaces(indent) + "? " + fresh("k") + "   # no ':', so null\n";
    }
    std::string written = key(indent);
    return spaces(indent) + written + value(indent, depth, nested) + "\n";
}
// A key and its ':' (the value follows): implicit, or explicit over several lines.
std::string YamlFormGenerator::key(int indent)
{
    std::string name = fresh("k");
    std::string colon = "\n" + spaces(indent) + ":";
    switch (next(11)) {
    case 0:
        return "'" + name + "':";
    case 1:
        return "\"" + name + "\":";
    case 2:
        return "&" + fresh("a") + " " + name + ":";
    case 3:
        return "!!str " + name + ":";
    case 4:
        return "? " + name + colon;
    case 5:
        return "? " + name + "   # a comment\n" + spaces(indent) + "# and another" + colon;
    case 6:
        return std::string("? |") + (next(2) == 0 ? "-" : "") + "\n" + spaces(indent + 2) + name +
               colon;
    case 7:
        return "? \"" + name + "\\\n" + spaces(indent + 2) + "\\ folded\"" + colon;
    case 8:
        return "? '" + name + "\n" + spaces(indent + 2) + "folded'" + colon;
    case 9:
        return "? !<tag:yaml.org,2002:str> &" + fresh("a") + " " + name + colon;
    default:
        return name + ":";
    }
}

// What follows a key's ':': a scalar in one of its forms, a flow mapping, nothing, or a
// nested block mapping.
std::string YamlFormGenerator::value(int indent, int depth, bool nested)
{
    std::uint32_t form = nested ? 5 : next(depth > 0 ? 6 : 5);
    if (form == 5) {
        std::string lines;
        for (int i = 0, n = 1 + static_cast<int>(next(2)); i < n; ++i) {
            lines += "\n" + entry(indent + 2, depth - 1, false);
            lines.pop_back();
        }
        return lines;
    }
    if (form == 4) {
        return " " + flow_mapping(indent);
    }
    if (form == 3) {
        return "";
    }
    return form == 2 ? " " + block_scalar(indent) : " " + scalar_value(indent);
}

std::string YamlFormGenerator::scalar_value(int indent)
{
    std::string more = "\n" + spaces(indent + 4);
    switch (next(7)) {
    case 0:
        return "a plain scalar" + more + "folded over lines";
    case 1:
        return "'single-quoted," + more + "it''s folded too'";
    case 2:
        return "\"double-quoted\\t" + more + "\\ with a continuation\\" + more +
               "\\ as PyYAML wraps\"";
    case 3:
        return "!!str 2019-01-01";
    case 4:
        return "&" + fresh("v") + " anchored";
    case 5:
        return "!!binary R0lGODlhDAAMAIQAAP";
    default:
        return "'2017-10-23T02:33:30Z'";
    }
}

// A literal or folded scalar with an indentation and a chomping indicator, in either order.
std::string YamlFormGenerator::block_scalar(int indent)
{
    static const std::vector<std::string> indicators = {"", "-", "+", "2", "2-", "-2", "+1", "4+"};
    const std::string& indicator = indicators[next(static_cast<std::uint32_t>(indicators.size()))];
    int step = 2;
    for (char c : indicator) {
        if (c >= '1' && c <= '9') {
            step = c - '0';
        }
    }
    std::string lines = spaces(indent + step);
    std::string text = std::string(next(2) == 0 ? "|" : ">") + indicator + "\n" + lines +
                       "first line\n" + lines + "  more indented\n\n" + lines + "last line";
    return indicator.find('+') != std::string::npos ? text + "\n" : text;
}

// A flow mapping with an explicit key, on one line or over several.
std::string YamlFormGenerator::flow_mapping(int indent)
{
    std::string inner = spaces(indent + 4);
    if (next(2) == 0) {
        return "{? " + fresh("f") + " : 1, " + fresh("f") + ": [x, y], ? " + fresh("f") + "}";
    }
    return "{? '" + fresh("f") + "'\n" + inner + ": {? \"" + fresh("f") + "\n" + inner +
           "folded\" : 2}, &" + fresh("a") + " " + fresh("f") + ": 'multi\n" + inner + "line'}";
}

} // namespace apicat::test
