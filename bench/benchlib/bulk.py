"""Large stores for row 5, made from a store that apicat created (story.create).

Apps: registering a million apps one `apicat app register` process at a time would take hours,
so the bench inserts them straight into the store's SQLite file, in one transaction, as
`apicat app register NAME --subscribe weather-product` stores them (lib/store/migrations.cpp,
lib/credentials): a client ID of 32 random lowercase hex digits, a 43-character base64url
secret kept only as the hex SHA-256 digest, state active, one active subscription to the
story's product and plan. The bench then calls with one of these apps, which proves the rows
are what the gateway expects.

Products: each extra product is a copy of the story's draft (made by apicat's commands) under
its own base path, then created and published with `apicat product create` and `apicat
publish`, one process each, as a user would."""
import datetime
import hashlib
import secrets
import sqlite3

from . import story as stories

SPREAD_APPS = 10_000  # how many of the apps row 5 spreads its calls over
SCHEMA_VERSION = 3  # the store schema these inserts follow (PRAGMA user_version)


def add_apps(story, count):
    """Registers `count` more apps subscribed to the story's product; the story then calls
    with the one in the middle."""
    if count <= 0:
        return
    db = sqlite3.connect(story.database, isolation_level=None)
    try:
        version = db.execute("PRAGMA user_version").fetchone()[0]
        if version != SCHEMA_VERSION:
            raise RuntimeError(f"the store's schema is version {version}; bench/benchlib/bulk.py "
                               f"writes version {SCHEMA_VERSION}: update it")
        now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
        chosen = count // 2
        spread_every = max(1, count // SPREAD_APPS)
        story.spread = []
        apps, subscriptions = [], []
        for index in range(count):
            name = f"bulk-app-{index:07d}"
            client_id, secret = secrets.token_hex(16), secrets.token_urlsafe(32)
            digest = hashlib.sha256(secret.encode()).hexdigest()
            apps.append(("sandbox", name, client_id, digest, "", "active", 0, now))
            subscriptions.append(("sandbox", name, "weather-product", "default", "active"))
            if index == chosen:
                story.client_id, story.client_secret = client_id, secret
            if index % spread_every == 0 and len(story.spread) < SPREAD_APPS:
                story.spread.append((client_id, secret))
        db.execute("BEGIN IMMEDIATE")
        db.executemany("INSERT INTO apps (catalog, name, client_id, secret_digest, test_secret, "
                       "state, test_app, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", apps)
        db.executemany("INSERT INTO subscriptions (catalog, app, product, plan, state) "
                       "VALUES (?, ?, ?, ?, ?)", subscriptions)
        db.execute("COMMIT")
    finally:
        db.close()


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
