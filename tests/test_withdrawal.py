"""Issue 16: a withdrawn delegate's link stops working, they leave every audience and count, history stays; reversible."""

from __future__ import annotations

from bot.services.roster import WithdrawalOutcome
from tests.support.harness import Harness


async def test_withdrawn_delegate_is_out_of_audiences_counts_and_link_then_restored(harness: Harness) -> None:
    services = harness.services
    card = await harness.open_link(101, "DB001")
    assert "Nguyễn Văn An" in card.plain_text
    query = await harness.press(101, card, "Tham dự")  # an answer on record before the withdrawal
    await harness.emu.wait_for_callback_answer(query)
    assert (await services.rsvp.summary()).total == 3

    result = await services.roster.withdraw("test", code="DB001")
    assert result.outcome is WithdrawalOutcome.DONE and result.delegate is not None and result.delegate.withdrawn

    assert (await services.rsvp.summary()).total == 2
    assert (await services.broadcasts.audience_size("all")).total == 2
    assert ("Sở Nội vụ", 1) not in await services.broadcasts.agencies()
    refused = await harness.say(101, "/me")
    assert "Nguyễn Văn An" not in refused.plain_text  # the account is no longer a delegate's
    since = harness.emu.sent_count(104)
    harness.emu.send_command(104, "start", await harness.token_of("DB001"))
    refusal = await harness.emu.wait_for_message(104, since=since)
    assert "không còn hiệu lực" in refusal.plain_text
    async with services.db.read() as uow:  # history kept: the row, the answer, the audit trail
        kept = await uow.delegates.by_code(services.event.id, "DB001")
        assert kept is not None and kept.withdrawn
        assert await uow.rsvps.get(kept.id) is not None
        assert ("test", "delegate_withdrawn", "DB001") in await uow.audit.actions(services.event.id)

    again = await services.roster.restore("test", code="DB001")
    assert again.outcome is WithdrawalOutcome.DONE and again.relinked
    assert (await services.rsvp.summary()).total == 3
    back = await harness.say(101, "/me")
    assert "Nguyễn Văn An" in back.plain_text
