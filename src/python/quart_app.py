"""The endpoint contract in Quart (ASGI Flask): served by hypercorn (or any ASGI server); the realistic
workloads (perfnb_db.py) through asyncpg / aiosqlite and Quart's Jinja2 templates."""
import asyncio
import json

from quart import Quart, Response, render_template, request

import perfnb_common as c
import perfnb_db as db
from perfnb_db_async import AsyncDb

DB = AsyncDb()

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


def _json(value):
    return _text(json.dumps(value), content_type="application/json")


@app.get("/db")
async def single_query():
    if not db.enabled():
        return _text(db.NO_DATABASE, 503)
    return _json(await DB.world(db.random_id()))


@app.get("/queries")
async def multiple_queries():
    if not db.enabled():
        return _text(db.NO_DATABASE, 503)
    return _json(await DB.worlds(db.random_ids(db.query_count(request.args.get("n")))))


@app.get("/fortunes")
async def fortunes():
    if not db.enabled():
        return _text(db.NO_DATABASE, 503)
    html = await render_template("fortunes.html", fortunes=await DB.fortunes())
    return _text(html, content_type="text/html; charset=utf-8")


@app.get("/updates")
async def updates():
    if not db.enabled():
        return _text(db.NO_DATABASE, 503)
    return _json(await DB.update(db.random_ids(db.query_count(request.args.get("n")))))
