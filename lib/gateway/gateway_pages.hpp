#pragma once

// The gateway's pages for people and for monitoring, under the reserved "/-/" beside
// /-/credentials (credentials_endpoint.hpp):
//   /-/explore            the Explore page (explore_page.hpp)
//   /-/explore/catalog    what it lists, as JSON (explore_catalog.hpp)
//   /-/explore/analytics  the catalog's calls since ?since=SECONDS ago (an hour by default)
//   /-/metrics            the gateway's metrics in Prometheus's text format (call_metrics.hpp)
// They are read-only: GET and HEAD.

#include "catalog/product_snapshot.hpp"
#include "gateway/engine.hpp"
#include "gateway/explore_catalog.hpp"
#include "json.hpp"

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace apicat::gateway {

// Where the pages get what they show, asked at each request: the catalog as served now.
struct GatewayPageSources {
    std::string catalog;
    std::function<catalog::PublishedProducts()> products;
    std::function<std::optional<ShownTestApp>()> test_app;
    std::function<Json(std::chrono::seconds since)> analytics; // empty: not recorded
    std::function<std::string()> metrics;
};

inline constexpr std::string_view explore_path = "/-/explore";
inline constexpr std::string_view metrics_path = "/-/metrics";

// Whether `target` is one of these pages (with or without a query).
bool is_gateway_page(std::string_view target);

// 200 with the page; 404 for a path under /-/explore that is not one; 405 for a method other
// than GET and HEAD; 400 for a malformed ?since. What a source throws propagates.
Answer answer_gateway_page(const GatewayPageSources& sources, const Request& request);

} // namespace apicat::gateway
