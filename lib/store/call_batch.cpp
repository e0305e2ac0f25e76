#include "store/call_batch.hpp"

#include "errors.hpp"

#include <algorithm>
#include <array>
#include <unordered_map>

namespace apicat::store {

namespace {

constexpr std::size_t strings_per_call = 6; // catalog, app, product, plan, api, operation

void put_varint(std::string& out, std::uint64_t value)
{
    while (value >= 0x80) {
        out.push_back(static_cast<char>((value & 0x7f) | 0x80));
        value >>= 7;
    }
    out.push_back(static_cast<char>(value));
}

class Reader {
public:
    explicit Reader(std::string_view bytes)
        : bytes_(bytes)
    {
    }
    std::uint64_t varint()
    {
        std::uint64_t value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (at_ >= bytes_.size()) {
                malformed();
            }
            const auto byte = static_cast<unsigned char>(bytes_[at_++]);
            value |= std::uint64_t{byte & 0x7fu} << shift;
            if ((byte & 0x80) == 0) {
                return value;
            }
        }
        malformed();
    }
    std::string_view bytes(std::size_t size)
    {
        if (bytes_.size() - at_ < size) {
            malformed();
        }
        const std::string_view taken = bytes_.substr(at_, size);
        at_ += size;
        return taken;
    }
    bool done() const { return at_ == bytes_.size(); }

    [[noreturn]] static void malformed()
    {
        throw Error("a batch of calls in the store is malformed",
                    "the store was changed by something other than apicat");
    }

private:
    std::string_view bytes_;
    std::size_t at_ = 0;
};

std::array<std::string_view, strings_per_call> strings_of(const CallRecord& call)
{
    return {call.catalog, call.app, call.product, call.plan, call.api, call.operation};
}

// Lists each distinct string once, and gives each call's strings as indexes into the list. A
// call mostly has the strings of the one before it, which is checked first.
class StringTable {
public:
    std::array<std::uint64_t, strings_per_call> indexes(const CallRecord& call)
    {
        const auto strings = strings_of(call);
        std::array<std::uint64_t, strings_per_call> found{};
        for (std::size_t i = 0; i < strings_per_call; ++i) {
            if (has_last_ && strings[i] == last_strings_[i]) {
                found[i] = last_indexes_[i];
                continue;
            }
            const auto [entry, added] = index_.try_emplace(strings[i], strings_.size());
            if (added) {
                strings_.push_back(strings[i]);
            }
            found[i] = entry->second;
        }
        last_strings_ = strings;
        last_indexes_ = found;
        has_last_ = true;
        return found;
    }
    const std::vector<std::string_view>& strings() const { return strings_; }

private:
    std::unordered_map<std::string_view, std::uint64_t> index_;
    std::vector<std::string_view> strings_;
    std::array<std::string_view, strings_per_call> last_strings_{};
    std::array<std::uint64_t, strings_per_call> last_indexes_{};
    bool has_last_ = false;
};

template <typename Calls, typename CallOf, typename NumberOf>
std::string encode(const Calls& calls, std::int64_t first_number, std::int64_t first_ms,
                   CallOf call_of, NumberOf number_of)
{
    StringTable table;
    std::string encoded_calls;
    encoded_calls.reserve(calls.size() * 12);
    for (std::size_t i = 0; i < calls.size(); ++i) {
        const CallRecord& call = call_of(calls[i]);
        put_varint(encoded_calls,
                   static_cast<std::uint64_t>(number_of(calls[i], i) - first_number));
        put_varint(encoded_calls, static_cast<std::uint64_t>(call.at_ms - first_ms));
        for (const std::uint64_t index : table.indexes(call)) {
            put_varint(encoded_calls, index);
        }
        put_varint(encoded_calls, static_cast<std::uint64_t>(std::max(call.status, 0)));
        put_varint(encoded_calls,
                   static_cast<std::uint64_t>(std::max<std::int64_t>(call.latency_us, 0)));
        put_varint(encoded_calls,
                   static_cast<std::uint64_t>(std::max<std::int64_t>(call.upstream_us, -1) + 1));
    }
    std::string batch;
    put_varint(batch, table.strings().size());
    for (const std::string_view text : table.strings()) {
        put_varint(batch, text.size());
        batch.append(text);
    }
    put_varint(batch, calls.size());
    return batch + encoded_calls;
}

} // namespace

std::string encode_call_batch(std::span<const CallRecord> calls, std::int64_t first_number,
                              std::int64_t first_ms)
{
    return encode(
        calls, first_number, first_ms,
        [](const CallRecord& call) -> const CallRecord& { return call; },
        [first_number](const CallRecord&, std::size_t i) {
            return first_number + static_cast<std::int64_t>(i);
        });
}

std::string encode_call_batch(std::span<const NumberedCall> calls, std::int64_t first_number,
                              std::int64_t first_ms)
{
    return encode(
        calls, first_number, first_ms,
        [](const NumberedCall& numbered) -> const CallRecord& { return numbered.call; },
        [](const NumberedCall& numbered, std::size_t) { return numbered.number; });
}

std::vector<NumberedCall> decode_call_batch(std::string_view bytes, std::int64_t first_number,
                                            std::int64_t first_ms)
{
    Reader reader(bytes);
    std::vector<std::string_view> strings(reader.varint());
    for (std::string_view& text : strings) {
        text = reader.bytes(reader.varint());
    }
    const auto string_at = [&strings](std::uint64_t index) {
        if (index >= strings.size()) {
            Reader::malformed();
        }
        return std::string(strings[index]);
    };
    std::vector<NumberedCall> calls(reader.varint());
    for (NumberedCall& numbered : calls) {
        numbered.number = first_number + static_cast<std::int64_t>(reader.varint());
        CallRecord& call = numbered.call;
        call.at_ms = first_ms + static_cast<std::int64_t>(reader.varint());
        call.catalog = string_at(reader.varint());
        call.app = string_at(reader.varint());
        call.product = string_at(reader.varint());
        call.plan = string_at(reader.varint());
        call.api = string_at(reader.varint());
        call.operation = string_at(reader.varint());
        call.status = static_cast<int>(reader.varint());
        call.latency_us = static_cast<std::int64_t>(reader.varint());
        call.upstream_us = static_cast<std::int64_t>(reader.varint()) - 1;
    }
    if (!reader.done()) {
        Reader::malformed();
    }
    return calls;
}

} // namespace apicat::store
