"""The gateways under load: apicat's `gateway serve`, and how the bench checks that each one
enforces the credentials before it measures it."""
import urllib.error
import urllib.request

from .processes import Server, free_port


def apicat_gateway(apicat, story, log_dir, name="apicat-gateway", quiet=False, record=True):
    """`apicat gateway serve` on a free port, its request log (stdout) going to a file, as a
    service manager would keep it; `quiet` turns the request log off (-q), `record=False` the
    calls' analytics and metrics (--no-analytics)."""
    port = free_port()
    command = [apicat, "gateway", "serve", "--listen", f"127.0.0.1:{port}"]
    if quiet:
        command.append("-q")
    if not record:
        command.append("--no-analytics")
    return Server(name, command, port, log_dir / f"{name}.log", env=story.env, cwd=story.folder)


def status_of(url, headers):
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def check_enforces(name, url, headers):
    """A gateway that let calls without credentials through, or refused the right ones, would
    be measured doing something else."""
    with_credentials = status_of(url, headers)
    without = status_of(url, {})
    if with_credentials != 200 or (headers and without != 401):
        raise RuntimeError(f"{name}: {url} answered {with_credentials} with credentials and "
                           f"{without} without; expected 200 and 401")
