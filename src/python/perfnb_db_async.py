"""Async data access for the async apps (Starlette, FastAPI, aiohttp, Tornado, Quart): asyncpg's pool for
PostgreSQL, and for SQLite a pool of aiosqlite connections (aiosqlite runs each connection on a thread of its
own; it has no pool). PERFNB_DB_POOL connections per worker process, opened on first use, so that the pool
belongs to the process and event loop that use it (pre-fork servers fork before any request)."""
import asyncio
import contextlib

import perfnb_db as db


class _SqlitePool:
    def __init__(self, size):
        self._size = size
        self._idle = asyncio.Queue()

    async def open(self):
        import aiosqlite
        for _ in range(self._size):
            conn = aiosqlite.connect(db.SQLITE_PATH, timeout=db.SQLITE_BUSY_SECONDS)
            # aiosqlite's connection is a thread, not a daemon one: it would keep a stopped server alive.
            conn.daemon = True
            self._idle.put_nowait(await conn)

    @contextlib.asynccontextmanager
    async def acquire(self):
        conn = await self._idle.get()
        try:
            yield conn
        finally:
            self._idle.put_nowait(conn)


class AsyncDb:
    """The four workloads' queries, in the driver's own terms."""

    def __init__(self):
        self._pool = None
        self._opening = None

    async def _ready(self):
        if self._pool is not None:
            return self._pool
        if self._opening is None:
            self._opening = asyncio.ensure_future(self._open())
        await asyncio.shield(self._opening)
        return self._pool

    async def _open(self):
        if db.KIND == "postgres":
            import asyncpg
            self._pool = await asyncpg.create_pool(
                host=db.PG_HOST, database=db.PG_NAME, user=db.PG_USER, min_size=db.POOL, max_size=db.POOL)
        else:
            pool = _SqlitePool(db.POOL)
            await pool.open()
            self._pool = pool

    async def world(self, world_id):
        pool = await self._ready()
        async with pool.acquire() as conn:
            if db.KIND == "postgres":
                row = await conn.fetchrow("SELECT id, randomnumber FROM world WHERE id = $1", world_id)
            else:
                async with conn.execute("SELECT id, randomnumber FROM world WHERE id = ?", (world_id,)) as cur:
                    row = await cur.fetchone()
        return db.world(row)

    async def worlds(self, ids):
        """One query per id, on one connection, as the test type asks."""
        pool = await self._ready()
        out = []
        async with pool.acquire() as conn:
            if db.KIND == "postgres":
                statement = await conn.prepare("SELECT id, randomnumber FROM world WHERE id = $1")
                for world_id in ids:
                    out.append(db.world(await statement.fetchrow(world_id)))
            else:
                for world_id in ids:
                    async with conn.execute("SELECT id, randomnumber FROM world WHERE id = ?", (world_id,)) as cur:
                        out.append(db.world(await cur.fetchone()))
        return out

    async def fortunes(self):
        pool = await self._ready()
        async with pool.acquire() as conn:
            if db.KIND == "postgres":
                rows = await conn.fetch("SELECT id, message FROM fortune")
            else:
                async with conn.execute("SELECT id, message FROM fortune") as cur:
                    rows = await cur.fetchall()
        return db.with_additional(rows)

    async def update(self, ids):
        """Reads each row, gives it a new random number, writes them back in one transaction."""
        pool = await self._ready()
        async with pool.acquire() as conn:
            if db.KIND == "postgres":
                async with conn.transaction():
                    rows = [await conn.fetchrow("SELECT id, randomnumber FROM world WHERE id = $1", i) for i in ids]
                    updated = [(row[0], db.random_id()) for row in rows]
                    await conn.executemany("UPDATE world SET randomnumber = $2 WHERE id = $1", updated)
            else:
                rows = []
                for world_id in ids:
                    async with conn.execute("SELECT id, randomnumber FROM world WHERE id = ?", (world_id,)) as cur:
                        rows.append(await cur.fetchone())
                updated = [(row[0], db.random_id()) for row in rows]
                await conn.executemany("UPDATE world SET randomnumber = ? WHERE id = ?", [(n, i) for i, n in updated])
                await conn.commit()
        return [{"id": i, "randomNumber": n} for i, n in updated]
