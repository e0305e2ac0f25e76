"""The two measuring tools: wrk for a server's throughput and latency under keep-alive load, and
hyperfine for whole-process wall time over many runs."""
import dataclasses
import json
import re
import shlex
import statistics
import subprocess

from .settings import CONNECTIONS, WRK_THREADS

UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


@dataclasses.dataclass
class Load:
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    requests: int
    failures: int  # non-2xx answers and socket errors: a run with failures measured something else


def milliseconds(text):
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(number) * UNITS[unit]


def parse_wrk(output):
    def find(pattern):
        match = re.search(pattern, output)
        if not match:
            raise RuntimeError(f"unexpected wrk output:\n{output}")
        return match.group(1)

    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)",
                       output)
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return Load(requests_per_second=float(find(r"Requests/sec:\s+([\d.]+)")),
                p50_ms=milliseconds(find(r"\n\s+50%\s+(\S+)")),
                p99_ms=milliseconds(find(r"\n\s+99%\s+(\S+)")),
                requests=int(find(r"(\d+) requests in")),
                failures=(int(non_2xx.group(1)) if non_2xx else 0) +
                         (sum(int(n) for n in errors.groups()) if errors else 0))


def spread_script(path, credentials):
    """A wrk script that sends each request with the next app's Client ID and secret from
    `credentials` [(id, secret)], round robin (each wrk thread from its own place).

    The requests are formatted once, in init(), as wrk itself does for a plain run: formatting
    one per call in request() cost wrk 4 µs more CPU per request with 10,000 apps than with
    one (a new 200-byte string each call against the same one), on the two cores the gateway
    shares with it, so the row measured the load generator's cost as much as the gateway's."""
    pairs = ",\n".join(f'{{"{client_id}","{secret}"}}' for client_id, secret in credentials)
    path.write_text(f"""local apps = {{
{pairs}
}}
local requests = {{}}
local next_request = 0
init = function(args)
  for i, app in ipairs(apps) do
    requests[i] = wrk.format(nil, nil, {{["X-IBM-Client-Id"] = app[1], ["X-IBM-Client-Secret"] = app[2]}})
  end
end
request = function()
  next_request = next_request % #requests + 1
  return requests[next_request]
end
""")
    return path


def wrk_command(url, headers, seconds, script=None, threads=WRK_THREADS,
                connections=CONNECTIONS, script_args=()):
    command = ["wrk", f"-t{threads}", f"-c{connections}", "--latency", "--timeout", "10s",
               f"-d{seconds}s"]
    if script:
        command += ["-s", str(script)]
    for name, value in headers.items():
        command += ["-H", f"{name}: {value}"]
    return command + [url] + (["--", *script_args] if script_args else [])


def warm_up(url, headers, seconds, script=None):
    """Loads `url` for `seconds`, the figures discarded: connection pools fill, caches warm."""
    if seconds:
        subprocess.run(wrk_command(url, headers, seconds, script), check=True,
                       capture_output=True)


def wrk(url, headers, warmup_seconds, seconds, script=None):
    """Loads `url` for `warmup_seconds` (discarded: connection pools fill, caches warm), then
    measures for `seconds`; `script`, a wrk Lua script, may set each request's headers."""
    warm_up(url, headers, warmup_seconds, script)
    done = subprocess.run(wrk_command(url, headers, seconds, script), check=True,
                          capture_output=True, text=True)
    return parse_wrk(done.stdout)


@dataclasses.dataclass(frozen=True)
class LoadTarget:
    url: str
    headers: dict
    script: object = None  # a wrk Lua script, or None
    threads: int = WRK_THREADS
    connections: int = CONNECTIONS
    script_args: tuple = ()  # what the script's init() is given (wrk's arguments after --)

    def command(self, seconds):
        return wrk_command(self.url, self.headers, seconds, self.script, self.threads,
                           self.connections, self.script_args)


def wrk_at_once(targets, seconds):
    """Loads each of `targets` (a list of LoadTarget) with a wrk of its own, all at the same
    time, for `seconds`; returns their Loads, in order."""
    runs = [subprocess.Popen(target.command(seconds), stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True) for target in targets]
    outputs = [run.communicate() for run in runs]
    for run, (_, errors) in zip(runs, outputs):
        if run.returncode != 0:
            raise RuntimeError(f"wrk exited with status {run.returncode}: {errors}")
    return [parse_wrk(output) for output, _ in outputs]


def together(loads):
    """Several wrk runs made at once as one load: their rates and counts added up, and the
    slowest one's p50 and p99 (percentiles of separate runs cannot be merged)."""
    return Load(requests_per_second=sum(load.requests_per_second for load in loads),
                p50_ms=max(load.p50_ms for load in loads),
                p99_ms=max(load.p99_ms for load in loads),
                requests=sum(load.requests for load in loads),
                failures=sum(load.failures for load in loads))


def wrk_in_turns(targets, warmup_seconds, seconds, rounds):
    """Measures several servers side by side: each of `targets` (name → LoadTarget) is warmed
    up once, then all are measured in turn, `seconds` each, `rounds` times over (A B A B …).
    On a shared machine the speed changes from one minute to the next (apicat's gateway served
    52,237 requests/s in one run of row 1 and 60,622 in the next, minutes apart, and nginx
    56,442 and 57,094): in turns, a change falls on all of them alike. Each gets the median of
    its rounds, figure by figure; requests and failures are added up. Returns name → Load."""
    for target in targets.values():
        warm_up(target.url, target.headers, warmup_seconds, target.script)
    measured = {name: [] for name in targets}
    for _ in range(rounds):
        for name, target in targets.items():
            measured[name].append(wrk(target.url, target.headers, 0, seconds, target.script))
    return {name: Load(requests_per_second=statistics.median(l.requests_per_second for l in loads),
                       p50_ms=statistics.median(l.p50_ms for l in loads),
                       p99_ms=statistics.median(l.p99_ms for l in loads),
                       requests=sum(l.requests for l in loads),
                       failures=sum(l.failures for l in loads))
            for name, loads in measured.items()}


@dataclasses.dataclass
class Timing:
    mean_ms: float
    stddev_ms: float
    median_ms: float
    runs: int


def hyperfine(commands, runs, json_path, warmup=3, prepare=None, shell=False, env=None):
    """Times each of `commands` (name → argv list, or a shell line when `shell`); returns
    name → Timing. `prepare` runs before every timed run (hyperfine --prepare)."""
    command = ["hyperfine", "--style", "none", "--runs", str(runs), "--warmup", str(warmup),
               "--export-json", str(json_path)]
    if not shell:
        command.append("-N")  # no shell in between: the process alone is timed
    if prepare:
        command += ["--prepare", prepare]
    for name, argv in commands.items():
        command += ["-n", name, argv if shell else shlex.join(argv)]
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, env=env)
    results = json.loads(json_path.read_text())["results"]
    return {result["command"]: Timing(result["mean"] * 1000, (result["stddev"] or 0) * 1000,
                                      result["median"] * 1000, len(result["times"]))
            for result in results}
