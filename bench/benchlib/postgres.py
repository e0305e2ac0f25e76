"""PostgreSQL for row 7: a throwaway cluster made with initdb in a temporary folder, its server
on a free port of 127.0.0.1 with trust authentication, run as the postgres user when the bench
runs as root (PostgreSQL refuses to run as root). The system's clusters are never touched.

The server keeps PostgreSQL's defaults, fsync and synchronous_commit on among them: the store as
a team would run it, where each counted call is a commit that waits for its WAL to reach the
disk. (The tests turn fsync off; a benchmark with it off would measure a store nobody runs.)"""
import os
import pathlib
import pwd
import re
import shutil
import statistics
import subprocess
import tempfile

from .load import Load
from .processes import free_port

INSTALLATIONS = pathlib.Path("/usr/lib/postgresql")  # Debian's postgresql-<version> packages
SUPERUSER = "postgres"


def bin_folder():
    """The bin folder of the newest PostgreSQL installed, or None."""
    versions = [path for path in INSTALLATIONS.glob("*/bin")
                if path.parent.name.isdigit() and (path / "initdb").exists()]
    return max(versions, key=lambda path: int(path.parent.name), default=None)


def version():
    folder = bin_folder()
    if not folder:
        return "not installed"
    done = subprocess.run([str(folder / "postgres"), "--version"], capture_output=True, text=True)
    return done.stdout.strip() or "?"


class Postgres:
    """`start()` makes the cluster and starts its server; `stop()` stops it and removes the
    folder (also as a context manager)."""

    def __init__(self, log_dir):
        self.bin = bin_folder()
        if not self.bin:
            raise RuntimeError(f"PostgreSQL is not installed (no {INSTALLATIONS}/*/bin/initdb)")
        self.log_dir = log_dir
        self.folder = pathlib.Path(tempfile.mkdtemp(prefix="apicat-bench-postgres-"))
        self.port = None
        self.as_server = []
        if os.geteuid() == 0:
            user = pwd.getpwnam(SUPERUSER)
            shutil.chown(self.folder, user.pw_uid, user.pw_gid)
            self.as_server = ["runuser", "-u", SUPERUSER, "--"]

    @property
    def data(self):
        return self.folder / "data"

    @property
    def log_path(self):
        return self.folder / "server.log"

    def server_command(self, program, *args):
        """`program` of PostgreSQL's as the server's user, in the cluster's folder."""
        return subprocess.run([*self.as_server, str(self.bin / program), *args], cwd=self.folder,
                              capture_output=True, text=True)

    def start(self):
        # --no-sync: initdb's own files need not reach the disk before it returns; the server
        # still syncs every commit.
        made = self.server_command("initdb", "-D", str(self.data), "--auth=trust",
                                   f"--username={SUPERUSER}", "--locale=C", "--encoding=UTF8",
                                   "--no-sync", "--no-instructions")
        if made.returncode != 0:
            raise RuntimeError(f"initdb failed:\n{made.stdout}{made.stderr}")
        # Another process may take the free port before the server binds it: then another one.
        for attempt in range(3):
            self.port = free_port()
            started = self.server_command(
                "pg_ctl", "-D", str(self.data), "-l", str(self.log_path), "-w", "-t", "60", "-o",
                f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1", "start")
            if started.returncode == 0:
                return self
            if attempt == 2 or "Address already in use" not in self.log():
                raise RuntimeError(f"PostgreSQL did not start:\n{started.stdout}{started.stderr}"
                                   f"\n{self.log()[-2000:]}")
        return self

    def log(self):
        try:
            return self.log_path.read_text(errors="replace")
        except OSError:
            return ""

    def url(self, database):
        return f"postgresql://{SUPERUSER}@127.0.0.1:{self.port}/{database}"

    def client(self, program, *args):
        done = subprocess.run([str(self.bin / program), "-h", "127.0.0.1", "-p", str(self.port),
                               "-U", SUPERUSER, *args], capture_output=True, text=True)
        if done.returncode != 0:
            raise RuntimeError(f"{program} {' '.join(args)}: {done.stdout}{done.stderr}")
        return done.stdout

    def create_database(self, name):
        self.client("createdb", name)

    def psql(self, database, sql):
        """`sql`'s rows, unaligned, without headers."""
        return self.client("psql", "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-d", database,
                           "-c", sql)

    def pgbench(self, database, script, clients, seconds, log_folder):
        """Runs pgbench's custom `script` (a file) with `clients` connections for `seconds`,
        statements sent as apicat sends them (extended protocol, unnamed statements); returns
        a Load: transactions per second, the p50 and p99 of their latencies (from pgbench's
        per-transaction log), transactions, and failed ones."""
        shutil.rmtree(log_folder, ignore_errors=True)
        log_folder.mkdir(parents=True)
        done = subprocess.run(
            [str(self.bin / "pgbench"), "-h", "127.0.0.1", "-p", str(self.port), "-U", SUPERUSER,
             "-n", "-M", "extended", "-c", str(clients), "-j", str(min(clients, 2)), "-T",
             str(seconds), "-f", str(script), "-l", f"--log-prefix={log_folder / 'pgbench'}",
             database], capture_output=True, text=True)
        if done.returncode != 0:
            raise RuntimeError(f"pgbench failed:\n{done.stdout}{done.stderr}")

        def find(pattern):
            match = re.search(pattern, done.stdout)
            if not match:
                raise RuntimeError(f"unexpected pgbench output:\n{done.stdout}")
            return match.group(1)

        # Each log line: client, transaction number, latency in µs, script, epoch, µs.
        latencies = sorted(int(line.split()[2]) for log in log_folder.iterdir()
                           for line in log.read_text().splitlines())
        shutil.rmtree(log_folder, ignore_errors=True)
        quantiles = statistics.quantiles(latencies, n=100, method="inclusive")
        failed = re.search(r"number of failed transactions: (\d+)", done.stdout)
        return Load(requests_per_second=float(find(r"tps = ([\d.]+)")),
                    p50_ms=quantiles[49] / 1000, p99_ms=quantiles[98] / 1000,
                    requests=int(find(r"number of transactions actually processed: (\d+)")),
                    failures=int(failed.group(1)) if failed else 0)

    def server_pid(self):
        return int((self.data / "postmaster.pid").read_text().split()[0])

    def stop(self):
        """Stops the server (fast mode: connections are cut), keeps its log with the bench's
        logs and removes the folder."""
        if self.port is not None:
            self.server_command("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop")
            self.port = None
        if self.log_path.exists():
            shutil.copy(self.log_path, self.log_dir / "postgres.log")
        shutil.rmtree(self.folder, ignore_errors=True)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()
