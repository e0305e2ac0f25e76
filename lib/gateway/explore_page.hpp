#pragma once

// The Explore page: plain HTML, CSS and JavaScript in one file (explore/explore_page.html),
// embedded in the binary at build time (cmake/EmbedText.cmake). It reads the catalog and the
// analytics from the gateway's own paths (gateway_pages.hpp) and calls the catalog's operations
// from the browser, as API Connect's test panel does. It loads nothing from anywhere else.

#include <string_view>

namespace apicat::gateway {

std::string_view explore_page_html();

} // namespace apicat::gateway
