#include "openapi/yaml_to_json.hpp"

#include "errors.hpp"
#include "openapi/scalar_resolve.hpp"

#include <fmt/format.h>

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/parser.h>

#include <map>
#include <optional>
#include <sstream>
#include <unordered_set>
#include <vector>

namespace apicat::openapi {

namespace {

SourceLocation location(const std::string& file, const YAML::Mark& mark)
{
    return SourceLocation{file, mark.line + 1, mark.column + 1};
}

Json scalar_value(const std::string& tag, const std::string& text)
{
    static const std::string core = "tag:yaml.org,2002:";
    bool resolved = tag == "?" || tag == core + "int" || tag == core + "float" ||
                    tag == core + "bool" || tag == core + "null";
    return resolved ? resolve_plain_scalar(text) : Json(text); // quoted ("!") or !!str
}

// Builds one JSON value from the events of one YAML document.
class JsonBuilder : public YAML::EventHandler {
public:
    explicit JsonBuilder(const std::string& file)
        : file_(file)
    {
    }

    std::optional<Json> take_document() { return std::move(document_); }

    void OnDocumentStart(const YAML::Mark&) override {}
    void OnDocumentEnd() override {}

    void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override
    {
        deliver(nullptr, "null", mark, anchor);
    }

    void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override
    {
        auto it = anchors_.find(anchor);
        Json value = it == anchors_.end() ? Json() : it->second;
        deliver(std::move(value), std::nullopt, mark, 0);
    }

    void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                  const std::string& value) override
    {
        deliver(scalar_value(tag, value), value, mark, anchor);
    }

    void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                         YAML::EmitterStyle::value) override
    {
        open(Json::array(), mark, anchor);
    }
    void OnSequenceEnd() override { close(); }

    void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                    YAML::EmitterStyle::value) override
    {
        open(Json::object(), mark, anchor);
    }
    void OnMapEnd() override { close(); }

private:
    struct Frame {
        Json value;
        YAML::Mark mark;
        YAML::anchor_t anchor = 0;
        std::optional<std::string> key; // a mapping's key waiting for its value
        std::unordered_set<std::string> keys;
    };

    const std::string& file_;
    std::vector<Frame> stack_;
    std::map<YAML::anchor_t, Json> anchors_;
    std::optional<Json> document_;

    void open(Json value, const YAML::Mark& mark, YAML::anchor_t anchor)
    {
        if (!stack_.empty() && stack_.back().value.is_object() && !stack_.back().key) {
            throw Error(fmt::format("{}: a mapping key must be a plain string",
                                    location(file_, mark).str()));
        }
        stack_.push_back(Frame{std::move(value), mark, anchor, std::nullopt, {}});
    }

    void close()
    {
        Frame frame = std::move(stack_.back());
        stack_.pop_back();
        deliver(std::move(frame.value), std::nullopt, frame.mark, frame.anchor);
    }

    // Puts a finished value where it belongs: the document, a sequence, a mapping's key, or
    // the value of the key before it. `text` is a scalar's source text, which a key keeps
    // as it is written ("200", not 200).
    void deliver(Json value, const std::optional<std::string>& text, const YAML::Mark& mark,
                 YAML::anchor_t anchor)
    {
        if (anchor != 0) {
            anchors_[anchor] = value;
        }
        if (stack_.empty()) {
            document_ = std::move(value);
            return;
        }
        Frame& parent = stack_.back();
        if (parent.value.is_array()) {
            parent.value.push_back(std::move(value));
        } else if (!parent.key) {
            if (!text) {
                throw Error(fmt::format("{}: a mapping key must be a plain string",
                                        location(file_, mark).str()));
            }
            if (!parent.keys.insert(*text).second) {
                throw Error(
                    fmt::format("{}: duplicate key '{}'", location(file_, mark).str(), *text),
                    "remove or rename one of the two; readers disagree about which one wins");
            }
            parent.key = *text;
        } else {
            parent.value.push_back({std::move(*parent.key), std::move(value)});
            parent.key.reset();
        }
    }
};

} // namespace

Json yaml_to_json(std::string_view text, const std::string& file)
{
    std::istringstream stream{std::string(text)};
    YAML::Parser parser(stream);
    JsonBuilder builder(file);
    std::optional<Json> document;
    try {
        if (!parser.HandleNextDocument(builder)) {
            throw Error(fmt::format("{}: the file holds no YAML document", file));
        }
        document = builder.take_document();
        if (parser.HandleNextDocument(builder)) {
            throw Error(fmt::format("{}: the file holds more than one YAML document; an OpenAPI "
                                    "draft is one",
                                    file),
                        "split the file at its '---' lines");
        }
    } catch (const YAML::Exception& e) {
        throw Error(fmt::format("{}: invalid YAML: {}", location(file, e.mark).str(), e.msg),
                    "check the indentation and the ':' of that line and the one before it");
    }
    if (!document || document->is_null()) {
        throw Error(fmt::format("{}: the file holds no YAML document", file));
    }
    return std::move(*document);
}

} // namespace apicat::openapi
