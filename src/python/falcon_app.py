"""The endpoint contract in Falcon (WSGI): served by gunicorn (or any WSGI server); the realistic workloads
(perfnb_db.py) through plain DB-API (Falcon has no ORM) and Jinja2 (Falcon has no template engine)."""
import json
import time

import falcon
import jinja2

import perfnb_common as c
import perfnb_db as db
import perfnb_db_sync as data

TEMPLATES = jinja2.Environment(loader=jinja2.FileSystemLoader(db.TEMPLATES), autoescape=True)


def _send(resp, body, status=falcon.HTTP_200, content_type="text/plain"):
    resp.status = status
    resp.content_type = content_type
    resp.data = body if isinstance(body, bytes) else body.encode()
    if c.ADD_SERVER_HEADERS:
        resp.set_header("Server", c.SERVER_NAME)
    if c.ADD_DATE_HEADER:
        resp.set_header("Date", c.http_date())


def _param(req, resp, name, default, maximum):
    value, error = c.int_param(req.get_param(name), default, maximum, name)
    if error:
        _send(resp, error, falcon.HTTP_400)
    return value


class Plaintext:
    def on_get(self, req, resp):
        _send(resp, c.PLAINTEXT)


class Json:
    def on_get(self, req, resp):
        _send(resp, c.json_body(), content_type="application/json")


class Io:
    def on_get(self, req, resp):
        ms = _param(req, resp, "ms", c.DEFAULT_IO_MS, c.MAX_IO_MS)
        if ms is None:
            return
        time.sleep(ms / 1000)
        _send(resp, f"slept {ms} ms")


class Cpu:
    def on_get(self, req, resp):
        n = _param(req, resp, "n", c.DEFAULT_CPU_N, c.MAX_CPU_N)
        if n is not None:
            _send(resp, str(c.cpu_work(n)))


class Bytes:
    def on_get(self, req, resp):
        size = _param(req, resp, "size", c.DEFAULT_BYTES, c.MAX_BYTES)
        if size is not None:
            _send(resp, b"x" * size, content_type="application/octet-stream")


class Echo:
    def on_post(self, req, resp):
        _send(resp, req.bounded_stream.read(), content_type=req.content_type or "application/octet-stream")


class _Db:
    """The realistic workloads: 503 without a database, else JSON (or the fortunes page)."""

    def on_get(self, req, resp):
        if not db.enabled():
            _send(resp, db.NO_DATABASE, falcon.HTTP_503)
            return
        self.answer(req, resp)

    @staticmethod
    def json(resp, value):
        _send(resp, json.dumps(value), content_type="application/json")


class SingleQuery(_Db):
    def answer(self, req, resp):
        self.json(resp, data.world(db.random_id()))


class MultipleQueries(_Db):
    def answer(self, req, resp):
        self.json(resp, data.worlds(db.random_ids(db.query_count(req.get_param("n")))))


class Fortunes(_Db):
    def answer(self, req, resp):
        html = TEMPLATES.get_template("fortunes.html").render(fortunes=data.fortunes())
        _send(resp, html, content_type="text/html; charset=utf-8")


class Updates(_Db):
    def answer(self, req, resp):
        self.json(resp, data.update(db.random_ids(db.query_count(req.get_param("n")))))


app = falcon.App()
for route, resource in [
    ("/plaintext", Plaintext()), ("/json", Json()), ("/io", Io()), ("/cpu", Cpu()), ("/bytes", Bytes()), ("/echo", Echo()),
    ("/db", SingleQuery()), ("/queries", MultipleQueries()), ("/fortunes", Fortunes()), ("/updates", Updates()),
]:
    app.add_route(route, resource)
application = app
