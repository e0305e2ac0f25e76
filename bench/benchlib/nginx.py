"""nginx in the two parts it plays: the upstream every gateway forwards to (a fixed JSON answer,
fast enough not to be the bottleneck), and the peer gateway (a reverse proxy that checks the
Client ID and secret headers with a `map`). Each runs from a temporary prefix with its own
config on a free port of 127.0.0.1, as an unprivileged user when the bench runs as root; the
system's nginx and its config are never touched."""
import os
import pathlib
import pwd
import shutil
import tempfile

from .processes import Server, free_port

# What the upstream answers: the weather of the user's story.
BODY = '{"zip":"90210","temperature":72,"city":"Beverly Hills","description":"Sunny"}'
UNAUTHORIZED = ('{"httpCode":"401","httpMessage":"Unauthorized",'
                '"moreInformation":"Client ID or secret invalid"}')

COMMON = """
daemon off;
pid {prefix}/nginx.pid;
error_log {prefix}/error.log warn;
worker_rlimit_nofile 8192;
events {{ worker_connections 4096; }}
"""
TEMP_PATHS = """
    client_body_temp_path {prefix}/body;
    proxy_temp_path {prefix}/proxy;
    fastcgi_temp_path {prefix}/fastcgi;
    uwsgi_temp_path {prefix}/uwsgi;
    scgi_temp_path {prefix}/scgi;
    # wrk keeps its connections for the whole run; nginx would close them every 1000 requests.
    keepalive_requests 1000000;
"""

# One worker: the upstream needs far less than a core at the gateways' rates, and leaves the
# other core to the gateway and wrk.
UPSTREAM = COMMON.replace("daemon off;", "daemon off;\nworker_processes 1;") + """
http {{
""" + TEMP_PATHS + """
    access_log off;
    server {{
        listen 127.0.0.1:{port};
        location / {{
            default_type application/json;
            return 200 '{body}';
        }}
    }}
}}
"""

# One worker per core, as apicat's gateway runs one event loop per core. The map compares the
# two headers with the one app's credentials; the credentials are removed before forwarding,
# and the upstream connections are kept alive, as apicat does.
PROXY = COMMON.replace("daemon off;", "daemon off;\nworker_processes auto;") + """
http {{
""" + TEMP_PATHS + """
    access_log {access_log};
    map_hash_bucket_size 128;  # the key, ID:secret, is 76 characters long
    map "$http_x_ibm_client_id:$http_x_ibm_client_secret" $bench_authorized {{
        "{client_id}:{client_secret}" 1;
        default 0;
    }}
    upstream weather {{
        server 127.0.0.1:{upstream_port};
        keepalive 64;
    }}
    server {{
        listen 127.0.0.1:{port};
        location /sandbox/weather/ {{
            default_type application/json;
            if ($bench_authorized = 0) {{
                return 401 '{unauthorized}';
            }}
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header X-IBM-Client-Id "";
            proxy_set_header X-IBM-Client-Secret "";
            proxy_pass http://weather/;
        }}
    }}
}}
"""


def start(name, config, log_dir):
    """Writes `config` (with {prefix} and {port} still to fill) into a fresh prefix and starts
    nginx on a free port; returns the Server, not yet known to listen."""
    prefix = pathlib.Path(tempfile.mkdtemp(prefix=f"apicat-bench-{name}-"))
    port = free_port()
    (prefix / "nginx.conf").write_text(config.replace("{prefix}", str(prefix))
                                             .replace("{port}", str(port)))
    command = ["nginx", "-p", str(prefix), "-c", str(prefix / "nginx.conf"),
               "-e", str(prefix / "error.log")]
    if os.geteuid() == 0:
        nobody = pwd.getpwnam("nobody")
        shutil.chown(prefix, nobody.pw_uid, nobody.pw_gid)
        command = ["setpriv", f"--reuid={nobody.pw_uid}", f"--regid={nobody.pw_gid}",
                   "--clear-groups", "--", *command]
    server = Server(name, command, port, log_dir / f"{name}.log")
    server.cleanups.append(lambda: shutil.rmtree(prefix, ignore_errors=True))
    return server


def upstream(log_dir):
    return start("upstream", UPSTREAM.format(prefix="{prefix}", port="{port}", body=BODY), log_dir)


def proxy(log_dir, upstream_port, client_id, client_secret, access_log):
    """The peer gateway; `access_log` True writes nginx's default access log (one line per
    request, as apicat's gateway logs one), False turns it off."""
    config = PROXY.format(prefix="{prefix}", port="{port}", upstream_port=upstream_port,
                          client_id=client_id, client_secret=client_secret,
                          unauthorized=UNAUTHORIZED,
                          access_log="{prefix}/access.log" if access_log else "off")
    return start("nginx-proxy" + ("" if access_log else "-nolog"), config, log_dir)
