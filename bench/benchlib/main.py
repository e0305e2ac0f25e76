"""bench/run: sets up, runs the rows in order around one upstream, and writes the results."""
import argparse
import dataclasses
import datetime
import os
import pathlib
import shutil
import time

from . import nginx, report, settings, tools
from . import row_edit, row_gateway, row_invoke, row_scale, row_team, row_validate
from .processes import load_average

# Row 6, memory, has no module of its own: rows 1, 3 and 5 measure it.
ROWS = {"1": row_gateway, "2": row_invoke, "3": row_edit, "4": row_validate, "5": row_scale,
        "7": row_team}


@dataclasses.dataclass
class Context:
    """What every row reads (the tools, the sizes, the upstream) and adds to (rows, details)."""
    apicat: str
    npm: dict
    sizes: settings.Sizes
    work: pathlib.Path
    logs: pathlib.Path
    output_dir: pathlib.Path
    upstream: object = None
    rows: list = dataclasses.field(default_factory=list)
    details: list = dataclasses.field(default_factory=list)
    notes: list = dataclasses.field(default_factory=list)
    started: float = dataclasses.field(default_factory=time.monotonic)

    @property
    def story_env(self):
        """For tools that need no store of their own: an empty one in the work folder."""
        return dict(os.environ, APICAT_HOME=str(self.work / "home"), NO_COLOR="1")

    def progress(self, what):
        print(f"bench: [{time.monotonic() - self.started:5.0f} s, load {load_average()}] {what}",
              flush=True)


def parse(argv, doc):
    parser = argparse.ArgumentParser(prog="bench/run", description=doc,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true",
                        help="every row with smaller sizes, in under 3 minutes (a sanity check)")
    parser.add_argument("--apicat", help="the apicat binary to measure (default: build one)")
    parser.add_argument("--rows", default=",".join(ROWS),
                        help="which rows to run, e.g. 1,5 (default: all; 6, memory, comes "
                             "with 1, 3 and 5)")
    parser.add_argument("--full-corpus", action="store_true",
                        help="row 4: swagger-cli on every spec, not every 5th (adds half an hour)")
    parser.add_argument("--note", action="append", default=[],
                        help="a line for the results' notes, e.g. which build --apicat is")
    parser.add_argument("--output", help="where to write the results (default: bench/RESULTS.md; "
                                         ".cache/bench/RESULTS-quick.md with --quick, "
                                         ".cache/bench/RESULTS-rows-1-5.md with --rows 1,5)")
    options = parser.parse_args(argv)
    unknown = set(options.rows.split(",")) - set(ROWS)
    if unknown:
        parser.error(f"no row {', '.join(sorted(unknown))}: rows are {', '.join(ROWS)}")
    return options


def default_output(options):
    """bench/RESULTS.md for a full run alone: a quick run or some of the rows must not replace
    the figures of every row."""
    if options.quick:
        return settings.QUICK_RESULTS
    if options.rows != ",".join(ROWS):
        return settings.CACHE / f"RESULTS-rows-{options.rows.replace(',', '-')}.md"
    return settings.RESULTS


def main(argv, doc):
    options = parse(argv, doc)
    tools.ensure_debian()
    npm = tools.ensure_npm()
    apicat = str(pathlib.Path(options.apicat).resolve()) if options.apicat else \
        tools.build_apicat()
    output = pathlib.Path(options.output) if options.output else default_output(options)
    shutil.rmtree(settings.WORK, ignore_errors=True)
    logs = settings.WORK / "logs"
    logs.mkdir(parents=True)
    output.parent.mkdir(parents=True, exist_ok=True)
    sizes = settings.QUICK if options.quick else settings.FULL
    if options.full_corpus:
        sizes = dataclasses.replace(sizes, swagger_every=1)
    ctx = Context(apicat, npm, sizes, settings.WORK, logs, output.parent)
    ctx.notes += options.note
    environment = tools.machine(apicat, npm)
    began = datetime.datetime.now(datetime.timezone.utc)
    load_before = load_average()
    ctx.progress(f"{'quick' if options.quick else 'full'} run, rows {options.rows}")

    ctx.upstream = nginx.upstream(logs).ready()
    try:
        for row in options.rows.split(","):
            ROWS[row].run(ctx)
    finally:
        ctx.upstream.stop()

    minutes = (time.monotonic() - ctx.started) / 60
    environment = {
        "date": f"{began:%Y-%m-%d %H:%M} UTC, {minutes:.1f} minutes",
        "run": ("bench/run --quick" if options.quick else "bench/run") +
               ("" if options.rows == ",".join(ROWS) else f" --rows {options.rows}"),
        "load average (1, 5, 15 min)": f"{load_before} at the start, {load_average()} at the end",
        **environment}
    text = report.document(
        "apicat benchmarks" + (" (quick run: small sizes, short loads)" if options.quick else ""),
        "Written by `bench/run`: apicat side by side with the tools users would use instead, "
        "every figure measured in the same run on the same machine.", ctx.rows, ctx.details,
        ctx.notes, environment)
    output.write_text(text)
    print("\n" + report.ratio_table(ctx.rows) + "\n")
    print(f"bench: results in {output}", flush=True)
    return 0
