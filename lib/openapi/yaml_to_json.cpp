#include "openapi/yaml_to_json.hpp"

#include "errors.hpp"
#include "openapi/nesting.hpp"
#include "openapi/scalar_resolve.hpp"
#include "openapi/scalar_text.hpp"

#include <fmt/format.h>

#include <libfyaml.h>

#include <algorithm>
#include <cstdlib>
#include <memory>
#include <optional>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

namespace apicat::openapi {

namespace {

struct ParserDeleter {
    void operator()(fy_parser* parser) const { fy_parser_destroy(parser); }
};
struct DiagDeleter {
    void operator()(fy_diag* diag) const { fy_diag_unref(diag); }
};
// Frees the errors a diagnostic object collected (and the tokens they hold) while the parser
// whose tokens they are still exists: declared after the parser, it goes first.
struct CollectedErrors {
    fy_diag* diag;
    explicit CollectedErrors(fy_diag* collecting)
        : diag(collecting)
    {
    }
    CollectedErrors(const CollectedErrors&) = delete;
    CollectedErrors& operator=(const CollectedErrors&) = delete;
    ~CollectedErrors() { fy_diag_set_collect_errors(diag, false); }
};
struct EventDeleter {
    fy_parser* parser;
    void operator()(fy_event* event) const { fy_parser_event_free(parser, event); }
};
using Event = std::unique_ptr<fy_event, EventDeleter>;

std::string_view token_text(fy_token* token)
{
    std::size_t length = 0;
    const char* text = token == nullptr ? nullptr : fy_token_get_text(token, &length);
    return text == nullptr ? std::string_view() : std::string_view(text, length);
}

// Plain scalars, and scalars tagged with one of the core schema's non-string types, resolve
// by the YAML 1.2 core schema; quoted and block scalars and every other tag (`!!str`, `!`,
// `!custom`) stay strings.
Json scalar_value(fy_event* event, std::string_view text)
{
    std::string_view tag = token_text(event->scalar.tag);
    bool resolved = tag.empty()
                        ? fy_token_scalar_style(event->scalar.value) == FYSS_PLAIN
                        : tag == "tag:yaml.org,2002:int" || tag == "tag:yaml.org,2002:float" ||
                              tag == "tag:yaml.org,2002:bool" || tag == "tag:yaml.org,2002:null";
    return resolved ? resolve_plain_scalar(text) : Json(std::string(text));
}

// A mapping with more entries than this looks its keys up in a hash set rather than by
// comparing with each: paths and schemas objects hold thousands.
constexpr std::size_t mapping_linear_search_limit = 16;

// Builds one JSON value from the events of one YAML document, without a node tree between:
// on large drafts (GitHub's REST description is 10 MB of YAML) a tree costs more than the
// parsing itself. Collections gather their members in plain vectors and become JSON values
// when they close, so that no key is looked up in an ordered_json object while building.
class JsonBuilder {
public:
    JsonBuilder(std::string_view text, const std::string& file)
        : text_(text)
        , file_(file)
    {
    }

    std::optional<Json> take_document() { return std::move(document_); }

    void on_event(fy_event* event)
    {
        switch (event->type) {
        case FYET_SCALAR: {
            check_scalar_indentation(event);
            std::string decoded;
            std::string_view text = scalar_text(event, decoded);
            // A key keeps its text as written ("200", not 200); an empty untagged one reads as
            // null ("!" or "!!str" makes it the empty string).
            std::string_view tag = token_text(event->scalar.tag);
            bool empty_plain = text.empty() &&
                               fy_token_scalar_style(event->scalar.value) == FYSS_PLAIN &&
                               (tag.empty() || tag == "tag:yaml.org,2002:null");
            std::string_view anchor = token_text(event->scalar.anchor);
            // Half the scalars are keys: their value is not needed, unless an alias may need it.
            Json value = awaiting_key() && anchor.empty() ? Json() : scalar_value(event, text);
            deliver(std::move(value), empty_plain ? std::string_view("null") : text, event, anchor,
                    0);
            break;
        }
        case FYET_ALIAS: {
            std::string_view name = token_text(event->alias.anchor);
            auto it = anchors_.find(std::string(name));
            if (it == anchors_.end()) {
                throw Error(
                    fmt::format("{}: invalid YAML: the alias '*{}' names no anchor before it",
                                where(event).str(), name),
                    "define the anchor ('&" + std::string(name) + "') before its first use");
            }
            if (static_cast<int>(stack_.size()) + it->second.height > max_nesting_depth) {
                throw excess_nesting_error(file_, top_key());
            }
            const Anchored& anchored = it->second;
            deliver(Json(anchored.value),
                    anchored.key_text ? std::optional<std::string_view>(*anchored.key_text)
                                      : std::nullopt,
                    event, {}, anchored.height);
            break;
        }
        case FYET_SEQUENCE_START:
            open(false, event, token_text(event->sequence_start.anchor));
            break;
        case FYET_MAPPING_START:
            open(true, event, token_text(event->mapping_start.anchor));
            break;
        case FYET_SEQUENCE_END:
        case FYET_MAPPING_END:
            close(event);
            break;
        default:
            break;
        }
    }

private:
    struct Frame {
        bool mapping = false;
        std::vector<Json> items;
        std::vector<std::pair<std::string, Json>> entries;
        std::optional<std::string> key;       // a mapping's key waiting for its value
        std::unordered_set<std::string> keys; // once entries outgrow mapping_linear_search_limit
        std::string anchor;
        int height = 0;  // of the tallest member so far
        int column = -1; // of its first key or dash
        bool flow = false;
    };
    struct Anchored {
        Json value;
        std::optional<std::string> key_text; // a scalar's, so that an alias can be a key
        int height = 0;
    };

    std::string_view text_;
    const std::string& file_;
    std::vector<Frame> stack_;
    std::unordered_map<std::string, Anchored> anchors_;
    std::optional<Json> document_;

    // In block style, a scalar's further lines stand to the right of the key, '?' or '-' that
    // holds it. libfyaml (0.7.12) reads lines at that column or left of it as the scalar's
    // too, block or quoted, and then returns a text with bytes it never wrote: such a file is
    // refused, as YAML refuses it.
    void check_scalar_indentation(fy_event* event) const
    {
        auto style = fy_token_scalar_style(event->scalar.value);
        if (style == FYSS_PLAIN || stack_.empty() || stack_.back().flow) {
            return;
        }
        const fy_mark* start = fy_event_start_mark(event);
        const fy_mark* end = fy_event_end_mark(event);
        if (start == nullptr || end == nullptr || end->input_pos > text_.size()) {
            return;
        }
        std::string_view scalar = text_.substr(start->input_pos, end->input_pos - start->input_pos);
        int parent_column = stack_.back().column;
        // A quoted scalar starts at its quote; a block scalar at its indicator, or at the start
        // of its first line of content.
        int line = start->line;
        std::size_t line_begin = 0;
        if (start->column != 0 || (style != FYSS_LITERAL && style != FYSS_FOLDED)) {
            line_begin = scalar.find('\n');
            if (line_begin == std::string_view::npos) {
                return;
            }
            ++line_begin;
            ++line;
        }
        while (line_begin < scalar.size()) {
            std::size_t content = scalar.find_first_not_of(' ', line_begin);
            if (content == std::string_view::npos) {
                return;
            }
            int column = static_cast<int>(content - line_begin);
            bool blank = scalar[content] == '\n' || scalar[content] == '\r';
            if (!blank && column <= parent_column) {
                throw Error(fmt::format("{}: invalid YAML: a scalar's line is not indented "
                                        "more than the key or '-' it belongs to",
                                        SourceLocation{file_, line + 1, column + 1}.str()),
                            "indent the scalar's further lines under its key");
            }
            std::size_t next = scalar.find('\n', line_begin);
            if (next == std::string_view::npos) {
                return;
            }
            line_begin = next + 1;
            ++line;
        }
    }

    // A scalar's text. libfyaml (0.7.12) misreads two kinds, read here as YAML says:
    // - an empty block scalar ending the text (`x: |` and its line break, last) reads as one
    //   NUL byte; a block scalar holds no escapes and YAML allows no NUL in a text, so that
    //   byte is always libfyaml's, and the scalar is empty;
    // - a single-quoted scalar with consecutive doubled quotes ('''''27' reads as '''2, not
    //   ''27) is decoded from the source, into `decoded`.
    std::string_view scalar_text(fy_event* event, std::string& decoded) const
    {
        std::string_view text = token_text(event->scalar.value);
        const auto style = fy_token_scalar_style(event->scalar.value);
        if ((style == FYSS_LITERAL || style == FYSS_FOLDED) && text == std::string_view("\0", 1)) {
            return {};
        }
        const fy_mark* start = fy_event_start_mark(event);
        const fy_mark* end = fy_event_end_mark(event);
        if (style != FYSS_SINGLE_QUOTED || start == nullptr || end == nullptr ||
            start->input_pos == 0 || end->input_pos >= text_.size()) {
            return text;
        }
        std::string_view quoted =
            text_.substr(start->input_pos - 1, end->input_pos - start->input_pos + 2);
        if (quoted.front() != '\'' || quoted.back() != '\'' ||
            quoted.substr(1, quoted.size() - 2).find("''") == std::string_view::npos) {
            return text;
        }
        decoded = decode_quoted_scalar(quoted);
        return decoded;
    }

    bool awaiting_key() const
    {
        return !stack_.empty() && stack_.back().mapping && !stack_.back().key;
    }

    // The top-level key whose value is being read, for nesting errors.
    std::string top_key() const
    {
        const Frame& root = stack_.front();
        return root.mapping && root.key ? *root.key : "";
    }

    SourceLocation where(fy_event* event) const
    {
        const fy_mark* mark = fy_event_start_mark(event);
        return mark == nullptr ? SourceLocation{file_, 0, 0}
                               : SourceLocation{file_, mark->line + 1, mark->column + 1};
    }

    void open(bool mapping, fy_event* event, std::string_view anchor)
    {
        if (!stack_.empty() && stack_.back().mapping && !stack_.back().key) {
            throw Error(
                fmt::format("{}: a mapping key must be a plain string", where(event).str()));
        }
        if (static_cast<int>(stack_.size()) >= max_nesting_depth) {
            // Deeper documents are refused anyway (nesting.hpp); stopping here keeps a file of
            // a million '[' from being built first.
            throw excess_nesting_error(file_, top_key());
        }
        Frame& frame = stack_.emplace_back();
        frame.mapping = mapping;
        frame.anchor = std::string(anchor);
        const fy_mark* mark = fy_event_start_mark(event);
        frame.column = mark == nullptr ? -1 : mark->column;
        fy_token* start_token =
            mapping ? event->mapping_start.mapping_start : event->sequence_start.sequence_start;
        auto type = start_token == nullptr ? FYTT_NONE : fy_token_get_type(start_token);
        frame.flow = type == FYTT_FLOW_MAPPING_START || type == FYTT_FLOW_SEQUENCE_START;
    }

    void close(fy_event* event)
    {
        Frame frame = std::move(stack_.back());
        stack_.pop_back();
        Json value;
        if (frame.mapping) {
            value = Json::object();
            auto& object = value.get_ref<Json::object_t&>();
            object.reserve(frame.entries.size());
            for (auto& [key, member] : frame.entries) {
                object.emplace_back(std::move(key), std::move(member));
            }
        } else {
            value = Json::array();
            value.get_ref<Json::array_t&>() = std::move(frame.items);
        }
        deliver(std::move(value), std::nullopt, event, frame.anchor, frame.height + 1);
    }

    // Puts a finished value where it belongs: the document, a sequence, a mapping's key, or
    // the value of the key before it.
    // `height`: how many levels of collections the value holds (0 for a scalar).
    void deliver(Json value, std::optional<std::string_view> key_text, fy_event* event,
                 std::string_view anchor, int height)
    {
        if (!anchor.empty()) {
            anchors_[std::string(anchor)] = Anchored{
                value, key_text ? std::optional<std::string>(*key_text) : std::nullopt, height};
        }
        if (stack_.empty()) {
            document_ = std::move(value);
            return;
        }
        Frame& parent = stack_.back();
        parent.height = std::max(parent.height, height);
        if (!parent.mapping) {
            parent.items.push_back(std::move(value));
        } else if (!parent.key) {
            if (!key_text) {
                throw Error(
                    fmt::format("{}: a mapping key must be a plain string", where(event).str()));
            }
            std::string key(*key_text);
            if (has_key(parent, key)) {
                throw Error(
                    fmt::format("{}: duplicate key '{}'", where(event).str(), key),
                    "remove or rename one of the two; readers disagree about which one wins");
            }
            parent.key = std::move(key);
        } else {
            parent.entries.emplace_back(std::move(*parent.key), std::move(value));
            parent.key.reset();
        }
    }

    // Whether the mapping has `key` already, and if not, notes it.
    static bool has_key(Frame& frame, const std::string& key)
    {
        if (frame.entries.size() < mapping_linear_search_limit) {
            for (const auto& entry : frame.entries) {
                if (entry.first == key) {
                    return true;
                }
            }
            return false;
        }
        if (frame.keys.empty()) {
            for (const auto& entry : frame.entries) {
                frame.keys.insert(entry.first);
            }
        }
        return !frame.keys.insert(key).second;
    }
};

// libfyaml's diagnostics, kept rather than printed (lib/ does not print). An error at a place
// in the text is collected (fy_diag_set_collect_errors), with its line and column: printed, it
// would be followed by the offending line, and libfyaml 0.7.12 reads past the text showing it
// for some input (a fuzzed product file crashed `apicat` there). Other errors are printed, as
// "SOURCE:LINE:COLUMN: error: MESSAGE", and the first of those is kept.
void keep_first_error(fy_diag*, void* user, const char* text, std::size_t length)
{
    auto& first = *static_cast<std::string*>(user);
    std::string_view line(text, length);
    if (first.empty() && line.find(": error: ") != std::string_view::npos) {
        first = std::string(line.substr(0, line.find('\n')));
    }
}

[[noreturn]] void throw_parse_error(fy_diag* diag, const std::string& diagnostic,
                                    const std::string& file)
{
    void* iterator = nullptr;
    if (const fy_diag_error* collected = fy_diag_errors_iterate(diag, &iterator)) {
        SourceLocation where{file};
        where.line = collected->line;
        where.column = collected->column;
        throw Error(fmt::format("{}: invalid YAML: {}", where.str(), collected->msg),
                    "check the indentation and the ':' of that line and the one before it");
    }
    std::size_t marker = diagnostic.find(": error: ");
    std::string message =
        marker == std::string::npos ? "the text is not YAML" : diagnostic.substr(marker + 9);
    SourceLocation where{file};
    if (marker != std::string::npos) {
        std::string_view head(diagnostic.data(), marker);
        std::size_t column_colon = head.rfind(':');
        std::size_t line_colon = column_colon == std::string_view::npos
                                     ? column_colon
                                     : head.rfind(':', column_colon - 1);
        if (line_colon != std::string_view::npos) {
            where.line = std::atoi(std::string(head.substr(line_colon + 1)).c_str());
            where.column = std::atoi(std::string(head.substr(column_colon + 1)).c_str());
        }
    }
    throw Error(fmt::format("{}: invalid YAML: {}", where.str(), message),
                "check the indentation and the ':' of that line and the one before it");
}

} // namespace

Json yaml_to_json(std::string_view text, const std::string& file)
{
    fy_diag_cfg diag_config;
    fy_diag_cfg_default(&diag_config);
    std::string first_error;
    diag_config.fp = nullptr;
    diag_config.output_fn = keep_first_error;
    diag_config.user = &first_error;
    diag_config.colorize = false;
    diag_config.show_source = false;
    diag_config.show_type = false;
    diag_config.show_module = false;
    diag_config.show_position = true;
    std::unique_ptr<fy_diag, DiagDeleter> diag(fy_diag_create(&diag_config));
    if (!diag) {
        throw Error("out of memory reading YAML");
    }
    fy_parse_cfg config{};
    // Duplicate keys and depth are apicat's own checks (its messages, nesting.hpp's limit);
    // the event parser keeps no stack of its own that depth could exhaust. A flow collection
    // may close at the column of its key, as PyYAML, js-yaml and yaml-cpp all read it.
    config.flags = static_cast<fy_parse_cfg_flags>(
        FYPCF_QUIET | FYPCF_DISABLE_DEPTH_LIMIT | FYPCF_SLOPPY_FLOW_INDENTATION |
        FYPCF_ALLOW_DUPLICATE_KEYS | FYPCF_DEFAULT_VERSION_1_2 | FYPCF_JSON_NONE);
    config.diag = diag.get();
    fy_diag_set_collect_errors(diag.get(), true);
    std::unique_ptr<fy_parser, ParserDeleter> parser(fy_parser_create(&config));
    const CollectedErrors collected{diag.get()};
    if (!parser || fy_parser_set_string(parser.get(), text.data(), text.size()) != 0) {
        throw Error("out of memory reading YAML");
    }

    JsonBuilder builder(text, file);
    std::optional<Json> document;
    int documents = 0;
    while (Event event{fy_parser_parse(parser.get()), EventDeleter{parser.get()}}) {
        if (event->type == FYET_DOCUMENT_START && ++documents > 1) {
            throw Error(fmt::format("{}: the file holds more than one YAML document; an OpenAPI "
                                    "draft is one",
                                    file),
                        "split the file at its '---' lines");
        }
        builder.on_event(event.get());
    }
    if (fy_parser_get_stream_error(parser.get())) {
        throw_parse_error(diag.get(), first_error, file);
    }
    document = builder.take_document();
    if (!document || document->is_null()) {
        throw Error(fmt::format("{}: the file holds no YAML document", file));
    }
    return std::move(*document);
}

} // namespace apicat::openapi
