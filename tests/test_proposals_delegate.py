"""Delegates' proposals end to end: card button, topic, text, preview, confirm; limits, attachments, edits, deadline."""

from __future__ import annotations

from tests.support.harness import Harness, later, restart
from tests.support.proposals import alert_after, click, proposals_of, propose, send_file

ADMIN = "Cải cách hành chính"


async def _draft(h: Harness, user_id: int) -> tuple[str, str, str] | None:
    async with h.services.db.read() as uow:
        draft = await uow.proposal_drafts.get(h.services.event.id, user_id)
    return (draft.category, draft.text, draft.step) if draft else None


async def test_whole_flow_from_the_invitation_card(harness: Harness) -> None:
    card = await harness.open_link(101, "DB001")
    chooser = await click(harness, 101, card, "Gửi ý kiến")
    assert (
        "tối đa 1500 ký tự" in chooser.plain_text and "trước 17 giờ 00, thứ Ba, ngày 15/12/2026" in chooser.plain_text
    )
    assert chooser.button_texts() == [
        "Điểm nghẽn phát triển kinh tế - xã hội",
        "Cải cách hành chính (vận hành bộ máy, thực thi công vụ, thủ tục hành chính)",
        "Cơ chế, chính sách",
        "Điều kiện làm việc, cơ hội trưởng thành",
        "Hiến kế, sáng kiến",
        "Ý kiến khác",
        "Hủy",
    ]
    question = await click(harness, 101, chooser, ADMIN)
    assert "nhập nội dung" in question.plain_text and "1500" in question.plain_text
    body = "Thủ tục cấp phép <b>chậm</b> & chồng chéo.\n\nĐề nghị rút ngắn còn 5 ngày."
    preview = await harness.say(101, body)
    assert body in preview.plain_text and "Xem lại ý kiến" in preview.plain_text
    assert "&lt;b&gt;chậm&lt;/b&gt; &amp; chồng chéo" in preview.text
    saved = await click(harness, 101, preview, "Gửi Ban Tổ chức")
    stored = await proposals_of(harness, "DB001")
    assert len(stored) == 1 and f"ý kiến số {stored[0].id}" in saved.plain_text
    assert (stored[0].category, stored[0].text, stored[0].status) == ("admin", body, "received")
    assert await _draft(harness, 101) is None
    again = await alert_after(harness, 101, preview, "prop:ok")
    assert "Không còn bản nháp" in again and len(await proposals_of(harness)) == 1
    listing = await harness.say(101, "/myproposals")
    assert f"Ý kiến số {stored[0].id}" in listing.plain_text and "Đã tiếp nhận" in listing.plain_text


async def test_too_long_text_is_refused_with_the_count_and_kept(harness: Harness) -> None:
    await harness.open_link(101, "DB001")
    chooser = await harness.say(101, "/proposal")
    await click(harness, 101, chooser, "Hiến kế")
    refusal = await harness.say(101, "ý" * 1501)
    assert "1501 ký tự" in refusal.plain_text and "1500" in refusal.plain_text and "giữ" in refusal.plain_text
    assert await _draft(harness, 101) == ("idea", "ý" * 1501, "text")
    assert await proposals_of(harness) == []
    resumed = await harness.say(101, "/proposal")
    assert "đang soạn, chưa gửi" in resumed.plain_text and "1501 ký tự" in resumed.plain_text
    preview = await harness.say(101, "ý" * 1500)
    await click(harness, 101, preview, "Gửi Ban Tổ chức")
    assert [p.text for p in await proposals_of(harness)] == ["ý" * 1500]


async def test_small_attachment_is_kept_and_a_large_one_refused(harness: Harness) -> None:
    await harness.open_link(102, "DB002")
    chooser = await harness.say(102, "/proposal")
    await click(harness, 102, chooser, "Cơ chế")
    since = harness.emu.sent_count(102)
    send_file(harness.emu, 102, name="qua-lon.pdf", size=6 * 1024 * 1024)
    refusal = await harness.emu.wait_for_message(102, since=since)
    assert "6 MB" in refusal.plain_text and "giới hạn 5 MB" in refusal.plain_text
    since = harness.emu.sent_count(102)
    send_file(harness.emu, 102, kind="photo", size=300_000, caption="Ảnh hiện trạng trụ sở xuống cấp")
    preview = await harness.emu.wait_for_message(102, since=since)
    assert "Ảnh hiện trạng trụ sở xuống cấp" in preview.plain_text and "Đính kèm: photo.jpg" in preview.plain_text
    await click(harness, 102, preview, "Gửi Ban Tổ chức")
    [stored] = await proposals_of(harness, "DB002")
    assert stored.attachment is not None and (stored.attachment.kind, stored.attachment.file_id) == (
        "photo",
        "ph-300000",
    )
    since = harness.emu.sent_count(102)
    send_file(harness.emu, 102, size=10)
    hint = await harness.emu.wait_for_message(102, since=since)
    assert "dùng các nút bấm" in hint.plain_text


async def test_edit_then_withdraw_own_proposal(harness: Harness) -> None:
    await harness.open_link(101, "DB001")
    await propose(harness, 101, ADMIN, "Bản đầu tiên")
    [first] = await proposals_of(harness, "DB001")
    listing = await harness.say(101, "/myproposals")
    asked = await click(harness, 101, listing, f"Sửa ý kiến số {first.id}")
    assert f"Sửa ý kiến số {first.id}" in asked.plain_text and "Bản đầu tiên" in asked.plain_text
    preview = await harness.say(101, "Bản đã sửa")
    updated = await click(harness, 101, preview, "Gửi Ban Tổ chức")
    assert f"Đã cập nhật ý kiến số {first.id}" in updated.plain_text
    [edited] = await proposals_of(harness, "DB001")
    assert (edited.id, edited.text) == (first.id, "Bản đã sửa")
    listing = await harness.say(101, "/myproposals")
    confirm = await click(harness, 101, listing, f"Rút ý kiến số {first.id}")
    done = await click(harness, 101, confirm, "Rút lại")
    assert f"Đã rút lại ý kiến số {first.id}" in done.plain_text
    [withdrawn] = await proposals_of(harness, "DB001")
    assert withdrawn.withdrawn
    listing = await harness.say(101, "/myproposals")
    assert "Đã rút lại" in listing.plain_text and listing.callback_datas() == []


async def test_a_delegate_sees_and_touches_only_their_own_proposals(harness: Harness) -> None:
    await harness.open_link(101, "DB001")
    await harness.open_link(102, "DB002")
    await propose(harness, 101, ADMIN, "Ý kiến của đồng chí An")
    [theirs] = await proposals_of(harness, "DB001")
    listing = await harness.say(102, "/myproposals")
    assert "chưa gửi ý kiến" in listing.plain_text and "đồng chí An" not in listing.plain_text
    for data in (f"prop:ed:{theirs.id}", f"prop:wd:{theirs.id}", f"prop:wdok:{theirs.id}"):
        assert "không thuộc đồng chí" in await alert_after(harness, 102, listing, data)
    assert "không còn hiệu lực" in await alert_after(harness, 102, listing, "prop:ed:abc")
    assert not (await proposals_of(harness, "DB001"))[0].withdrawn
    stranger = await harness.say(104, "/proposal")
    assert "chưa được kết nối" in stranger.plain_text


async def test_after_the_deadline_proposals_are_read_only(harness: Harness) -> None:
    await harness.open_link(101, "DB001")
    await propose(harness, 101, ADMIN, "Gửi kịp hạn")
    chooser = await harness.say(101, "/proposal")
    await click(harness, 101, chooser, "Ý kiến khác")
    listing = await harness.say(101, "/myproposals")
    harness.clock.set(harness.services.event.proposals_deadline + later(minutes=1))
    late = await harness.say(101, "Gửi muộn")
    assert "đã kết thúc" in late.plain_text and "lúc 17 giờ 00, thứ Ba, ngày 15/12/2026" in late.plain_text
    assert "đã kết thúc" in (await harness.say(101, "/proposal")).plain_text
    edit = await click(harness, 101, listing, "Sửa ý kiến số")
    assert "đã kết thúc" in edit.plain_text
    readonly = await harness.say(101, "/myproposals")
    assert "Gửi kịp hạn" in readonly.plain_text and "chỉ để xem" in readonly.plain_text
    assert readonly.callback_datas() == []
    assert [p.text for p in await proposals_of(harness)] == ["Gửi kịp hạn"]
    card = await harness.open_link(101, "DB001")
    assert "prop:new" not in card.callback_datas()


async def test_half_written_proposal_survives_a_restart(harness: Harness) -> None:
    await harness.open_link(103, "DB003")
    chooser = await harness.say(103, "/proposal")
    await click(harness, 103, chooser, "Điểm nghẽn")
    await restart(harness)
    preview = await harness.say(103, "Giải phóng mặt bằng chậm")
    assert "Điểm nghẽn phát triển" in preview.plain_text
    await restart(harness)
    await click(harness, 103, preview, "Gửi Ban Tổ chức")
    assert [(p.category, p.text) for p in await proposals_of(harness, "DB003")] == [
        ("bottleneck", "Giải phóng mặt bằng chậm")
    ]


async def test_many_long_answered_proposals_are_listed_across_pages(harness: Harness) -> None:
    await harness.open_link(101, "DB001")
    event_id, now = harness.services.event.id, harness.clock.now()
    async with harness.services.db.transaction() as uow:
        delegate = await uow.delegates.by_code(event_id, "DB001")
        assert delegate is not None
        ids = []
        for n in range(15):
            stored = await uow.proposals.insert(
                event_id, delegate.id, "admin", f"Ý kiến {n:02d} & " + "ý" * 400, None, now
            )
            if n % 2:  # answered ones have no edit/withdraw buttons
                await uow.proposals.set_answer(stored.id, f"Trả lời {n:02d} <b> " + "đ" * 500, 900001, now)
            ids.append(stored.id)
    page = await harness.say(101, "/myproposals")
    seen: set[int] = set()
    buttons: set[str] = set()
    pages = 0
    while True:
        pages += 1
        assert len(page.plain_text) <= 4096 and "(15)" in page.plain_text
        seen |= {i for i in ids if f"Ý kiến số {i} " in page.plain_text}
        buttons |= set(page.callback_datas())
        if not any(label.startswith("Trang sau") for label in page.button_texts()):
            break
        old_text = page.plain_text
        await harness.press(101, page, "Trang sau")
        page = await harness.emu.wait_for(
            lambda: next(
                (m for m in harness.emu.messages(101) if m.message_id == page.message_id and m.plain_text != old_text),
                None,
            )
        )
    assert pages > 1 and seen == set(ids) and f"Trang {pages}/{pages}" in page.plain_text
    open_ids, answered_ids = ids[::2], ids[1::2]
    assert {f"prop:ed:{i}" for i in open_ids} | {f"prop:wd:{i}" for i in open_ids} <= buttons
    assert not {f"prop:ed:{i}" for i in answered_ids} & buttons
    assert all(len(data.encode()) <= 64 for data in buttons)
    asked = await click(harness, 101, page, f"Sửa ý kiến số {ids[-1]}")
    assert f"Sửa ý kiến số {ids[-1]}" in asked.plain_text
    back = page.message_id
    await harness.press(101, page, "Trang trước")
    await harness.emu.wait_for(
        lambda: next(
            (
                m
                for m in harness.emu.messages(101)
                if m.message_id == back and f"Trang {pages - 1}/{pages}" in m.plain_text
            ),
            None,
        )
    )
    assert "không còn hiệu lực" in await alert_after(harness, 101, page, "prop:list:x")


async def test_an_answered_or_handled_proposal_can_no_longer_be_edited_or_withdrawn(harness: Harness) -> None:
    await harness.open_link(101, "DB001")
    await propose(harness, 101, ADMIN, "Ý kiến cần trả lời")
    await propose(harness, 101, ADMIN, "Ý kiến được chọn")
    answered, selected = await proposals_of(harness, "DB001")
    listing = await harness.say(101, "/myproposals")  # buttons shown while both are still 'received'
    asked = await click(harness, 101, listing, f"Sửa ý kiến số {answered.id}")
    harness.clock.advance(later(days=2))  # 03/12/2026
    async with harness.services.db.transaction() as uow:
        await uow.proposals.set_answer(answered.id, "Ban Tổ chức đã ghi nhận.", 900001, harness.clock.now())
        await uow.proposals.set_status(selected.id, "selected", harness.clock.now())
    preview = await harness.say(101, "Nội dung viết lại sau khi đã có trả lời")
    refused = await alert_after(harness, 101, preview, "prop:ok")
    assert (
        refused
        == f"Ý kiến số {answered.id} đã được Ban Tổ chức trả lời ngày 03/12/2026, nên không thể sửa hoặc rút lại."
    )
    for data in (f"prop:ed:{answered.id}", f"prop:wd:{answered.id}", f"prop:wdok:{answered.id}"):
        assert "đã được Ban Tổ chức trả lời ngày 03/12/2026" in await alert_after(harness, 101, asked, data)
    for data in (f"prop:ed:{selected.id}", f"prop:wdok:{selected.id}"):
        assert "(Được chọn báo cáo tại hội nghị) từ ngày 03/12/2026" in await alert_after(harness, 101, asked, data)
    after = await proposals_of(harness, "DB001")
    assert [(p.text, p.withdrawn) for p in after] == [("Ý kiến cần trả lời", False), ("Ý kiến được chọn", False)]
    listing = await harness.say(101, "/myproposals")
    assert listing.callback_datas() == []
