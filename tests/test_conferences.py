"""Several conferences on one database: two configs with different [event] code keep delegates, links, answers,
proposals, broadcasts, reminders, check-ins and files apart; `delegate-bot events list` shows both."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl
import pytest

from bot.cli import main
from bot.clock import FakeClock
from bot.config import Settings, settings_from_mapping
from bot.services import Services, open_services
from bot.services.invitations import LinkOutcome
from tests.support.harness import NOW, ORGANIZER_ID, ROSTER, entry


def _settings(tmp_path: Path, code: str, name: str, starts: str) -> Settings:
    data: dict[str, Any] = {
        "telegram": {"organizers": [ORGANIZER_ID]},
        "database": {"path": str(tmp_path / "chung.sqlite3")},
        "event": {
            "code": code,
            "name": name,
            "venue": "Trung tâm Hội nghị tỉnh",
            "starts_at": starts,
            "rsvp_deadline": "2026-12-20 17:00",
            "proposals_deadline": "2026-12-15 17:00",
        },
    }
    return settings_from_mapping(data, source=tmp_path / f"{code}.toml", env={}, require_token=False)


async def _token(services: Services, code: str) -> str:
    async with services.db.read() as uow:
        delegate = await uow.delegates.by_code(services.event.id, code)
        assert delegate is not None
        token = await uow.tokens.active_token(delegate.id)
    assert token is not None
    return token


async def _propose(services: Services, user_id: int, body: str) -> None:
    await services.proposals.start(user_id)
    await services.proposals.choose_category(user_id, "idea")
    await services.proposals.submit_text(user_id, body)
    await services.proposals.confirm(user_id)


async def test_two_conferences_on_one_database_stay_apart(tmp_path: Path) -> None:
    clock = FakeClock(NOW)
    a = await open_services(_settings(tmp_path, "gap-mat-2026", "Hội nghị gặp mặt", "2026-12-28 08:00"), clock)
    b = await open_services(_settings(tmp_path, "tong-ket-2026", "Hội nghị tổng kết", "2026-12-29 08:00"), clock)
    try:
        assert a.event.id != b.event.id
        await a.roster.import_entries(ROSTER, actor="test")
        # The same code and phone as conference A's DB001, plus one person only B invites.
        await b.roster.import_entries(
            [entry(2, "DB001", "Nguyễn Văn An", "+84912345678"), entry(3, "DB009", "Hồ Thị Giang", "+84911000999")],
            actor="test",
        )
        # Links: A's link means nothing in B; the same Telegram account may join both.
        a_token, b_token = await _token(a, "DB001"), await _token(b, "DB001")
        assert a_token != b_token
        assert (await b.invitations.bind_by_token(101, a_token)).outcome is LinkOutcome.UNKNOWN_TOKEN
        assert (await a.invitations.bind_by_token(101, a_token)).outcome is LinkOutcome.LINKED
        assert (await b.invitations.delegate_of(101)) is None
        assert (await b.invitations.bind_by_token(101, b_token)).outcome is LinkOutcome.LINKED
        # Answers.
        a_delegate = await a.invitations.delegate_of(101)
        assert a_delegate is not None
        async with a.db.transaction() as uow:
            await uow.rsvps.save(a_delegate.id, "declined", clock.now(), decline_reason="Đi công tác")
        assert (await a.rsvp.summary()).declined == 1 and (await b.rsvp.summary()).declined == 0
        assert (await a.rsvp.summary()).total == 3 and (await b.rsvp.summary()).total == 2
        # Proposals, by the same person in both.
        await _propose(a, 101, "Ý kiến gửi hội nghị gặp mặt")
        await _propose(b, 101, "Ý kiến gửi hội nghị tổng kết")
        assert [r.proposal.text for r in await a.exports.proposal_rows()] == ["Ý kiến gửi hội nghị gặp mặt"]
        assert [r.proposal.text for r in await b.exports.proposal_rows()] == ["Ý kiến gửi hội nghị tổng kết"]
        # Broadcasts and their outbox.
        draft = await b.broadcasts.create_draft(ORGANIZER_ID, "all", (), "Thông báo hội nghị tổng kết", None)
        await b.broadcasts.send_now(draft.id, ORGANIZER_ID)
        assert await a.broadcasts.get(draft.id) is None and await a.broadcasts.recent() == []
        async with b.db.read() as uow:
            assert len(await uow.console.deliveries(draft.id)) == 2
        # Reminders: each conference's own schedule and audience.
        await a.reminders.sync_schedule()
        await b.reminders.sync_schedule()
        a_reminders, b_reminders = await a.reminders.all(), await b.reminders.all()
        assert a_reminders and b_reminders and {r.id for r in a_reminders}.isdisjoint({r.id for r in b_reminders})
        a_rsvp = next(r for r in a_reminders if r.kind == "rsvp")
        recipients, _ = await a.reminders.recipients(a_rsvp)
        assert {r.delegate_id for r in recipients} <= {d.delegate.id for d in await a.exports._answers()}
        # Check-ins.
        b_delegate = await b.invitations.delegate_of(101)
        assert b_delegate is not None
        await b.checkins.check_in(b_delegate.id, ORGANIZER_ID, "Tổ chức")
        assert (await b.checkins.attendance()).checked_in == 1 and (await a.checkins.attendance()).checked_in == 0
        assert (await a.checkins.check_in(b_delegate.id, ORGANIZER_ID, "Tổ chức")).outcome.value == "not_found"
        # Files.
        written = await b.exports.write("rsvps", tmp_path, actor="test")
        names = [
            row[2] for row in openpyxl.load_workbook(written.path)["Trả lời"].iter_rows(min_row=2, values_only=True)
        ]
        assert names == ["Nguyễn Văn An", "Hồ Thị Giang"]
        async with a.db.read() as uow:
            listing = {e.code: (e.delegates, e.linked, e.answered) for e in await uow.console.events()}
        assert listing == {"gap-mat-2026": (3, 1, 1), "tong-ket-2026": (2, 1, 0)}
    finally:
        await a.db.close()
        await b.db.close()


def test_events_list(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for code, name in (("gap-mat-2026", "Hội nghị gặp mặt"), ("tong-ket-2026", "Hội nghị tổng kết")):
        (tmp_path / f"{code}.toml").write_text(
            f'[database]\npath = "chung.sqlite3"\n[event]\ncode = "{code}"\nname = "{name}"\nvenue = "Nghệ An"\n'
            'starts_at = "2026-12-28 08:00"\nrsvp_deadline = "2026-12-20 17:00"\nproposals_deadline = "2026-12-15 17:00"\n',
            encoding="utf-8",
        )
        assert main(["--config", str(tmp_path / f"{code}.toml"), "events", "list"]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert (
        lines[-2]
        == "  gap-mat-2026  Hội nghị gặp mặt  khai mạc 28/12/2026 08:00  0 đại biểu, 0 đã kết nối, 0 đã xác nhận tham dự"
    )
    assert lines[-1].startswith("* tong-ket-2026  Hội nghị tổng kết")
