// apicat gateway serve: a catalog's published APIs over real HTTP, for curl and any other
// client, following the store as products are republished and apps change.

#include "commands.hpp"

#include "completion/value_kind.hpp"
#include "output.hpp"
#include "store_access.hpp"

#include "analytics/period_report.hpp"
#include "analytics/retention.hpp"
#include "catalog/catalogs.hpp"
#include "errors.hpp"
#include "gateway/gateway_pages.hpp"
#include "gateway/server.hpp"
#include "gateway/server_catalog.hpp"
#include "gateway/shared_rate_limiter.hpp"
#include "gateway/telemetry.hpp"
#include "store/location.hpp"
#include "util/batched_lines.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <string_view>
#include <utility>

namespace apicat::cli {

namespace {

struct GatewayServeOptions {
    std::string catalog = catalog::default_catalog;
    std::string listen = "127.0.0.1:9080";
    double upstream_timeout = 60;
    bool record_calls = true; // --no-analytics: neither analytics nor per-call metrics
};

// How often the gateway asks the store whether it changed (a few microseconds when it did
// not). A change committed by any process is in force within this and the time to apply it:
// docs/gateway.md promises 50 ms.
constexpr std::chrono::milliseconds store_poll_interval{10};

// How long a request's log line may wait to be written with others: soon enough for `| tee`
// and log collectors, while a loaded gateway writes a batch instead of a line per request.
constexpr std::chrono::milliseconds log_flush_interval{100};

// "HOST:PORT", or "[IPV6]:PORT".
std::pair<std::string, std::uint16_t> parse_listen(const std::string& text)
{
    const auto colon = text.rfind(':');
    std::string host = colon == std::string::npos ? "" : text.substr(0, colon);
    const std::string_view port_text =
        colon == std::string::npos ? std::string_view{} : std::string_view(text).substr(colon + 1);
    if (host.size() > 2 && host.front() == '[' && host.back() == ']') {
        host = host.substr(1, host.size() - 2);
    }
    unsigned port = 0;
    const auto [end, error] =
        std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
    if (host.empty() || port_text.empty() || error != std::errc() ||
        end != port_text.data() + port_text.size() || port > 65535) {
        throw UsageError(fmt::format("invalid --listen '{}': expected HOST:PORT", text),
                         "for example --listen 127.0.0.1:9080, or 127.0.0.1:0 for any free port");
    }
    return {host, static_cast<std::uint16_t>(port)};
}

// "http://HOST:PORT" followed by `path`.
std::string listener_url(const std::string& host, std::uint16_t port, std::string_view path)
{
    const bool ipv6 = host.find(':') != std::string::npos;
    return fmt::format("http://{}{}{}:{}{}", ipv6 ? "[" : "", host, ipv6 ? "]" : "", port, path);
}

// One line per response. Never a header value or a query string: they may carry credentials.
std::string request_line(const GlobalOptions& global, const gateway::RequestLog& entry)
{
    const auto upstream_ms = [&entry] {
        return std::chrono::duration_cast<std::chrono::milliseconds>(*entry.upstream_time).count();
    };
    const std::string upstream = entry.upstream_time ? fmt::format("{}ms", upstream_ms()) : "-";
    if (global.format() == OutputFormat::json) {
        Json line = {{"method", entry.method},
                     {"path", entry.path},
                     {"status", entry.status},
                     {"app", entry.app},
                     {"upstream_ms", entry.upstream_time ? Json(upstream_ms()) : Json(nullptr)}};
        if (!entry.error.empty()) {
            line["error"] = entry.error;
        }
        // A refused request's path may hold bytes that are not UTF-8: U+FFFD, not a lost line.
        return line.dump(-1, ' ', false, Json::error_handler_t::replace) + "\n";
    }
    return fmt::format("{} {} {} {} {}{}\n", entry.method.empty() ? "-" : entry.method,
                       entry.path.empty() ? "-" : entry.path, entry.status,
                       entry.app.empty() ? "-" : entry.app, upstream,
                       entry.error.empty() ? "" : fmt::format(" ({})", entry.error));
}

void write_stdout(std::string_view text)
{
    std::fwrite(text.data(), 1, text.size(), stdout);
    std::fflush(stdout);
}

// The reload notice goes with the request lines, so that it keeps its place among them.
gateway::ServedCatalogEvents reload_events(const GlobalOptions& global, const std::string& name,
                                           util::BatchedLines& log_lines)
{
    gateway::ServedCatalogEvents events;
    events.reloaded = [&global, name, &log_lines] {
        if (!global.quiet && global.format() == OutputFormat::text) {
            log_lines.add(
                fmt::format("apicat gateway: the products of catalog '{}' changed; reloaded its "
                            "routes\n",
                            name));
        }
    };
    events.reload_failed = [&global, name](const std::exception& error) {
        print_warning(global, fmt::format("cannot reload catalog '{}': {}; still serving the "
                                          "previous version",
                                          name, error.what()));
    };
    events.reload_recovered = [&global, name] {
        print_warning(global, fmt::format("catalog '{}' reloads again: it is up to date", name));
    };
    return events;
}

// A store shared with other gateways (PostgreSQL) holds one rate-limit budget for all of them;
// a gateway alone counts in its memory, which costs a call nothing.
std::unique_ptr<gateway::RateLimiter> rate_limiter_for(const GlobalOptions& global,
                                                       const store::StoreLocation& location)
{
    if (location.kind != store::StoreLocation::Kind::postgres) {
        return nullptr;
    }
    gateway::SharedRateLimiterEvents events;
    events.unavailable = [&global](const std::exception& error) {
        print_warning(global, fmt::format("cannot count calls in the shared store: {}; counting "
                                          "them in this gateway's memory until it is back",
                                          error.what()));
    };
    events.restored = [&global] {
        print_warning(global, "counting calls in the shared store again");
    };
    return gateway::make_shared_rate_limiter([location] { return store::open_store_at(location); },
                                             std::move(events));
}

// What the Explore page and the metrics read: the catalog as served, the sandbox's test app,
// the calls recorded.
gateway::GatewayPageSources page_sources(const std::string& catalog,
                                         const gateway::ServedCatalog& served,
                                         gateway::Telemetry* telemetry)
{
    gateway::GatewayPageSources sources;
    sources.catalog = catalog;
    sources.products = [&served] { return served.products(); };
    sources.test_app = [&served, catalog]() -> std::optional<gateway::ShownTestApp> {
        // Only the sandbox's test panel comes filled in, as in API Connect.
        if (catalog != catalog::default_catalog) {
            return std::nullopt;
        }
        std::optional<store::App> app;
        served.read_store([&](store::Transaction& transaction) {
            app = transaction.find_app(catalog, catalog::test_app_name(catalog));
        });
        if (!app || app->state != store::AppState::active) {
            return std::nullopt;
        }
        return gateway::ShownTestApp{app->name, {app->client_id, app->test_secret}};
    };
    sources.metrics = [telemetry] {
        return telemetry != nullptr ? telemetry->metrics_text() : std::string();
    };
    if (telemetry != nullptr && telemetry->writes_calls()) {
        sources.analytics = [&served, telemetry, catalog](std::chrono::seconds since) {
            telemetry->flush(); // the calls of the last second too
            const std::int64_t since_ms = analytics::now_ms() - since.count() * 1000;
            std::vector<store::CallRecord> calls;
            served.read_store([&](store::Transaction& transaction) {
                calls = transaction.calls(catalog, since_ms);
            });
            return analytics::period_report(catalog, since_ms, calls);
        };
    }
    return sources;
}

// One call as analytics and metrics keep it: never a header, a query or a body.
gateway::RecordedCall recorded_call(const std::string& catalog, gateway::RequestLog&& entry)
{
    gateway::RecordedCall recorded;
    store::CallRecord& call = recorded.call;
    call.at_ms = analytics::now_ms();
    call.catalog = catalog;
    call.app = std::move(entry.app);
    call.product = std::move(entry.facts.product);
    call.plan = std::move(entry.facts.plan);
    call.api = std::move(entry.facts.api);
    call.operation = std::move(entry.facts.operation);
    call.status = entry.status;
    call.latency_us = entry.latency.count();
    call.upstream_us = entry.upstream_time ? entry.upstream_time->count() : -1;
    recorded.rate_limited = entry.facts.rate_limited;
    return recorded;
}

// Metrics, and the calls written to the store for analytics on a connection of their own,
// so that a batch never waits for the catalog's follower.
gateway::TelemetryOptions telemetry_options(const GlobalOptions& global, const std::string& catalog)
{
    gateway::TelemetryOptions options;
    options.catalog = catalog;
    std::shared_ptr<store::Store> store = open_store(global);
    options.sink = [store](std::span<const store::CallRecord> calls) {
        analytics::record_calls(*store, calls, analytics::now_ms());
    };
    options.write_failed = [&global](const std::exception& error) {
        print_warning(global, fmt::format("cannot record calls for analytics: {}; they wait for "
                                          "the next batch",
                                          error.what()));
    };
    return options;
}

void print_started(const GlobalOptions& global, const std::string& catalog, const std::string& host,
                   std::uint16_t port, const store::StoreLocation& location)
{
    // A shared store is worth naming: which database this gateway follows and counts in.
    const bool shared = location.kind == store::StoreLocation::Kind::postgres;
    const std::string url = listener_url(host, port, "/" + catalog);
    const std::string explore = listener_url(host, port, gateway::explore_path);
    const std::string metrics = listener_url(host, port, gateway::metrics_path);
    if (global.format() == OutputFormat::json) {
        Json started{
            {"catalog", catalog}, {"endpoint", url}, {"explore", explore}, {"metrics", metrics}};
        if (shared) {
            started["store"] = location.shown();
        }
        fmt::print("{}\n", started.dump());
    } else {
        fmt::print("apicat gateway: serving catalog '{}' on {}\n"
                   "apicat gateway: explore it in a browser at {}\n"
                   "apicat gateway: metrics for Prometheus at {}\n",
                   catalog, url, explore, metrics);
        if (shared) {
            fmt::print("apicat gateway: following the shared store {}; rate limits are counted "
                       "there\n",
                       location.shown());
        }
    }
    std::fflush(stdout);
}

int run_gateway_serve(const GatewayServeOptions& options, const GlobalOptions& global)
{
    if (!(options.upstream_timeout > 0)) {
        throw UsageError(fmt::format("invalid --upstream-timeout '{}': expected seconds above zero",
                                     options.upstream_timeout));
    }
    const auto [host, port] = parse_listen(options.listen);
    // Declared first, destroyed last: the server's threads and the store follower write to it
    // until they are stopped, and it writes out what is left when destroyed.
    util::BatchedLines log_lines(write_stdout, log_flush_interval);
    const store::StoreLocation location = store::resolve_store(global.store, global.home);
    gateway::ServedCatalog served(open_store(global), options.catalog,
                                  reload_events(global, options.catalog, log_lines),
                                  gateway::default_apps_held, rate_limiter_for(global, location));
    // Destroyed after the server: the calls of the last exchanges are still counted.
    std::unique_ptr<gateway::Telemetry> telemetry;
    if (options.record_calls) {
        telemetry =
            std::make_unique<gateway::Telemetry>(telemetry_options(global, options.catalog));
    }
    const gateway::GatewayPageSources pages =
        page_sources(options.catalog, served, telemetry.get());
    const auto upstream_timeout =
        std::chrono::milliseconds(static_cast<std::int64_t>(options.upstream_timeout * 1000));
    auto decide = [&served, &pages, upstream_timeout](const gateway::Request& request) {
        if (gateway::is_gateway_page(request.target)) {
            return gateway::Decision{gateway::answer_gateway_page(pages, request), "", {}};
        }
        gateway::Decision decision = served.decide(request);
        if (auto* forward = std::get_if<gateway::Forward>(&decision.action)) {
            // The invoke's own timeout, unless --upstream-timeout is shorter.
            forward->request.timeout = std::min(forward->request.timeout, upstream_timeout);
        }
        return decision;
    };
    gateway::RequestLogger log;
    if (!global.quiet || telemetry) {
        log = [&global, &log_lines, &telemetry,
               &catalog = options.catalog](gateway::RequestLog&& entry) {
            if (!global.quiet) {
                log_lines.add(request_line(global, entry));
            }
            // The gateway's own pages are not calls of the catalog's APIs.
            if (telemetry && !entry.path.starts_with("/-/")) {
                telemetry->record(recorded_call(catalog, std::move(entry)));
            }
        };
    }
    gateway::ServerOptions server_options;
    server_options.host = host;
    server_options.port = port;
    gateway::Server server(server_options, decide, log);

    // Printed even with --quiet: with port 0 it is the only way to learn the port.
    print_started(global, options.catalog, host, server.port(), location);
    served.follow(store_poll_interval);
    server.serve_until_signal();
    return 0;
}

void setup_gateway_serve(CLI::App& group, CommandContext context)
{
    auto options = std::make_shared<GatewayServeOptions>();
    auto* serve = group.add_subcommand(
        "serve", "Serve the catalog at http://HOST:PORT/CATALOG/BASE-PATH/PATH until Ctrl-C");
    takes(serve->add_option("--catalog", options->catalog, "The catalog to serve"),
          ValueKind::catalog)
        ->capture_default_str();
    serve->add_option("--listen", options->listen, "HOST:PORT to listen on; port 0: any free one")
        ->capture_default_str();
    serve
        ->add_option("--upstream-timeout", options->upstream_timeout,
                     "Seconds an upstream has to answer before the caller gets a 504")
        ->capture_default_str();
    serve->add_flag("!--no-analytics", options->record_calls,
                    "Record no calls: no analytics in the store, no per-call metrics");
    serve->footer("Republishing takes effect at once, without a restart. One line per request "
                  "on stdout: method, path, status, app, upstream time.\n"
                  "Example:\n  apicat gateway serve --listen 127.0.0.1:9080 &\n"
                  "  curl -H 'X-IBM-Client-Id: ...' "
                  "'http://127.0.0.1:9080/sandbox/weather/current?zipcode=90210'");
    serve->callback(
        [options, context] { context.exit_status = run_gateway_serve(*options, context.global); });
}

} // namespace

void setup_gateway_commands(CLI::App& app, CommandContext context)
{
    auto* group = app.add_subcommand("gateway", "Serve a catalog's APIs over HTTP");
    group->require_subcommand(1);
    group->footer("Example:\n  apicat gateway serve --listen 127.0.0.1:9080");
    setup_gateway_serve(*group, context);
}

} // namespace apicat::cli
