"""Row 3 (and row 6's edit memory): adding the two security definitions and the option to
GitHub's REST API description (13 MB of JSON, and apicat's YAML conversion of it): apicat's
three commands, against openapi-format applying an OpenAPI overlay with the same content, and
jq rewriting the JSON file (the near-limit: parse, add, print, nothing else)."""
import json
import shutil
import statistics
import subprocess
import time

from .report import Row, figure, markdown_table

import corpus  # scripts/corpus.py, shared with scripts/corpus-check (bench/run puts it on the path)

OVERLAY = """overlay: 1.0.0
info:
  title: Client ID and secret
  version: 1.0.0
actions:
  - target: "$.components"
    update:
      securitySchemes:
        client-id: {type: apiKey, in: header, name: X-IBM-Client-Id, x-key-type: client_id}
        client-secret: {type: apiKey, in: header, name: X-IBM-Client-Secret, x-key-type: client_secret}
  - target: "$"
    update:
      security:
        - client-id: []
          client-secret: []
"""
JQ = ('.components.securitySchemes += {'
      '"client-id": {"type": "apiKey", "in": "header", "name": "X-IBM-Client-Id", '
      '"x-key-type": "client_id"}, '
      '"client-secret": {"type": "apiKey", "in": "header", "name": "X-IBM-Client-Secret", '
      '"x-key-type": "client_secret"}} '
      '| .security = ((.security // []) + [{"client-id": [], "client-secret": []}])')


def quote(text):
    return "'" + text.replace("'", "'\\''") + "'"


def apicat_edit(apicat, file):
    """The shell line of the story's three edits, as a user types them."""
    return (f"{apicat} security-definition add {file} client-id --type apiKey --in header "
            f"--key X-IBM-Client-Id && "
            f"{apicat} security-definition add {file} client-secret --type apiKey --in header "
            f"--key X-IBM-Client-Secret && "
            f"{apicat} security add {file} client-id client-secret")


def single_edit(apicat, file):
    """One edit, the first of the story's: what the speed goals are set on."""
    return (f"{apicat} -q security-definition add {file} client-id --type apiKey --in header "
            f"--key X-IBM-Client-Id")


def tools(ctx, source, work):
    """tool → (the shell line of one edit, the file it edits)."""
    suffix = source.suffix
    target = work / f"apicat{suffix}"
    found = {"apicat": (apicat_edit(ctx.apicat, target), target),
             "apicat, one edit": (single_edit(ctx.apicat, work / f"one{suffix}"),
                                  work / f"one{suffix}")}
    target = work / f"openapi-format{suffix}"
    found["openapi-format + overlay"] = (
        f"{ctx.npm['openapi-format']} {target} --overlayFile {work / 'overlay.yaml'} --no-sort "
        f"-o {target}", target)
    if suffix == ".json":
        target = work / "jq.json"
        found["jq rewrite"] = (f"jq {quote(JQ)} {target} > {target}.new && "
                               f"mv {target}.new {target}", target)
    return found


def timed(line, work):
    """Runs one edit; returns (wall seconds, peak RSS in MB). GNU time reports the shell's peak
    RSS, which Linux makes the largest of it and of the children it waited for."""
    rss_file = work / "rss.txt"
    start = time.monotonic()
    subprocess.run(["/usr/bin/time", "-f", "%M", "-o", str(rss_file), "sh", "-c", line],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.monotonic() - start, int(rss_file.read_text().split()[-1]) / 1024


def check_edited(ctx, file, source):
    """The edit must have added what was asked, in the same document: apicat's own reading of
    the result, and the number of lines that differ from the original."""
    shown = json.loads(subprocess.run([ctx.apicat, "-o", "json", "api", "show", str(file)],
                                      check=True, capture_output=True, text=True).stdout)
    keys = {d["name"]: d.get("key") for d in shown["security_definitions"]}
    whole_story = file.stem != "one"
    if keys.get("client-id") != "X-IBM-Client-Id" or (whole_story and (
            keys.get("client-secret") != "X-IBM-Client-Secret" or
            ["client-id", "client-secret"] not in [sorted(o) for o in shown["security"]])):
        raise RuntimeError(f"{file}: the edit did not add the definitions and the option")
    diff = subprocess.run(["diff", str(source), str(file)], capture_output=True, text=True)
    return sum(1 for line in diff.stdout.splitlines() if line[:1] in "<>")


def run(ctx):
    corpus.fetch()
    work = ctx.work / "edit"
    work.mkdir(parents=True, exist_ok=True)
    (work / "overlay.yaml").write_text(OVERLAY)
    figures = []  # (source, tool, mean seconds, σ, peak RSS MB, lines changed)
    for source in [corpus.GITHUB_JSON, corpus.GITHUB_YAML]:
        for tool, (line, target) in tools(ctx, source, work).items():
            ctx.progress(f"row 3: {tool} editing {source.name}")
            runs = []
            for _ in range(ctx.sizes.edit_runs):
                shutil.copyfile(source, target)  # every run starts from the original
                runs.append(timed(line, work))
            seconds = [run_seconds for run_seconds, _ in runs]
            figures.append((source, tool, statistics.mean(seconds),
                            statistics.stdev(seconds) if len(seconds) > 1 else 0.0,
                            max(rss for _, rss in runs), check_edited(ctx, target, source)))

    jq = next(f for f in figures if f[1] == "jq rewrite")
    for source in [corpus.GITHUB_JSON, corpus.GITHUB_YAML]:
        kind = source.suffix[1:].upper()
        size = source.stat().st_size / 1e6
        one = next(f for f in figures if f[0] == source and f[1] == "apicat, one edit")
        # The goals: a patch beats jq's rewrite of the JSON (twice over for JSON), in at most
        # ten times the file's size.
        ctx.rows.append(Row("3. edit", f"one security-definition add, GitHub spec ({kind}, "
                            f"{size:.1f} MB)", one[2], "jq rewrite of the JSON", jq[2], "s", False))
        ctx.rows.append(Row("6. memory", f"peak RSS of one edit, GitHub spec ({kind})", one[4],
                            "10× the file's size", 10 * size, "MB", False))
        mine = next(f for f in figures if f[0] == source and f[1] == "apicat")
        for _, tool, seconds, _, rss, _ in (f for f in figures if f[0] == source and
                                            f[1] not in ("apicat", "apicat, one edit")):
            ctx.rows.append(Row("3. edit", f"GitHub spec ({kind}), 2 definitions + option",
                                mine[2], tool, seconds, "s", False))
            ctx.rows.append(Row("6. memory", f"peak RSS of the edit, GitHub spec ({kind})",
                                mine[4], tool, rss, "MB", False))
    ctx.details.append(("3. Editing a large spec", (
        f"GitHub's REST API description from npm @octokit/openapi ({corpus.GITHUB_JSON.name}, "
        f"{corpus.GITHUB_JSON.stat().st_size / 1e6:.1f} MB) and PyYAML's dump of it "
        f"({corpus.GITHUB_YAML.stat().st_size / 1e6:.1f} MB). 'apicat, one edit': the first "
        "`security-definition add` alone, the edit the speed goals are set on. apicat: the story's three "
        "commands (two `security-definition add`, one `security add`), three processes, each "
        "loading, editing losslessly, re-checking and writing the file. openapi-format: one "
        "process applying an overlay that adds the same definitions and option (--no-sort). "
        "jq: one process, a plain rewrite of the JSON. Wall time of the whole edit, mean of "
        f"{ctx.sizes.edit_runs} runs, each on a fresh copy of the original. 'lines changed': "
        "lines of `diff original edited`: what a reviewer sees.\n\n" + markdown_table(
            ["file", "tool", "mean", "± σ", "peak RSS", "lines changed"],
            [(source.name, tool, figure(seconds, "s"), figure(spread, "s"), figure(rss, "MB"),
              f"{changed:,}") for source, tool, seconds, spread, rss, changed in figures]))))
