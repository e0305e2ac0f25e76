#include "util/batched_lines.hpp"

#include <exception>
#include <utility>

namespace apicat::util {

namespace {

// Past this much pending text, add() hands it on at once rather than wait for the interval:
// memory stays bounded however fast lines come.
constexpr std::size_t max_pending = 64 * 1024;

} // namespace

BatchedLines::BatchedLines(Sink sink, std::chrono::milliseconds interval)
    : sink_(std::move(sink))
    , interval_(interval)
    , flusher_([this] { run(); })
{
}

BatchedLines::~BatchedLines()
{
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    flusher_.join(); // it hands on what is left before it returns
}

void BatchedLines::add(std::string_view line)
{
    std::unique_lock lock(mutex_);
    pending_.append(line);
    if (pending_.size() >= max_pending) {
        hand_on(lock);
    }
}

// The sink runs under the lock: that keeps batches in order, and a sink that blocks (a full
// pipe) holds back the writers as a blocking write per line would.
void BatchedLines::hand_on(std::unique_lock<std::mutex>& lock)
{
    (void)lock; // held by the caller
    if (pending_.empty()) {
        return;
    }
    try {
        sink_(pending_);
    } catch (const std::exception&) {
        // Dropped, as the class comment says: the next batch may well get through.
    }
    pending_.clear();
}

void BatchedLines::run()
{
    std::unique_lock lock(mutex_);
    while (!stopping_) {
        wake_.wait_for(lock, interval_, [this] { return stopping_; });
        hand_on(lock);
    }
}

} // namespace apicat::util
