#include "gateway/call_metrics.hpp"

#include <doctest/doctest.h>

#include <vector>

using namespace apicat;
using namespace apicat::gateway;

namespace {

RecordedCall metered_call(const std::string& app, int status, std::int64_t latency_us,
                          std::int64_t upstream_us = -1, bool rate_limited = false)
{
    RecordedCall recorded;
    recorded.call.catalog = "sandbox";
    recorded.call.app = app;
    recorded.call.api = "weather";
    recorded.call.operation = "GET /current";
    recorded.call.product = "weather-product";
    recorded.call.plan = app.empty() ? "" : "default";
    recorded.call.status = status;
    recorded.call.latency_us = latency_us;
    recorded.call.upstream_us = upstream_us;
    recorded.rate_limited = rate_limited;
    return recorded;
}

bool has_line(const std::string& text, const std::string& line)
{
    return text.find(line + "\n") == 0 || text.find("\n" + line + "\n") != std::string::npos;
}

const std::string labels = R"(catalog="sandbox",api="weather",operation="GET /current")";

} // namespace

TEST_CASE("call metrics count calls by API, operation, status and app")
{
    CallMetrics metrics("sandbox");
    const std::vector<RecordedCall> calls{
        metered_call("a", 200, 300, 200), metered_call("a", 200, 700, 600),
        metered_call("", 401, 50), metered_call("a", 429, 40, -1, true)};
    metrics.add(calls);
    const std::string text = metrics.prometheus_text();
    CHECK(has_line(text, "# TYPE apicat_gateway_requests_total counter"));
    CHECK(
        has_line(text, "apicat_gateway_requests_total{" + labels + R"(,status="200",app="a"} 2)"));
    CHECK(has_line(text, "apicat_gateway_requests_total{" + labels + R"(,status="401",app=""} 1)"));
    CHECK(
        has_line(text, "apicat_gateway_requests_total{" + labels + R"(,status="429",app="a"} 1)"));
    CHECK(has_line(text,
                   "apicat_gateway_rate_limit_refusals_total{catalog=\"sandbox\","
                   "api=\"weather\",product=\"weather-product\",plan=\"default\",app=\"a\"} 1"));
}

TEST_CASE("call metrics' histograms are cumulative, in seconds, the upstream's for forwarded "
          "calls only")
{
    CallMetrics metrics("sandbox");
    const std::vector<RecordedCall> calls{metered_call("a", 200, 300, 200),
                                          metered_call("a", 200, 700, 600),
                                          metered_call("", 401, 20'000'000)};
    metrics.add(calls);
    const std::string text = metrics.prometheus_text();
    const std::string gateway = "apicat_gateway_request_duration_seconds";
    CHECK(has_line(text, "# TYPE " + gateway + " histogram"));
    CHECK(has_line(text, gateway + "_bucket{" + labels + R"(,le="0.0005"} 1)"));
    CHECK(has_line(text, gateway + "_bucket{" + labels + R"(,le="0.001"} 2)"));
    CHECK(has_line(text, gateway + "_bucket{" + labels + R"(,le="10"} 2)"));
    CHECK(has_line(text, gateway + "_bucket{" + labels + R"(,le="+Inf"} 3)"));
    CHECK(has_line(text, gateway + "_count{" + labels + "} 3"));
    CHECK(has_line(text, gateway + "_sum{" + labels + "} 20.001"));
    const std::string upstream = "apicat_gateway_upstream_duration_seconds";
    CHECK(has_line(text, upstream + "_count{" + labels + "} 2"));
    CHECK(has_line(text, upstream + "_bucket{" + labels + R"(,le="0.0005"} 1)"));
}

TEST_CASE("call metrics escape label values as the text format wants")
{
    CallMetrics metrics("sandbox");
    RecordedCall odd = metered_call("say \"hi\"\\\n", 200, 1);
    odd.call.operation = "GET /a\"b";
    metrics.add(std::vector<RecordedCall>{odd});
    const std::string text = metrics.prometheus_text();
    CHECK(text.find(R"(operation="GET /a\"b",status="200",app="say \"hi\"\\\n"} 1)") !=
          std::string::npos);
}

TEST_CASE("call metrics keep a bounded number of series: new apps past it count as (other)")
{
    CallMetrics metrics("sandbox");
    std::vector<RecordedCall> calls;
    for (std::size_t i = 0; i < CallMetrics::series_limit + 5; ++i) {
        calls.push_back(metered_call("app-" + std::to_string(i), 200, 1));
    }
    calls.push_back(metered_call("app-0", 200, 1)); // an app already counted keeps its series
    metrics.add(calls);
    const std::string text = metrics.prometheus_text();
    CHECK(has_line(text,
                   "apicat_gateway_requests_total{" + labels + R"(,status="200",app="app-0"} 2)"));
    CHECK(has_line(text, "apicat_gateway_requests_total{" + labels +
                             R"x(,status="200",app="(other)"} 5)x"));
}
