import time

from django.http import HttpResponse
from django.urls import path
from django.views.decorators.http import require_GET, require_POST

import perfnb_common as c


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


urlpatterns = [
    path("plaintext", plaintext),
    path("json", json_view),
    path("io", io),
    path("cpu", cpu),
    path("bytes", bytes_view),
    path("echo", echo),
]
