#include "catalog/plain_import_line.hpp"

#include <initializer_list>
#include <utility>

namespace apicat::catalog {

namespace {

// A cursor over the line that gives up (returns false) at the first byte outside the plain
// subset; the caller then hands the line to the JSON parser.
class PlainReader {
public:
    explicit PlainReader(std::string_view text)
        : text_(text)
    {
    }

    void skip_space()
    {
        while (at_ < text_.size() && is_json_space(text_[at_])) {
            ++at_;
        }
    }

    bool take(char wanted)
    {
        skip_space();
        if (at_ < text_.size() && text_[at_] == wanted) {
            ++at_;
            return true;
        }
        return false;
    }

    bool peek(char wanted)
    {
        skip_space();
        return at_ < text_.size() && text_[at_] == wanted;
    }

    bool at_end()
    {
        skip_space();
        return at_ == text_.size();
    }

    // A string of printable ASCII without a backslash: read as is, with nothing to decode.
    // Such a string ends at the first quote, as only a backslash could escape one.
    std::optional<std::string_view> plain_string()
    {
        if (!take('"')) {
            return std::nullopt;
        }
        const std::size_t end = text_.find('"', at_);
        if (end == std::string_view::npos || !is_plain(text_.substr(at_, end - at_))) {
            return std::nullopt;
        }
        const std::string_view value = text_.substr(at_, end - at_);
        at_ = end + 1;
        return value;
    }

private:
    // Without a branch per byte, which the compiler can vectorize: a loop that stopped at the
    // first wrong byte took 8% of a large import's time.
    static bool is_plain(std::string_view value)
    {
        bool plain = true;
        for (const char c : value) {
            plain &= (c >= ' ') & (c <= '~') & (c != '\\');
        }
        return plain;
    }

    static bool is_json_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

    std::string_view text_;
    std::size_t at_ = 0;
};

// `"key": "value"` into the member the key names, which must be still unset.
bool read_member(
    PlainReader& reader, std::string_view key,
    std::initializer_list<std::pair<std::string_view, std::optional<std::string>*>> members)
{
    for (const auto& [name, member] : members) {
        if (key != name) {
            continue;
        }
        const auto value = reader.plain_string();
        if (member->has_value() || !value) {
            return false;
        }
        *member = std::string(*value);
        return true;
    }
    return false;
}

// {"product": "p", "plan": "gold"}, in either order.
std::optional<ImportedSubscription> read_subscription(PlainReader& reader)
{
    std::optional<std::string> product;
    std::optional<std::string> plan;
    if (!reader.take('{')) {
        return std::nullopt;
    }
    for (int member = 0; member < 2; ++member) {
        if (member == 1 && !reader.take(',')) {
            return std::nullopt;
        }
        const auto key = reader.plain_string();
        if (!key || !reader.take(':') ||
            !read_member(reader, *key, {{"product", &product}, {"plan", &plan}})) {
            return std::nullopt;
        }
    }
    if (!reader.take('}')) {
        return std::nullopt;
    }
    return ImportedSubscription{std::move(*product), std::move(*plan)};
}

bool read_subscriptions(PlainReader& reader, std::vector<ImportedSubscription>& subscriptions)
{
    if (!reader.take('[')) {
        return false;
    }
    if (reader.take(']')) {
        return true;
    }
    do {
        auto subscription = read_subscription(reader);
        if (!subscription) {
            return false;
        }
        subscriptions.push_back(std::move(*subscription));
    } while (reader.take(','));
    return reader.take(']');
}

} // namespace

std::optional<GivenImportLine> read_plain_import_line(std::string_view text)
{
    PlainReader reader(text);
    GivenImportLine given;
    bool subscriptions_seen = false;
    if (!reader.take('{')) {
        return std::nullopt;
    }
    if (!reader.peek('}')) {
        do {
            const auto key = reader.plain_string();
            if (!key || !reader.take(':')) {
                return std::nullopt;
            }
            if (*key == "subscriptions") {
                if (subscriptions_seen || !read_subscriptions(reader, given.subscriptions)) {
                    return std::nullopt;
                }
                subscriptions_seen = true;
            } else if (!read_member(reader, *key,
                                    {{"name", &given.name},
                                     {"client_id", &given.client_id},
                                     {"client_secret", &given.client_secret}})) {
                return std::nullopt;
            }
        } while (reader.take(','));
    }
    if (!reader.take('}') || !reader.at_end()) {
        return std::nullopt;
    }
    return given;
}

} // namespace apicat::catalog
