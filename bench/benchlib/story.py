"""The user's story as the bench sets it up, through apicat's own commands: a weather draft
secured with Client ID + secret whose upstream is the bench's nginx, a product with a plan,
published to the sandbox catalog of a store of its own, and an app subscribed to it."""
import dataclasses
import json
import os
import pathlib
import subprocess

SECURITY_STEPS = [
    ["security-definition", "add", "{draft}", "client-id", "--type", "apiKey", "--in", "header",
     "--key", "X-IBM-Client-Id"],
    ["security-definition", "add", "{draft}", "client-secret", "--type", "apiKey", "--in",
     "header", "--key", "X-IBM-Client-Secret"],
    ["security", "add", "{draft}", "client-id", "client-secret"],
]
# A limit that is checked on every call (the rate limiter runs) but never reached.
PLAN = "default:1000000000/1hour"


@dataclasses.dataclass
class Story:
    apicat: str
    home: pathlib.Path  # the store's folder (APICAT_HOME)
    folder: pathlib.Path  # drafts and products
    store: str = ""  # a PostgreSQL store's URL (APICAT_STORE), which wins over `home`
    client_id: str = ""
    client_secret: str = ""
    path: str = "/weather/current?zipcode=90210"  # what a caller asks for, after the catalog
    spread: list = dataclasses.field(default_factory=list)  # [(id, secret)] of apps to call as

    @property
    def env(self):
        # APICAT_STORE is set either way: empty, it leaves the store in `home`, whatever the
        # bench's own environment holds.
        return dict(os.environ, APICAT_HOME=str(self.home), APICAT_STORE=self.store,
                    NO_COLOR="1")

    @property
    def database(self):
        return self.home / "apicat.db"

    def run(self, *args, output=False):
        done = subprocess.run([self.apicat, *args], cwd=self.folder, env=self.env, check=False,
                              capture_output=True, text=True)
        if done.returncode != 0:
            raise RuntimeError(f"apicat {' '.join(args)}: exit {done.returncode}:\n{done.stderr}")
        return done.stdout if output else None

    def credentials_args(self):
        return ["--client-id", self.client_id, "--client-secret", self.client_secret]

    def headers(self):
        return {"X-IBM-Client-Id": self.client_id, "X-IBM-Client-Secret": self.client_secret}


def secured_draft(story, draft, base_path, upstream_port):
    story.run("api", "create", draft, "--title", f"Weather {base_path}", "--base-path", base_path,
              "--target-url", f"http://127.0.0.1:{upstream_port}$(request.path)$(request.search)")
    story.run("operation", "add", draft, "GET /current", "--param",
              "zipcode:query:string:required")
    for step in SECURITY_STEPS:
        story.run(*(arg.replace("{draft}", draft) for arg in step))


def publish_product(story, name, draft, plan=PLAN):
    story.run("product", "create", f"{name}.yaml", "--title", name, "--name", name, "--api", draft,
              "--plan", plan)
    story.run("publish", f"{name}.yaml")


def register_app(story, name, product):
    """Registers an app subscribed to `product`; returns its (client ID, client secret)."""
    app = json.loads(story.run("-o", "json", "app", "register", name, "--subscribe", product,
                               output=True))
    return app["client_id"], app["client_secret"]


def create(apicat, folder, upstream_port, store=""):
    """A store with the story's one product and one registered app, whose credentials the
    returned Story carries: in `folder` (home/), or the PostgreSQL database at URL `store`."""
    folder.mkdir(parents=True, exist_ok=True)
    story = Story(apicat, folder / "home", folder, store)
    secured_draft(story, "weather.yaml", "/weather", upstream_port)
    publish_product(story, "weather-product", "weather.yaml")
    story.client_id, story.client_secret = register_app(story, "bench-app", "weather-product")
    return story
