#pragma once

// Rebuilds a response's status line and headers from the raw lines libcurl reports one at a
// time. Kept apart from the client so the parsing is tested without a server, including replies
// a local test server cannot produce (HTTP/2, folded headers).

#include "http/message.hpp"

#include <string_view>

namespace apicat::http {

// Applies one raw head line (line ending included or not) to `response`. libcurl reports the
// head of every response it reads on the way (1xx interim replies, redirects, proxy CONNECT), so
// a status line starts the head over: only the last response's status and headers remain.
// Chunked trailers arrive the same way after the body and are appended as headers.
void read_head_line(Response& response, std::string_view line);

} // namespace apicat::http
