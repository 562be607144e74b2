"""/ws/echo and /ws/broadcast on Starlette's WebSocket (see perfnb_ws.py for the contract)."""
from starlette.websockets import WebSocketDisconnect

import perfnb_ws as ws

ROOMS = ws.Rooms()


async def _send(socket, message):
    if message.get("text") is not None:
        await socket.send_text(message["text"])
    else:
        await socket.send_bytes(message["bytes"])


async def echo(socket):
    await socket.accept()
    try:
        while True:
            message = await socket.receive()
            if message["type"] == "websocket.disconnect":
                return
            await _send(socket, message)
    except WebSocketDisconnect:
        pass


async def broadcast(socket):
    room, error = ws.room_of(socket.query_params.get("room"))
    if error:
        await socket.close(code=1008)
        return
    await socket.accept()
    ROOMS.join(room, socket)
    try:
        while True:
            message = await socket.receive()
            if message["type"] == "websocket.disconnect":
                return
            for other in ROOMS.others(room, socket):
                try:
                    await _send(other, message)
                except (WebSocketDisconnect, RuntimeError, ConnectionError):
                    pass
    except WebSocketDisconnect:
        pass
    finally:
        ROOMS.leave(room, socket)


def register(app):
    app.add_websocket_route("/ws/echo", echo)
    app.add_websocket_route("/ws/broadcast", broadcast)
