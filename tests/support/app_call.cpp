#include "support/app_call.hpp"

#include <chrono>

namespace apicat::test {

http::Response call_as_app(const std::string& url, const std::string& id, const std::string& secret)
{
    http::Request request;
    request.url = url;
    request.headers = {{"X-IBM-Client-Id", id}, {"X-IBM-Client-Secret", secret}};
    // A bound on a gateway that hangs, well above what a test's gateway takes to answer.
    request.timeout = std::chrono::seconds(5);
    return http::Client().send(request);
}

} // namespace apicat::test
