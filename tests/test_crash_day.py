"""Crash and restart during the other bulk work of the conference: the bot as its own process (`python -m bot
--config … run`) against the emulator in this process, SIGKILLed at random moments and restarted each time,
during a reminder run and during a burst of check-in scans at the door.

Short versions run in the normal suite; the full ones are behind the `soak` marker:

    .venv/bin/python -m pytest -q -m soak -s tests/test_crash_day.py

Seeds come from CRASH_SEED (printed on failure) so a failing run can be replayed.
"""

from __future__ import annotations

import asyncio
import os
import random
import signal
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.sandbox.emulator import BotApiEmulator
from bot.services.reminder_run import BATCH
from tests.support.broadcast import user_id_of
from tests.support.crash import config_text, integrity, query, seed_linked, start_process, wait
from tests.support.harness import ORGANIZER_ID

VN = ZoneInfo("Asia/Ho_Chi_Minh")
REMINDED = "xác nhận tham dự trước"  # in every RSVP reminder (reminder.rsvp), in nothing else the bot sends
FINAL = ("sent", "unreachable", "failed", "unknown")


def _seed() -> int:
    return int(os.environ.get("CRASH_SEED") or random.randrange(1_000_000))


def _local(moment: datetime) -> str:
    return moment.astimezone(VN).strftime("%Y-%m-%d %H:%M")


class Bot:
    """The bot's folder and config; each start is a new process (its log kept in the folder)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.config = folder / "config.toml"
        self.database = folder / "bot.sqlite3"
        self.runs = 0

    async def start(self) -> asyncio.subprocess.Process:
        self.runs += 1
        return await start_process("--config", str(self.config), "run", log=self.folder / f"run-{self.runs}.log")

    async def stop(self, process: asyncio.subprocess.Process) -> None:
        process.send_signal(signal.SIGTERM)
        assert await asyncio.wait_for(process.wait(), 20) == 0


async def kill(process: asyncio.subprocess.Process, rng: random.Random) -> None:
    await asyncio.sleep(rng.random() * 0.05)  # anywhere between two sends
    process.kill()
    await process.wait()


# --- a reminder run -------------------------------------------------------------------------------------------------


async def kill_a_reminder_run(emu: BotApiEmulator, tmp_path: Path, *, kills: int, recipients: int, seed: int) -> None:
    """The RSVP reminder (due at start-up: 30 days before a deadline 3 days away) to every linked delegate, the bot
    SIGKILLed `kills` times while it sends: each delegate gets it at most once; every row ends sent/unreachable/
    failed/unknown; each kill leaves at most one batch 'sending' and exactly those rows become 'unknown'; integrity
    ok after every kill; the organizers' summary (sent once) tells the stored counts."""
    rng = random.Random(seed)
    bot = Bot(tmp_path / "bot")
    bot.folder.mkdir(mode=0o700)
    now = datetime.now(UTC)
    event = (
        f'starts_at = "{_local(now + timedelta(days=10))}"\n'
        f'rsvp_deadline = "{_local(now + timedelta(days=3))}"\n'
        f'proposals_deadline = "{_local(now + timedelta(days=5))}"'
    )
    reminders = '[reminders]\nrsvp_before = ["30d"]\nattendance_before = []\nproposals_before = []\n'
    bot.config.write_text(config_text(emu, bot.folder, event=event, extra=reminders), encoding="utf-8")
    services = await seed_linked(emu, bot.config, recipients)
    await services.db.close()

    def received() -> dict[int, int]:
        return {n: sum(REMINDED in m.plain_text for m in emu.messages(user_id_of(n))) for n in range(1, recipients + 1)}

    def sending() -> set[int]:
        rows = query(bot.database, "SELECT id FROM reminder_deliveries WHERE status = 'sending'")
        return {int(str(i)) for (i,) in rows}

    interrupted: set[int] = set()
    left: list[int] = []
    step = max(recipients // (kills + 2), 4)
    emu.latency = 0.1  # sends in flight at every moment
    try:
        for number in range(kills):
            before = sum(received().values())
            process = await bot.start()
            target = before + rng.randint(1, step)
            await wait(
                lambda: sum(received().values()) >= target or process.returncode is not None,
                30,
                f"kill {number}: the reminder was not sent (seed {seed})",
            )
            assert process.returncode is None, f"the bot exited on its own (seed {seed}, run {bot.runs})"
            await kill(process, rng)
            assert integrity(bot.database) == "ok"
            claimed = sending()
            assert len(claimed) <= BATCH, f"kill {number} left {len(claimed)} rows 'sending' (seed {seed})"
            interrupted |= claimed
            left.append(len(claimed))
        await emu.wait_idle(quiet=0.3)  # sends the last kill left inside the emulator have landed
        summaries = emu.sent_count(ORGANIZER_ID)
        process = await bot.start()
        summary = await emu.wait_for_message(
            ORGANIZER_ID, lambda m: "Đã thực hiện lời nhắc" in m.plain_text, since=summaries, timeout=60
        )
        await bot.stop(process)
    finally:
        emu.latency = 0.0
    assert integrity(bot.database) == "ok"
    assert query(bot.database, "SELECT status FROM reminders WHERE kind = 'rsvp'") == [("sent",)]
    rows = query(bot.database, "SELECT id, delegate_id, chat_id, status FROM reminder_deliveries WHERE delegate_id > 0")
    final = {str(s): sum(1 for r in rows if r[3] == s) for s in {r[3] for r in rows}}
    assert set(final) <= set(FINAL) and len(rows) == recipients, final  # one row each, in a final state
    unknown = {int(str(r[0])) for r in rows if r[3] == "unknown"}
    assert unknown == interrupted  # exactly what the kills interrupted: never resent, nothing else unknown
    got = received()
    assert max(got.values()) == 1, {n: c for n, c in got.items() if c > 1}  # nobody twice
    for _row, _delegate, chat, status in rows:
        number = int(str(chat)) - user_id_of(0)
        assert got[number] == (1 if status == "sent" else got[number]), (number, status)
    text = summary.plain_text
    assert f"{final.get('sent', 0)} đã gửi" in text and f"{final.get('unknown', 0)} chưa rõ" in text, text
    assert sum("Đã thực hiện lời nhắc" in m.plain_text for m in emu.messages(ORGANIZER_ID)) == 1
    print(f"\nreminder: kills={kills} recipients={recipients} left 'sending' per kill={left} final={final}")


@pytest.mark.slow
async def test_killed_during_a_reminder_run(emulator: BotApiEmulator, tmp_path: Path) -> None:
    await kill_a_reminder_run(emulator, tmp_path, kills=2, recipients=40, seed=_seed())


@pytest.mark.soak
async def test_killed_twenty_times_during_an_800_recipient_reminder_run(
    emulator: BotApiEmulator, tmp_path: Path
) -> None:
    await kill_a_reminder_run(emulator, tmp_path, kills=20, recipients=800, seed=_seed())


# --- a check-in burst -----------------------------------------------------------------------------------------------

STAFF = tuple(range(700001, 700009))
RESCAN = 2.0  # a staff member who sees no answer scans the QR again after this long (what people at the door do)


async def kill_a_checkin_burst(emu: BotApiEmulator, tmp_path: Path, *, kills: int, delegates: int, seed: int) -> None:
    """Eight staff members scan delegates' QR codes at the door (each waits for the answer, scans again when none
    comes; a fifth of the delegates are scanned by two of them), the bot SIGKILLed `kills` times meanwhile: nobody
    is checked in twice, every delegate whose "checked in" answer a staff member saw is stored as checked in, a
    "checked in" answer is given at most once per delegate, integrity ok after every kill, and everyone ends
    checked in."""
    rng = random.Random(seed)
    bot = Bot(tmp_path / "bot")
    bot.folder.mkdir(mode=0o700)
    telegram = f"staff = [{', '.join(map(str, STAFF))}]\nper_chat_per_second = 10"
    bot.config.write_text(
        config_text(emu, bot.folder, telegram=telegram, extra="[reminders]\nenabled = false\n"), encoding="utf-8"
    )
    services = await seed_linked(emu, bot.config, delegates)
    try:
        async with services.db.read() as uow:
            ids = {int(d.code[2:]): d.id for d in await uow.delegates.all(services.event.id)}
        codes = await services.checkins.codes_for(sorted(ids.values()))
    finally:
        await services.db.close()
    for staff in STAFF:
        emu.add_user(staff, f"Cán bộ {staff}", language_code="vi")
    lists: dict[int, list[int]] = {s: [] for s in STAFF}
    for number in range(1, delegates + 1):
        scanners = rng.sample(STAFF, 2 if number % 5 == 0 else 1)
        for staff in scanners:
            lists[staff].append(number)
    seen: list[tuple[int, int, str]] = []  # (staff, delegate number, the answer's first line)
    rescans = 0

    async def scan_all(staff: int) -> None:
        nonlocal rescans
        for number in lists[staff]:
            name = f"Đại biểu {number:03d}"
            while True:
                since = emu.sent_count(staff)
                emu.send_command(staff, "start", codes[ids[number]])

                def answer(since: int = since, name: str = name) -> str | None:
                    found = [m.plain_text for m in emu.messages(staff)[since:] if name in m.plain_text]
                    return found[0] if found else None

                try:
                    text = await emu.wait_for(answer, RESCAN)
                except TimeoutError:
                    rescans += 1
                    continue
                seen.append((staff, number, text.splitlines()[0]))
                break

    scanning = asyncio.gather(*(scan_all(s) for s in STAFF))
    total = sum(map(len, lists.values()))
    step = max(total // (kills + 2), 2)
    process = await bot.start()
    try:
        for number in range(kills):
            target = len(seen) + rng.randint(1, step)
            await wait(lambda: len(seen) >= target, 30, f"kill {number}: no answers (seed {seed})")
            await kill(process, rng)
            assert integrity(bot.database) == "ok"
            process = await bot.start()
        await asyncio.wait_for(scanning, 120)
        await bot.stop(process)
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()
        scanning.cancel()
    assert integrity(bot.database) == "ok"
    rows = query(bot.database, "SELECT delegate_id, undone_at FROM checkins")
    per_delegate = {d: sum(1 for r in rows if r[0] == d) for d in ids.values()}
    assert max(per_delegate.values()) == 1, per_delegate  # nobody checked in twice (no undo in this test)
    stored = {int(str(d)) for d, _undone in rows}
    for staff, number, head in seen:
        assert ids[number] in stored, (staff, number, head)  # an answer the staff saw is stored
        assert "ĐÃ ĐIỂM DANH" in head, head
    done = [number for _staff, number, head in seen if "TRƯỚC ĐÓ" not in head]
    all_done = [m.plain_text.splitlines()[1] for s in STAFF for m in emu.messages(s) if m.plain_text.startswith("✅")]
    assert len(all_done) == len(set(all_done)), sorted(all_done)  # "checked in" told once per delegate at most
    assert stored == set(ids.values())  # everyone scanned ends checked in
    print(
        f"\ncheck-in: kills={kills} delegates={delegates} scans={total} answers seen={len(seen)} "
        f"(checked in {len(done)}, already {len(seen) - len(done)}) rescans after no answer={rescans}"
    )


@pytest.mark.slow
async def test_killed_during_a_checkin_burst(emulator: BotApiEmulator, tmp_path: Path) -> None:
    await kill_a_checkin_burst(emulator, tmp_path, kills=2, delegates=24, seed=_seed())


@pytest.mark.soak
async def test_killed_ten_times_during_an_800_delegate_checkin_burst(emulator: BotApiEmulator, tmp_path: Path) -> None:
    await kill_a_checkin_burst(emulator, tmp_path, kills=10, delegates=800, seed=_seed())
