"""The secretariat's guides (docs/huong-dan-su-dung.md, docs/organizer-guide.md) with the exact messages the bot shows.

The prose lives in docs/guide/*.md.in; every ``<!-- bot: name -->`` line there is replaced by what the bot really says
at that step, captured by playing the steps on the sandbox (the real Application against the Bot API emulator, a
fixed clock, a small roster) in the guide's language. Regenerate after changing a text::

    python -m bot.sandbox.demo.guide            # rewrite both guides
    python -m bot.sandbox.demo.guide --check    # exit 1 if a guide differs from what the bot says now (CI: tests)
"""

from __future__ import annotations

import asyncio
import contextlib
import io
import re
import sys
import tempfile
from collections.abc import Awaitable, Callable
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from bot.clock import FakeClock
from bot.config import settings_from_mapping
from bot.sandbox.emulator import DEFAULT_TOKEN, BotApiEmulator, SentMessage
from bot.services import Services
from bot.telegram.app import build_application, start_application, stop_application
from bot.telegram.context import BotData

ROOT = Path(__file__).resolve().parents[3]
GUIDES = {"vi": "huong-dan-su-dung.md", "en": "organizer-guide.md"}
MARKER = re.compile(r"^<!-- bot: ([a-z_]+) -->$", re.MULTILINE)
TOKEN = re.compile(r"start=[A-Za-z0-9_-]{20,64}")
NOW = datetime(2026, 12, 1, 9, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
ORGANIZER, DELEGATE, LATE = 900001, 700001, 700002
ROSTER = (
    "Mã,Họ và tên,Chức vụ,Phòng,Cơ quan,Số điện thoại\n"
    "DB001,Nguyễn Văn An,Trưởng phòng,Phòng Tổ chức cán bộ,Sở Nội vụ,0912 345 678\n"
    "DB002,Trần Thị Bình,Phó Trưởng phòng,Phòng Ngân sách,Sở Tài chính,0987 654 321\n"
    "DB003,Lê Văn Cường,Trưởng phòng,Phòng Nghiệp vụ Y,Sở Y tế,0909 000 111\n"
)
CORRECTED = ROSTER.replace("DB002,Trần Thị Bình,Phó Trưởng phòng", "DB002,Trần Thị Bình,Trưởng phòng") + (
    "DB004,Phạm Thị Dung,Phó Trưởng phòng,Phòng Kế hoạch,Sở Y tế,0903 111 222\n"
)


def _block(message: SentMessage | str) -> str:
    """A message as the guide shows it: a quoted block, links' tokens hidden, buttons listed under it."""
    if isinstance(message, str):
        body, buttons = message, []
    else:
        body, buttons = message.plain_text, message.button_texts()
        if message.document_name:
            body = f"📎 {message.document_name}\n{body}"
    body = TOKEN.sub("start=…", body.strip())
    lines = [f"> {line}" if line else ">" for line in body.splitlines()]
    if buttons:
        lines += [">", "> " + " · ".join(f"[{b}]" for b in buttons)]
    return "\n".join(lines)


class Session:
    """The bot on the sandbox, and the messages captured for a guide."""

    def __init__(self, emu: BotApiEmulator, services: Services, language: str) -> None:
        self.emu = emu
        self.services = services
        self.language = language
        self.captured: dict[str, str] = {}

    def keep(self, name: str, message: SentMessage | str) -> None:
        self.captured[name] = _block(message)

    async def say(self, user_id: int, words: str) -> SentMessage:
        since = self.emu.sent_count(user_id)
        self.emu.send_text(user_id, words)
        return await self.emu.wait_for_message(user_id, since=since, timeout=30.0)

    async def press(self, user_id: int, message: SentMessage, label: str, *, new: bool = False) -> SentMessage:
        """Press a button; return the bot's next message, or (new=False) the same message once edited (cards change
        in place)."""
        since = self.emu.sent_count(user_id)
        self.emu.press_button(user_id, message.message_id, message.button_data(label))

        def reaction() -> SentMessage | None:
            messages = self.emu.messages(user_id)
            if len(messages) > since:
                return messages[since]
            if new:
                return None
            now = next((m for m in messages if m.message_id == message.message_id), None)
            return now if now is not None and now.edit_count > message.edit_count else None

        return await self.emu.wait_for(reaction, timeout=30.0)

    async def upload(self, user_id: int, name: str, data: bytes) -> SentMessage:
        since = self.emu.sent_count(user_id)
        self.emu.send_document(user_id, name, data)
        return await self.emu.wait_for_message(user_id, since=since, timeout=30.0)

    def label(self, vi: str, en: str) -> str:
        return en if self.language == "en" else vi


def _cli(argv: list[str]) -> str:
    """What a delegate-bot command prints on stdout (where its result goes; logs and errors go to stderr)."""
    from unittest import mock

    from bot.cli import main

    out = io.StringIO()
    # The guide's clock everywhere, so the audit log it shows is the same at every run.
    with contextlib.redirect_stdout(out), mock.patch("bot.cli.SystemClock", lambda: FakeClock(NOW)):
        code = main(argv)
    if code != 0:
        raise RuntimeError(f"delegate-bot {' '.join(argv)} failed ({code}): {out.getvalue()}")
    return out.getvalue().strip()


async def _steps(s: Session, config: Path, folder: Path) -> None:
    """The secretariat's day, step by step."""
    language = s.language
    lang = ["--lang", language]
    roster_file = folder / "danh-sach.csv"
    roster_file.write_text(ROSTER, encoding="utf-8")
    cli_text = await asyncio.to_thread(_cli, ["--config", str(config), *lang, "roster", "import", str(roster_file)])
    s.keep("cli_roster_import", cli_text.replace(str(folder) + "/", ""))
    s.keep("start_organizer", await s.say(ORGANIZER, "/start"))
    preview = await s.upload(ORGANIZER, "danh-sach-bo-sung.csv", CORRECTED.encode("utf-8"))
    s.keep("roster_preview", preview)
    s.keep("roster_imported", await s.press(ORGANIZER, preview, s.label("Xác nhận nhập", "Confirm import"), new=True))
    bad = await s.upload(ORGANIZER, "danh-sach-loi.csv", "Mã,Họ và tên,Số điện thoại\nDB010,,0912 000 111\n".encode())
    s.keep("roster_refused", bad)
    menu = await s.say(ORGANIZER, "/export")
    s.keep("export_menu", menu)
    s.keep("export_invitations_pdf", await s.press(ORGANIZER, menu, s.label("Giấy mời để in", "Printable invitations")))
    s.keep("export_invitations", await s.press(ORGANIZER, menu, s.label("Đường dẫn giấy mời", "Invitation links")))
    async with s.services.db.read() as uow:
        first = await uow.delegates.by_code(s.services.event.id, "DB001")
        assert first is not None
        link_token = await uow.tokens.active_token(first.id)
    since = s.emu.sent_count(DELEGATE)
    s.emu.send_command(DELEGATE, "start", link_token)
    card = await s.emu.wait_for_message(DELEGATE, since=since, timeout=30.0)
    s.keep("delegate_card", card)
    s.keep("delegate_attending", await s.press(DELEGATE, card, s.label("Tham dự", "Attend")))
    stats = await s.say(ORGANIZER, "/stats")
    s.keep("stats", stats)
    s.keep("stats_chart", await s.press(ORGANIZER, stats, s.label("Biểu đồ", "Chart")))
    choose = await s.press(ORGANIZER, stats, s.label("Chưa xác nhận theo cơ quan", "Not confirmed"))
    s.keep("stats_choose_agency", choose)
    s.keep("stats_unanswered", await s.press(ORGANIZER, choose, "Sở Y tế"))
    s.keep("reminders", await s.say(ORGANIZER, "/reminders"))
    audience = await s.say(ORGANIZER, "/broadcast")
    s.keep("broadcast_audience", audience)
    ask_text = await s.press(ORGANIZER, audience, s.label("Chưa xác nhận (", "Not yet confirmed ("))
    s.keep("broadcast_ask_text", ask_text)
    # A delegate's proposal (sent with /proposal; the delegates' own guide is the bot itself), for the report.
    proposals = s.services.proposals
    await proposals.start(DELEGATE)
    await proposals.choose_category(DELEGATE, "admin")
    await proposals.submit_text(DELEGATE, "Đề nghị rút ngắn thời gian giải quyết thủ tục đất đai.")
    await proposals.confirm(DELEGATE)
    s.keep("export_report", await s.press(ORGANIZER, menu, s.label("Báo cáo tổng hợp", "Committee report")))
    s.keep("audit", await s.say(ORGANIZER, "/audit"))
    pdf = folder / "giay-moi.pdf"
    printed = await asyncio.to_thread(
        _cli, ["--config", str(config), *lang, "invites", "print", "--out", str(pdf), "--bot-username", "hoinghi_bot"]
    )
    s.keep("cli_invites_print", printed.replace(str(folder) + "/", ""))
    report = folder / "bao-cao.docx"
    written = await asyncio.to_thread(_cli, ["--config", str(config), *lang, "export", "report", "--out", str(report)])
    s.keep("cli_export_report", written.replace(str(folder) + "/", ""))


async def capture(language: str) -> dict[str, str]:
    """Play the steps in one language and return every captured message by name."""
    with tempfile.TemporaryDirectory(prefix="hoinghi-guide-") as tmp:
        folder = Path(tmp)
        emu = BotApiEmulator(token=DEFAULT_TOKEN, bot_username="hoinghi_bot")
        emu.start()
        try:
            for user_id, name in ((ORGANIZER, "Văn phòng"), (DELEGATE, "An"), (LATE, "Cường")):
                emu.add_user(user_id, name, language_code=language)
            config = folder / "config.toml"
            config.write_text(
                "[telegram]\n"
                f'token = "{DEFAULT_TOKEN}"\nbase_url = "{emu.base_url}"\nbase_file_url = "{emu.base_file_url}"\n'
                f"organizers = [{ORGANIZER}]\n"
                # The emulator's flood limits are off here: replies need not be paced at Telegram's 1/s per chat,
                # so each captured answer is the one to its own step.
                "per_chat_per_second = 100\n"
                '[database]\npath = "bot.sqlite3"\n'
                '[event]\ncode = "gap-mat-2026"\n'
                'name = "Hội nghị gặp mặt trưởng, phó phòng các sở, ban, ngành năm 2026"\n'
                'venue = "Trung tâm Hội nghị tỉnh"\nstarts_at = "2026-12-28 08:00"\n'
                'rsvp_deadline = "2026-12-20 17:00"\nproposals_deadline = "2026-12-15 17:00"\n',
                encoding="utf-8",
            )
            import tomllib

            settings = settings_from_mapping(tomllib.loads(config.read_text(encoding="utf-8")), source=config, env={})
            app = build_application(settings, clock=FakeClock(NOW))
            started: list[Callable[[], Awaitable[None]]] = []
            try:
                await start_application(app)
                started.append(lambda: stop_application(app))
                data: BotData = app.bot_data
                assert data.services is not None
                session = Session(emu, data.services, language)
                await _steps(session, config, folder)
                return session.captured
            finally:
                for stop in started:
                    await stop()
        finally:
            emu.stop()


def render(template: str, captured: dict[str, str]) -> str:
    """Replace each marker line by its captured message; an unknown marker is an error."""

    def replace(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in captured:
            raise KeyError(f"the guide asks for {name!r}, which the sandbox session does not capture")
        return captured[name]

    header = (
        "<!-- Generated by `python -m bot.sandbox.demo.guide` from docs/guide/; edit the template, not this file. -->\n"
    )
    return header + MARKER.sub(replace, template)


async def generate() -> dict[Path, str]:
    """Every guide's path and its content now."""
    result: dict[Path, str] = {}
    for language, name in GUIDES.items():
        template = (ROOT / "docs" / "guide" / f"{name}.in").read_text(encoding="utf-8")
        result[ROOT / "docs" / name] = render(template, await capture(language))
    return result


def main(argv: list[str] | None = None) -> int:
    """Rewrite the guides, or (--check) report those that differ from what the bot says now."""
    args = sys.argv[1:] if argv is None else argv
    guides = asyncio.run(generate())
    stale = [path for path, text in guides.items() if not path.exists() or path.read_text(encoding="utf-8") != text]
    if "--check" in args:
        for path in stale:
            print(f"{path.relative_to(ROOT)} is out of date: run python -m bot.sandbox.demo.guide", file=sys.stderr)
        return 1 if stale else 0
    for path, text in guides.items():
        path.write_text(text, encoding="utf-8")
        print(f"wrote {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
