"""The two-person rule: only the author submits a draft; the approver differs from author and submitter; audit names all."""

from __future__ import annotations

import dataclasses
import json

from bot.sandbox.emulator import BotApiEmulator
from tests.support.broadcast import FAST, SECOND_ORGANIZER, Bots, compose, id_from, user_id_of, wait_report
from tests.support.harness import ORGANIZER_ID
from tests.support.proposals import forge_press


async def test_another_organizer_cannot_submit_an_abandoned_draft_and_approve_it_himself(
    emulator: BotApiEmulator, bots: Bots
) -> None:
    harness = await bots.start(
        emulator,
        delegates=1,
        organizers=(ORGANIZER_ID, SECOND_ORGANIZER),
        broadcast=dataclasses.replace(FAST, require_approval=True),
    )
    abandoned = id_from(await compose(harness, "Tất cả", "Bản nháp bỏ dở"))
    own = await compose(harness, "Tất cả", "Bản của người thứ hai", organizer=SECOND_ORGANIZER)
    for action in ("send", "sched"):
        answer = await emulator.wait_for_callback_answer(
            forge_press(emulator, SECOND_ORGANIZER, own, f"bc:{action}:{abandoned}")
        )
        assert answer.show_alert and "Chỉ người soạn thông báo số" in (answer.text or "")
    service = harness.services.broadcasts
    assert (await service.send_now(abandoned, SECOND_ORGANIZER)).decision.value == "not_author"
    broadcast = await service.get(abandoned)
    assert broadcast is not None and broadcast.status == "draft"
    assert (await service.approve(abandoned, SECOND_ORGANIZER)).decision.value == "wrong_state"
    assert emulator.messages(user_id_of(1)) == []


async def test_the_approver_differs_from_the_submitter_and_the_audit_names_all_three(
    emulator: BotApiEmulator, bots: Bots
) -> None:
    harness = await bots.start(
        emulator,
        delegates=1,
        organizers=(ORGANIZER_ID, SECOND_ORGANIZER),
        broadcast=dataclasses.replace(FAST, require_approval=True),
    )
    summary = await compose(harness, "Tất cả", "Thay đổi địa điểm")
    number = id_from(summary)
    service = harness.services.broadcasts
    assert (await service.send_now(number, ORGANIZER_ID)).decision.value == "awaiting_approval"
    assert (await service.approve(number, ORGANIZER_ID)).decision.value == "same_person"
    # A submitter other than the author (a row written before the rule) cannot approve either.
    async with harness.services.db.transaction() as uow:
        await uow.broadcasts.set_submitter(number, SECOND_ORGANIZER)
    assert (await service.approve(number, SECOND_ORGANIZER)).decision.value == "same_person"
    async with harness.services.db.transaction() as uow:
        await uow.broadcasts.set_submitter(number, ORGANIZER_ID)
    since = emulator.sent_count(ORGANIZER_ID)
    assert (await service.approve(number, SECOND_ORGANIZER)).decision.value == "queued"
    harness.app.bot_data.delivery.wake()
    await wait_report(harness, since)
    async with harness.services.db.read() as uow:
        rows = await uow.audit._all(
            "SELECT action, detail FROM audit_log WHERE subject = ? ORDER BY id", (str(number),)
        )
    details = {row[0]: json.loads(row[1]) for row in rows}
    people = {"author": ORGANIZER_ID, "submitter": ORGANIZER_ID, "approver": SECOND_ORGANIZER}
    assert {k: details["broadcast_approved"][k] for k in people} == people
    assert {k: details["broadcast_queued"][k] for k in people} == people
    assert details["broadcast_submitted"]["author"] == details["broadcast_submitted"]["submitter"] == ORGANIZER_ID
