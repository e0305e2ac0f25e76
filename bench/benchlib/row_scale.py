"""Row 5 (and row 6's memory at scale): how apicat's costs grow with the store: invoke latency,
gateway start-up, throughput and peak memory with 1, 10,000 and 1,000,000 registered apps, and
with 1, 100 and 1,000 published products, each against the same measure at the smallest size."""
import dataclasses
import statistics
import subprocess
import time

from . import bulk, gateways, story as stories
from .load import hyperfine, spread_script, wrk
from .report import Row, figure, markdown_table

IMPORT_GOAL_APPS_PER_SECOND = 50_000
INVOKE_BUDGET_SECONDS = 60  # per size: large stores get fewer invoke runs, never fewer than 3
STARTUP_RUNS = 5


@dataclasses.dataclass
class Scale:
    label: str  # "10,000 apps"
    setup_seconds: float
    invoke_ms: float
    invoke_runs: int
    startup_seconds: float  # from `gateway serve` starting to its listening
    load: object
    rss_mb: float
    spread_load: object = None  # calls spread over many apps (the same script over 1 app at 1)
    spread_apps: int = 0
    import_apps_per_second: float = 0  # `apicat app import` of the store's apps


def invoke_runs(ctx, story, command):
    """As many runs as fit the budget, judged from one untimed call."""
    start = time.monotonic()
    subprocess.run(command, env=story.env, check=True, stdout=subprocess.DEVNULL)
    once = time.monotonic() - start
    return max(3, min(ctx.sizes.scale_invoke_runs, int(INVOKE_BUDGET_SECONDS / max(once, 1e-3))))


def startup_seconds(ctx, story):
    """The median of a few starts of `gateway serve`, each from starting it to its accepting
    connections: single starts on the same store ranged from 7 to 66 ms."""
    times = []
    for _ in range(STARTUP_RUNS):
        started = time.monotonic()
        name = "apicat-gateway-startup"
        with gateways.apicat_gateway(ctx.apicat, story, ctx.logs, name) as server:
            server.ready(timeout=900)
            times.append(time.monotonic() - started)
    return statistics.median(times)


def measure(ctx, label, story, setup_seconds):
    ctx.progress(f"row 5: {label}")
    # The store was just written, and the kernel may still be writing out its pages (400 MB
    # at 1,000,000 apps): 30 invokes right after the import took 8.3 ms each, the next 30
    # 7.0 ms (7.7 ms with one app). Row 5 measures a store in use, not the import's write-back.
    subprocess.run(["sync"], check=True)
    command = [ctx.apicat, "invoke", "GET", story.path, *story.credentials_args()]
    runs = invoke_runs(ctx, story, command)
    timing = hyperfine({"invoke": command}, runs, ctx.work / "scale.json", warmup=3,
                       env=story.env)["invoke"]
    startup = startup_seconds(ctx, story)
    with gateways.apicat_gateway(ctx.apicat, story, ctx.logs, "apicat-gateway-scale") as server:
        server.ready(timeout=900)
        url = f"http://127.0.0.1:{server.port}/sandbox{story.path}"
        gateways.check_enforces(label, url, story.headers())
        load = wrk(url, story.headers(), ctx.sizes.warmup_seconds, ctx.sizes.load_seconds)
        spread = story.spread or [(story.client_id, story.client_secret)]
        spread_load = None
        if label.endswith("app") or label.endswith("apps"):
            script = spread_script(ctx.work / "spread.lua", spread)
            spread_load = wrk(url, {}, ctx.sizes.warmup_seconds, ctx.sizes.load_seconds, script)
            if spread_load.failures:
                ctx.notes.append(f"row 5: spread over {len(spread):,} of {label} the gateway "
                                 f"failed {spread_load.failures:,} requests")
        rss = server.peak_rss_kb() / 1024
    if load.failures:
        ctx.notes.append(f"row 5: with {label} the gateway failed {load.failures:,} requests")
    return Scale(label, setup_seconds, timing.mean_ms, timing.runs, startup, load, rss,
                 spread_load, len(spread))


def with_apps(ctx, count):
    started = time.monotonic()
    story = stories.create(ctx.apicat, ctx.work / f"scale-apps-{count}", ctx.upstream.port)
    import_seconds = bulk.add_apps(story, count - 1)
    scale = measure(ctx, f"{count:,} app{'s' if count > 1 else ''}", story,
                    time.monotonic() - started)
    if import_seconds:
        scale.import_apps_per_second = (count - 1) / import_seconds
    return scale


def with_products(ctx, count):
    started = time.monotonic()
    story = stories.create(ctx.apicat, ctx.work / f"scale-products-{count}", ctx.upstream.port)
    bulk.add_products(story, count - 1)
    return measure(ctx, f"{count:,} product{'s' if count > 1 else ''}", story,
                   time.monotonic() - started)


def add_rows(ctx, scales):
    base = scales[0]
    peer = f"the same with {base.label}"
    for scale in scales[1:]:
        ctx.rows += [
            Row("5. scale", f"invoke, {scale.label}", scale.invoke_ms, peer, base.invoke_ms, "ms",
                False),
            Row("5. scale", f"gateway requests/s, {scale.label}", scale.load.requests_per_second,
                peer, base.load.requests_per_second, "req/s", True),
            Row("5. scale", f"gateway start-up, {scale.label}", scale.startup_seconds * 1000,
                peer, base.startup_seconds * 1000, "ms", False),
            Row("6. memory", f"gateway peak RSS, {scale.label}", scale.rss_mb, peer, base.rss_mb,
                "MB", False)]
        if scale.import_apps_per_second:
            ctx.rows.append(
                Row("5. scale", f"app import, {scale.label} in one file",
                    scale.import_apps_per_second, "the goal (issue 14)",
                    IMPORT_GOAL_APPS_PER_SECOND, "apps/s", True))
        if scale.spread_load and base.spread_load:
            ctx.rows.append(
                Row("5. scale", f"gateway requests/s, {scale.label}, calls spread over "
                    f"{scale.spread_apps:,} of them", scale.spread_load.requests_per_second,
                    f"the same script with {base.label}", base.spread_load.requests_per_second,
                    "req/s", True))


def table(scales):
    return markdown_table(
        ["store", "set up in", "invoke (mean)", "invoke runs", "gateway start-up", "requests/s",
         "p50", "p99", "gateway peak RSS"],
        [(s.label, figure(s.setup_seconds, "s"), figure(s.invoke_ms, "ms"), s.invoke_runs,
          figure(s.startup_seconds, "s"), f"{s.load.requests_per_second:,.0f}",
          figure(s.load.p50_ms, "ms"), figure(s.load.p99_ms, "ms"), figure(s.rss_mb, "MB"))
         for s in scales])


def run(ctx):
    apps = [with_apps(ctx, count) for count in ctx.sizes.app_counts]
    products = [with_products(ctx, count) for count in ctx.sizes.product_counts]
    add_rows(ctx, apps)
    add_rows(ctx, products)
    ctx.details.append(("5. Scale", (
        "Each store is made afresh by apicat's commands (one product, one app), then grown "
        "(bench/benchlib/bulk.py): apps are registered by `apicat app import` from one "
        "JSON-lines file (random 128-bit client ID and 256-bit secret made by the bench, an "
        "active subscription each; 'app import' is its rate), and the calls use one of those "
        "apps; each extra product is a copy "
        "of the story's draft under its own base path, created and published with `apicat "
        "product create` and `apicat publish`, and the calls go to the product whose route the "
        "gateway checks last. 'invoke': in-process `apicat invoke`, hyperfine after `sync` (so "
        "that the import's write-back is over; fewer runs for slow sizes); 'gateway': the same wrk load as row 1, request log to a file, then a "
        "wrk script sending each request as the next of up to 10,000 of the store's apps, round "
        "robin (on the one-app store, the same script over its one app); 'start-up': "
        f"the median of {STARTUP_RUNS} starts of `gateway serve`, each from starting it to its "
        "accepting connections (it reads the catalog first), polled every millisecond.\n\n" + table(apps) + "\n\n" + table(products))))
