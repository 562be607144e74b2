"""/ws/echo and /ws/broadcast on aiohttp's WebSocketResponse (see perfnb_ws.py for the contract)."""
from aiohttp import WSMsgType, web

import perfnb_ws as ws

ROOMS = ws.Rooms()


async def _send(socket, message):
    if message.type == WSMsgType.TEXT:
        await socket.send_str(message.data)
    else:
        await socket.send_bytes(message.data)


async def echo(request):
    socket = web.WebSocketResponse()
    await socket.prepare(request)
    async for message in socket:
        if message.type in (WSMsgType.TEXT, WSMsgType.BINARY):
            await _send(socket, message)
    return socket


async def broadcast(request):
    room, error = ws.room_of(request.query.get("room"))
    if error:
        return web.Response(body=error.encode(), status=400, content_type="text/plain")
    socket = web.WebSocketResponse()
    await socket.prepare(request)
    ROOMS.join(room, socket)
    try:
        async for message in socket:
            if message.type not in (WSMsgType.TEXT, WSMsgType.BINARY):
                continue
            for other in ROOMS.others(room, socket):
                try:
                    await _send(other, message)
                except ConnectionError:
                    pass
    finally:
        ROOMS.leave(room, socket)
    return socket


def register(app):
    app.router.add_get("/ws/echo", echo)
    app.router.add_get("/ws/broadcast", broadcast)
