"""The same shop API in Starlette (ASGI), to compare ASGI servers the same way:

    perfnb compare --app shop_asgi:app --app-dir examples/sample-app --servers uvicorn,hypercorn,daphne \
        --ready-path /healthz --requests examples/sample-app/requests.json
"""
import itertools

from starlette.applications import Starlette
from starlette.responses import JSONResponse, PlainTextResponse
from starlette.routing import Route

MAX_ITEMS = 1000
_ids = itertools.count(4)
_items = {
    1: {"id": 1, "name": "pen", "price": 1.5},
    2: {"id": 2, "name": "notebook", "price": 4.0},
    3: {"id": 3, "name": "ink", "price": 7.25},
}


def _valid(payload):
    return isinstance(payload, dict) and isinstance(payload.get("name"), str) and isinstance(payload.get("price"), (int, float))


async def _payload(request):
    try:
        return await request.json()
    except ValueError:
        return None


async def healthz(request):
    return PlainTextResponse("ok")


async def list_items(request):
    try:
        limit = int(request.query_params.get("limit", "20"))
    except ValueError:
        limit = 20
    return JSONResponse(list(_items.values())[:limit])


async def get_item(request):
    item = _items.get(request.path_params["item_id"])
    return JSONResponse(item) if item else PlainTextResponse("not found", status_code=404)


async def add_item(request):
    payload = await _payload(request)
    if not _valid(payload):
        return PlainTextResponse("bad item", status_code=400)
    item = {"id": next(_ids), "name": payload["name"], "price": payload["price"]}
    _items[item["id"]] = item
    while len(_items) > MAX_ITEMS:
        _items.pop(next(k for k in _items if k > 3))
    return JSONResponse(item, status_code=201)


async def update_item(request):
    item_id = request.path_params["item_id"]
    payload = await _payload(request)
    if not _valid(payload):
        return PlainTextResponse("bad item", status_code=400)
    if item_id not in _items:
        return PlainTextResponse("not found", status_code=404)
    _items[item_id] = {"id": item_id, "name": payload["name"], "price": payload["price"]}
    return JSONResponse(_items[item_id])


app = Starlette(
    routes=[
        Route("/healthz", healthz),
        Route("/items", list_items, methods=["GET"]),
        Route("/items", add_item, methods=["POST"]),
        Route("/items/{item_id:int}", get_item, methods=["GET"]),
        Route("/items/{item_id:int}", update_item, methods=["PUT"]),
    ],
)
