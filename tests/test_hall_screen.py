"""The optional hall-screen page over real HTTP: off by default (nothing listens), its address for admins only in
/stats, the numbers after check-ins, the approved questions in the presidium's order, everything escaped, 404 off the
secret path, and the path never in a log line."""

from __future__ import annotations

import json
import logging
import re
import socket
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest

from bot.clock import FakeClock
from bot.config import HallScreenSettings
from bot.sandbox.emulator import BotApiEmulator
from bot.telegram.app import stop_application
from tests.support.day import MODERATOR_ID, STAFF_ID, add_users, link_and_answer, scan, start_day
from tests.support.harness import NOW, ORGANIZER_ID, Harness

SCRIPT = "<script>alert('x')</script> & “Nghệ An”"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
async def hall(emulator: BotApiEmulator, tmp_path: Path, caplog: pytest.LogCaptureFixture) -> AsyncIterator[Harness]:
    """The conference morning with the hall screen on (a free local port, a path made by the bot)."""
    caplog.set_level(logging.DEBUG, logger="bot.hall_screen")
    caplog.set_level(logging.DEBUG, logger="tornado")
    add_users(emulator)
    settings = HallScreenSettings(enabled=True, listen=f"127.0.0.1:{_free_port()}", refresh_seconds=5)
    running = await start_day(emulator, tmp_path, FakeClock(NOW), hall=settings)
    try:
        yield running
    finally:
        await stop_application(running.app)


async def _address(h: Harness) -> str:
    stats = await h.say(ORGANIZER_ID, "/stats")
    since = h.emu.sent_count(ORGANIZER_ID)
    await h.press(ORGANIZER_ID, stats, "Màn hình hội trường")
    link = await h.emu.wait_for_message(ORGANIZER_ID, since=since)
    assert "Màn hình hội trường (chỉ đọc, tự cập nhật sau mỗi 5 giây)" in link.plain_text
    assert link.link_preview_options == {"is_disabled": True}
    found = re.search(r"http://127\.0\.0\.1:\d+/[A-Za-z0-9_-]{32}/", link.plain_text)
    assert found is not None, link.plain_text
    return found.group(0)


async def test_the_page_shows_check_ins_and_approved_questions_escaped(
    hall: Harness, caplog: pytest.LogCaptureFixture
) -> None:
    an = await link_and_answer(hall, 101, "DB001", "attending")
    binh = await link_and_answer(hall, 102, "DB002", "attending")
    await link_and_answer(hall, 103, "DB003", "attending")
    url = await _address(hall)
    staff_stats = await hall.say(STAFF_ID, "/stats")
    assert not any("Màn hình hội trường" in label for label in staff_stats.button_texts())  # admins only

    await scan(hall, STAFF_ID, await hall.services.checkins.code_for(an))
    await scan(hall, STAFF_ID, await hall.services.checkins.code_for(binh))
    questions = hall.services.questions
    await questions.set_open(True, ORGANIZER_ID)
    topic = questions.topics[0]
    first = await questions.submit(101, topic.code, "Đề nghị làm rõ tiến độ giải phóng mặt bằng", read_name=False)
    second = await questions.submit(103, topic.code, SCRIPT, read_name=True)  # "Lê <b>Cường</b> & Co", named
    assert first.question is not None and second.question is not None
    for result in (first, second):
        assert result.question is not None
        await questions.moderate(MODERATOR_ID, result.question.id, "approved")
    await questions.support(102, second.question.id)  # supported: read out first

    async with httpx.AsyncClient(follow_redirects=False) as client:
        data_response = await client.get(url + "data.json")
        page = await client.get(url)
        script = await client.get(url + "screen.js")
        redirect = await client.get(url.rstrip("/"))
        wrong = [
            await client.get(url.replace(url.split("/")[3], "x" * 32)),
            await client.get(url + "nothing"),
            await client.get(url.rsplit("/", 2)[0] + "/"),
            await client.post(url + "data.json", content=b"{}"),
        ]

    assert data_response.status_code == 200 and data_response.headers["content-type"].startswith("application/json")
    raw = data_response.text
    assert "<" not in raw and ">" not in raw and "&" not in raw  # markup characters only as \\u escapes
    data = json.loads(raw)
    assert (data["present"], data["expected"], data["not_here"]) == (2, 3, "Chưa có mặt: 1")
    assert data["agencies"] == [
        {"name": "Sở Nội vụ", "present": 1, "expected": 1},
        {"name": "Sở Tài chính", "present": 1, "expected": 1},
        {"name": "Sở Y tế", "present": 0, "expected": 1},
    ]
    assert [q["text"] for q in data["questions"]] == [SCRIPT, "Đề nghị làm rõ tiến độ giải phóng mặt bằng"]
    assert data["questions"][0]["who"] == "Lê <b>Cường</b> & Co — Sở Y tế"
    assert data["questions"][1]["who"] == "Đại biểu không nêu tên"  # the name only when the delegate agreed
    assert data["questions"][0]["meta"] == f"Câu hỏi số {second.question.id} · {topic.label('vi')} · 1 ủng hộ"

    assert page.status_code == 200 and page.headers["content-type"] == "text/html; charset=utf-8"
    body = page.text
    assert "<script>alert" not in body and "<b>Cường" not in body and "<2026>" not in body
    assert "<title>Hội nghị gặp mặt trưởng, phó phòng &lt;2026&gt;</title>" in body  # the event's name, escaped
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; “Nghệ An”" in body
    assert "Lê &lt;b&gt;Cường&lt;/b&gt; &amp; Co — Sở Y tế" in body
    assert '<b id="present">2</b> / <span id="expected">3</span>' in body
    assert '<span class="name">Sở Y tế</span><span class="count">0 / 1</span>' in body
    assert body.index("Đại biểu có mặt") < body.index("Delegates present")  # Vietnamese first
    assert body.count("<script") == 1 and '<script src="screen.js"></script>' in body  # no inline script
    assert "script-src 'self'" in page.headers["content-security-policy"]
    assert page.headers["referrer-policy"] == "no-referrer" and page.headers["cache-control"] == "no-store"
    assert script.status_code == 200 and "textContent" in script.text and "innerHTML" not in script.text
    assert redirect.status_code == 302 and redirect.headers["location"].endswith(url.split("/")[3] + "/")
    assert [r.status_code for r in wrong] == [404, 404, 404, 405]
    assert all(not r.content for r in wrong[:3])

    secret = url.split("/")[3]
    assert any(r.name == "bot.hall_screen" for r in caplog.records)  # the requests were logged …
    assert not [r for r in caplog.records if secret in r.getMessage()]  # … never with the path


async def test_the_made_path_is_kept_across_restarts(emulator: BotApiEmulator, tmp_path: Path) -> None:
    add_users(emulator)
    settings = HallScreenSettings(enabled=True, listen=f"127.0.0.1:{_free_port()}")
    first = await start_day(emulator, tmp_path, FakeClock(NOW), hall=settings)
    try:
        url = await first.services.hall_screen.url()
    finally:
        await stop_application(first.app)
    again = await start_day(emulator, tmp_path, FakeClock(NOW), hall=settings)
    try:
        assert await again.services.hall_screen.url() == url
        async with httpx.AsyncClient() as client:
            assert (await client.get(url + "data.json")).json()["present"] == 0
    finally:
        await stop_application(again.app)
    with pytest.raises(httpx.ConnectError):  # stopped with the bot
        async with httpx.AsyncClient() as client:
            await client.get(url)


async def test_off_by_default_nothing_listens_and_admins_are_told(emulator: BotApiEmulator, tmp_path: Path) -> None:
    add_users(emulator)
    assert HallScreenSettings().enabled is False
    port = _free_port()
    h = await start_day(emulator, tmp_path, FakeClock(NOW), hall=HallScreenSettings(listen=f"127.0.0.1:{port}"))
    try:
        assert h.app.bot_data.hall_screen is None
        with pytest.raises(httpx.ConnectError):
            async with httpx.AsyncClient() as client:
                await client.get(f"http://127.0.0.1:{port}/")
        stats = await h.say(ORGANIZER_ID, "/stats")
        assert not any("Màn hình hội trường" in label for label in stats.button_texts())
    finally:
        await stop_application(h.app)


async def test_a_taken_address_is_logged_and_the_bot_runs_on_without_the_page(
    emulator: BotApiEmulator, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    add_users(emulator)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        settings = HallScreenSettings(enabled=True, listen=f"127.0.0.1:{port}")
        h = await start_day(emulator, tmp_path, FakeClock(NOW), hall=settings)
        try:
            assert h.app.bot_data.hall_screen is None
            assert any(f"hall screen: cannot listen on 127.0.0.1:{port}" in r.getMessage() for r in caplog.records)
            assert "Số liệu" in (await h.say(ORGANIZER_ID, "/stats")).plain_text  # the bot answers
        finally:
            await stop_application(h.app)


NODE_DOM = r"""
const fs = require("fs");
const made = [];
function element(tag) {
  const e = { tag, className: "", textContent: "", children: [],
    append(...items) { this.children.push(...items); }, replaceChildren() { this.children = []; } };
  Object.defineProperty(e, "innerHTML", { set() { throw new Error("innerHTML used"); } });
  made.push(e);
  return e;
}
const ids = ["updated", "present", "expected", "not-here", "agencies", "questions", "questions-note"];
const byId = Object.fromEntries(ids.map((id) => [id, element("x")]));
global.document = { body: { getAttribute: () => "5" }, getElementById: (id) => byId[id], createElement: element };
const data = fs.readFileSync(0, "utf8");
const timers = [];
const asked = [];
global.setTimeout = (f, ms) => timers.push([f, ms]);
global.fetch = (url, options) => { asked.push([url, options.cache]);
  return Promise.resolve({ ok: true, json: () => Promise.resolve(JSON.parse(data)) }); };
new Function(fs.readFileSync(process.argv[1], "utf8"))();
const [poll, first] = timers.shift();
poll();
setImmediate(() => setImmediate(() => setImmediate(() => {
  const text = (e) => e.children.map((c) => c.children.map((x) => [x.className, x.textContent]));
  console.log(JSON.stringify({ first, next: timers.map((t) => t[1]), asked, updated: byId.updated.textContent,
    present: byId.present.textContent, notHere: byId["not-here"].textContent,
    agencies: text(byId.agencies), questions: text(byId.questions), note: byId["questions-note"].textContent }));
})));
"""


def test_the_script_fills_the_page_from_the_json_with_text_only(tmp_path: Path) -> None:
    """screen.js run by node with a minimal DOM: it polls data.json every refresh and writes text, never markup."""
    import shutil
    import subprocess
    from datetime import UTC, datetime

    from bot.hall_screen import _SCRIPT, data_json
    from bot.services.checkins import Attendance
    from bot.services.hall_screen import HallSnapshot, ScreenQuestion
    from storage.day_models import AgencyAttendance

    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed")
    attendance = Attendance(
        3, 5, 6, (AgencyAttendance("Sở Nội vụ", 2, 3, 1, 3), AgencyAttendance("Sở <Y> tế", 1, 2, 1, 3))
    )
    snapshot = HallSnapshot(
        "Hội nghị",
        attendance,
        (ScreenQuestion(7, "Cơ chế, chính sách", SCRIPT, "Lê <b>Cường</b>", "Sở Y tế", 2),),
        0,
        datetime(2026, 12, 28, 1, 15, tzinfo=UTC),
    )
    script = tmp_path / "screen.js"
    script.write_text(_SCRIPT, encoding="utf-8")
    run = subprocess.run(
        [node, "-e", NODE_DOM, str(script)],
        input=data_json(snapshot, "Asia/Ho_Chi_Minh"),
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    shown = json.loads(run.stdout)
    assert (shown["first"], shown["next"], shown["asked"]) == (5000, [5000], [["data.json", "no-store"]])
    assert shown["updated"] == "Cập nhật lúc 08 giờ 15 · Updated at 08:15"
    assert (str(shown["present"]), shown["notHere"]) == ("3", "Chưa có mặt: 2")  # a real DOM makes the number text
    assert shown["agencies"] == [
        [["name", "Sở Nội vụ"], ["count", "2 / 3"]],
        [["name", "Sở <Y> tế"], ["count", "1 / 2"]],
    ]
    assert shown["questions"] == [
        [
            ["meta", "Câu hỏi số 7 · Cơ chế, chính sách · 2 ủng hộ"],
            ["text", SCRIPT],
            ["who", "Lê <b>Cường</b> — Sở Y tế"],
        ]
    ]
