"""The endpoint contract in Falcon (WSGI): served by gunicorn (or any WSGI server)."""
import time

import falcon

import perfnb_common as c


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


app = falcon.App()
for route, resource in [("/plaintext", Plaintext()), ("/json", Json()), ("/io", Io()), ("/cpu", Cpu()), ("/bytes", Bytes()), ("/echo", Echo())]:
    app.add_route(route, resource)
application = app
