"""The endpoint contract in Bottle (WSGI): served by gunicorn (or any WSGI server); the realistic workloads
(perfnb_db.py) through plain DB-API (Bottle has no ORM) and Bottle's own SimpleTemplate."""
import json
import time

import bottle

import perfnb_common as c
import perfnb_db as db
import perfnb_db_sync as data

FORTUNES = bottle.SimpleTemplate(db.FORTUNES_BOTTLE)

app = bottle.Bottle()


def _text(body, status=200, content_type="text/plain"):
    headers = {"Content-Type": content_type}
    if c.ADD_SERVER_HEADERS:
        headers["Server"] = c.SERVER_NAME
    if c.ADD_DATE_HEADER:
        headers["Date"] = c.http_date()
    return bottle.HTTPResponse(body if isinstance(body, bytes) else body.encode(), status=status, **headers)


@app.get("/plaintext")
def plaintext():
    return _text(c.PLAINTEXT)


@app.get("/json")
def json_endpoint():
    return _text(c.json_body(), content_type="application/json")


@app.get("/io")
def io():
    ms, error = c.int_param(bottle.request.query.get("ms"), c.DEFAULT_IO_MS, c.MAX_IO_MS, "ms")
    if error:
        return _text(error, 400)
    time.sleep(ms / 1000)
    return _text(f"slept {ms} ms")


@app.get("/cpu")
def cpu():
    n, error = c.int_param(bottle.request.query.get("n"), c.DEFAULT_CPU_N, c.MAX_CPU_N, "n")
    if error:
        return _text(error, 400)
    return _text(str(c.cpu_work(n)))


@app.get("/bytes")
def bytes_endpoint():
    size, error = c.int_param(bottle.request.query.get("size"), c.DEFAULT_BYTES, c.MAX_BYTES, "size")
    if error:
        return _text(error, 400)
    return _text(b"x" * size, content_type="application/octet-stream")


@app.post("/echo")
def echo():
    return _text(bottle.request.body.read(), content_type=bottle.request.content_type or "application/octet-stream")


def _json(value):
    return _text(json.dumps(value), content_type="application/json")


@app.get("/db")
def single_query():
    if not db.enabled():
        return _text(db.NO_DATABASE, 503)
    return _json(data.world(db.random_id()))


@app.get("/queries")
def multiple_queries():
    if not db.enabled():
        return _text(db.NO_DATABASE, 503)
    return _json(data.worlds(db.random_ids(db.query_count(bottle.request.query.get("n")))))


@app.get("/fortunes")
def fortunes():
    if not db.enabled():
        return _text(db.NO_DATABASE, 503)
    return _text(FORTUNES.render(fortunes=data.fortunes()), content_type="text/html; charset=utf-8")


@app.get("/updates")
def updates():
    if not db.enabled():
        return _text(db.NO_DATABASE, 503)
    return _json(data.update(db.random_ids(db.query_count(bottle.request.query.get("n")))))


application = app
