"""What every PerfNotebooks WebSocket endpoint shares: the room parameter and the registry of rooms.

Two endpoints, the same in every stack that serves WebSockets:
- /ws/echo: every message (text or binary) is sent back to its sender, unchanged.
- /ws/broadcast?room=N: a chat room. Every message is delivered, unchanged, to every other client of room N
  (not to its sender). N is a whole number from 0 to MAX_ROOM; without it, room 0.

A room lives in one process: a server with several worker processes would split a room between them (a
real chat would put a broker such as Redis between them, which no stack here has), so the broadcast
endpoint is measured with one worker.
"""
import perfnb_common as c

MAX_ROOM = 1_000_000
DEFAULT_ROOM = 0


def room_of(raw):
    """Parses ?room=N; returns (room, error message or None)."""
    return c.int_param(raw, DEFAULT_ROOM, MAX_ROOM, "room")


class Rooms:
    """Room number -> the set of its members (whatever object a framework sends through)."""

    def __init__(self):
        self._rooms = {}

    def join(self, room, member):
        self._rooms.setdefault(room, set()).add(member)

    def leave(self, room, member):
        members = self._rooms.get(room)
        if members is None:
            return
        members.discard(member)
        if not members:
            del self._rooms[room]

    def others(self, room, member):
        """A snapshot of the other members: a member may leave while a message is being delivered."""
        return [m for m in self._rooms.get(room, ()) if m is not member]
