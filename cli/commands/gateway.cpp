// apicat gateway serve: a catalog's published APIs over real HTTP, for curl and any other
// client, following the store as products are republished and apps change.

#include "commands.hpp"

#include "completion/value_kind.hpp"
#include "output.hpp"
#include "store_access.hpp"

#include "catalog/catalogs.hpp"
#include "errors.hpp"
#include "gateway/server.hpp"
#include "gateway/server_catalog.hpp"
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

struct ServeOptions {
    std::string catalog = catalog::default_catalog;
    std::string listen = "127.0.0.1:9080";
    double upstream_timeout = 60;
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

std::string endpoint(const std::string& host, std::uint16_t port, const std::string& catalog)
{
    const bool ipv6 = host.find(':') != std::string::npos;
    return fmt::format("http://{}{}{}:{}/{}", ipv6 ? "[" : "", host, ipv6 ? "]" : "", port,
                       catalog);
}

// One line per response. Never a header value or a query string: they may carry credentials.
std::string request_line(const GlobalOptions& global, const gateway::RequestLog& entry)
{
    const std::string upstream =
        entry.upstream_time ? fmt::format("{}ms", entry.upstream_time->count()) : "-";
    if (global.format() == OutputFormat::json) {
        Json line = {{"method", entry.method},
                     {"path", entry.path},
                     {"status", entry.status},
                     {"app", entry.app},
                     {"upstream_ms",
                      entry.upstream_time ? Json(entry.upstream_time->count()) : Json(nullptr)}};
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
    return events;
}

int run_serve(const ServeOptions& options, const GlobalOptions& global)
{
    if (!(options.upstream_timeout > 0)) {
        throw UsageError(fmt::format("invalid --upstream-timeout '{}': expected seconds above zero",
                                     options.upstream_timeout));
    }
    const auto [host, port] = parse_listen(options.listen);
    // Declared first, destroyed last: the server's threads and the store follower write to it
    // until they are stopped, and it writes out what is left when destroyed.
    util::BatchedLines log_lines(write_stdout, log_flush_interval);
    gateway::ServedCatalog served(open_store(global), options.catalog,
                                  reload_events(global, options.catalog, log_lines));
    const auto upstream_timeout =
        std::chrono::milliseconds(static_cast<std::int64_t>(options.upstream_timeout * 1000));
    auto decide = [&served, upstream_timeout](const gateway::Request& request) {
        gateway::Decision decision = served.decide(request);
        if (auto* forward = std::get_if<gateway::Forward>(&decision.action)) {
            // The invoke's own timeout, unless --upstream-timeout is shorter.
            forward->request.timeout = std::min(forward->request.timeout, upstream_timeout);
        }
        return decision;
    };
    gateway::RequestLogger log;
    if (!global.quiet) {
        log = [&global, &log_lines](const gateway::RequestLog& entry) {
            log_lines.add(request_line(global, entry));
        };
    }
    gateway::ServerOptions server_options;
    server_options.host = host;
    server_options.port = port;
    gateway::Server server(server_options, decide, log);

    // Printed even with --quiet: with port 0 it is the only way to learn the port.
    const std::string url = endpoint(host, server.port(), options.catalog);
    if (global.format() == OutputFormat::json) {
        fmt::print("{}\n", Json{{"catalog", options.catalog}, {"endpoint", url}}.dump());
    } else {
        fmt::print("apicat gateway: serving catalog '{}' on {}\n", options.catalog, url);
    }
    std::fflush(stdout);
    served.follow(store_poll_interval);
    server.serve_until_signal();
    return 0;
}

} // namespace

void setup_gateway_commands(CLI::App& app, CommandContext context)
{
    auto* group = app.add_subcommand("gateway", "Serve a catalog's APIs over HTTP");
    group->require_subcommand(1);
    group->footer("Example:\n  apicat gateway serve --listen 127.0.0.1:9080");

    auto options = std::make_shared<ServeOptions>();
    auto* serve = group->add_subcommand(
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
    serve->footer("Republishing takes effect at once, without a restart. One line per request "
                  "on stdout: method, path, status, app, upstream time.\n"
                  "Example:\n  apicat gateway serve --listen 127.0.0.1:9080 &\n"
                  "  curl -H 'X-IBM-Client-Id: ...' "
                  "'http://127.0.0.1:9080/sandbox/weather/current?zipcode=90210'");
    serve->callback(
        [options, context] { context.exit_status = run_serve(*options, context.global); });
}

} // namespace apicat::cli
