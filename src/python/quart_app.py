"""The endpoint contract in Quart (ASGI Flask): served by hypercorn (or any ASGI server)."""
import asyncio

from quart import Quart, Response, request

import perfnb_common as c

app = Quart(__name__)
app.config.update(DEBUG=False, TESTING=False, PROPAGATE_EXCEPTIONS=False)


def _text(body, status=200, content_type="text/plain"):
    response = Response(body, status=status, content_type=content_type)
    if c.ADD_SERVER_HEADERS:
        response.headers["Server"] = c.SERVER_NAME
    if c.ADD_DATE_HEADER:
        response.headers["Date"] = c.http_date()
    return response


@app.get("/plaintext")
async def plaintext():
    return _text(c.PLAINTEXT)


@app.get("/json")
async def json_endpoint():
    return _text(c.json_body(), content_type="application/json")


@app.get("/io")
async def io():
    ms, error = c.int_param(request.args.get("ms"), c.DEFAULT_IO_MS, c.MAX_IO_MS, "ms")
    if error:
        return _text(error, 400)
    await asyncio.sleep(ms / 1000)
    return _text(f"slept {ms} ms")


@app.get("/cpu")
async def cpu():
    n, error = c.int_param(request.args.get("n"), c.DEFAULT_CPU_N, c.MAX_CPU_N, "n")
    if error:
        return _text(error, 400)
    return _text(str(c.cpu_work(n)))


@app.get("/bytes")
async def bytes_endpoint():
    size, error = c.int_param(request.args.get("size"), c.DEFAULT_BYTES, c.MAX_BYTES, "size")
    if error:
        return _text(error, 400)
    return _text(b"x" * size, content_type="application/octet-stream")


@app.post("/echo")
async def echo():
    return _text(await request.get_data(), content_type=request.content_type or "application/octet-stream")
