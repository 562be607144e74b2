"""/ws/echo and /ws/broadcast on Tornado's own WebSocket handler (see perfnb_ws.py for the contract)."""
import tornado.websocket

import perfnb_ws as ws

ROOMS = ws.Rooms()


class _Base(tornado.websocket.WebSocketHandler):
    def check_origin(self, origin):
        # Tornado refuses cross-origin handshakes with 403 by default; a load generator sends no browser Origin.
        return True

    def get_compression_options(self):
        # No permessage-deflate, as in every other stack here: the cost measured is the server's, not zlib's.
        return None


class Echo(_Base):
    def on_message(self, message):
        try:
            self.write_message(message, binary=isinstance(message, bytes))
        except tornado.websocket.WebSocketClosedError:
            pass


class Broadcast(_Base):
    room = None

    def prepare(self):
        room, error = ws.room_of(self.get_query_argument("room", None))
        if error:
            self.set_status(400)
            self.finish(error)
            return
        self.room = room

    def open(self):
        ROOMS.join(self.room, self)

    def on_message(self, message):
        binary = isinstance(message, bytes)
        for other in ROOMS.others(self.room, self):
            try:
                other.write_message(message, binary=binary)
            except tornado.websocket.WebSocketClosedError:
                pass

    def on_close(self):
        if self.room is not None:
            ROOMS.leave(self.room, self)


HANDLERS = [(r"/ws/echo", Echo), (r"/ws/broadcast", Broadcast)]
