"""The realistic workloads' shared rules (TechEmpower's test types) and the database's seeding.

Every app with a database serves, beside the endpoint contract:
  GET /db            one World row by a random id, as JSON {"id": N, "randomNumber": N}
  GET /queries?n=N   N rows, one query each, as a JSON list (n clamped to 1..500, 1 when not a number)
  GET /fortunes      every Fortune row plus one added at request time, sorted by message, rendered as an
                     HTML table through the framework's template engine (which escapes the messages)
  GET /updates?n=N   N rows read one by one, each given a new random number, written back, as a JSON list

The launcher passes the database in the environment: PERFNB_DB (sqlite or postgres), PERFNB_DB_PATH (the
SQLite file) or PERFNB_DB_HOST (PostgreSQL's socket folder), PERFNB_DB_NAME, PERFNB_DB_USER, and
PERFNB_DB_POOL (connections per worker process). Without PERFNB_DB the four endpoints answer 503.

Seeding, run by the launcher once per run:  python3 perfnb_db.py seed
"""
import os
import random

KIND = os.environ.get("PERFNB_DB") or None
SQLITE_PATH = os.environ.get("PERFNB_DB_PATH")
PG_HOST = os.environ.get("PERFNB_DB_HOST")
PG_NAME = os.environ.get("PERFNB_DB_NAME", "perfnb")
PG_USER = os.environ.get("PERFNB_DB_USER", "postgres")
POOL = max(1, int(os.environ.get("PERFNB_DB_POOL", "1")))

WORLD_ROWS = 10_000
MAX_QUERIES = 500
# A busy SQLite file makes a writer wait this long for the lock before it fails ("database is locked").
SQLITE_BUSY_SECONDS = 5.0

NO_DATABASE = b"no database: this server was started without one (PERFNB_DB is not set)"
ADDITIONAL_FORTUNE = "Additional fortune added at request time."

# TechEmpower's fortunes, escaping traps included.
FORTUNES = [
    (1, "fortune: No such file or directory"),
    (2, "A computer scientist is someone who fixes things that aren't broken."),
    (3, "After enough decimal places, nobody gives a damn."),
    (4, "A bad random number generator: 1, 1, 1, 1, 1, 4.33e+67, 1, 1, 1"),
    (5, "A computer program does what you tell it to do, not what you want it to do."),
    (6, "Emacs is a nice operating system, but I prefer UNIX. \u2014 Tom Christaensen"),
    (7, "Any program that runs right is obsolete."),
    (8, "A list is only as strong as its weakest link. \u2014 Donald Knuth"),
    (9, "Feature: A bug with seniority."),
    (10, "Computers make very fast, very accurate mistakes."),
    (11, "<script>alert(\"This should not be displayed in a browser alert box.\");</script>"),
    (12, "\u30d5\u30ec\u30fc\u30e0\u30ef\u30fc\u30af\u306e\u30d9\u30f3\u30c1\u30de\u30fc\u30af"),
]

# Where the Jinja2-based apps (Flask, Quart, Starlette, FastAPI, aiohttp, Falcon) find fortunes.html; Django,
# Tornado and Bottle render the same page with their own engines. Every engine escapes the messages.
TEMPLATES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "templates")

# The same page in Tornado's template language (it autoescapes {{ }} by default).
FORTUNES_TORNADO = (
    "<!DOCTYPE html>\n<html><head><title>Fortunes</title></head><body><table>\n"
    "<tr><th>id</th><th>message</th></tr>\n"
    "{% for f in fortunes %}<tr><td>{{ f[0] }}</td><td>{{ f[1] }}</td></tr>\n{% end %}"
    "</table></body></html>\n"
)

# And in Bottle's SimpleTemplate ({{ }} escapes; % lines are Python).
FORTUNES_BOTTLE = """<!DOCTYPE html>
<html><head><title>Fortunes</title></head><body><table>
<tr><th>id</th><th>message</th></tr>
% for f in fortunes:
<tr><td>{{ f[0] }}</td><td>{{ f[1] }}</td></tr>
% end
</table></body></html>
"""


def enabled():
    return KIND in ("sqlite", "postgres")


def random_id():
    return random.randint(1, WORLD_ROWS)


def random_ids(n):
    """n distinct ids, sorted: updates in a fixed order cannot deadlock each other."""
    return sorted(random.sample(range(1, WORLD_ROWS + 1), n))


def query_count(raw):
    """TechEmpower's rule: a number clamped to 1..500; anything else counts as 1."""
    try:
        n = int(raw)
    except (TypeError, ValueError):
        return 1
    return min(max(n, 1), MAX_QUERIES)


def with_additional(rows):
    """The stored fortunes plus the one added at request time, sorted by message."""
    fortunes = [(row[0], row[1]) for row in rows]
    fortunes.append((0, ADDITIONAL_FORTUNE))
    fortunes.sort(key=lambda f: f[1])
    return fortunes


def world(row):
    return {"id": row[0], "randomNumber": row[1]}


def sqlalchemy_url(driver=None):
    """The database as an SQLAlchemy URL (driver: e.g. 'asyncpg'; None: the synchronous default)."""
    if KIND == "sqlite":
        return f"sqlite{'+' + driver if driver else ''}:///{SQLITE_PATH}"
    return f"postgresql+{driver or 'psycopg2'}://{PG_USER}@/{PG_NAME}?host={PG_HOST}"


def connect():
    """A DB-API connection (sqlite3 or psycopg2), for the seeding and the apps that use DB-API directly."""
    if KIND == "sqlite":
        import sqlite3
        return sqlite3.connect(SQLITE_PATH, timeout=SQLITE_BUSY_SECONDS, check_same_thread=False)
    import psycopg2
    return psycopg2.connect(host=PG_HOST, dbname=PG_NAME, user=PG_USER)


def seed():
    """Creates and fills the World (10,000 rows) and Fortune tables; for PostgreSQL the database too."""
    if KIND == "postgres":
        import psycopg2
        admin = psycopg2.connect(host=PG_HOST, dbname="postgres", user=PG_USER)
        admin.autocommit = True
        with admin.cursor() as cur:
            cur.execute(f'CREATE DATABASE "{PG_NAME}"')
        admin.close()
    rng = random.Random(15)
    conn = connect()
    cur = conn.cursor()
    if KIND == "sqlite":
        # WAL lets readers go on while one writer (an /updates request) holds the lock.
        cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("CREATE TABLE world (id integer PRIMARY KEY, randomnumber integer NOT NULL)")
    cur.execute("CREATE TABLE fortune (id integer PRIMARY KEY, message text NOT NULL)")
    worlds = [(i, rng.randint(1, WORLD_ROWS)) for i in range(1, WORLD_ROWS + 1)]
    if KIND == "sqlite":
        cur.executemany("INSERT INTO world (id, randomnumber) VALUES (?, ?)", worlds)
        cur.executemany("INSERT INTO fortune (id, message) VALUES (?, ?)", FORTUNES)
    else:
        # Many rows per statement: one round trip per row would take a second over the socket.
        from psycopg2.extras import execute_values
        execute_values(cur, "INSERT INTO world (id, randomnumber) VALUES %s", worlds, page_size=2000)
        execute_values(cur, "INSERT INTO fortune (id, message) VALUES %s", FORTUNES)
    conn.commit()
    cur.execute("SELECT count(*) FROM world")
    worlds = cur.fetchone()[0]
    cur.execute("SELECT count(*) FROM fortune")
    fortunes = cur.fetchone()[0]
    if KIND == "sqlite":
        import sqlite3
        version = "SQLite " + sqlite3.sqlite_version
    else:
        cur.execute("SHOW server_version")
        version = "PostgreSQL " + cur.fetchone()[0].split()[0]
    conn.close()
    print(f"seeded {worlds} world rows and {fortunes} fortunes")
    print(f"version {version}")


if __name__ == "__main__":
    import sys
    if sys.argv[1:] != ["seed"] or not enabled():
        sys.exit("usage: PERFNB_DB=sqlite|postgres ... python3 perfnb_db.py seed")
    seed()
