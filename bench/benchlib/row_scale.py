"""Row 5 (and row 6's memory at scale): how apicat's costs grow with the store: invoke latency,
gateway start-up, throughput and peak memory with 1, 10,000 and 1,000,000 registered apps, and
with 1, 100 and 1,000 published products, each against the same measure at the smallest size."""
import dataclasses
import statistics
import subprocess
import time

from . import bulk, gateways, story as stories
from .load import LoadTarget, hyperfine, spread_script, wrk_in_turns
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
    measured_with: str = ""  # the smallest store's: the label of the store measured in turn


@dataclasses.dataclass
class Store:
    """A store made for row 5, and how long making it took."""
    label: str  # "10,000 apps"
    story: object
    setup_seconds: float
    import_apps_per_second: float = 0  # `apicat app import` of its apps
    has_apps: bool = False  # whether calls can be spread over its apps


def invoke_command(ctx, story):
    return [ctx.apicat, "invoke", "GET", story.path, *story.credentials_args()]


def invoke_runs(ctx, story):
    """As many runs as fit the budget, judged from one untimed call."""
    start = time.monotonic()
    subprocess.run(invoke_command(ctx, story), env=story.env, check=True,
                   stdout=subprocess.DEVNULL)
    once = time.monotonic() - start
    return max(3, min(ctx.sizes.scale_invoke_runs, int(INVOKE_BUDGET_SECONDS / max(once, 1e-3))))


def invoke_in_turns(ctx, stores):
    """Mean `invoke` time of each store (list of Store), its runs split into rounds taken in
    turn with the other store's, as wrk_in_turns does for the gateways. Returns [(ms, runs)]."""
    per_round = [max(3, invoke_runs(ctx, store.story) // ctx.sizes.rounds) for store in stores]
    totals = [[0.0, 0] for _ in stores]
    for _ in range(ctx.sizes.rounds):
        for index, store in enumerate(stores):
            timing = hyperfine({"invoke": invoke_command(ctx, store.story)}, per_round[index],
                               ctx.work / "scale.json", warmup=3, env=store.story.env)["invoke"]
            totals[index][0] += timing.mean_ms * timing.runs
            totals[index][1] += timing.runs
    return [(total_ms / runs, runs) for total_ms, runs in totals]


def startups_in_turns(ctx, stores):
    """The median of a few starts of `gateway serve` on each store, the stores started in turn,
    each from starting it to its accepting connections: single starts on the same store ranged
    from 7 to 66 ms."""
    times = [[] for _ in stores]
    for _ in range(STARTUP_RUNS):
        for index, store in enumerate(stores):
            started = time.monotonic()
            with gateways.apicat_gateway(ctx.apicat, store.story, ctx.logs,
                                         "apicat-gateway-startup") as server:
                server.ready(timeout=900)
                times[index].append(time.monotonic() - started)
    return [statistics.median(each) for each in times]


def measure_in_turns(ctx, base, store):
    """Measures `store` and the smallest store of its kind, `base`, side by side: every measure
    of the two is taken in turn (invoke, start-up, the gateway's load and, for apps, the load
    spread over many apps), so that the machine's changes of speed fall on both. Returns the
    two Scales."""
    ctx.progress(f"row 5: {store.label}, in turn with {base.label}")
    # The store was just written, and the kernel may still be writing out its pages (400 MB
    # at 1,000,000 apps): 30 invokes right after the import took 8.3 ms each, the next 30
    # 7.0 ms (7.7 ms with one app). Row 5 measures a store in use, not the import's write-back.
    subprocess.run(["sync"], check=True)
    stores = [base, store]
    invokes = invoke_in_turns(ctx, stores)
    startups = startups_in_turns(ctx, stores)
    servers, targets = [], {}
    try:
        for index, each in enumerate(stores):
            server = gateways.apicat_gateway(ctx.apicat, each.story, ctx.logs,
                                             f"apicat-gateway-scale-{index}")
            servers.append(server)
            server.ready(timeout=900)
            url = f"http://127.0.0.1:{server.port}/sandbox{each.story.path}"
            gateways.check_enforces(each.label, url, each.story.headers())
            targets[(index, "load")] = LoadTarget(url, each.story.headers())
            if each.has_apps:
                spread = each.story.spread or [(each.story.client_id, each.story.client_secret)]
                script = spread_script(ctx.work / f"spread-{index}.lua", spread)
                targets[(index, "spread")] = LoadTarget(url, {}, script)
        loads = wrk_in_turns(targets, ctx.sizes.warmup_seconds, ctx.sizes.load_seconds,
                             ctx.sizes.rounds)
        rss = [server.peak_rss_kb() / 1024 for server in servers]
    finally:
        for server in servers:
            server.stop()
    scales = []
    for index, each in enumerate(stores):
        spread_load = loads.get((index, "spread"))
        for kind, load in [("", loads[(index, "load")]), (" spread", spread_load)]:
            if load and load.failures:
                ctx.notes.append(f"row 5:{kind} with {each.label} the gateway failed "
                                 f"{load.failures:,} requests")
        spread_apps = len(each.story.spread) if each.story.spread else 1
        scales.append(Scale(each.label, each.setup_seconds, invokes[index][0], invokes[index][1],
                            startups[index], loads[(index, "load")], rss[index], spread_load,
                            spread_apps, each.import_apps_per_second,
                            store.label if each is base else ""))
    return scales


def apps_store(ctx, count):
    started = time.monotonic()
    story = stories.create(ctx.apicat, ctx.work / f"scale-apps-{count}", ctx.upstream.port)
    import_seconds = bulk.add_apps(story, count - 1)
    return Store(f"{count:,} app{'s' if count > 1 else ''}", story, time.monotonic() - started,
                 (count - 1) / import_seconds if import_seconds else 0, has_apps=True)


def products_store(ctx, count):
    started = time.monotonic()
    story = stories.create(ctx.apicat, ctx.work / f"scale-products-{count}", ctx.upstream.port)
    bulk.add_products(story, count - 1)
    return Store(f"{count:,} product{'s' if count > 1 else ''}", story,
                 time.monotonic() - started)


def scales_in_turns(ctx, make, counts):
    """Each store of `counts` but the first, measured in turn with the first. Returns
    [(base as measured with it, it)]."""
    base = make(ctx, counts[0])
    return [tuple(measure_in_turns(ctx, base, make(ctx, count))) for count in counts[1:]]


def add_rows(ctx, pairs):
    for base, scale in pairs:
        peer = f"the same with {base.label}, in turn"
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
                    f"the same script with {base.label}, in turn",
                    base.spread_load.requests_per_second, "req/s", True))


def table(scales):
    return markdown_table(
        ["store", "set up in", "invoke (mean)", "invoke runs", "gateway start-up", "requests/s",
         "p50", "p99", "gateway peak RSS"],
        [(s.label + (f" (in turn with {s.measured_with})" if s.measured_with else ""),
          figure(s.setup_seconds, "s"), figure(s.invoke_ms, "ms"), s.invoke_runs,
          figure(s.startup_seconds, "s"), f"{s.load.requests_per_second:,.0f}",
          figure(s.load.p50_ms, "ms"), figure(s.load.p99_ms, "ms"), figure(s.rss_mb, "MB"))
         for s in scales])


def run(ctx):
    apps = scales_in_turns(ctx, apps_store, ctx.sizes.app_counts)
    products = scales_in_turns(ctx, products_store, ctx.sizes.product_counts)
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
        "that the import's write-back is over; fewer runs for slow sizes); 'gateway': the same wrk "
        "load as row 1, request log to a file, then a "
        "wrk script sending each request as the next of up to 10,000 of the store's apps, round "
        "robin (on the one-app store, the same script over its one app); 'start-up': "
        f"the median of {STARTUP_RUNS} starts of `gateway serve`, each from starting it to its "
        "accepting connections (it reads the catalog first), polled every millisecond. Each "
        "store is measured side by side with the smallest of its kind (1 app, 1 product): "
        "every measure of the two in turn, in rounds as in row 1, so the smallest store's "
        "figures are taken again with each.\n\n" + table([s for pair in apps for s in pair]) +
        "\n\n" + table([s for pair in products for s in pair]))))
