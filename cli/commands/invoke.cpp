// apicat invoke: call a published operation through the catalog's gateway — in-process (no
// server needed) or, with --gateway URL, through a running `apicat gateway serve`.

#include "commands.hpp"

#include "completion/value_kind.hpp"
#include "output.hpp"
#include "store_access.hpp"

#include "analytics/retention.hpp"
#include "catalog/catalogs.hpp"
#include "errors.hpp"
#include "gateway/credential_placement.hpp"
#include "gateway/credentials_endpoint.hpp"
#include "gateway/engine.hpp"
#include "gateway/relayed_response.hpp"
#include "http/client.hpp"
#include "openapi/nesting.hpp"
#include "util/text.hpp"
#include "util/text_file.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <span>

namespace apicat::cli {

namespace {

struct InvokeOptions {
    std::string method;
    std::string path;
    std::string catalog = catalog::default_catalog;
    std::string client_id;
    std::string client_secret;
    bool test_app = false;
    std::vector<std::string> headers;
    std::string data;
    std::string data_file;
    bool include_headers = false;
    std::string gateway;
    int expect = 0;
    int timeout_seconds = 60;
};

std::vector<http::Header> parse_headers(const std::vector<std::string>& texts)
{
    std::vector<http::Header> headers;
    for (std::size_t index = 0; index < texts.size(); ++index) {
        const std::string& text = texts[index];
        auto colon = text.find(':');
        if (colon == std::string::npos || colon == 0) {
            // Not quoted: a header is where credentials go, and an error message may end up
            // in a CI log.
            throw UsageError(
                fmt::format("invalid header in -H number {}: no name before a ':'", index + 1),
                "write -H 'Name: value'");
        }
        std::string value = text.substr(colon + 1);
        value.erase(0, value.find_first_not_of(" \t"));
        headers.push_back({text.substr(0, colon), value});
    }
    return headers;
}

http::Response to_response(const gateway::Answer& answer)
{
    return http::Response{answer.status, answer.reason, answer.headers, answer.body, "1.1"};
}

// What carrying out a decision came to: the response the user sees, and how long the upstream
// took (-1: the engine answered, nothing was forwarded).
struct CarriedOut {
    http::Response response;
    std::int64_t upstream_us = -1;
};

std::int64_t microseconds_since(std::chrono::steady_clock::time_point start)
{
    return std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() -
                                                                 start)
        .count();
}

CarriedOut carry_out(const gateway::Decision& decision, std::chrono::milliseconds timeout)
{
    if (const auto* answer = std::get_if<gateway::Answer>(&decision.action)) {
        return {to_response(*answer)};
    }
    gateway::Forward forward = std::get<gateway::Forward>(decision.action);
    // The invoke's own timeout, unless --timeout is shorter.
    forward.request.timeout = std::min(forward.request.timeout, timeout);
    const auto sent = std::chrono::steady_clock::now();
    try {
        http::Response response = http::Client().send(forward.request);
        const std::int64_t upstream_us = microseconds_since(sent);
        gateway::add_gateway_fields(forward, response.headers);
        return {std::move(response), upstream_us};
    } catch (const http::TransportError& e) {
        const std::int64_t upstream_us = microseconds_since(sent);
        return {to_response(gateway::failed_forward_answer(forward, e.kind(), e.detail())),
                upstream_us};
    }
}

// Records the call for `apicat analytics`, as `gateway serve` records its own. A failure to
// record (a read-only store, a full disk) does not fail the invoke, whose result is the call
// and its status; the next command that writes reports the store's trouble anyway, and scripts
// that run invoke many times would get the same warning each time. So it is said only with
// --verbose.
void record_call(store::Store& store, const std::string& catalog, const gateway::Decision& decision,
                 const CarriedOut& carried, std::int64_t latency_us, const GlobalOptions& global)
{
    const std::int64_t now_ms = analytics::now_ms();
    const store::CallRecord call{.at_ms = now_ms,
                                 .catalog = catalog,
                                 .app = decision.app,
                                 .product = decision.facts.product,
                                 .plan = decision.facts.plan,
                                 .api = decision.facts.api,
                                 .operation = decision.facts.operation,
                                 .status = carried.response.status,
                                 .latency_us = latency_us,
                                 .upstream_us = carried.upstream_us};
    try {
        analytics::record_calls(store, std::span<const store::CallRecord>(&call, 1), now_ms);
    } catch (const std::exception& e) {
        if (global.verbose) {
            print_warning(global, fmt::format("the call was not recorded for analytics: {}",
                                              util::lowercase_first(e.what())));
        }
    }
}

http::Response invoke_in_process(const gateway::Request& request, const InvokeOptions& options,
                                 const gateway::ClientCredentials& credentials,
                                 const GlobalOptions& global)
{
    gateway::CatalogSnapshot snapshot;
    // An invoke writes only the call's rate-limit count and its record for analytics, and
    // scripts invoke many times in a row: the write-ahead log is left for a later command to
    // checkpoint.
    std::unique_ptr<store::Store> store = open_store(global, store::LogAtClose::leave);
    store->read([&](store::Transaction& transaction) {
        catalog::require_catalog(transaction, options.catalog);
        snapshot = gateway::load_catalog_snapshot(transaction, options.catalog);
    });
    std::unique_ptr<gateway::RateLimiter> limiter = gateway::make_store_rate_limiter(*store);
    // The calling app is looked up by its client ID alone: one indexed read, whatever the
    // number of apps.
    const gateway::StoreAppDirectory apps(*store, options.catalog);
    gateway::Engine engine(std::move(snapshot), apps, *limiter,
                           [] { return static_cast<std::int64_t>(std::time(nullptr)); });
    // The latency counts what a gateway's would: deciding (the rate-limit count included) and
    // the upstream, not opening the store or loading the catalog, which `gateway serve` does
    // once.
    const auto started = std::chrono::steady_clock::now();
    const gateway::Decision decision = engine.decide(request, credentials);
    CarriedOut carried = carry_out(decision, std::chrono::seconds(options.timeout_seconds));
    const std::int64_t latency_us = microseconds_since(started);
    record_call(*store, options.catalog, decision, carried, latency_us, global);
    return std::move(carried.response);
}

http::Request gateway_call(const std::string& base, const gateway::Request& request,
                           int timeout_seconds)
{
    http::Request call;
    call.method = request.method;
    call.url = base + request.target;
    call.headers = request.headers;
    call.body = request.body;
    call.timeout = std::chrono::seconds(timeout_seconds);
    return call;
}

// Where the gateway says the operation takes credentials. A server that does not answer the
// question is not an apicat gateway: it gets them where API Connect's gateways look.
gateway::CredentialSlots ask_credential_slots(http::Client& client, const std::string& base,
                                              const gateway::Request& request, int timeout_seconds)
{
    gateway::Request question{
        "GET", gateway::credentials_question(request.method, request.target), {}, {}};
    const http::Response answer = client.send(gateway_call(base, question, timeout_seconds));
    std::optional<gateway::CredentialSlots> slots;
    if (answer.status == 200) {
        slots = gateway::read_credentials_answer(answer.body);
    }
    return slots ? *slots : gateway::well_known_credential_slots();
}

// Records nothing here: the gateway called is the front end, and records the call in its own
// store (docs/analytics.md); this machine's store may not even be that one.
http::Response invoke_through(const std::string& gateway_url, gateway::Request request,
                              const gateway::ClientCredentials& credentials, int timeout_seconds)
{
    std::string base = gateway_url;
    while (!base.empty() && base.back() == '/') {
        base.pop_back();
    }
    // One client for both requests: the call reuses the question's connection.
    http::Client client;
    if (!credentials.client_id.empty() || !credentials.client_secret.empty()) {
        gateway::place_credentials(
            request, ask_credential_slots(client, base, request, timeout_seconds), credentials);
    }
    return client.send(gateway_call(base, request, timeout_seconds));
}

// The body as JSON when it is JSON, else as a string. A body nested deeper than apicat reads
// drafts stays a string too: printing walks it recursively, and the upstream chose its depth.
Json body_json(const std::string& body)
{
    Json parsed = Json::parse(body, nullptr, false);
    if (parsed.is_discarded() || openapi::find_excess_nesting(parsed)) {
        return Json(body);
    }
    return parsed;
}

void print_response(const http::Response& response, const InvokeOptions& options,
                    const GlobalOptions& global)
{
    if (global.format() == OutputFormat::json) {
        Json headers = Json::object();
        for (const http::Header& header : response.headers) {
            std::string existing = headers.value(header.name, "");
            headers[header.name] = existing.empty() ? header.value : existing + ", " + header.value;
        }
        print_json({{"status", response.status},
                    {"reason", response.reason},
                    {"headers", headers},
                    {"body", body_json(response.body)}});
        return;
    }
    fmt::print("HTTP/1.1 {} {}\n", response.status, response.reason);
    if (options.include_headers) {
        for (const http::Header& header : response.headers) {
            fmt::print("{}: {}\n", header.name, header.value);
        }
    }
    fmt::print("\n{}{}", response.body,
               !response.body.empty() && response.body.back() != '\n' ? "\n" : "");
}

// httpie's and restish's convention: the status class, so scripts can branch on it.
int exit_status_for(int status, int expected)
{
    if (expected != 0) {
        return status == expected ? 0 : 1;
    }
    if (status >= 500) {
        return 5;
    }
    if (status >= 400) {
        return 4;
    }
    return status >= 300 ? 3 : 0;
}

int run_invoke(const InvokeOptions& options, const GlobalOptions& global)
{
    if (options.path.empty() || options.path.front() != '/') {
        throw UsageError(
            fmt::format("invalid path '{}'", options.path),
            "give the path with the API's base path, e.g. '/weather/current?zipcode=90210'");
    }
    gateway::Request request;
    request.method = util::to_upper(options.method);
    request.target = "/" + options.catalog + options.path;
    request.headers = parse_headers(options.headers);
    request.body =
        options.data_file.empty() ? options.data : util::read_text_file(options.data_file);

    gateway::ClientCredentials credentials{options.client_id, options.client_secret};
    if (options.test_app) {
        open_store(global, store::LogAtClose::leave)->read([&](store::Transaction& transaction) {
            catalog::require_catalog(transaction, options.catalog);
            auto app =
                transaction.find_app(options.catalog, catalog::test_app_name(options.catalog));
            if (!app) {
                throw Error(fmt::format("catalog '{}' has no test app", options.catalog));
            }
            credentials = {app->client_id, app->test_secret};
        });
    }
    http::Response response;
    try {
        response =
            options.gateway.empty()
                ? invoke_in_process(request, options, credentials, global)
                : invoke_through(options.gateway, request, credentials, options.timeout_seconds);
    } catch (const http::TransportError& e) {
        print_error(fmt::format("no response: {}", e.what()));
        return 1;
    }
    print_response(response, options, global);
    return exit_status_for(response.status, options.expect);
}

} // namespace

void setup_invoke_command(CLI::App& app, CommandContext context)
{
    auto options = std::make_shared<InvokeOptions>();
    auto* invoke =
        app.add_subcommand("invoke", "Call a published operation through the catalog's gateway");
    invoke->add_option("METHOD", options->method, "GET, POST, ...")->required();
    invoke
        ->add_option("PATH", options->path,
                     "The base path, the path and the query: '/weather/current?zipcode=90210'")
        ->required();
    takes(invoke->add_option("--catalog", options->catalog, "The catalog"), ValueKind::catalog)
        ->capture_default_str();
    invoke->add_option("--client-id", options->client_id, "The calling app's Client ID");
    invoke->add_option("--client-secret", options->client_secret,
                       "The calling app's Client Secret");
    auto* test_app =
        invoke->add_flag("--test-app", options->test_app, "Call as the catalog's test app");
    test_app->excludes(invoke->get_option("--client-id"));
    invoke->add_option("-H,--header", options->headers,
                       "A request header 'Name: value' (repeat for several)");
    auto* data = invoke->add_option("-d,--data", options->data, "The request body");
    takes(invoke->add_option("--data-file", options->data_file, "A file with the request body"),
          ValueKind::any_file)
        ->excludes(data);
    invoke->add_flag("-i,--include", options->include_headers, "Print the response headers too");
    invoke->add_option("--gateway", options->gateway,
                       "Call a running 'apicat gateway serve' at this URL");
    invoke
        ->add_option("--expect", options->expect, "Exit 0 when the status is this one, 1 otherwise")
        ->check(CLI::Range(100, 599));
    invoke->add_option("--timeout", options->timeout_seconds, "Seconds to wait for the upstream")
        ->capture_default_str();
    invoke->footer(
        "Exit status: 0 for 1xx/2xx, 3 for 3xx, 4 for 4xx, 5 for 5xx, 1 when no response came.\n"
        "Examples:\n  apicat invoke GET '/weather/current?zipcode=90210' --test-app\n"
        "  apicat invoke GET '/weather/current?zipcode=90210' --client-id ID --client-secret S "
        "--expect 200");
    invoke->callback(
        [options, context] { context.exit_status = run_invoke(*options, context.global); });
}

} // namespace apicat::cli
