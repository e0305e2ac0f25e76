#pragma once

// An app's call through a running gateway, as the app's own client sends it: its client ID and
// secret in the X-IBM-Client-Id and X-IBM-Client-Secret headers.

#include "http/client.hpp"

#include <string>

namespace apicat::test {

// What `apicat app register` gives an app to call with.
struct AppCredentials {
    std::string id;
    std::string secret;
};

// A GET of `url` with the client ID `id` and the secret `secret`; the gateway's response.
http::Response call_as_app(const std::string& url, const std::string& id,
                           const std::string& secret);

} // namespace apicat::test
