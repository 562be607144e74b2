"""The endpoint contract in Starlette (ASGI): served by uvicorn or hypercorn; the realistic workloads
(perfnb_db.py) through asyncpg / aiosqlite and Starlette's Jinja2 templates."""
import asyncio
import json

from starlette.applications import Starlette
from starlette.responses import Response
from starlette.routing import Route
from starlette.templating import Jinja2Templates

import perfnb_common as c
import starlette_ws
import perfnb_db as db
from perfnb_db_async import AsyncDb

DB = AsyncDb()
templates = Jinja2Templates(directory=db.TEMPLATES)


def _bad(error):
    return Response(error, status_code=400, media_type="text/plain")


async def plaintext(request):
    return Response(c.PLAINTEXT, media_type="text/plain")


async def json_view(request):
    return Response(c.json_body(), media_type="application/json")


async def io(request):
    ms, error = c.int_param(request.query_params.get("ms"), c.DEFAULT_IO_MS, c.MAX_IO_MS, "ms")
    if error:
        return _bad(error)
    await asyncio.sleep(ms / 1000)
    return Response(f"slept {ms} ms", media_type="text/plain")


async def cpu(request):
    n, error = c.int_param(request.query_params.get("n"), c.DEFAULT_CPU_N, c.MAX_CPU_N, "n")
    if error:
        return _bad(error)
    return Response(str(c.cpu_work(n)), media_type="text/plain")


async def bytes_view(request):
    size, error = c.int_param(request.query_params.get("size"), c.DEFAULT_BYTES, c.MAX_BYTES, "size")
    if error:
        return _bad(error)
    return Response(b"x" * size, media_type="application/octet-stream")


async def echo(request):
    body = await request.body()
    return Response(body, media_type=request.headers.get("content-type", "application/octet-stream"))


def _json(value):
    return Response(json.dumps(value), media_type="application/json")


def _no_database():
    return Response(db.NO_DATABASE, status_code=503, media_type="text/plain")


async def single_query(request):
    if not db.enabled():
        return _no_database()
    return _json(await DB.world(db.random_id()))


async def multiple_queries(request):
    if not db.enabled():
        return _no_database()
    return _json(await DB.worlds(db.random_ids(db.query_count(request.query_params.get("n")))))


async def fortunes(request):
    if not db.enabled():
        return _no_database()
    return templates.TemplateResponse("fortunes.html", {"request": request, "fortunes": await DB.fortunes()})


async def updates(request):
    if not db.enabled():
        return _no_database()
    return _json(await DB.update(db.random_ids(db.query_count(request.query_params.get("n")))))


app = Starlette(
    debug=False,
    routes=[
        Route("/plaintext", plaintext),
        Route("/json", json_view),
        Route("/io", io),
        Route("/cpu", cpu),
        Route("/bytes", bytes_view),
        Route("/echo", echo, methods=["POST"]),
        Route("/db", single_query),
        Route("/queries", multiple_queries),
        Route("/fortunes", fortunes),
        Route("/updates", updates),
    ],
)
starlette_ws.register(app)
