"""Kill tests: the bot (or the CLI) as its own process against the emulator in the test process, its database read
back with sqlite3, and the test-only pause point (storage/pause.py) that holds a process inside a transaction."""

from __future__ import annotations

import asyncio
import os
import sqlite3
import sys
from collections.abc import Callable
from pathlib import Path

from bot.clock import SystemClock
from bot.config import load_settings
from bot.sandbox.emulator import BotApiEmulator
from bot.services import Services, open_services
from storage.pause import MARKER, POINT
from tests.support.broadcast import roster, user_id_of
from tests.support.harness import ORGANIZER_ID, TOKEN

WINDOW = 8  # [broadcast] max_in_flight in config_text


def config_text(
    emu: BotApiEmulator, folder: Path, *, extra: str = "", event: str = "", telegram: str = "", paid: bool = False
) -> str:
    """A bot configuration on the emulator with its database in folder; event replaces the [event] dates, telegram
    and extra are added to [telegram] and at the end; paid: paid broadcasts without a rate cap."""
    dates = event or (
        'starts_at = "2026-12-28 08:00"\nrsvp_deadline = "2026-12-20 17:00"\nproposals_deadline = "2026-12-15 17:00"'
    )
    return f"""
[telegram]
token = "{TOKEN}"
base_url = "{emu.base_url}"
base_file_url = "{emu.base_file_url}"
organizers = [{ORGANIZER_ID}]
{telegram}

[database]
path = "{folder / "bot.sqlite3"}"

[event]
code = "gap-mat-2026"
name = "Hội nghị gặp mặt"
venue = "Trung tâm Hội nghị tỉnh"
{dates}

[broadcast]
{"paid = true" if paid else "rate_per_second = 30"}
max_in_flight = {WINDOW}
progress_interval = 2.0
{extra}
"""


async def start_process(*args: str, log: Path, pause: tuple[str, Path] | None = None) -> asyncio.subprocess.Process:
    """`python -m bot ARGS` with its output in log; pause = (point, marker file) holds it at that point."""
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    env.pop(POINT, None)
    if pause is not None:
        env[POINT], env[MARKER] = pause[0], str(pause[1])
    out = log.open("ab")
    try:
        return await asyncio.create_subprocess_exec(sys.executable, "-m", "bot", *args, stdout=out, stderr=out, env=env)
    finally:
        out.close()


async def wait(condition: Callable[[], object], timeout: float, what: str) -> None:
    """Poll until condition() is true; TimeoutError(what) after timeout seconds."""
    deadline = asyncio.get_running_loop().time() + timeout
    while not condition():
        if asyncio.get_running_loop().time() > deadline:
            raise TimeoutError(what)
        await asyncio.sleep(0.02)


async def kill_at_pause(process: asyncio.subprocess.Process, marker: Path, what: str, timeout: float = 30) -> None:
    """Wait until the process reports it reached its pause point (inside its transaction), then SIGKILL it."""
    try:
        await wait(lambda: marker.exists() or process.returncode is not None, timeout, what)
        assert process.returncode is None, f"{what}: the process exited before its pause point"
        assert marker.read_text(encoding="utf-8") == str(process.pid)
    finally:
        if process.returncode is None:
            process.kill()
        await process.wait()
    marker.unlink()


def query(database: Path, sql: str, *args: object) -> list[tuple[object, ...]]:
    """Rows of one query on the database file (read with its WAL)."""
    with sqlite3.connect(database) as db:
        return db.execute(sql, args).fetchall()


def integrity(database: Path) -> str:
    """PRAGMA integrity_check's first line ("ok")."""
    return str(query(database, "PRAGMA integrity_check")[0][0])


def snapshot(database: Path, skip: tuple[str, ...] = ()) -> dict[str, object]:
    """The whole database: its schema and every row of every table (but skip), in a comparable form.

    `_migrations.applied_at` (the wall-clock time a migration ran) is left out: two databases migrated at different
    moments are otherwise the same.
    """
    with sqlite3.connect(database) as db:
        schema = sorted(db.execute("SELECT type, name, tbl_name, sql FROM sqlite_master").fetchall(), key=repr)
        tables = [t for (t,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        rows: dict[str, object] = {"<schema>": schema}
        for table in tables:
            if table in skip:
                continue
            sql = "SELECT number, name FROM _migrations" if table == "_migrations" else f'SELECT * FROM "{table}"'
            rows[table] = sorted(map(tuple, db.execute(sql).fetchall()), key=repr)
        return rows


def copy_database(source: Path, target: Path) -> None:
    """Replace target (and its -wal/-shm) with a consistent copy of source."""
    for suffix in ("", "-wal", "-shm"):
        Path(str(target) + suffix).unlink(missing_ok=True)
    with sqlite3.connect(source) as original, sqlite3.connect(target) as copy:
        original.backup(copy)


def add_organizer(emu: BotApiEmulator) -> None:
    """The configured organizer as an emulator user."""
    emu.add_user(ORGANIZER_ID, "Tổ chức", language_code="vi")


async def seed_linked(emu: BotApiEmulator, config: Path, count: int) -> Services:
    """count delegates (tests.support.broadcast.roster), each linked to an emulator user, written through the
    services before the bot starts; the services are returned open (close them with `await services.db.close()`)."""
    add_organizer(emu)
    services = await open_services(load_settings(config), SystemClock())
    await services.roster.import_entries(roster(count), actor="test")
    async with services.db.transaction() as uow:
        for delegate in await uow.delegates.all(services.event.id):
            number = int(delegate.code[2:])
            emu.add_user(user_id_of(number), f"ĐB{number}", language_code="vi")
            await uow.delegates.link(delegate.id, user_id_of(number), services.clock.now())
    return services
