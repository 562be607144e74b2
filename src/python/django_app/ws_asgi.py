"""Django's ASGI application with /ws/echo and /ws/broadcast beside it, as plain ASGI (see perfnb_ws.py).

Django 3.2 has no WebSocket support of its own (that is Channels, which Debian does not package): its ASGI
handler refuses the websocket scope ("Django can only handle ASGI/HTTP connections"). A project without
Channels puts a small ASGI wrapper in front, as here: HTTP goes to Django, the websocket scope is handled
here, and lifespan is answered so that servers which ask (uvicorn) do not log a failure.
"""
import urllib.parse

import perfnb_ws as ws

ROOMS = ws.Rooms()


async def _lifespan(receive, send):
    while True:
        message = await receive()
        if message["type"] == "lifespan.startup":
            await send({"type": "lifespan.startup.complete"})
        elif message["type"] == "lifespan.shutdown":
            await send({"type": "lifespan.shutdown.complete"})
            return


def _query(scope, name):
    values = urllib.parse.parse_qs(scope.get("query_string", b"").decode("latin-1")).get(name)
    return values[0] if values else None


def _outgoing(message):
    if message.get("text") is not None:
        return {"type": "websocket.send", "text": message["text"]}
    return {"type": "websocket.send", "bytes": message.get("bytes") or b""}


async def _echo(receive, send):
    await send({"type": "websocket.accept"})
    while True:
        message = await receive()
        if message["type"] == "websocket.disconnect":
            return
        if message["type"] == "websocket.receive":
            await send(_outgoing(message))


async def _broadcast(scope, receive, send):
    room, error = ws.room_of(_query(scope, "room"))
    if error:
        await send({"type": "websocket.close", "code": 1008})
        return
    await send({"type": "websocket.accept"})
    ROOMS.join(room, send)
    try:
        while True:
            message = await receive()
            if message["type"] == "websocket.disconnect":
                return
            if message["type"] != "websocket.receive":
                continue
            outgoing = _outgoing(message)
            for other in ROOMS.others(room, send):
                try:
                    await other(outgoing)
                except Exception:  # a peer that is closing: its own loop removes it
                    pass
    finally:
        ROOMS.leave(room, send)


async def _websocket(scope, receive, send):
    connect = await receive()
    if connect["type"] != "websocket.connect":
        return
    path = scope.get("path", "")
    if path == "/ws/echo":
        await _echo(receive, send)
    elif path == "/ws/broadcast":
        await _broadcast(scope, receive, send)
    else:
        await send({"type": "websocket.close", "code": 1008})


def with_websockets(django_application):
    """The ASGI application: HTTP to Django, websocket here, lifespan answered."""

    async def application(scope, receive, send):
        kind = scope["type"]
        if kind == "websocket":
            await _websocket(scope, receive, send)
        elif kind == "lifespan":
            await _lifespan(receive, send)
        else:
            await django_application(scope, receive, send)

    return application
