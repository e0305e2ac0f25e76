"""The programs the bench runs, installed when missing: Debian packages with apt-get, Node tools
with npm into .cache/bench/npm (pinned, so that reruns compare like with like), and apicat
itself, built in Release mode into .cache/bench/build unless the caller gives a binary."""
import os
import platform
import shutil
import subprocess

from . import postgres
from .settings import CACHE, ROOT

# command → the Debian package that provides it.
DEBIAN = {"wrk": "wrk", "hyperfine": "hyperfine", "nginx": "nginx", "jq": "jq", "curl": "curl",
          "setpriv": "util-linux", "time": "time", "npm": "npm", "cmake": "cmake",
          "ninja": "ninja-build"}
# The versions measured in bench/RESULTS.md.
NPM = {"prism": "@stoplight/prism-cli@5.14.2", "openapi-format": "openapi-format@1.33.6",
       "swagger-cli": "@apidevtools/swagger-cli@4.0.4"}
NPM_PREFIX = CACHE / "npm"
BUILD = CACHE / "build"


def ensure_debian():
    missing = sorted({package for command, package in DEBIAN.items() if not shutil.which(command)})
    # Row 7's PostgreSQL, whose programs Debian keeps out of PATH.
    if not postgres.bin_folder():
        missing.append("postgresql")
    if not missing:
        return
    print(f"bench: installing {' '.join(missing)} with apt-get", flush=True)
    sudo = [] if os.geteuid() == 0 else ["sudo"]
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    subprocess.run(sudo + ["apt-get", "update", "-qq"], check=True, env=env)
    subprocess.run(sudo + ["apt-get", "install", "-y", "-qq", "--no-install-recommends", *missing],
                   check=True, env=env)


def ensure_npm():
    """Paths of the Node tools, by command name."""
    paths = {command: NPM_PREFIX / "node_modules" / ".bin" / command for command in NPM}
    if not all(path.exists() for path in paths.values()):
        print(f"bench: installing {' '.join(NPM.values())} with npm", flush=True)
        subprocess.run(["npm", "install", "--no-audit", "--no-fund", "--prefix", str(NPM_PREFIX),
                        *NPM.values()], check=True, stdout=subprocess.DEVNULL)
    return {command: str(path) for command, path in paths.items()}


def build_apicat():
    """apicat in Release mode, without the tests (the bench needs the binary alone)."""
    print("bench: building apicat (Release) in .cache/bench/build", flush=True)
    subprocess.run(["cmake", "-S", str(ROOT), "-B", str(BUILD), "-G", "Ninja",
                    "-DCMAKE_BUILD_TYPE=Release", "-DBUILD_TESTING=OFF"], check=True,
                   stdout=subprocess.DEVNULL)
    # Two jobs at most: the machines this runs on are small and shared.
    built = subprocess.run(["ninja", "-C", str(BUILD), "-j2", "apicat"], capture_output=True,
                           text=True)
    if built.returncode != 0:
        raise SystemExit(f"bench: the build failed:\n{built.stdout[-4000:]}{built.stderr[-2000:]}")
    return str(BUILD / "apicat")


def first_line(command):
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return "?"
    text = (done.stdout or done.stderr).strip()
    return text.splitlines()[0] if text else "?"


def cpu_model():
    for line in open("/proc/cpuinfo", encoding="utf-8"):
        if line.startswith("model name"):
            return line.split(":", 1)[1].strip()
    return platform.processor() or "?"


def machine(apicat, npm_tools):
    """What the figures were measured on and with, for RESULTS.md."""
    memory_kb = next(int(line.split()[1]) for line in open("/proc/meminfo", encoding="utf-8")
                     if line.startswith("MemTotal"))
    build_type = "Release, built by bench/run" if apicat == str(BUILD / "apicat") else \
        "the binary given with --apicat"
    return {
        "machine": f"{cpu_model()}, {os.cpu_count()} cores, {memory_kb / 1024 / 1024:.0f} GiB, "
                   f"{platform.system()} {platform.release()}",
        "apicat": f"{first_line([apicat, '--version'])} ({build_type})",
        "nginx": first_line(["nginx", "-v"]),
        "Prism": first_line([npm_tools["prism"], "--version"]),
        "openapi-format": first_line([npm_tools["openapi-format"], "--version"]),
        "swagger-cli": first_line([npm_tools["swagger-cli"], "--version"]),
        "node": first_line(["node", "--version"]),
        "jq": first_line(["jq", "--version"]),
        "curl": " ".join(first_line(["curl", "--version"]).split()[:2]),
        "wrk": first_line(["wrk", "-v"]),
        "hyperfine": first_line(["hyperfine", "--version"]),
        "PostgreSQL": postgres.version(),
    }
