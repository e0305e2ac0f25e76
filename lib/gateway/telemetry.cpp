#include "gateway/telemetry.hpp"

#include <algorithm>
#include <iterator>

namespace apicat::gateway {

Telemetry::Telemetry(TelemetryOptions options)
    : options_(std::move(options))
    , metrics_(options_.catalog)
    , thread_([this] { run(); })
{
}

Telemetry::~Telemetry()
{
    {
        std::lock_guard lock(wake_mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    thread_.join();
    std::lock_guard lock(mutex_);
    take_locked();
    write_locked();
}

std::string Telemetry::metrics_text()
{
    std::lock_guard lock(mutex_);
    take_locked();
    return metrics_.prometheus_text();
}

void Telemetry::flush()
{
    std::lock_guard lock(mutex_);
    take_locked();
    if (options_.sink && !unwritten_.empty()) {
        options_.sink(unwritten_);
        unwritten_.clear();
    }
}

void Telemetry::take_locked()
{
    recorder_.take([this](std::vector<RecordedCall>& calls) {
        metrics_.add(calls);
        if (!options_.sink) {
            return;
        }
        // Calls a failed write left wait with the new ones, within the recorder's bound: the
        // oldest give way.
        const std::size_t room = recorder_.waiting_limit();
        if (unwritten_.size() + calls.size() > room) {
            const std::size_t excess =
                std::min(unwritten_.size(), unwritten_.size() + calls.size() - room);
            unwritten_.erase(unwritten_.begin(),
                             unwritten_.begin() + static_cast<std::ptrdiff_t>(excess));
        }
        for (RecordedCall& recorded : calls) {
            unwritten_.push_back(std::move(recorded.call));
        }
    });
    metrics_.set_dropped(recorder_.dropped());
}

// A failure is reported, and the calls wait for the next batch: the gateway goes on serving.
void Telemetry::write_locked()
{
    if (!options_.sink || unwritten_.empty()) {
        return;
    }
    try {
        options_.sink(unwritten_);
        unwritten_.clear(); // its capacity serves the next batch
        write_outage_.succeeded();
    } catch (const std::exception& error) {
        if (write_outage_.failed() && options_.write_failed) {
            options_.write_failed(error);
        }
    }
}

void Telemetry::run()
{
    std::unique_lock wake_lock(wake_mutex_);
    while (!wake_.wait_for(wake_lock, options_.interval, [this] { return stopping_; })) {
        wake_lock.unlock();
        {
            std::lock_guard lock(mutex_);
            take_locked();
            write_locked();
        }
        wake_lock.lock();
    }
}

} // namespace apicat::gateway
