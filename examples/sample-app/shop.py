"""A small shop API in Flask (WSGI): the kind of app you would bring to PerfNotebooks.

    perfnb serve --app shop:app --app-dir examples/sample-app --ready-path /healthz
    perfnb compare --app shop:app --app-dir examples/sample-app --servers gunicorn,gunicorn-gthread,waitress \
        --ready-path /healthz --requests examples/sample-app/requests.json

Items live in memory, per worker process (a real app would use a database). The catalogue is capped, so
that a load test that posts items for minutes does not grow the process without bound.
"""
import itertools
import threading

from flask import Flask, abort, jsonify, request

app = Flask(__name__)

MAX_ITEMS = 1000
_lock = threading.Lock()
_ids = itertools.count(4)
_items = {
    1: {"id": 1, "name": "pen", "price": 1.5},
    2: {"id": 2, "name": "notebook", "price": 4.0},
    3: {"id": 3, "name": "ink", "price": 7.25},
}


def _valid(payload):
    return isinstance(payload, dict) and isinstance(payload.get("name"), str) and isinstance(payload.get("price"), (int, float))


@app.get("/healthz")
def healthz():
    return "ok"


@app.get("/items")
def list_items():
    limit = request.args.get("limit", default=20, type=int)
    with _lock:
        items = list(_items.values())[:limit]
    return jsonify(items)


@app.get("/items/<int:item_id>")
def get_item(item_id):
    with _lock:
        item = _items.get(item_id)
    if item is None:
        abort(404)
    return jsonify(item)


@app.post("/items")
def add_item():
    payload = request.get_json(silent=True)
    if not _valid(payload):
        abort(400)
    with _lock:
        item = {"id": next(_ids), "name": payload["name"], "price": payload["price"]}
        _items[item["id"]] = item
        while len(_items) > MAX_ITEMS:
            _items.pop(next(k for k in _items if k > 3))
    return jsonify(item), 201


@app.put("/items/<int:item_id>")
def update_item(item_id):
    payload = request.get_json(silent=True)
    if not _valid(payload):
        abort(400)
    with _lock:
        if item_id not in _items:
            abort(404)
        _items[item_id] = {"id": item_id, "name": payload["name"], "price": payload["price"]}
        return jsonify(_items[item_id])
