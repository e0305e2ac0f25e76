"""Row 2: one call, whole-process wall time: `apicat invoke` (the engine in-process: open the
store, decide, call the upstream, count the call against the plan in the store)
and `apicat invoke --gateway` (an HTTP client of a running `gateway serve`), against curl
calling the same upstream directly."""
from . import gateways, story as stories
from .load import hyperfine
from .report import Row, markdown_table


def run(ctx):
    story = stories.create(ctx.apicat, ctx.work / "invoke", ctx.upstream.port)
    upstream_url = f"http://127.0.0.1:{ctx.upstream.port}/current?zipcode=90210"
    with gateways.apicat_gateway(ctx.apicat, story, ctx.logs, "apicat-gateway-invoke") as server:
        server.ready()
        gateway_url = f"http://127.0.0.1:{server.port}"
        commands = {
            "apicat invoke": [ctx.apicat, "invoke", "GET", story.path,
                              *story.credentials_args()],
            "apicat invoke --gateway": [ctx.apicat, "invoke", "GET", story.path, "--gateway",
                                        gateway_url, *story.credentials_args()],
            "curl, upstream direct": ["curl", "-sS", upstream_url],
            "curl through apicat gateway serve": [
                "curl", "-sS", "-H", f"X-IBM-Client-Id: {story.client_id}", "-H",
                f"X-IBM-Client-Secret: {story.client_secret}",
                gateway_url + "/sandbox" + story.path],
        }
        ctx.progress("row 2: invoke")
        timings = hyperfine(commands, ctx.sizes.invoke_runs, ctx.work / "invoke.json",
                            warmup=5, env=story.env)
    curl = timings["curl, upstream direct"]
    for name in ["apicat invoke", "apicat invoke --gateway"]:
        ctx.rows.append(Row("2. invoke", f"{name}, mean wall time", timings[name].mean_ms,
                            "curl, upstream direct", curl.mean_ms, "ms", False))
    ctx.details.append(("2. Invoke latency", (
        f"hyperfine, {ctx.sizes.invoke_runs} runs after 5 warm-up runs, no shell (-N); each "
        "command is a whole process. The apicat calls carry the app's Client ID and secret; the "
        "in-process invoke also opens the store and records the call in the plan's rate-limit "
        "window (a write transaction).\n\n" + markdown_table(
            ["command", "mean", "± σ", "median", "runs"],
            [(name, f"{t.mean_ms:.3g} ms", f"{t.stddev_ms:.2g} ms", f"{t.median_ms:.3g} ms",
              t.runs) for name, t in timings.items()]))))
