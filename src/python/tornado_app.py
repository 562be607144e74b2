"""The endpoint contract in Tornado, on Tornado's own HTTP server; the realistic workloads (perfnb_db.py)
through asyncpg / aiosqlite on Tornado's asyncio loop and Tornado's own templates.

Run: python3 tornado_app.py --host 127.0.0.1 --port 8000 [--workers N]
Several workers use Tornado's own pre-fork (fork_processes) over one listening socket.
"""
import argparse
import asyncio
import json

import tornado.httpserver
import tornado.netutil
import tornado.process
import tornado.template
import tornado.web

import perfnb_common as c
import tornado_ws
import perfnb_db as db
from perfnb_db_async import AsyncDb

# Opened on first use: after Tornado's pre-fork, in each worker.
DB = AsyncDb()
FORTUNES = tornado.template.Template(db.FORTUNES_TORNADO)


class _Base(tornado.web.RequestHandler):
    def _send(self, body, status=200, content_type="text/plain"):
        self.set_status(status)
        self.set_header("Content-Type", content_type)
        self.finish(body)

    def _param(self, name, default, maximum):
        value, error = c.int_param(self.get_query_argument(name, None), default, maximum, name)
        if error:
            self._send(error, 400)
        return value


class Plaintext(_Base):
    def get(self):
        self._send(c.PLAINTEXT)


class Json(_Base):
    def get(self):
        self._send(c.json_body(), content_type="application/json")


class Io(_Base):
    async def get(self):
        ms = self._param("ms", c.DEFAULT_IO_MS, c.MAX_IO_MS)
        if ms is None:
            return
        await asyncio.sleep(ms / 1000)
        self._send(f"slept {ms} ms")


class Cpu(_Base):
    def get(self):
        n = self._param("n", c.DEFAULT_CPU_N, c.MAX_CPU_N)
        if n is None:
            return
        self._send(str(c.cpu_work(n)))


class Bytes(_Base):
    def get(self):
        size = self._param("size", c.DEFAULT_BYTES, c.MAX_BYTES)
        if size is None:
            return
        self._send(b"x" * size, content_type="application/octet-stream")


class Echo(_Base):
    def post(self):
        self._send(self.request.body, content_type=self.request.headers.get("Content-Type", "application/octet-stream"))


class _DbBase(_Base):
    def prepare(self):
        if not db.enabled():
            self._send(db.NO_DATABASE, 503)

    def _json(self, value):
        self._send(json.dumps(value), content_type="application/json")


class SingleQuery(_DbBase):
    async def get(self):
        self._json(await DB.world(db.random_id()))


class MultipleQueries(_DbBase):
    async def get(self):
        self._json(await DB.worlds(db.random_ids(db.query_count(self.get_query_argument("n", None)))))


class Fortunes(_DbBase):
    async def get(self):
        self._send(FORTUNES.generate(fortunes=await DB.fortunes()), content_type="text/html; charset=UTF-8")


class Updates(_DbBase):
    async def get(self):
        self._json(await DB.update(db.random_ids(db.query_count(self.get_query_argument("n", None)))))


def make_app():
    return tornado.web.Application(
        [
            (r"/plaintext", Plaintext), (r"/json", Json), (r"/io", Io), (r"/cpu", Cpu), (r"/bytes", Bytes), (r"/echo", Echo),
            (r"/db", SingleQuery), (r"/queries", MultipleQueries), (r"/fortunes", Fortunes), (r"/updates", Updates),
        ] + tornado_ws.HANDLERS,
        debug=False,
        compress_response=False,
    )


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--workers", type=int, default=1)
    # Tornado's own default listen backlog is 128; raised for runs with thousands of connections.
    parser.add_argument("--backlog", type=int, default=tornado.netutil._DEFAULT_BACKLOG)
    args = parser.parse_args()
    sockets = tornado.netutil.bind_sockets(args.port, address=args.host, backlog=args.backlog)
    if args.workers > 1:
        tornado.process.fork_processes(args.workers, max_restarts=0)

    async def serve():
        server = tornado.httpserver.HTTPServer(make_app(), max_body_size=c.MAX_BYTES)
        server.add_sockets(sockets)
        await asyncio.Event().wait()

    asyncio.run(serve())


if __name__ == "__main__":
    main()
