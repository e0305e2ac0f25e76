"""Row 1 (and row 6's gateway memory): throughput and latency of `apicat gateway serve` with
Client ID + secret enforcement, against nginx as a reverse proxy checking the two headers with a
`map`, Stoplight Prism in proxy mode, and the upstream called directly (the limit). Each server
gets the same wrk load, with the same upstream, all of them in turn, round after round."""
from . import gateways, nginx, settings, story as stories
from .load import LoadTarget, wrk_in_turns
from .processes import Server, free_port
from .report import Row, figure, markdown_table


def prism(ctx, story):
    """Prism validates each request against the draft (with --errors it refuses invalid ones:
    a missing credential header is a 401) and forwards it. It serves the draft's paths without
    the base path (see targets())."""
    port = free_port()
    command = [ctx.npm["prism"], "proxy", str(story.folder / "weather.yaml"),
               f"http://127.0.0.1:{ctx.upstream.port}", "--host", "127.0.0.1", "--port",
               str(port), "--errors"]
    return Server("prism", command, port, ctx.logs / "prism.log")


def targets(ctx, story):
    """(name, start the server or None for the upstream itself, its URL path, headers)."""
    credentials = story.headers()
    gateway_path = "/sandbox" + story.path
    return [
        ("upstream direct (the limit)", None, "/current?zipcode=90210", {}),
        ("apicat gateway serve", lambda: gateways.apicat_gateway(ctx.apicat, story, ctx.logs),
         gateway_path, credentials),
        ("nginx proxy + map", lambda: nginx.proxy(ctx.logs, ctx.upstream.port, story.client_id,
                                                  story.client_secret, access_log=True),
         gateway_path, credentials),
        ("Prism proxy", lambda: prism(ctx, story), "/current?zipcode=90210", credentials),
        ("apicat gateway serve -q", lambda: gateways.apicat_gateway(
            ctx.apicat, story, ctx.logs, name="apicat-gateway-quiet", quiet=True),
         gateway_path, credentials),
        ("apicat gateway serve -q --no-analytics", lambda: gateways.apicat_gateway(
            ctx.apicat, story, ctx.logs, name="apicat-gateway-unrecorded", quiet=True,
            record=False),
         gateway_path, credentials),
        ("nginx proxy + map, no access log", lambda: nginx.proxy(
            ctx.logs, ctx.upstream.port, story.client_id, story.client_secret, access_log=False),
         gateway_path, credentials),
    ]


def run(ctx):
    story = stories.create(ctx.apicat, ctx.work / "gateway", ctx.upstream.port)
    servers, loads = {}, {}
    try:
        for name, start, path, headers in targets(ctx, story):
            server = start() if start else None
            if server:
                servers[name] = server
            port = server.ready().port if server else ctx.upstream.port
            url = f"http://127.0.0.1:{port}{path}"
            gateways.check_enforces(name, url, headers)
            loads[name] = LoadTarget(url, headers)
        ctx.progress(f"row 1: {len(loads)} servers in turn, {ctx.sizes.rounds} rounds")
        measured = wrk_in_turns(loads, ctx.sizes.warmup_seconds, ctx.sizes.load_seconds,
                                ctx.sizes.rounds)
        results = {}
        for name, load in measured.items():
            rss_mb = servers[name].peak_rss_kb() / 1024 if name in servers else (
                ctx.upstream.peak_rss_kb() / 1024)
            if load.failures:
                ctx.notes.append(f"row 1: {name} failed {load.failures:,} of {load.requests:,} "
                                 "requests (non-2xx or socket errors); see its log in "
                                 ".cache/bench")
            results[name] = (load, rss_mb)
    finally:
        for server in servers.values():
            server.stop()
    ctx.gateway_results = results

    apicat_load, apicat_rss = results["apicat gateway serve"]
    quiet_load, quiet_rss = results["apicat gateway serve -q"]
    for peer in ["nginx proxy + map", "Prism proxy", "upstream direct (the limit)"]:
        peer_load, _ = results[peer]
        ctx.rows += [
            Row("1. gateway", "requests/s (request log on)", apicat_load.requests_per_second,
                peer, peer_load.requests_per_second, "req/s", True),
            Row("1. gateway", "p50 latency", apicat_load.p50_ms, peer, peer_load.p50_ms, "ms",
                False),
            Row("1. gateway", "p99 latency", apicat_load.p99_ms, peer, peer_load.p99_ms, "ms",
                False)]
    nolog_load, nolog_rss = results["nginx proxy + map, no access log"]
    ctx.rows += [
        Row("1. gateway", "requests/s, request logs off (-q)", quiet_load.requests_per_second,
            "nginx proxy + map, access_log off", nolog_load.requests_per_second, "req/s", True),
        Row("1. gateway", "p99 latency, request logs off", quiet_load.p99_ms,
            "nginx proxy + map, access_log off", nolog_load.p99_ms, "ms", False)]
    # What recording every call (analytics in the store, Prometheus metrics) costs; the goal
    # is at most 5% of the throughput.
    unrecorded_load, _ = results["apicat gateway serve -q --no-analytics"]
    ctx.rows.append(
        Row("1. gateway", "requests/s with calls recorded (analytics + metrics, -q)",
            quiet_load.requests_per_second, "apicat gateway serve -q --no-analytics",
            unrecorded_load.requests_per_second, "req/s", True))
    for peer in ["nginx proxy + map", "Prism proxy"]:
        ctx.rows.append(Row("6. memory", "peak RSS of the gateway under row 1's load", apicat_rss,
                            peer, results[peer][1], "MB", False))

    table = markdown_table(
        ["server", "requests/s", "p50", "p99", "requests", "failed", "peak RSS"],
        [(name, f"{load.requests_per_second:,.0f}", figure(load.p50_ms, "ms"),
          figure(load.p99_ms, "ms"), f"{load.requests:,}", load.failures, figure(rss, "MB"))
         for name, (load, rss) in results.items()])
    ctx.details.append(("1. Gateway throughput and latency", (
        f"wrk, {settings.WRK_THREADS} threads, {settings.CONNECTIONS} keep-alive "
        f"connections, {ctx.sizes.warmup_seconds} s warm-up, then {ctx.sizes.rounds} rounds of "
        f"{ctx.sizes.load_seconds} s measured, every server in turn in each round (the figures "
        "are each server's median round), `GET …/weather/current?zipcode=90210` with the app's "
        "Client ID and secret "
        "headers. The upstream is nginx (1 worker) answering a fixed 77-byte JSON body. apicat "
        "and nginx log one line per request to a file; Prism logs at its default level (info) "
        "to a file. apicat checks the ID, the secret's SHA-256 digest, the subscription and the "
        "plan's rate limit; nginx compares the two headers with one fixed pair of strings; "
        "Prism only checks that both headers are present (and validates the query). Peak RSS "
        "adds up an nginx's master and workers. Both apicat gateways but the --no-analytics one "
        "record every call: Prometheus metrics, and analytics written to the store in a batch "
        "five times a second.\n\n" + table)))
