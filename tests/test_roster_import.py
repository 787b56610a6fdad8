"""Importing rosters into the database: all or nothing, updates by code or phone, links and answers kept."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.clock import FakeClock
from bot.config import Settings, settings_from_mapping
from bot.services import Services, open_services
from bot.services.roster_file import RosterFileError
from tests.support.harness import NOW, ROSTER, entry


def offline_settings(tmp_path: Path, code: str = "gap-mat-2026") -> Settings:
    """Settings without a token, as the CLI uses them."""
    return settings_from_mapping(
        {
            "database": {"path": str(tmp_path / "bot.sqlite3")},
            "event": {
                "code": code,
                "name": "Hội nghị",
                "venue": "Nghệ An",
                "starts_at": "2026-12-28 08:00",
                "rsvp_deadline": "2026-12-20 17:00",
                "proposals_deadline": "2026-12-15 17:00",
            },
        },
        source=tmp_path / "config.toml",
        env={},
        require_token=False,
    )


@pytest.fixture
async def services(tmp_path: Path):
    opened = await open_services(offline_settings(tmp_path), FakeClock(NOW))
    try:
        yield opened
    finally:
        await opened.db.close()


async def _roster(services: Services) -> dict[str, tuple[str, str | None, int | None]]:
    async with services.db.read() as uow:
        return {d.code: (d.full_name, d.phone, d.telegram_user_id) for d in await uow.delegates.all(services.event.id)}


async def test_first_import_creates_delegates_with_tokens(services: Services) -> None:
    report = await services.roster.import_entries(ROSTER, actor="test")
    assert (report.created, report.updated, report.unchanged) == (3, 0, 0)
    async with services.db.read() as uow:
        answers = await uow.rsvps.answers(services.event.id)
    tokens = [a.token for a in answers]
    assert all(t and len(t) >= 22 for t in tokens) and len(set(tokens)) == 3


async def test_reimport_updates_by_code_and_keeps_link_and_answer(services: Services) -> None:
    await services.roster.import_entries(ROSTER, actor="test")
    async with services.db.read() as uow:
        token = await uow.tokens.active_token((await uow.delegates.by_code(services.event.id, "DB001")).id)
    linked = await services.invitations.bind_by_token(777, token)
    assert linked.linked
    await services.rsvp.choose(777, linked.delegate.id, "attend")
    renamed = [entry(2, "DB001", "Nguyễn Văn An (sửa)", "+84912345678")] + ROSTER[1:]
    report = await services.roster.import_entries(renamed, actor="test")
    assert (report.created, report.updated, report.unchanged) == (0, 1, 2)
    roster = await _roster(services)
    assert roster["DB001"] == ("Nguyễn Văn An (sửa)", "+84912345678", 777)
    assert (await services.rsvp.current(linked.delegate.id)).status == "attending"
    assert len(roster) == 3


async def test_rows_without_code_match_by_phone(services: Services) -> None:
    await services.roster.import_entries(ROSTER, actor="test")
    report = await services.roster.import_entries(
        [entry(2, None, "Trần Thị Bình", "+84987654321", agency="Sở Tài chính")],
        actor="test",  # type: ignore[arg-type]
    )
    assert (report.created, report.unchanged, report.missing) == (0, 1, 2)


async def test_phone_owned_by_another_delegate_refuses_the_whole_file(services: Services) -> None:
    await services.roster.import_entries(ROSTER, actor="test")
    before = await _roster(services)
    clash = [entry(2, "DB001", "Nguyễn Văn An", "+84912345678"), entry(3, "DB009", "Người Mới", "+84987654321")]
    with pytest.raises(RosterFileError) as refused:
        await services.roster.import_entries(clash, actor="test")
    assert [(e.row, e.reason) for e in refused.value.errors] == [(3, "phone_taken")]
    assert await _roster(services) == before


async def test_phones_can_be_swapped_in_one_import(services: Services) -> None:
    await services.roster.import_entries(ROSTER, actor="test")
    swapped = [
        entry(2, "DB001", "Nguyễn Văn An", "+84987654321"),
        entry(3, "DB002", "Trần Thị Bình", "+84912345678", agency="Sở Tài chính"),
    ]
    await services.roster.import_entries(swapped, actor="test")
    roster = await _roster(services)
    assert roster["DB001"][1] == "+84987654321" and roster["DB002"][1] == "+84912345678"


async def test_a_second_event_in_the_same_database_never_mixes(tmp_path: Path, services: Services) -> None:
    await services.roster.import_entries(ROSTER, actor="test")
    other = await open_services(offline_settings(tmp_path, code="hoi-nghi-khac"), FakeClock(NOW))
    try:
        assert await _roster(other) == {}
        await other.roster.import_entries(ROSTER[:1], actor="test")
        assert len(await _roster(other)) == 1
        assert len(await _roster(services)) == 3
        async with services.db.read() as uow:
            token = await uow.tokens.active_token((await uow.delegates.by_code(services.event.id, "DB002")).id)
        assert (await other.invitations.bind_by_token(5, token)).outcome.value == "unknown_token"
    finally:
        await other.db.close()
