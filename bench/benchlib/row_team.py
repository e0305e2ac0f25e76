"""Row 7: a team's catalog in PostgreSQL, served by several gateways (issue 16). On a PostgreSQL
server the row starts for itself (postgres.py: PostgreSQL's defaults, fsync on), in one run:
  - requests/s of one gateway, and of three gateways on the same store with the load spread
    over them;
  - what the shared rate limit costs a call: the same gateway on PostgreSQL, which counts each
    call in a transaction of the store, and on SQLite, which counts in its own memory;
  - whether the shared limit holds under concurrency: three gateways called at once as one
    app whose plan allows N calls an hour, the calls let through counted against N."""
import dataclasses
import math
import os
import statistics
import time

from . import bulk, gateways, postgres, settings, story as stories
from .load import LoadTarget, together, wrk_at_once
from .processes import cpu_seconds
from .report import Row, figure, markdown_table

GATEWAYS = 3
# Each overshoot round loads the gateways for at least this long, and for as long as it takes
# to make three times the plan's limit in calls at the rate measured as one app, at most
# OVERSHOOT_MAX_SECONDS: the limit runs out within the first third.
OVERSHOOT_SECONDS = 3
OVERSHOOT_MAX_SECONDS = 60
LIMITED_PATH = "/limited/current?zipcode=90210"


@dataclasses.dataclass
class Setup:
    """One thing measured: what loads it (`load(seconds)` → a Load), the gateways that answer
    (whose CPU time is counted), and whether PostgreSQL serves it (its CPU time too)."""
    name: str
    apps: str  # whom the calls are made as
    load: object
    gateways: list
    on_postgres: bool
    warm_up: bool = True


@dataclasses.dataclass
class Measured:
    setup: Setup
    load: object  # the median round's figures (load.together of its wrk runs)
    gateway_cpu_us: float | None  # the gateways' CPU time per call answered (pgbench: None)
    postgres_cpu_us: float | None  # the PostgreSQL server's (all its processes), per call


@dataclasses.dataclass
class Overshoot:
    app: str
    admitted: list  # 200s per gateway, from their request logs
    refused: int  # 429s, all gateways
    counted: int  # the store's count of the app's window when the round ended

    @property
    def total_admitted(self):
        return sum(self.admitted)


def split(total, parts):
    """`total` connections over `parts` wrk processes: 64 over 3 is 22, 21, 21."""
    return [total // parts + (1 if index < total % parts else 0) for index in range(parts)]


def spread_script(path, credentials):
    """A wrk script sending each request as the next of `credentials` [(id, secret)], round
    robin, as row 5's does; but each thread of each wrk starts at its own place in the list,
    evenly apart (wrk's arguments after --: this wrk's number, how many there are, its threads),
    so that two threads never call as the same app at the same moment. On PostgreSQL two calls of
    the same app wait for each other (one count, locked); row 5's threads all start at the first
    app, and with several of them here they would keep meeting on the same apps."""
    pairs = ",\n".join(f'{{"{client_id}","{secret}"}}' for client_id, secret in credentials)
    path.write_text(f"""local apps = {{
{pairs}
}}
local requests = {{}}
local next_request = 0
local threads_made = 0
setup = function(thread)
  thread:set("thread_number", threads_made)
  threads_made = threads_made + 1
end
init = function(args)
  for i, app in ipairs(apps) do
    requests[i] = wrk.format(nil, nil, {{["X-IBM-Client-Id"] = app[1], ["X-IBM-Client-Secret"] = app[2]}})
  end
  local process, processes, threads = tonumber(args[1] or 0), tonumber(args[2] or 1), tonumber(args[3] or 1)
  next_request = math.floor(#requests * (process * threads + thread_number) / (processes * threads))
end
request = function()
  next_request = next_request % #requests + 1
  return requests[next_request]
end
""")
    return path


def url(server, path):
    return f"http://127.0.0.1:{server.port}/sandbox{path}"


def loads_for(servers, path, headers, script=None):
    """One wrk for one gateway, as in row 1 (2 threads, 64 connections); for several, one wrk
    each, one thread each, the 64 connections shared out among them."""
    if len(servers) == 1:
        args = ("0", "1", str(settings.WRK_THREADS)) if script else ()
        return [LoadTarget(url(servers[0], path), headers, script, script_args=args)]
    return [LoadTarget(url(server, path), headers, script, threads=1, connections=connections,
                       script_args=(str(index), str(len(servers)), "1") if script else ())
            for index, (server, connections) in
            enumerate(zip(servers, split(settings.CONNECTIONS, len(servers))))]


# The transaction in which a gateway on PostgreSQL counts a call, as the server's statement log
# shows it (PostgresTransaction::rate_window and put_rate_window), for pgbench: a count kept
# per app, the app chosen at random among :apps.
COUNT_TRANSACTION = """\\set app random(1, {apps})
BEGIN ISOLATION LEVEL READ COMMITTED;
SET LOCAL synchronous_commit = off;
SELECT pg_advisory_xact_lock(hashtextextended('app-' || :app, 0));
SELECT window_start, count FROM rate_windows WHERE key = 'app-' || :app;
INSERT INTO rate_windows (key, window_start, count) VALUES ('app-' || :app, 0, 1)
  ON CONFLICT (key) DO UPDATE SET window_start = 0, count = rate_windows.count + 1;
COMMIT;
"""
REFERENCE_DATABASE = "reference"  # pgbench's, beside the store's


def reference_database(server):
    """A database with a copy of the store's rate_windows table, for pgbench."""
    server.create_database(REFERENCE_DATABASE)
    server.psql(REFERENCE_DATABASE, "CREATE TABLE rate_windows (key TEXT NOT NULL PRIMARY KEY, "
                                    "window_start BIGINT NOT NULL, count BIGINT NOT NULL)")


def wrk_load(targets):
    return lambda seconds: together(wrk_at_once(targets, seconds))


def pgbench_load(ctx, server, apps, clients):
    script = ctx.work / f"team-count-{apps}.sql"
    script.write_text(COUNT_TRANSACTION.format(apps=apps))
    return lambda seconds: server.pgbench(REFERENCE_DATABASE, script, clients, seconds,
                                          ctx.work / "team-pgbench-logs")


def setups_for(ctx, server, pg_story, sqlite_story, team, alone):
    """What row 7 measures, in the order it measures them in each round: for calls as one app,
    then as many, the gateway on SQLite, one and three gateways on PostgreSQL, and PostgreSQL
    alone counting as many calls at once as they can (each gateway has one thread per core, and
    a thread waits for its count)."""
    spread_pg = spread_script(ctx.work / "team-spread-postgres.lua", pg_story.spread)
    spread_sqlite = spread_script(ctx.work / "team-spread-sqlite.lua", sqlite_story.spread)
    path = pg_story.path
    threads = os.cpu_count()
    setups = []
    for apps, pg_headers, sqlite_headers, pg_script, sqlite_script, keys in [
            ("1 app", pg_story.headers(), sqlite_story.headers(), None, None, 1),
            (f"{len(pg_story.spread):,} apps", {}, {}, spread_pg, spread_sqlite,
             len(pg_story.spread))]:
        setups += [
            Setup("1 gateway on SQLite", apps,
                  wrk_load(loads_for([alone], path, sqlite_headers, sqlite_script)), [alone],
                  False),
            Setup("1 gateway on PostgreSQL", apps,
                  wrk_load(loads_for(team[:1], path, pg_headers, pg_script)), team[:1], True),
            Setup(f"{GATEWAYS} gateways on PostgreSQL", apps,
                  wrk_load(loads_for(team, path, pg_headers, pg_script)), team, True)]
        for clients in [threads, threads * GATEWAYS]:
            setups.append(Setup(f"PostgreSQL alone: pgbench, {clients} clients", apps,
                                pgbench_load(ctx, server, keys, clients), [], True,
                                warm_up=False))
    return setups


def measure_in_turns(ctx, setups, server):
    """Every setup warmed up once, then measured in turn, round after round, as
    load.wrk_in_turns does, with the CPU time its gateways (and the PostgreSQL server) used
    during each measured load. Each figure is the median of the rounds'."""
    for setup in setups:
        if setup.warm_up and ctx.sizes.warmup_seconds:
            setup.load(ctx.sizes.warmup_seconds)
    rounds = {id(setup): [] for setup in setups}
    for _ in range(ctx.sizes.rounds):
        for setup in setups:
            def used():
                return (sum(cpu_seconds(gateway.process.pid) for gateway in setup.gateways),
                        cpu_seconds(server.server_pid()) if setup.on_postgres else 0.0)
            gateway_before, postgres_before = used()
            load = setup.load(ctx.sizes.load_seconds)
            gateway_after, postgres_after = used()
            calls = max(load.requests, 1)
            rounds[id(setup)].append((load, (gateway_after - gateway_before) * 1e6 / calls,
                                      (postgres_after - postgres_before) * 1e6 / calls))
    measured = []
    for setup in setups:
        runs = rounds[id(setup)]
        loads = [run[0] for run in runs]
        median_load = dataclasses.replace(
            loads[0], requests_per_second=statistics.median(l.requests_per_second for l in loads),
            p50_ms=statistics.median(l.p50_ms for l in loads),
            p99_ms=statistics.median(l.p99_ms for l in loads),
            requests=sum(l.requests for l in loads), failures=sum(l.failures for l in loads))
        measured.append(Measured(setup, median_load,
                                 statistics.median(run[1] for run in runs)
                                 if setup.gateways else None,
                                 statistics.median(run[2] for run in runs)
                                 if setup.on_postgres else None))
    return measured


def clear_of_window_edge(seconds):
    """Waits, if need be, until the next `seconds` stay within one clock hour: the plan's
    windows are clock hours, and a round across two would have two budgets."""
    into_hour = time.time() % 3600
    if into_hour + seconds > 3600:
        time.sleep(3600 - into_hour + 1)


def answers(log_tail, app, status):
    """How many of the request log lines (method path status app upstream) are `app`'s with
    `status`."""
    count = 0
    for line in log_tail.splitlines():
        fields = line.split()
        if len(fields) >= 4 and fields[2] == status and fields[3] == app:
            count += 1
    return count


def overshoot_seconds(ctx, measured):
    rate = by_name(measured)[(f"{GATEWAYS} gateways on PostgreSQL", "1 app")].load \
        .requests_per_second
    return min(OVERSHOOT_MAX_SECONDS,
               max(OVERSHOOT_SECONDS, math.ceil(3 * ctx.sizes.team_limit / max(rate, 1))))


def overshoot_rounds(ctx, pg_story, server, team, seconds):
    """Each round, a new app of the limited product is called through the three gateways at
    once (64 connections shared out among them) for `seconds`, past its plan's limit; the 200s
    and 429s are then counted in the gateways' request logs."""
    results = []
    for number in range(1, ctx.sizes.team_overshoot_rounds + 1):
        app = f"overshoot-{number}"
        client_id, secret = stories.register_app(pg_story, app, "limited-product")
        headers = {"X-IBM-Client-Id": client_id, "X-IBM-Client-Secret": secret}
        clear_of_window_edge(seconds + 10)
        offsets = [gateway.log_path.stat().st_size for gateway in team]
        wrk_at_once(loads_for(team, LIMITED_PATH, headers), seconds)
        time.sleep(1)  # a gateway writes its request log every 100 ms
        tails = []
        for gateway, offset in zip(team, offsets):
            with open(gateway.log_path, "rb") as log:
                log.seek(offset)
                tails.append(log.read().decode(errors="replace"))
        counted = server.psql("apicat", "SELECT coalesce(sum(count), 0) FROM rate_windows "
                                        f"WHERE key LIKE 'sandbox/{app}/%'").strip()
        results.append(Overshoot(app, [answers(tail, app, "200") for tail in tails],
                                 sum(answers(tail, app, "429") for tail in tails), int(counted)))
    return results


def cpu_text(value):
    return "n/a" if value is None else f"{value:,.0f} µs"


def by_name(measured):
    return {(m.setup.name, m.setup.apps): m for m in measured}


def app_kinds(measured):
    """["1 app", "1,000 apps"]: the two ways the calls are made, in order."""
    return list(dict.fromkeys(m.setup.apps for m in measured))


def pgbench_names():
    threads = os.cpu_count()
    return (f"PostgreSQL alone: pgbench, {threads} clients",
            f"PostgreSQL alone: pgbench, {threads * GATEWAYS} clients")


def add_rows(ctx, measured, overshoots):
    by = by_name(measured)
    team = f"{GATEWAYS} gateways on PostgreSQL"
    one_alone, team_alone = pgbench_names()
    for apps in app_kinds(measured):
        three, one = by[(team, apps)], by[("1 gateway on PostgreSQL", apps)]
        ctx.rows += [
            Row("7. team", f"requests/s, {team}, calls as {apps}",
                three.load.requests_per_second, "1 gateway on the same store, in turn",
                one.load.requests_per_second, "req/s", True),
            Row("7. team", f"requests/s, 1 gateway on PostgreSQL, calls as {apps}",
                one.load.requests_per_second,
                f"{one_alone} (the count's transaction alone)",
                by[(one_alone, apps)].load.requests_per_second, "req/s", True),
            Row("7. team", f"requests/s, {team}, calls as {apps}",
                three.load.requests_per_second,
                f"{team_alone} (the count's transaction alone)",
                by[(team_alone, apps)].load.requests_per_second, "req/s", True)]
    for apps in app_kinds(measured):
        pg, sqlite = by[("1 gateway on PostgreSQL", apps)], by[("1 gateway on SQLite", apps)]
        peer = "the same gateway on SQLite (limit counted in memory)"
        ctx.rows += [
            Row("7. team", f"requests/s, gateway on PostgreSQL (limit counted in the store), "
                f"calls as {apps}", pg.load.requests_per_second, peer,
                sqlite.load.requests_per_second, "req/s", True),
            Row("7. team", f"p50 latency, gateway on PostgreSQL, calls as {apps}",
                pg.load.p50_ms, peer, sqlite.load.p50_ms, "ms", False),
            Row("7. team", f"p99 latency, gateway on PostgreSQL, calls as {apps}",
                pg.load.p99_ms, peer, sqlite.load.p99_ms, "ms", False),
            Row("7. team", f"CPU time per call, gateway + PostgreSQL, calls as {apps}",
                pg.gateway_cpu_us + pg.postgres_cpu_us, "the gateway on SQLite",
                sqlite.gateway_cpu_us, "µs", False)]
    for overshoot in overshoots:
        ctx.rows.append(Row("7. team", f"calls let through of a {ctx.sizes.team_limit:,}/1hour "
                            f"plan, {GATEWAYS} gateways at once ({overshoot.app})",
                            overshoot.total_admitted, "the plan's limit", ctx.sizes.team_limit,
                            "calls", False))


def extra_per_call(pg, sqlite):
    """(machine µs, CPU µs) more per call on PostgreSQL than on SQLite: the load's inverse
    rate on this machine, and the CPU time of the gateway (and server) per call."""
    machine = 1e6 / pg.load.requests_per_second - 1e6 / sqlite.load.requests_per_second
    cpu = pg.gateway_cpu_us + pg.postgres_cpu_us - sqlite.gateway_cpu_us
    return machine, cpu


def details(ctx, measured, overshoots, setup_seconds, seconds):
    by = by_name(measured)
    kinds = app_kinds(measured)
    many = kinds[-1]
    threads = os.cpu_count()
    table = markdown_table(
        ["measured", "calls as", "requests/s", "p50", "p99", "requests", "failed",
         "gateway CPU per call", "PostgreSQL CPU per call"],
        [(m.setup.name, m.setup.apps, f"{m.load.requests_per_second:,.0f}",
          figure(m.load.p50_ms, "ms"), figure(m.load.p99_ms, "ms"), f"{m.load.requests:,}",
          m.load.failures, cpu_text(m.gateway_cpu_us), cpu_text(m.postgres_cpu_us))
         for m in measured])
    extras = []
    for apps in kinds:
        machine, cpu = extra_per_call(by[("1 gateway on PostgreSQL", apps)],
                                      by[("1 gateway on SQLite", apps)])
        extras.append(f"calls as {apps}: {machine:,.0f} µs more of the machine's time per call "
                      f"(1/rate), {cpu:,.0f} µs more CPU time (gateway + PostgreSQL)")
    overshoot_table = markdown_table(
        ["app", "limit", "200s (per gateway)", "200s in all", "429s", "the store's count"],
        [(o.app, f"{ctx.sizes.team_limit:,}", " + ".join(str(n) for n in o.admitted),
          f"{o.total_admitted:,}", f"{o.refused:,}", f"{o.counted:,}") for o in overshoots])
    return ("7. Team: several gateways on one PostgreSQL store", (
        f"A PostgreSQL server the row starts itself ({postgres.version()}; initdb in a temporary "
        "folder, 127.0.0.1, trust authentication), with PostgreSQL's default settings: "
        "**fsync and synchronous_commit stay on**, as a team would run its store (the count's "
        "own transaction alone commits without waiting for the disk: SET LOCAL "
        "synchronous_commit = off, docs/store.md). On it, the story of row 1 "
        f"(APICAT_STORE) with {many} more imported as in row 5, and {GATEWAYS} `apicat gateway "
        "serve` started on it; beside it the same story in a SQLite store, served by one "
        "gateway. Every gateway logs its requests to a file and records its calls (analytics, "
        "in its store, in batches). The plan's limit (1,000,000,000 an hour) is counted on every "
        "call and never reached: on PostgreSQL in one short transaction of the store per call "
        "(BEGIN with synchronous_commit off, an advisory lock on the app's count, the count "
        "read, then written, COMMIT: 5 round trips), on SQLite in the gateway's memory. A "
        "gateway's threads (one per "
        f"core: {threads} here) each wait for their call's count, so one gateway has at most "
        f"{threads} counts under way. 'PostgreSQL alone' is pgbench running that same "
        f"transaction (bench/benchlib/row_team.py) with as many clients as one gateway has "
        f"threads ({threads}) and as {GATEWAYS} have ({threads * GATEWAYS}), against a copy of "
        "the store's table: what the server "
        f"can count at that concurrency, about what the gateways above can reach. Set up in "
        f"{setup_seconds:.0f} s.\n\n"
        "Loads: wrk as in row 1 (64 keep-alive connections); for one gateway one wrk (2 "
        f"threads), for {GATEWAYS} gateways {GATEWAYS} wrk at once, one per gateway, 1 thread "
        "and 22, 21, 21 connections each, their requests/s added up and their p50 and p99 the "
        "slowest of the three. Calls as 1 app: every call counts against the same count, so on "
        f"PostgreSQL they wait for each other's commit; calls as {many}: a wrk script sending "
        "each request as the next app, each wrk thread from its own place in the list (pgbench: "
        f"an app at random among {many}). The {len(measured)} setups are measured in turn, "
        f"{ctx.sizes.rounds} round(s) of {ctx.sizes.load_seconds} s each after a "
        f"{ctx.sizes.warmup_seconds} s warm-up of the gateways (the idle ones stay up), each "
        "figure the median round. CPU per call: the CPU time (user + system, from /proc) of the "
        "loaded gateways, and of all the PostgreSQL server's processes, during the measured "
        "load, over the calls answered.\n\n"
        f"What {GATEWAYS} gateways on this machine's {threads} cores can and cannot show: they "
        "share the cores with each other, with PostgreSQL, with the upstream nginx and with "
        "wrk, so once the cores are busy more gateways cannot add throughput, and the figures "
        "say nothing of gateways on machines of their own, or of a PostgreSQL on another host "
        "(each round trip then crosses a network). What they do show: how far the shared count "
        "lets a gateway go (its threads wait on commits, not on the CPU), whether more gateways "
        "get more counted (more commits under way at once, which PostgreSQL writes to disk "
        "together), and that calls as one app serialize on their one count however many "
        "gateways there are.\n\n" + table + "\n\nThe shared limit's cost, gateway on "
        "PostgreSQL against the same on SQLite: " + "; ".join(extras) + ".\n\n"
        f"Overshoot: a second product, plan `default:{ctx.sizes.team_limit}/1hour`, in the same "
        f"store; for each round a new app subscribed to it is called through the {GATEWAYS} "
        f"gateways at once for {seconds} s (3 wrk, 64 connections in all: at least "
        f"{OVERSHOOT_SECONDS} s, and three times the limit at the rate measured as 1 app), past "
        "its limit; the 200s and 429s are counted in the gateways' request logs, and the "
        "store's count of the app's window read with psql. With the count locked for each "
        "call, the 200s should be exactly the limit.\n\n" + overshoot_table))


def run(ctx):
    started = time.monotonic()
    with postgres.Postgres(ctx.logs) as server:
        server.start()
        server.create_database("apicat")
        ctx.progress(f"row 7: PostgreSQL on port {server.port}, stores of {ctx.sizes.team_apps:,}"
                     " apps")
        pg_story = stories.create(ctx.apicat, ctx.work / "team-postgres", ctx.upstream.port,
                                  store=server.url("apicat"))
        sqlite_story = stories.create(ctx.apicat, ctx.work / "team-sqlite", ctx.upstream.port)
        for story in [pg_story, sqlite_story]:
            bulk.add_apps(story, ctx.sizes.team_apps)
        stories.secured_draft(pg_story, "limited.yaml", "/limited", ctx.upstream.port)
        stories.publish_product(pg_story, "limited-product", "limited.yaml",
                                plan=f"default:{ctx.sizes.team_limit}/1hour")
        servers = {}  # Server → its story
        try:
            for number in range(1, GATEWAYS + 1):
                servers[gateways.apicat_gateway(ctx.apicat, pg_story, ctx.logs,
                                                f"apicat-gateway-team-{number}")] = pg_story
            servers[gateways.apicat_gateway(ctx.apicat, sqlite_story, ctx.logs,
                                            "apicat-gateway-team-sqlite")] = sqlite_story
            for gateway, story in servers.items():
                gateway.ready()
                gateways.check_enforces(gateway.name, url(gateway, story.path), story.headers())
            *team, alone = servers
            setup_seconds = time.monotonic() - started
            reference_database(server)
            setups = setups_for(ctx, server, pg_story, sqlite_story, team, alone)
            ctx.progress(f"row 7: {len(setups)} setups in turn, {ctx.sizes.rounds} rounds")
            measured = measure_in_turns(ctx, setups, server)
            seconds = overshoot_seconds(ctx, measured)
            ctx.progress(f"row 7: overshoot, {ctx.sizes.team_overshoot_rounds} round(s) of "
                         f"{seconds} s")
            overshoots = overshoot_rounds(ctx, pg_story, server, team, seconds)
        finally:
            for gateway in servers:
                gateway.stop()
    for m in measured:
        if m.load.failures:
            ctx.notes.append(f"row 7: {m.setup.name}, calls as {m.setup.apps}: "
                             f"{m.load.failures:,} of {m.load.requests:,} requests failed "
                             "(non-2xx or socket errors); see the logs in .cache/bench")
    add_rows(ctx, measured, overshoots)
    for overshoot in overshoots:
        if not overshoot.refused:
            ctx.notes.append(f"row 7: {overshoot.app} never reached its plan's limit "
                             f"({overshoot.total_admitted:,} calls of {ctx.sizes.team_limit:,} "
                             f"in {seconds} s): its figure says nothing of an overshoot")
    ctx.details.append(details(ctx, measured, overshoots, setup_seconds, seconds))
    ctx.progress(f"row 7: done in {time.monotonic() - started:.0f} s")
