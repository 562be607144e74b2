"""The endpoint contract in Flask, production settings (debug off, no request logging)."""
import logging
import time

from flask import Flask, Response, request

import flask_ws
import perfnb_common as c

# The Werkzeug dev server logs every request at INFO; access logs are off in every stack.
logging.getLogger("werkzeug").setLevel(logging.ERROR)

app = Flask(__name__)
app.config.update(DEBUG=False, TESTING=False, PROPAGATE_EXCEPTIONS=False)


def _text(body, status=200, content_type="text/plain"):
    response = Response(body, status=status, content_type=content_type)
    if c.ADD_SERVER_HEADERS:
        response.headers["Server"] = c.SERVER_NAME
        response.headers["Date"] = c.http_date()
    return response


@app.get("/plaintext")
def plaintext():
    return _text(c.PLAINTEXT)


@app.get("/json")
def json_endpoint():
    return _text(c.json_body(), content_type="application/json")


@app.get("/io")
def io():
    ms, error = c.int_param(request.args.get("ms"), c.DEFAULT_IO_MS, c.MAX_IO_MS, "ms")
    if error:
        return _text(error, 400)
    time.sleep(ms / 1000)
    return _text(f"slept {ms} ms")


@app.get("/cpu")
def cpu():
    n, error = c.int_param(request.args.get("n"), c.DEFAULT_CPU_N, c.MAX_CPU_N, "n")
    if error:
        return _text(error, 400)
    return _text(str(c.cpu_work(n)))


@app.get("/bytes")
def bytes_endpoint():
    size, error = c.int_param(request.args.get("size"), c.DEFAULT_BYTES, c.MAX_BYTES, "size")
    if error:
        return _text(error, 400)
    return _text(b"x" * size, content_type="application/octet-stream")


@app.post("/echo")
def echo():
    return _text(request.get_data(), content_type=request.content_type or "application/octet-stream")


flask_ws.register(app)
application = app
