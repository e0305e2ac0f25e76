#pragma once

// A map from strings to values for the gateway's per-call lookups (its held apps, its rate
// windows): open addressing over a flat array of (hash, node) slots, each node one allocation
// holding its value and its key's characters. Finding a held key reads the slot, then the
// node: two cache lines, where std::unordered_map reads four one after the other (the bucket,
// the node before, the node, the key's characters on the heap). With calls spread over
// thousands of apps those lines are not in the cache, and each is a wait on memory
// (docs/gateway.md, "Calls spread over many apps").
//
// Values stay where they are while others are inserted or removed; a value's address lasts
// until its key is erased. Not thread-safe: callers lock.

#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <functional>
#include <new>
#include <string_view>
#include <utility>
#include <vector>

namespace apicat::util {

template <class Value> class FlatStringMap {
public:
    FlatStringMap() = default;
    FlatStringMap(const FlatStringMap&) = delete;
    FlatStringMap& operator=(const FlatStringMap&) = delete;
    ~FlatStringMap() { clear(); }

    // The value held for `key`, or nullptr.
    Value* find(std::string_view key)
    {
        if (size_ == 0) {
            return nullptr;
        }
        const std::uint64_t hash = hash_of(key);
        for (std::size_t i = home(hash); slots_[i].node != nullptr; i = (i + 1) & mask()) {
            if (slots_[i].hash == hash && slots_[i].node->key() == key) {
                return &slots_[i].node->value;
            }
        }
        return nullptr;
    }

    // The value held for `key`, inserted value-initialised when there was none.
    Value& operator[](std::string_view key)
    {
        if (Value* found = find(key)) {
            return *found;
        }
        if ((size_ + 1) * 2 > slots_.size()) {
            grow();
        }
        const std::uint64_t hash = hash_of(key);
        std::size_t i = home(hash);
        while (slots_[i].node != nullptr) {
            i = (i + 1) & mask();
        }
        slots_[i] = Slot{hash, Node::make(key)};
        ++size_;
        return slots_[i].node->value;
    }

    // Whether `key` was held.
    bool erase(std::string_view key)
    {
        if (size_ == 0) {
            return false;
        }
        const std::uint64_t hash = hash_of(key);
        for (std::size_t i = home(hash); slots_[i].node != nullptr; i = (i + 1) & mask()) {
            if (slots_[i].hash == hash && slots_[i].node->key() == key) {
                erase_slot(i);
                return true;
            }
        }
        return false;
    }

    // Erases one held key, chosen by `pick` (any number: the same number picks the same key
    // while the map does not change). Does nothing when the map is empty.
    void erase_one(std::uint64_t pick)
    {
        if (size_ == 0) {
            return;
        }
        std::size_t i = pick & mask();
        while (slots_[i].node == nullptr) {
            i = (i + 1) & mask();
        }
        erase_slot(i);
    }

    void clear()
    {
        for (Slot& slot : slots_) {
            if (slot.node != nullptr) {
                Node::destroy(slot.node);
                slot.node = nullptr;
            }
        }
        size_ = 0;
    }

    std::size_t size() const { return size_; }

private:
    // The value, then the key's characters in the same allocation.
    struct Node {
        Value value{};
        std::size_t key_size = 0;

        std::string_view key() const { return {reinterpret_cast<const char*>(this + 1), key_size}; }

        static Node* make(std::string_view key)
        {
            void* memory = ::operator new(sizeof(Node) + key.size());
            Node* node = new (memory) Node;
            node->key_size = key.size();
            std::memcpy(reinterpret_cast<char*>(node + 1), key.data(), key.size());
            return node;
        }

        static void destroy(Node* node)
        {
            node->~Node();
            ::operator delete(node);
        }
    };

    struct Slot {
        std::uint64_t hash = 0;
        Node* node = nullptr; // nullptr: empty
    };

    static std::uint64_t hash_of(std::string_view key)
    {
        return std::hash<std::string_view>{}(key);
    }

    std::size_t mask() const { return slots_.size() - 1; }

    // Where a hash's probe starts: from its high bits, mixed by Fibonacci hashing, since
    // callers that shard by the same std::hash (the gateway's app cache) give one shard's map
    // keys whose low bits are all alike.
    std::size_t home(std::uint64_t hash) const
    {
        return static_cast<std::size_t>((hash * 0x9E3779B97F4A7C15U) >> shift_);
    }

    void grow()
    {
        const std::size_t size = slots_.empty() ? 16 : slots_.size() * 2;
        std::vector<Slot> old = std::exchange(slots_, std::vector<Slot>(size));
        shift_ = 64 - static_cast<unsigned>(std::countr_zero(size));
        for (const Slot& slot : old) {
            if (slot.node != nullptr) {
                std::size_t i = home(slot.hash);
                while (slots_[i].node != nullptr) {
                    i = (i + 1) & mask();
                }
                slots_[i] = slot;
            }
        }
    }

    // Backward-shift deletion: the slots after the hole that probed past it move back, so that
    // lookups stop at the first empty slot and no tombstones build up.
    void erase_slot(std::size_t hole)
    {
        Node::destroy(slots_[hole].node);
        slots_[hole].node = nullptr;
        --size_;
        for (std::size_t i = (hole + 1) & mask(); slots_[i].node != nullptr; i = (i + 1) & mask()) {
            const std::size_t start = home(slots_[i].hash);
            // Whether the slot's probe starts cyclically outside (hole, i]: then it may fill the
            // hole.
            const bool may_move =
                hole <= i ? (start <= hole || start > i) : (start <= hole && start > i);
            if (may_move) {
                slots_[hole] = slots_[i];
                slots_[i].node = nullptr;
                hole = i;
            }
        }
    }

    std::vector<Slot> slots_; // a power of two in size, at most half full
    unsigned shift_ = 64;     // 64 - log2(slots_.size())
    std::size_t size_ = 0;
};

} // namespace apicat::util
