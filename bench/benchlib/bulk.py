"""Large stores for row 5, made from a store that apicat created (story.create).

Apps: `apicat app import` registers them from a JSON-lines file in one transaction, each with a
client ID of 32 random lowercase hex digits and a 43-character base64url secret made here (so
the bench knows them; apicat keeps only the secret's digest) and one subscription to the story's
product and plan, as a consumer migrating from another API manager would import them. The
import's rate is row 5's import figure. The bench then calls with one of these apps, which
proves they are what the gateway expects.

Products: each extra product is a copy of the story's draft (made by apicat's commands) under
its own base path, then created and published with `apicat product create` and `apicat
publish`, one process each, as a user would."""
import json
import secrets
import time

from . import story as stories

SPREAD_APPS = 10_000  # how many of the apps row 5 spreads its calls over


def add_apps(story, count):
    """Imports `count` more apps subscribed to the story's product; the story then calls with
    the one in the middle. Returns the import's seconds (None when there was nothing to do)."""
    if count <= 0:
        return None
    chosen = count // 2
    spread_every = max(1, count // SPREAD_APPS)
    story.spread = []
    lines = story.folder / "bulk-apps.jsonl"
    with lines.open("w") as out:
        for index in range(count):
            client_id, secret = secrets.token_hex(16), secrets.token_urlsafe(32)
            out.write(json.dumps({"name": f"bulk-app-{index:07d}", "client_id": client_id,
                                  "client_secret": secret,
                                  "subscriptions": [{"product": "weather-product",
                                                     "plan": "default"}]}) + "\n")
            if index == chosen:
                story.client_id, story.client_secret = client_id, secret
            if index % spread_every == 0 and len(story.spread) < SPREAD_APPS:
                story.spread.append((client_id, secret))
    started = time.monotonic()
    story.run("-q", "app", "import", str(lines))
    seconds = time.monotonic() - started
    lines.unlink()
    return seconds


def add_products(story, count):
    """Publishes `count` more products, each with one API under /weather-NNNN; the story then
    calls the one whose name sorts last, which the gateway's route table checks last."""
    template = (story.folder / "weather.yaml").read_text()
    last = None
    for index in range(count):
        name = f"weather-{index:04d}"
        draft = f"draft-{index:04d}.yaml"
        text = template.replace("basePath: /weather\n", f"basePath: /{name}\n")
        text = text.replace("title: Weather /weather\n", f"title: Weather /{name}\n")
        (story.folder / draft).write_text(text)
        stories.publish_product(story, name, draft)
        last = name
    if last:
        story.run("app", "subscribe", "bench-app", last)
        story.path = f"/{last}/current?zipcode=90210"
