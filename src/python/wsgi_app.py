"""The endpoint contract as a bare WSGI callable: no framework, the server alone is measured."""
import time
from urllib.parse import parse_qs

import perfnb_common as c


def _respond(start_response, status, content_type, body):
    headers = [("Content-Type", content_type), ("Content-Length", str(len(body)))]
    if c.ADD_SERVER_HEADERS:
        headers += [("Server", c.SERVER_NAME), ("Date", c.http_date())]
    start_response(status, headers)
    return [body]


def app(environ, start_response):
    path = environ.get("PATH_INFO", "")
    method = environ.get("REQUEST_METHOD", "GET")
    if path == "/plaintext" and method == "GET":
        return _respond(start_response, "200 OK", "text/plain", c.PLAINTEXT)
    if path == "/json" and method == "GET":
        return _respond(start_response, "200 OK", "application/json", c.json_body())
    query = parse_qs(environ.get("QUERY_STRING", ""))
    if path == "/io" and method == "GET":
        ms, error = c.int_param(query.get("ms", [None])[0], c.DEFAULT_IO_MS, c.MAX_IO_MS, "ms")
        if error:
            return _respond(start_response, "400 Bad Request", "text/plain", error.encode())
        time.sleep(ms / 1000)
        return _respond(start_response, "200 OK", "text/plain", f"slept {ms} ms".encode())
    if path == "/cpu" and method == "GET":
        n, error = c.int_param(query.get("n", [None])[0], c.DEFAULT_CPU_N, c.MAX_CPU_N, "n")
        if error:
            return _respond(start_response, "400 Bad Request", "text/plain", error.encode())
        return _respond(start_response, "200 OK", "text/plain", str(c.cpu_work(n)).encode())
    if path == "/bytes" and method == "GET":
        size, error = c.int_param(query.get("size", [None])[0], c.DEFAULT_BYTES, c.MAX_BYTES, "size")
        if error:
            return _respond(start_response, "400 Bad Request", "text/plain", error.encode())
        return _respond(start_response, "200 OK", "application/octet-stream", b"x" * size)
    if path == "/echo" and method == "POST":
        length = int(environ.get("CONTENT_LENGTH") or 0)
        body = environ["wsgi.input"].read(length) if length > 0 else b""
        return _respond(start_response, "200 OK", environ.get("CONTENT_TYPE") or "application/octet-stream", body)
    return _respond(start_response, "404 Not Found", "text/plain", b"not found")


application = app
