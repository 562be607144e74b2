"""The endpoint contract in Starlette (ASGI): served by uvicorn or hypercorn."""
import asyncio

from starlette.applications import Starlette
from starlette.responses import Response
from starlette.routing import Route

import perfnb_common as c
import starlette_ws


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


app = Starlette(
    debug=False,
    routes=[
        Route("/plaintext", plaintext),
        Route("/json", json_view),
        Route("/io", io),
        Route("/cpu", cpu),
        Route("/bytes", bytes_view),
        Route("/echo", echo, methods=["POST"]),
    ],
)
starlette_ws.register(app)
