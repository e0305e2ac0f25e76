#include "gateway/call_recorder.hpp"

#include <doctest/doctest.h>

#include <set>
#include <thread>
#include <vector>

using namespace apicat;
using namespace apicat::gateway;

namespace {

RecordedCall recorded_call_of(const std::string& app, int status)
{
    RecordedCall recorded;
    recorded.call.app = app;
    recorded.call.status = status;
    return recorded;
}

std::vector<RecordedCall> take_all(CallRecorder& recorder)
{
    std::vector<RecordedCall> taken;
    recorder.take([&taken](std::vector<RecordedCall>& calls) {
        for (RecordedCall& call : calls) {
            taken.push_back(std::move(call));
        }
    });
    return taken;
}

} // namespace

TEST_CASE("the call recorder gives every call of every thread to the taker, once")
{
    CallRecorder recorder;
    constexpr int threads = 4;
    constexpr int calls_each = 1000;
    std::vector<std::thread> callers;
    for (int t = 0; t < threads; ++t) {
        callers.emplace_back([&recorder, t] {
            for (int i = 0; i < calls_each; ++i) {
                recorder.record(recorded_call_of("app-" + std::to_string(t), i));
            }
        });
    }
    std::vector<RecordedCall> taken;
    // Taken while the threads still record: nothing is lost or taken twice.
    while (taken.size() < threads * calls_each) {
        for (RecordedCall& call : take_all(recorder)) {
            taken.push_back(std::move(call));
        }
        if (taken.size() < threads * calls_each) {
            std::this_thread::yield();
        }
        if (taken.size() == threads * calls_each) {
            break;
        }
    }
    for (std::thread& caller : callers) {
        caller.join();
    }
    CHECK(take_all(recorder).empty());
    std::set<std::pair<std::string, int>> distinct;
    for (const RecordedCall& call : taken) {
        distinct.emplace(call.call.app, call.call.status);
    }
    CHECK(distinct.size() == threads * calls_each);
    CHECK(recorder.dropped() == 0);
}

TEST_CASE("the call recorder drops and counts calls past its limit, until they are taken")
{
    CallRecorder recorder(16); // one call per shard; this thread has one shard
    CHECK(recorder.waiting_limit() == 16);
    recorder.record(recorded_call_of("a", 200));
    recorder.record(recorded_call_of("b", 200));
    recorder.record(recorded_call_of("c", 200));
    CHECK(recorder.dropped() == 2);
    const std::vector<RecordedCall> taken = take_all(recorder);
    REQUIRE(taken.size() == 1);
    CHECK(taken[0].call.app == "a");
    recorder.record(recorded_call_of("d", 200));
    CHECK(take_all(recorder).size() == 1);
    CHECK(recorder.dropped() == 2);
}
