import json
import time

from django.db import transaction
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.urls import path
from django.views.decorators.http import require_GET, require_POST

import perfnb_common as c
import perfnb_db as db
from django_app.models import Fortune, World


def _text(body, status=200, content_type="text/plain"):
    response = HttpResponse(body, status=status, content_type=content_type)
    response["Content-Length"] = str(len(response.content))
    if c.ADD_SERVER_HEADERS:
        response["Server"] = c.SERVER_NAME
    if c.ADD_DATE_HEADER:
        response["Date"] = c.http_date()
    return response


@require_GET
def plaintext(request):
    return _text(c.PLAINTEXT)


@require_GET
def json_view(request):
    return _text(c.json_body(), content_type="application/json")


@require_GET
def io(request):
    ms, error = c.int_param(request.GET.get("ms"), c.DEFAULT_IO_MS, c.MAX_IO_MS, "ms")
    if error:
        return _text(error, 400)
    time.sleep(ms / 1000)
    return _text(f"slept {ms} ms")


@require_GET
def cpu(request):
    n, error = c.int_param(request.GET.get("n"), c.DEFAULT_CPU_N, c.MAX_CPU_N, "n")
    if error:
        return _text(error, 400)
    return _text(str(c.cpu_work(n)))


@require_GET
def bytes_view(request):
    size, error = c.int_param(request.GET.get("size"), c.DEFAULT_BYTES, c.MAX_BYTES, "size")
    if error:
        return _text(error, 400)
    return _text(b"x" * size, content_type="application/octet-stream")


@require_POST
def echo(request):
    return _text(request.body, content_type=request.content_type or "application/octet-stream")


def _no_database():
    return _text(db.NO_DATABASE, 503)


def _json(value):
    return _text(json.dumps(value), content_type="application/json")


@require_GET
def single_query(request):
    if not db.enabled():
        return _no_database()
    world = World.objects.get(id=db.random_id())
    return _json({"id": world.id, "randomNumber": world.randomnumber})


@require_GET
def multiple_queries(request):
    if not db.enabled():
        return _no_database()
    worlds = [World.objects.get(id=i) for i in db.random_ids(db.query_count(request.GET.get("n")))]
    return _json([{"id": w.id, "randomNumber": w.randomnumber} for w in worlds])


@require_GET
def fortunes(request):
    if not db.enabled():
        return _no_database()
    rows = list(Fortune.objects.values_list("id", "message"))
    html = render_to_string("fortunes.html", {"fortunes": db.with_additional(rows)}, request)
    return _text(html, content_type="text/html; charset=utf-8")


@require_GET
def updates(request):
    if not db.enabled():
        return _no_database()
    # Read in autocommit, then write in one transaction that starts with its first write: a SQLite transaction
    # that reads first cannot take the write lock once another worker wrote (SQLITE_BUSY at once, no waiting).
    worlds = [World.objects.get(id=i) for i in db.random_ids(db.query_count(request.GET.get("n")))]
    for world in worlds:
        world.randomnumber = db.random_id()
    with transaction.atomic():
        World.objects.bulk_update(worlds, ["randomnumber"])
    return _json([{"id": w.id, "randomNumber": w.randomnumber} for w in worlds])


urlpatterns = [
    path("plaintext", plaintext),
    path("json", json_view),
    path("io", io),
    path("cpu", cpu),
    path("bytes", bytes_view),
    path("echo", echo),
    path("db", single_query),
    path("queries", multiple_queries),
    path("fortunes", fortunes),
    path("updates", updates),
]
