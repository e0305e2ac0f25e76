#include "gateway/gateway_pages.hpp"

#include "gateway/explore_page.hpp"
#include "support/engine_exchange.hpp"

#include <doctest/doctest.h>

using namespace apicat;
using namespace apicat::gateway;
using apicat::test::get_request;

namespace {

GatewayPageSources sources()
{
    GatewayPageSources given;
    given.catalog = "sandbox";
    given.products = [] { return catalog::PublishedProducts{}; };
    given.test_app = [] { return std::nullopt; };
    given.metrics = [] { return std::string("# the metrics\n"); };
    given.analytics = [](std::chrono::seconds since) {
        return Json{{"since_seconds", since.count()}};
    };
    return given;
}

std::string answer_header(const Answer& answer, const std::string& name)
{
    for (const http::Header& header : answer.headers) {
        if (header.name == name) {
            return header.value;
        }
    }
    return "";
}

} // namespace

TEST_CASE("the gateway's pages are under /-/explore and at /-/metrics, nowhere else")
{
    CHECK(is_gateway_page("/-/explore"));
    CHECK(is_gateway_page("/-/explore/"));
    CHECK(is_gateway_page("/-/explore/catalog?x=1"));
    CHECK(is_gateway_page("/-/metrics"));
    CHECK_FALSE(is_gateway_page("/-/explorer"));
    CHECK_FALSE(is_gateway_page("/-/metrics/more"));
    CHECK_FALSE(is_gateway_page("/-/credentials?method=GET"));
    CHECK_FALSE(is_gateway_page("/sandbox/-/explore"));
}

TEST_CASE("the Explore page is served as HTML, with a policy that lets it load nothing else")
{
    const Answer page = answer_gateway_page(sources(), get_request("/-/explore"));
    CHECK(page.status == 200);
    CHECK(page.body == explore_page_html());
    CHECK(answer_header(page, "Content-Type") == "text/html; charset=utf-8");
    const std::string policy = answer_header(page, "Content-Security-Policy");
    CHECK(policy.find("default-src 'none'") != std::string::npos);
    CHECK(policy.find("frame-ancestors 'none'") != std::string::npos);
    CHECK(answer_header(page, "X-Content-Type-Options") == "nosniff");
}

TEST_CASE("the Explore page's catalog names the endpoint by the Host the browser asked")
{
    const Json with_host =
        Json::parse(answer_gateway_page(
                        sources(), get_request("/-/explore/catalog", {{"Host", "gw.example:9080"}}))
                        .body);
    CHECK(with_host["endpoint"] == "http://gw.example:9080/sandbox");
    const Json without =
        Json::parse(answer_gateway_page(sources(), get_request("/-/explore/catalog")).body);
    CHECK(without["endpoint"] == "");
    const Json odd = Json::parse(
        answer_gateway_page(sources(), get_request("/-/explore/catalog", {{"Host", "a/b\"<x>"}}))
            .body);
    CHECK(odd["endpoint"] == "");
}

TEST_CASE("the gateway's pages read analytics since ?since= seconds, an hour by default")
{
    CHECK(Json::parse(answer_gateway_page(sources(), get_request("/-/explore/analytics")).body) ==
          Json{{"since_seconds", 3600}});
    CHECK(Json::parse(
              answer_gateway_page(sources(), get_request("/-/explore/analytics?since=900")).body) ==
          Json{{"since_seconds", 900}});
    for (const char* bad : {"?since=", "?since=-5", "?since=0", "?since=1h", "?since=5&since=6"}) {
        CAPTURE(bad);
        CHECK(answer_gateway_page(sources(), get_request(std::string("/-/explore/analytics") + bad))
                  .status == 400);
    }
    GatewayPageSources off = sources();
    off.analytics = nullptr;
    CHECK(answer_gateway_page(off, get_request("/-/explore/analytics")).status == 404);
}

TEST_CASE("the gateway's pages are read-only, and an unknown one is a 404")
{
    const Answer metrics = answer_gateway_page(sources(), get_request("/-/metrics"));
    CHECK(metrics.status == 200);
    CHECK(metrics.body == "# the metrics\n");
    CHECK(answer_header(metrics, "Content-Type").starts_with("text/plain; version=0.0.4"));

    const Answer posted = answer_gateway_page(sources(), Request{"POST", "/-/metrics", {}, ""});
    CHECK(posted.status == 405);
    CHECK(answer_header(posted, "Allow") == "GET, HEAD");
    CHECK(answer_gateway_page(sources(), Request{"HEAD", "/-/explore", {}, ""}).status == 200);
    CHECK(answer_gateway_page(sources(), get_request("/-/explore/nothing")).status == 404);
}
