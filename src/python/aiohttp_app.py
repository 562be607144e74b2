"""The endpoint contract in aiohttp, on aiohttp's own server (one process), access log off; the realistic
workloads (perfnb_db.py) through asyncpg / aiosqlite and aiohttp_jinja2.

Run: python3 aiohttp_app.py --host 127.0.0.1 --port 8000
"""
import argparse
import asyncio
import json

import aiohttp_jinja2
import jinja2
from aiohttp import web

import aiohttp_ws
import perfnb_common as c
import perfnb_db as db
from perfnb_db_async import AsyncDb

DB = AsyncDb()


def _bad(error):
    return web.Response(body=error.encode(), status=400, content_type="text/plain")


async def plaintext(request):
    return web.Response(body=c.PLAINTEXT, content_type="text/plain")


async def json_view(request):
    return web.Response(body=c.json_body(), content_type="application/json")


async def io(request):
    ms, error = c.int_param(request.query.get("ms"), c.DEFAULT_IO_MS, c.MAX_IO_MS, "ms")
    if error:
        return _bad(error)
    await asyncio.sleep(ms / 1000)
    return web.Response(body=f"slept {ms} ms".encode(), content_type="text/plain")


async def cpu(request):
    n, error = c.int_param(request.query.get("n"), c.DEFAULT_CPU_N, c.MAX_CPU_N, "n")
    if error:
        return _bad(error)
    return web.Response(body=str(c.cpu_work(n)).encode(), content_type="text/plain")


async def bytes_view(request):
    size, error = c.int_param(request.query.get("size"), c.DEFAULT_BYTES, c.MAX_BYTES, "size")
    if error:
        return _bad(error)
    return web.Response(body=b"x" * size, content_type="application/octet-stream")


async def echo(request):
    body = await request.read()
    response = web.Response(body=body)
    response.headers["Content-Type"] = request.headers.get("Content-Type", "application/octet-stream")
    return response


def _json(value):
    return web.Response(body=json.dumps(value).encode(), content_type="application/json")


def _no_database():
    return web.Response(body=db.NO_DATABASE, status=503, content_type="text/plain")


async def single_query(request):
    if not db.enabled():
        return _no_database()
    return _json(await DB.world(db.random_id()))


async def multiple_queries(request):
    if not db.enabled():
        return _no_database()
    return _json(await DB.worlds(db.random_ids(db.query_count(request.query.get("n")))))


async def fortunes(request):
    if not db.enabled():
        return _no_database()
    return aiohttp_jinja2.render_template("fortunes.html", request, {"fortunes": await DB.fortunes()})


async def updates(request):
    if not db.enabled():
        return _no_database()
    return _json(await DB.update(db.random_ids(db.query_count(request.query.get("n")))))


def make_app():
    app = web.Application(client_max_size=c.MAX_BYTES)
    app.router.add_get("/plaintext", plaintext)
    app.router.add_get("/json", json_view)
    app.router.add_get("/io", io)
    app.router.add_get("/cpu", cpu)
    app.router.add_get("/bytes", bytes_view)
    app.router.add_post("/echo", echo)
    app.router.add_get("/db", single_query)
    app.router.add_get("/queries", multiple_queries)
    app.router.add_get("/fortunes", fortunes)
    app.router.add_get("/updates", updates)
    aiohttp_jinja2.setup(app, loader=jinja2.FileSystemLoader(db.TEMPLATES), autoescape=True)
    aiohttp_ws.register(app)
    return app


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    # aiohttp's own default listen backlog is 128; raised for runs with thousands of connections.
    parser.add_argument("--backlog", type=int, default=128)
    args = parser.parse_args()
    web.run_app(make_app(), host=args.host, port=args.port, access_log=None, print=None, backlog=args.backlog)
