#pragma once

// An upstream for end-to-end tests that answers every GET with the weather and keeps what it
// was sent, request lines and headers, so a test can check that no credential reached it.
// Serve it with TestServer: TestServer upstream([&](auto& server) { recording.routes(server); });

#include <httplib.h>

#include <mutex>
#include <string>

namespace apicat::test {

struct RecordingUpstream {
    std::mutex mutex;
    std::string seen; // "METHOD TARGET\n" then "Name: value\n" per header, for each request

    void routes(httplib::Server& server)
    {
        server.Get(".*", [this](const httplib::Request& request, httplib::Response& response) {
            std::lock_guard lock(mutex);
            seen += request.method + " " + request.target + "\n";
            for (const auto& [name, value] : request.headers) {
                seen += name + ": " + value + "\n";
            }
            response.set_content(R"({"temperature": 72})", "application/json");
        });
    }
};

} // namespace apicat::test
