"""The endpoint contract in FastAPI (ASGI): served by uvicorn; the realistic workloads (perfnb_db.py) through
asyncpg / aiosqlite and FastAPI's Jinja2 templates."""
import asyncio
import json

from fastapi import FastAPI, Request
from fastapi.responses import Response
from fastapi.templating import Jinja2Templates

import perfnb_common as c
import perfnb_db as db
from perfnb_db_async import AsyncDb

DB = AsyncDb()
templates = Jinja2Templates(directory=db.TEMPLATES)

app = FastAPI(debug=False, openapi_url=None, docs_url=None, redoc_url=None)


def _bad(error):
    return Response(error, status_code=400, media_type="text/plain")


@app.get("/plaintext")
async def plaintext():
    return Response(c.PLAINTEXT, media_type="text/plain")


@app.get("/json")
async def json_view():
    return Response(json.dumps({"message": c.MESSAGE}), media_type="application/json")


@app.get("/io")
async def io(ms: str | None = None):
    value, error = c.int_param(ms, c.DEFAULT_IO_MS, c.MAX_IO_MS, "ms")
    if error:
        return _bad(error)
    await asyncio.sleep(value / 1000)
    return Response(f"slept {value} ms", media_type="text/plain")


@app.get("/cpu")
async def cpu(n: str | None = None):
    value, error = c.int_param(n, c.DEFAULT_CPU_N, c.MAX_CPU_N, "n")
    if error:
        return _bad(error)
    return Response(str(c.cpu_work(value)), media_type="text/plain")


@app.get("/bytes")
async def bytes_view(size: str | None = None):
    value, error = c.int_param(size, c.DEFAULT_BYTES, c.MAX_BYTES, "size")
    if error:
        return _bad(error)
    return Response(b"x" * value, media_type="application/octet-stream")


@app.post("/echo")
async def echo(request: Request):
    body = await request.body()
    return Response(body, media_type=request.headers.get("content-type", "application/octet-stream"))


def _json(value):
    return Response(json.dumps(value), media_type="application/json")


def _no_database():
    return Response(db.NO_DATABASE, status_code=503, media_type="text/plain")


@app.get("/db")
async def single_query():
    if not db.enabled():
        return _no_database()
    return _json(await DB.world(db.random_id()))


@app.get("/queries")
async def multiple_queries(n: str | None = None):
    if not db.enabled():
        return _no_database()
    return _json(await DB.worlds(db.random_ids(db.query_count(n))))


@app.get("/fortunes")
async def fortunes(request: Request):
    if not db.enabled():
        return _no_database()
    return templates.TemplateResponse("fortunes.html", {"request": request, "fortunes": await DB.fortunes()})


@app.get("/updates")
async def updates(n: str | None = None):
    if not db.enabled():
        return _no_database()
    return _json(await DB.update(db.random_ids(db.query_count(n))))
