#pragma once

// Objects a command hands over for the process's exit to reclaim.
//
// A command that reads a large document ends soon after: freeing GitHub's REST description
// node by node (its meaning, the editor's copy of it and its layout, a million allocations)
// takes 0.1 s, longer than the rest of an edit of it, and the exit returns the memory at
// once. The objects stay reachable from here, so leak checkers see no leak.

#include <memory>
#include <vector>

namespace apicat::util {

// Takes `object` and keeps it alive until the process exits, without destroying it.
template <typename T> T& keep_until_exit(std::unique_ptr<T> object)
{
    static auto* kept = new std::vector<std::shared_ptr<void>>();
    T& reference = *object;
    kept->push_back(std::shared_ptr<void>(std::move(object)));
    return reference;
}

} // namespace apicat::util
