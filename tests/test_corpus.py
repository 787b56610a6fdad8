"""Bad input as a corpus (tests/corpus/): every roster file gives a clear message in the user's language (vi and
en) and leaves the database as it was; a few are accepted and then stored as plain text."""

from __future__ import annotations

import json
import logging
import sqlite3
from datetime import timedelta
from pathlib import Path

import pytest

from bot.cli import main
from bot.i18n import text
from bot.sandbox.emulator import BotApiEmulator
from tests.support.cli import CONFIG, GOOD
from tests.support.harness import ORGANIZER_ID, Harness, nothing_more
from tests.support.proposals import delegate_id
from tests.support.routing import Direct

CORPUS = Path(__file__).parent / "corpus" / "rosters"

# file → (Vietnamese fragment, English fragment) of the refusal; None = accepted (stored as typed text).
ROSTERS: dict[str, tuple[str, str] | None] = {
    "duplicate_codes.csv": ("Dòng 3: mã DB1 trùng với dòng 2", "Row 3: code DB1 duplicates row 2"),
    "empty.csv": ("tệp không có dữ liệu", "the file has no data"),
    # A real password-protected workbook (an OLE2 container with EncryptionInfo/EncryptedPackage, made once with
    # msoffcrypto-tool from a two-row roster; password "hoinghi2026").
    "encrypted_password.xlsx": ("tệp Excel được đặt mật khẩu", "the Excel file is password-protected"),
    "header_only.csv": ("tệp không có dữ liệu", "the file has no data"),
    "invalid_phones.csv": ("Dòng 3: số điện thoại không hợp lệ", "Row 3: invalid phone number"),
    "long_cell.csv": ("dài quá 120 ký tự", "longer than 120 characters"),
    "merged_cells_duplicate_phone.xlsx": ("Dòng 4: số điện thoại 0912345679 trùng", "Row 4: phone number 0912345679"),
    "missing_name.csv": ("Dòng 2: thiếu họ và tên", "Row 2: missing full name"),
    "not_a_spreadsheet.xlsx": ("không phải bảng tính Excel", "not a readable Excel workbook"),
    "zero_bytes.xlsx": ("tệp không có dữ liệu", "the file has no data"),
    "windows1258.csv": ("không phải mã UTF-8", "is not UTF-8"),
    "wrong_headers.csv": ("thiếu cột Họ và tên", "Họ và tên"),
    "formulas.csv": None,  # "=HYPERLINK(…)" is a name like any other: stored as text, exported as text
    "utf16.csv": None,  # UTF-16 with its BOM is read correctly
    # Files as provincial secretariats make them (audit): see test_secretariat_rosters_import_as_meant.
    "secretariat_workbook.xlsx": None,
    "semicolon_title.csv": None,
    "unicode_text.txt": None,
    "official_list.xlsx": None,
    "two_sheets.xlsx": ("“Khối Đảng”, “Khối Chính quyền”", "“Khối Đảng”, “Khối Chính quyền”"),
    "old_excel.xls": ("Excel 97–2003 (.xls)", "Excel 97–2003 file (.xls)"),
}
# What each accepted secretariat file stores: (full name, position, agency, phone) of the people it lists.
SECRETARIAT: dict[str, set[tuple[str, str, str, str]]] = {
    # hidden old sheet and an instructions sheet before the list, two title rows, "HỌ VÀ TÊN (1)",
    # "Số điện thoại di động", a "(1) (2) …" row, section headings "I | KHỐI ĐẢNG…" merged across, a phone as a
    # number, two phones in one cell (the mobile is kept), "DĐ: … (Zalo)", NFD text with trailing spaces
    "secretariat_workbook.xlsx": {
        ("Nguyễn Văn An", "Trưởng phòng", "Sở Nội vụ", "+84912345678"),
        ("Lê Thị Hồng Nhung", "Phó Trưởng phòng", "Ban Tổ chức Tỉnh ủy", "+84913222333"),
        ("Phạm Quốc Hùng", "Trưởng phòng", "Sở Tài chính", "+84914444555"),
        ("Hồ Thị Thu", "Phó Trưởng phòng", "Sở Y tế", "+84915666777"),
    },
    # ';' from Excel in a Vietnamese locale, a title line, "Họ tên/Chức danh/Đơn vị công tác/SĐT", NFD text
    "semicolon_title.csv": {
        ("Nguyễn Văn An", "Trưởng phòng", "Sở Nội vụ, Tỉnh", "+84912345678"),
        ("Đặng Thị Hằng", "Phó Trưởng phòng", "Sở Giáo dục và Đào tạo", "+84917888999"),
    },
    # an official list: 11 lines of letterhead, title and notes above the table (12 non-empty rows), section headings,
    # a block total and the grand total, the signature block with the signers' names under it
    "official_list.xlsx": {
        ("Nguyễn Văn An", "Trưởng phòng", "Sở Nội vụ", "+84912345678"),
        ("Phan Thị Ngọc", "Phó Trưởng phòng", "Sở Y tế", "+84919222111"),
    },
    # Excel's "Unicode Text": UTF-16, tab-separated, .txt
    "unicode_text.txt": {
        ("Nguyễn Văn An", "", "Sở Nội vụ", "+84912345678"),
        ("Võ Minh Tâm", "", "Sở Xây dựng", "+84918999000"),
    },
}


def snapshot(database: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table (but `events`, which every command re-syncs from the config with its time)."""
    with sqlite3.connect(database) as db:
        tables = [
            t
            for (t,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
            if t != "events"
        ]
        return {t: sorted(map(tuple, db.execute(f'SELECT * FROM "{t}"').fetchall()), key=repr) for t in tables}


@pytest.fixture
def seeded(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    (tmp_path / "config.toml").write_text(CONFIG, encoding="utf-8")
    good = tmp_path / "good.csv"
    good.write_text(GOOD, encoding="utf-8")
    assert main(["--config", str(tmp_path / "config.toml"), "roster", "import", str(good)]) == 0
    capsys.readouterr()
    return tmp_path


def test_every_file_of_the_corpus_has_a_case() -> None:
    assert sorted(p.name for p in CORPUS.iterdir()) == sorted(ROSTERS)
    assert len(MESSAGES) == len({c["name"] for c in MESSAGES}) >= 10


@pytest.mark.parametrize("name", sorted(n for n, e in ROSTERS.items() if e is not None))
def test_a_bad_roster_is_refused_clearly_in_each_language_and_nothing_changes(
    name: str, seeded: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    expected = ROSTERS[name]
    assert expected is not None
    before = snapshot(seeded / "bot.sqlite3")
    for language, fragment in zip(("vi", "en"), expected, strict=True):
        code = main(
            ["--config", str(seeded / "config.toml"), "--lang", language, "roster", "import", str(CORPUS / name)]
        )
        err = capsys.readouterr().err
        assert code == 1 and fragment in err, err
        assert ("cơ sở dữ liệu giữ nguyên" if language == "vi" else "the database is unchanged") in err
        assert "Traceback" not in err and "Error" not in err  # no exception names in a person's message
        assert snapshot(seeded / "bot.sqlite3") == before


@pytest.mark.parametrize("name", sorted(n for n, e in ROSTERS.items() if e is None))
def test_odd_but_valid_rosters_are_stored_as_text(name: str, seeded: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--config", str(seeded / "config.toml"), "roster", "import", str(CORPUS / name)]) == 0
    with sqlite3.connect(seeded / "bot.sqlite3") as db:
        names = {n for (n,) in db.execute("SELECT full_name FROM delegates")}
    assert "Nguyễn Văn An" in names
    if name == "formulas.csv":
        assert '=HYPERLINK("http://x";"Bấm")' in names


@pytest.mark.parametrize("name", sorted(SECRETARIAT))
def test_secretariat_rosters_import_as_meant(name: str, seeded: Path) -> None:
    assert main(["--config", str(seeded / "config.toml"), "roster", "import", str(CORPUS / name)]) == 0
    with sqlite3.connect(seeded / "bot.sqlite3") as db:
        stored = set(db.execute("SELECT full_name, position, agency, phone FROM delegates"))
        names = [n for (n,) in db.execute("SELECT full_name FROM delegates")]
    assert SECRETARIAT[name] <= stored
    assert "Người Trong Danh Sách Cũ" not in names  # the hidden sheet is not read
    assert not {n for n in names if n.isupper() or n.startswith("(")}  # no heading or numbering row became a person
    assert not {n for n in names if n.startswith(("Tổng", "Cộng")) or n in ("Lê Văn Lập", "Phạm Văn Ký")}


def test_a_100000_row_roster_is_refused_with_the_limit(seeded: Path, capsys: pytest.CaptureFixture[str]) -> None:
    big = seeded / "big.csv"
    rows = "\n".join(f"DB{n},Đại biểu {n},09{n:08d}" for n in range(1, 100_001))
    big.write_text("Mã,Họ và tên,Số điện thoại\n" + rows + "\n", encoding="utf-8")
    before = snapshot(seeded / "bot.sqlite3")
    assert main(["--config", str(seeded / "config.toml"), "--lang", "vi", "roster", "import", str(big)]) == 1
    err = capsys.readouterr().err
    assert "20000" in err or "20.000" in err, err[:500]
    assert snapshot(seeded / "bot.sqlite3") == before


# --- messages (tests/corpus/messages.json) ---------------------------------------------------------------------------

MESSAGES = json.loads((Path(__file__).parent / "corpus" / "messages.json").read_text(encoding="utf-8"))
VIETNAMESE = set("ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ")


async def expand(raw: str, harness: Harness) -> str:
    """@REPEAT:c:n → c×n; @START:x → "/start x"; @TOKEN:CODE → that delegate's personal token."""
    if raw.startswith("@START:"):
        return "/start " + await expand(raw.removeprefix("@START:"), harness)
    if raw.startswith("@REPEAT:"):
        _, char, count = raw.split(":")
        return char * int(count)
    if raw.startswith("@TOKEN:"):
        return await harness.token_of(raw.removeprefix("@TOKEN:"))
    return raw


async def test_odd_messages_get_a_clear_reply_in_the_persons_language_and_change_nothing(
    emulator: BotApiEmulator, harness: Harness, caplog: pytest.LogCaptureFixture
) -> None:
    await harness.open_link(101, "DB001")  # a linked delegate (vi); 104 a stranger (vi); 105 a stranger (en)
    database = Path(harness.settings.database.path)
    kept = {"telegram_users", "audit_log"}  # last-seen language and refusals are recorded by design
    before = {t: rows for t, rows in snapshot(database).items() if t not in kept}
    for case in MESSAGES:
        raw = await expand(case["text"], harness)
        for user_id, language in ((101, "vi"), (104, "vi"), (105, "en")):
            since = emulator.sent_count(user_id)
            emulator.send_text(user_id, raw)
            reply = await emulator.wait_for_message(user_id, since=since)
            body = reply.plain_text
            where = f"{case['name']} from {user_id}: {body[:200]!r}"
            assert body and "Traceback" not in body and "Error" not in body, where
            if language == "vi":
                assert VIETNAMESE & set(body.lower()), where
            else:
                assert "đồng chí" not in body.lower(), where
            assert len(body) <= 4096, where
        await nothing_more(emulator, quiet=0.1)
        assert {t: rows for t, rows in snapshot(database).items() if t not in kept} == before, case["name"]
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR], caplog.text


# --- documents sent to the bot (an organizer's roster upload) ---------------------------------------------------------

TOO_BIG = 20 * 1024 * 1024 + 1  # one byte over what Telegram lets a bot download (getFile)
UPLOADS: dict[str, tuple[bytes, str, str]] = {  # file name → (content, Vietnamese fragment, English fragment)
    "encrypted_password.xlsx": (
        (CORPUS / "encrypted_password.xlsx").read_bytes(),
        "tệp Excel được đặt mật khẩu",
        "the Excel file is password-protected",
    ),
    "danh-sach-lon.xlsx": (b"\0" * TOO_BIG, "lớn hơn 20 MB, Telegram không cho bot tải về", "larger than 20 MB"),
}


async def test_a_refused_upload_is_answered_in_the_organizers_language_and_changes_nothing(
    emulator: BotApiEmulator, harness: Harness
) -> None:
    """An encrypted workbook and a file over Telegram's 20 MB download limit, sent by an organizer whose Telegram
    is in Vietnamese, then in English: a clear refusal in that language, no preview, nothing stored; the big file is
    refused from its size before any download (no getFile)."""
    database = Path(harness.settings.database.path)
    kept = {"telegram_users", "audit_log"}
    before = {t: rows for t, rows in snapshot(database).items() if t not in kept}
    for language in ("vi", "en"):
        emulator.add_user(ORGANIZER_ID, "Tổ chức", language_code=language)
        for name, (data, vietnamese, english) in UPLOADS.items():
            downloads = sum(r.method == "getFile" for r in emulator.request_log)
            since = emulator.sent_count(ORGANIZER_ID)
            emulator.send_document(ORGANIZER_ID, name, data)
            reply = await emulator.wait_for_message(ORGANIZER_ID, since=since)
            body = reply.plain_text
            assert (vietnamese if language == "vi" else english) in body, (language, name, body)
            assert reply.callback_datas() == []  # no preview, nothing to confirm
            if data is UPLOADS["danh-sach-lon.xlsx"][0]:
                assert sum(r.method == "getFile" for r in emulator.request_log) == downloads
        await nothing_more(emulator, quiet=0.1)
    assert {t: rows for t, rows in snapshot(database).items() if t not in kept} == before
    assert await harness.services.pending.get(ORGANIZER_ID) is None


# --- callback data: forged, another delegate's, replayed ---------------------------------------------------------------

FORGED = {  # data → the alert's catalogue key
    "rsvp:a:{other}": "rsvp.not_yours",  # another delegate's answer button (their card is in another chat)
    "rsvp:d:{other}": "rsvp.not_yours",
    "rsvp:a:99999999": "rsvp.not_yours",  # nobody's
    "rsvp:a:{own} OR 1=1": "rsvp.stale",
    "rsvp:a:-1": "rsvp.stale",
    "ci:u:1": "rsvp.stale",  # a staff button (undo a check-in)
    "tkm:x:1": "rsvp.stale",
    "Tham dự": "rsvp.stale",
    "x" * 64: "rsvp.stale",
    "🙂": "rsvp.stale",
}


async def test_forged_callback_data_gets_a_notice_in_the_persons_language_and_changes_nothing(
    emulator: BotApiEmulator, harness: Harness
) -> None:
    """Presses no button of the bot carries — another delegate's id, nobody's, SQL-like, another role's format,
    junk — from a Vietnamese and an English delegate, on their own card: one notice in their language ("this button
    is not for your invitation" / "no longer valid"), nothing else sent, and nothing stored changes."""
    direct = Direct(harness.app, harness.emu, text("vi", "error.generic"))
    cards = {101: await harness.open_link(101, "DB001"), 105: await harness.open_link(105, "DB002")}
    ids = {101: await delegate_id(harness, "DB001"), 105: await delegate_id(harness, "DB002")}
    database = Path(harness.settings.database.path)
    kept = {"telegram_users", "audit_log"}
    before = {t: rows for t, rows in snapshot(database).items() if t not in kept}
    for user_id, language in ((101, "vi"), (105, "en")):
        other = ids[105 if user_id == 101 else 101]
        for forged, key in FORGED.items():
            data = forged.format(own=ids[user_id], other=other)
            # Put into the Application's queue like a fetched update: through the update processor, as in production.
            update = direct.press_update(user_id, data, cards[user_id].message_id)
            assert update.callback_query is not None
            query_id, since = update.callback_query.id, emulator.sent_count(user_id)

            def said(query_id: str = query_id, since: int = since, user_id: int = user_id) -> list[str]:
                answers = [a.text for a in emulator.callback_answers if a.callback_query_id == query_id and a.text]
                return answers + [m.plain_text for m in emulator.messages(user_id)[since:]]

            await harness.app.update_queue.put(update)
            await emulator.wait_for(lambda: said() or None, timeout=5)
            await nothing_more(emulator, quiet=0.1)
            # an alert, or (a press answered before the work, as "decline" is) the same words as a message
            assert said() == [text(language, key)], (user_id, data, said())
            assert [a.callback_query_id for a in emulator.callback_answers].count(query_id) == 1
    assert {t: rows for t, rows in snapshot(database).items() if t not in kept} == before


async def test_a_replayed_press_changes_nothing_more(emulator: BotApiEmulator, harness: Harness) -> None:
    """The same press delivered again (Telegram redelivers updates a crash left unconfirmed; an old client resends):
    the answer is stored once, and the replay sends and stores nothing new but its own short answer."""
    direct = Direct(harness.app, harness.emu, text("vi", "error.generic"))
    card = await harness.open_link(101, "DB001")
    own = await delegate_id(harness, "DB001")
    data = f"rsvp:a:{own}"
    first = await direct.press(101, data, card.message_id)
    assert first.answers and not first.error_messages
    assert (await harness.services.rsvp.current(own)).status == "attending"  # type: ignore[union-attr]
    database = Path(harness.settings.database.path)
    kept = {"telegram_users"}
    before = {t: rows for t, rows in snapshot(database).items() if t not in kept}
    harness.clock.advance(timedelta(minutes=5))  # (a rewrite of the same answer would show in its time)
    again = await direct.press(101, data, card.message_id)
    assert not again.error_messages and len(again.answers) == 1
    assert [m.plain_text for m in again.messages if m.chat_id == 101 and m.method != "editMessageText"] == []
    assert {t: rows for t, rows in snapshot(database).items() if t not in kept} == before


async def test_a_replayed_decline_keeps_the_reason_given(harness: Harness) -> None:
    """ "Xin vắng mặt", the reason typed, then the same press delivered again: the reason and the answer time stay,
    no second audit line; the delegate is told the answer stands (the reason is not asked again)."""
    direct = Direct(harness.app, harness.emu, text("vi", "error.generic"))
    card = await harness.open_link(101, "DB001")
    own = await delegate_id(harness, "DB001")
    assert not (await direct.press(101, f"rsvp:d:{own}", card.message_id)).error_messages
    await harness.say(101, "Đi công tác tại huyện")
    database = Path(harness.settings.database.path)
    kept = {"telegram_users"}
    before = {t: rows for t, rows in snapshot(database).items() if t not in kept}
    harness.clock.advance(timedelta(minutes=5))
    again = await direct.press(101, f"rsvp:d:{own}", card.message_id)
    assert not again.error_messages
    told = [m.plain_text for m in again.messages if m.method == "sendMessage"]
    assert told == [text("vi", "rsvp.decline_saved")], told  # not asked for a reason again
    assert {t: rows for t, rows in snapshot(database).items() if t not in kept} == before
    rsvp = await harness.services.rsvp.current(own)
    assert rsvp is not None and (rsvp.status, rsvp.decline_reason) == ("declined", "Đi công tác tại huyện")
