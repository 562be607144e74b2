"""Plain DB-API data access (sqlite3, psycopg2) for the small WSGI frameworks that have no ORM of their own
(Falcon, Bottle): one connection per thread, kept for the life of the thread, so that a worker with T threads
holds T connections (PERFNB_DB_POOL says how many the launcher expects)."""
import threading

import perfnb_db as db

_local = threading.local()


def _conn():
    conn = getattr(_local, "conn", None)
    if conn is None:
        conn = _local.conn = db.connect()
        if db.KIND == "postgres":
            # Reads need no transaction (psycopg2 would keep one open, idle, between requests).
            conn.autocommit = True
    return conn


def _marker():
    return "?" if db.KIND == "sqlite" else "%s"


def world(world_id):
    cur = _conn().cursor()
    cur.execute(f"SELECT id, randomnumber FROM world WHERE id = {_marker()}", (world_id,))
    return db.world(cur.fetchone())


def worlds(ids):
    cur = _conn().cursor()
    out = []
    for world_id in ids:
        cur.execute(f"SELECT id, randomnumber FROM world WHERE id = {_marker()}", (world_id,))
        out.append(db.world(cur.fetchone()))
    return out


def fortunes():
    cur = _conn().cursor()
    cur.execute("SELECT id, message FROM fortune")
    return db.with_additional(cur.fetchall())


def update(ids):
    conn = _conn()
    cur = conn.cursor()
    m = _marker()
    if db.KIND == "postgres":
        cur.execute("BEGIN")
    try:
        rows = []
        for world_id in ids:
            cur.execute(f"SELECT id, randomnumber FROM world WHERE id = {m}", (world_id,))
            rows.append(cur.fetchone())
        updated = [(db.random_id(), row[0]) for row in rows]
        cur.executemany(f"UPDATE world SET randomnumber = {m} WHERE id = {m}", updated)
        if db.KIND == "postgres":
            cur.execute("COMMIT")
        else:
            conn.commit()
    except Exception:
        if db.KIND == "postgres":
            cur.execute("ROLLBACK")
        else:
            conn.rollback()
        raise
    return [{"id": i, "randomNumber": n} for n, i in updated]
