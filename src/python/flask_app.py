"""The endpoint contract in Flask, production settings (debug off, no request logging), and the realistic
workloads (perfnb_db.py) through SQLAlchemy 1.4's ORM."""
import json
import logging
import time

from flask import Flask, Response, render_template, request
from sqlalchemy import Column, Integer, String, create_engine, select
from sqlalchemy.orm import Session, declarative_base
from sqlalchemy.pool import QueuePool

import flask_ws
import perfnb_common as c
import perfnb_db as db

# The Werkzeug dev server logs every request at INFO; access logs are off in every stack.
logging.getLogger("werkzeug").setLevel(logging.ERROR)

app = Flask(__name__)
app.config.update(DEBUG=False, TESTING=False, PROPAGATE_EXCEPTIONS=False)


def _text(body, status=200, content_type="text/plain"):
    response = Response(body, status=status, content_type=content_type)
    if c.ADD_SERVER_HEADERS:
        response.headers["Server"] = c.SERVER_NAME
        response.headers["Date"] = c.http_date()
    return response


@app.get("/plaintext")
def plaintext():
    return _text(c.PLAINTEXT)


@app.get("/json")
def json_endpoint():
    return _text(c.json_body(), content_type="application/json")


@app.get("/io")
def io():
    ms, error = c.int_param(request.args.get("ms"), c.DEFAULT_IO_MS, c.MAX_IO_MS, "ms")
    if error:
        return _text(error, 400)
    time.sleep(ms / 1000)
    return _text(f"slept {ms} ms")


@app.get("/cpu")
def cpu():
    n, error = c.int_param(request.args.get("n"), c.DEFAULT_CPU_N, c.MAX_CPU_N, "n")
    if error:
        return _text(error, 400)
    return _text(str(c.cpu_work(n)))


@app.get("/bytes")
def bytes_endpoint():
    size, error = c.int_param(request.args.get("size"), c.DEFAULT_BYTES, c.MAX_BYTES, "size")
    if error:
        return _text(error, 400)
    return _text(b"x" * size, content_type="application/octet-stream")


@app.post("/echo")
def echo():
    return _text(request.get_data(), content_type=request.content_type or "application/octet-stream")


# The realistic workloads (see perfnb_db.py): SQLAlchemy 1.4's ORM in its 2.0 style (future=True), a QueuePool
# of PERFNB_DB_POOL connections per worker (as many as the worker has threads), created on first use so that
# every forked worker has its own.
Base = declarative_base()


class World(Base):
    __tablename__ = "world"
    id = Column(Integer, primary_key=True)
    randomnumber = Column(Integer, nullable=False)


class Fortune(Base):
    __tablename__ = "fortune"
    id = Column(Integer, primary_key=True)
    message = Column(String, nullable=False)


_engine = None


def _db_engine():
    global _engine
    if _engine is None:
        connect_args = {"check_same_thread": False, "timeout": db.SQLITE_BUSY_SECONDS} if db.KIND == "sqlite" else {}
        _engine = create_engine(db.sqlalchemy_url(), future=True, poolclass=QueuePool, pool_size=db.POOL, max_overflow=0,
                                connect_args=connect_args)
    return _engine


def _json(value):
    return _text(json.dumps(value), content_type="application/json")


@app.get("/db")
def single_query():
    if not db.enabled():
        return _text(db.NO_DATABASE, 503)
    with Session(_db_engine()) as session:
        world = session.get(World, db.random_id())
        return _json({"id": world.id, "randomNumber": world.randomnumber})


@app.get("/queries")
def multiple_queries():
    if not db.enabled():
        return _text(db.NO_DATABASE, 503)
    with Session(_db_engine()) as session:
        worlds = [session.get(World, i) for i in db.random_ids(db.query_count(request.args.get("n")))]
        return _json([{"id": w.id, "randomNumber": w.randomnumber} for w in worlds])


@app.get("/fortunes")
def fortunes():
    if not db.enabled():
        return _text(db.NO_DATABASE, 503)
    with Session(_db_engine()) as session:
        rows = session.execute(select(Fortune.id, Fortune.message)).all()
    return _text(render_template("fortunes.html", fortunes=db.with_additional(rows)), content_type="text/html; charset=utf-8")


@app.get("/updates")
def updates():
    if not db.enabled():
        return _text(db.NO_DATABASE, 503)
    with Session(_db_engine()) as session, session.begin():
        worlds = [session.get(World, i) for i in db.random_ids(db.query_count(request.args.get("n")))]
        for world in worlds:
            world.randomnumber = db.random_id()
        result = [{"id": w.id, "randomNumber": w.randomnumber} for w in worlds]
    return _json(result)


flask_ws.register(app)
application = app
