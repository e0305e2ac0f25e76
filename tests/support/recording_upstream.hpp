#pragma once

// An upstream for end-to-end tests that answers every GET with the weather and keeps what it
// was sent, request lines and headers, so a test can check that no credential reached it.
// Serve it with TestServer: TestServer upstream([&](auto& server) { recording.routes(server); });

#include <httplib.h>

#include <mutex>
#include <string>

namespace apicat::test {

class RecordingUpstream {
public:
    // "METHOD TARGET\n" then "Name: value\n" per header, for each request so far. A copy, taken
    // under the lock: the server's threads may be writing.
    std::string seen() const
    {
        std::lock_guard lock(mutex_);
        return seen_;
    }

    void forget()
    {
        std::lock_guard lock(mutex_);
        seen_.clear();
    }

    void routes(httplib::Server& server)
    {
        server.Get(".*", [this](const httplib::Request& request, httplib::Response& response) {
            std::lock_guard lock(mutex_);
            seen_ += request.method + " " + request.target + "\n";
            for (const auto& [name, value] : request.headers) {
                seen_ += name + ": " + value + "\n";
            }
            response.set_content(R"({"temperature": 72})", "application/json");
        });
    }

private:
    mutable std::mutex mutex_;
    std::string seen_;
};

} // namespace apicat::test
