"""Nominations end to end: search, criteria, justification, confirm; self, limits, unknown colleague, deadline; ranking."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import openpyxl
import pytest

from storage.db import Database
from storage.models import Delegate
from storage.repositories import DelegateRepository, UnitOfWork
from tests.support.harness import ORGANIZER_ID, ROSTER, Harness, entry, later
from tests.support.proposals import alert_after, click, delegate_id, nominate, nominations_of

EXTRA = [
    entry(5, "DB004", "Phạm Thị Dung", "+84911000444", agency="Sở Y tế"),
    entry(6, "DB005", "Hồ Văn Đức", "+84911000555", agency="Sở Xây dựng"),
]


async def test_whole_nomination_flow(harness: Harness) -> None:
    await harness.open_link(101, "DB001")
    intro = await harness.say(101, "/nominate")
    assert (
        "tối đa 3" in intro.plain_text
        and "(0/3)" in intro.plain_text
        and "trước 17 giờ 00, thứ Ba, ngày 15/12/2026" in intro.plain_text
    )
    found = await harness.say(101, "binh")
    assert found.button_texts() == ["1. Trần Thị Bình — Sở Tài chính"]
    assert "1. Trần Thị Bình, Trưởng phòng Phòng Tổ chức, Sở Tài chính" in found.plain_text
    ticks = await click(harness, 101, found, "Trần Thị Bình")
    assert ticks.button_texts()[:4] == [
        "⬜ Đảng viên hoàn thành xuất sắc nhiệm vụ",
        "⬜ Chiến sĩ thi đua cấp tỉnh trở lên",
        "⬜ Có đề tài nghiên cứu khoa học, sáng kiến kinh nghiệm",
        "⬜ Được cán bộ, công chức, người dân và doanh nghiệp ghi nhận",
    ]
    assert "ít nhất một tiêu chí" in await alert_after(
        harness, 101, ticks, f"nom:c:{await delegate_id(harness, 'DB002')}:0"
    )
    saved = await nominate(
        harness, 101, "Bình", "Trần Thị Bình", ["Chiến sĩ thi đua", "ghi nhận"], "Tham mưu <xuất sắc> cơ chế tự chủ"
    )
    assert "đã ghi nhận đề xuất biểu dương đồng chí Trần Thị Bình" in saved.plain_text and "(1/3)" in saved.plain_text
    [stored] = await nominations_of(harness)
    assert (
        stored.criteria == ("emulation", "recognised") and stored.justification == "Tham mưu <xuất sắc> cơ chế tự chủ"
    )
    assert stored.nominee_id == await delegate_id(harness, "DB002")


async def test_self_nomination_and_unknown_colleague_are_refused(harness: Harness) -> None:
    await harness.open_link(101, "DB001")
    intro = await harness.say(101, "/nominate")
    assert "không thể tự đề xuất" in (await harness.say(101, "Nguyễn Văn An")).plain_text
    assert "Không tìm thấy" in (await harness.say(101, "Hoàng Văn Zét")).plain_text
    own = await delegate_id(harness, "DB001")
    assert "không thể tự đề xuất" in await alert_after(harness, 101, intro, f"nom:p:{own}")
    assert "không thể tự đề xuất" in await alert_after(harness, 101, intro, f"nom:c:{own}:1")
    assert "không có trong danh sách" in await alert_after(harness, 101, intro, "nom:p:9999")
    assert "không còn hiệu lực" in await alert_after(harness, 101, intro, "nom:ok")
    assert await nominations_of(harness) == []
    assert "chưa được kết nối" in (await harness.say(104, "/nominate")).plain_text


async def test_limit_of_nominations_then_change_by_removing(harness: Harness) -> None:
    await harness.services.roster.import_entries(ROSTER + EXTRA, actor="test")
    await harness.open_link(101, "DB001")
    for query, name in (("Bình", "Trần Thị Bình"), ("Cường", "Lê <b>Cường</b>"), ("Dung", "Phạm Thị Dung")):
        await nominate(harness, 101, query, name, ["Đảng viên"], "Tiêu biểu")
    await harness.say(101, "/nominate")
    found = await harness.say(101, "Đức")
    refused = await click(harness, 101, found, "Hồ Văn Đức")
    assert "đủ 3 người" in refused.plain_text and "Lê <b>Cường</b> & Co — Sở Y tế" in refused.plain_text
    assert len(await nominations_of(harness)) == 3
    again = await nominate(harness, 101, "Bình", "Trần Thị Bình", ["đề tài"], "Đổi tiêu chí")
    assert "(3/3)" in again.plain_text and len(await nominations_of(harness)) == 3
    bình = await delegate_id(harness, "DB002")
    assert [n.criteria for n in await nominations_of(harness) if n.nominee_id == bình] == [("party", "research")]
    intro = await harness.say(101, "/nominate")
    removed = await click(harness, 101, intro, "Rút đề xuất đồng chí Phạm Thị Dung")
    assert "Đã rút đề xuất đồng chí Phạm Thị Dung" in removed.plain_text and "(2/3)" in removed.plain_text
    await nominate(harness, 101, "Đức", "Hồ Văn Đức", ["ghi nhận"], "Được doanh nghiệp ghi nhận")
    nominees = {n.nominee_id for n in await nominations_of(harness)}
    assert await delegate_id(harness, "DB005") in nominees and await delegate_id(harness, "DB004") not in nominees


async def test_nominations_close_at_the_proposals_deadline(harness: Harness) -> None:
    await harness.open_link(101, "DB001")
    await harness.say(101, "/nominate")
    found = await harness.say(101, "Bình")
    harness.clock.set(harness.services.event.proposals_deadline + later(minutes=1))
    closed = await click(harness, 101, found, "Trần Thị Bình")
    assert "Thời hạn đề xuất biểu dương đã kết thúc" in closed.plain_text
    assert "Thời hạn đề xuất biểu dương đã kết thúc" in (await harness.say(101, "/nominate")).plain_text
    assert await nominations_of(harness) == []


async def test_ranking_and_export_for_organizers(harness: Harness, tmp_path: Path) -> None:
    for user_id, code in ((101, "DB001"), (102, "DB002"), (103, "DB003")):
        await harness.open_link(user_id, code)
    await nominate(harness, 101, "Bình", "Trần Thị Bình", ["Đảng viên", "Chiến sĩ"], "Lý do một")
    await nominate(harness, 103, "Bình", "Trần Thị Bình", ["Chiến sĩ"], "Lý do hai")
    await nominate(harness, 102, "An", "Nguyễn Văn An", ["ghi nhận"], "Lý do ba")
    ranking = await harness.say(ORGANIZER_ID, "/nominations")
    text = ranking.plain_text
    assert "2 người được đề xuất, 3 lượt" in text
    assert "1. Trần Thị Bình (Sở Tài chính) — 2 lượt; Đảng viên xuất sắc 1, Chiến sĩ thi đua 2" in text
    assert "2. Nguyễn Văn An (Sở Nội vụ) — 1 lượt; Được ghi nhận 1" in text
    assert "• Sở Tài chính: 1 người, 2 lượt" in text
    out = tmp_path / "bieu-duong.xlsx"
    assert (await harness.services.exports.write("nominations", out, actor="test")).rows == 3
    book = openpyxl.load_workbook(out)
    ranked = list(book["Xếp thứ tự"].iter_rows(values_only=True))
    assert ranked[1][:6] == (1, "DB002", "Trần Thị Bình", "Trưởng phòng", "Sở Tài chính", 2)
    assert ranked[1][6:] == (1, 2, 0, 0) and ranked[2][2] == "Nguyễn Văn An"
    details = list(book["Chi tiết"].iter_rows(values_only=True))
    assert len(details) == 4
    assert (
        "Trần Thị Bình",
        "Sở Tài chính",
        "Lê <b>Cường</b> & Co",
        "Sở Y tế",
        "Chiến sĩ thi đua cấp tỉnh trở lên",
        "Lý do hai",
    ) in [row[:6] for row in details]


async def test_search_scans_the_roster_outside_any_write_transaction(
    harness: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    await harness.open_link(101, "DB001")
    await harness.say(101, "/nominate")
    writing: list[bool] = []
    scans: list[bool] = []
    original_transaction, original_all = Database.transaction, DelegateRepository.all

    @asynccontextmanager
    async def spy_transaction(self: Database) -> AsyncIterator[UnitOfWork]:
        writing.append(True)
        try:
            async with original_transaction(self) as uow:
                yield uow
        finally:
            writing.pop()

    async def spy_all(self: DelegateRepository, event_id: int) -> list[Delegate]:
        scans.append(bool(writing))
        return await original_all(self, event_id)

    monkeypatch.setattr(Database, "transaction", spy_transaction)
    monkeypatch.setattr(DelegateRepository, "all", spy_all)
    found = await harness.say(101, "binh")
    assert found.button_texts() == ["1. Trần Thị Bình — Sở Tài chính"]
    assert "1. Trần Thị Bình, Trưởng phòng Phòng Tổ chức, Sở Tài chính" in found.plain_text
    assert scans == [False]
    assert "Không tìm thấy" in (await harness.say(101, "Hoàng Văn Zét")).plain_text
    assert "không thể tự đề xuất" in (await harness.say(101, "nguyen van an")).plain_text
    assert scans == [False, False, False]
