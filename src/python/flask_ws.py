"""/ws/echo and /ws/broadcast for Flask under gunicorn's gevent-websocket worker (see perfnb_ws.py).

Flask (Werkzeug 2.2) has no WebSocket API of its own: gevent-websocket's worker upgrades the connection and
puts the socket into the WSGI environ as wsgi.websocket. The routes must say websocket=True, or Werkzeug
refuses the upgrade request before the view runs. Under any other server the endpoints answer 400.
gevent-websocket 0.10.1 answers a client's close frame that carries a reason with an invalid one (the
reason's Python repr where the status code belongs); a close without a reason is answered correctly.
"""
from flask import Response, request

import perfnb_ws as ws

ROOMS = ws.Rooms()


def _no_upgrade():
    return Response("a WebSocket endpoint: serve Flask with gunicorn -k geventwebsocket.gunicorn.workers.GeventWebSocketWorker",
                    status=400, content_type="text/plain")


def echo():
    socket = request.environ.get("wsgi.websocket")
    if socket is None:
        return _no_upgrade()
    while True:
        message = socket.receive()
        if message is None:
            break
        socket.send(message, binary=isinstance(message, (bytes, bytearray)))
    return Response(status=200)


def broadcast():
    room, error = ws.room_of(request.args.get("room"))
    if error:
        return Response(error, status=400, content_type="text/plain")
    socket = request.environ.get("wsgi.websocket")
    if socket is None:
        return _no_upgrade()
    ROOMS.join(room, socket)
    try:
        while True:
            message = socket.receive()
            if message is None:
                break
            binary = isinstance(message, (bytes, bytearray))
            for other in ROOMS.others(room, socket):
                try:
                    other.send(message, binary=binary)
                except Exception:  # geventwebsocket raises WebSocketError or socket errors for a gone peer
                    pass
    finally:
        ROOMS.leave(room, socket)
    return Response(status=200)


def register(app):
    app.add_url_rule("/ws/echo", "ws_echo", echo, websocket=True)
    app.add_url_rule("/ws/broadcast", "ws_broadcast", broadcast, websocket=True)
