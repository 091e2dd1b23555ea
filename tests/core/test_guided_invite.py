"""The guided /invite: ask, resolve by name with pick buttons, no match, /cancel."""

from __future__ import annotations

from tests.core.helpers import token_of
from tests.harness import ADMIN_ID, BotUnderTest


async def test_a_name_matching_several_offers_buttons(bot: BotUnderTest) -> None:
    lucia = bot.state.add_customer("Lucía García López", "A-1029")
    bot.state.add_customer("Mateo García López", "A-1030")
    tg = bot.telegram
    admin = tg.user(ADMIN_ID)
    tg.send_command(admin, "/invite garcía")
    question = await tg.next_reply(ADMIN_ID)
    labels = [b.text for b in tg.buttons(question)]
    assert labels == ["Lucía García López · A-1029", "Mateo García López · A-1030"]
    tg.press_button(admin, question, f"invite:{lucia['id']}")
    link = await tg.next_reply(ADMIN_ID)
    assert "Lucía García López" in link.text and token_of(link)


async def test_no_match_asks_again_and_cancel_leaves(bot: BotUnderTest) -> None:
    tg = bot.telegram
    admin = tg.user(ADMIN_ID)
    tg.send_command(admin, "/invite")
    await tg.next_reply(ADMIN_ID)
    tg.send_message(admin, "Zacarías")
    assert "No encontré a nadie con «Zacarías»" in (await tg.next_reply(ADMIN_ID)).text
    tg.send_command(admin, "/cancelar")
    assert "Cancelado" in (await tg.next_reply(ADMIN_ID)).text
    tg.send_message(admin, "Zacarías")
    # outside the flow, a name is just words: staff get their daily commands
    assert "/cobrar" in (await tg.next_reply(ADMIN_ID)).text


async def test_names_match_without_accents_and_in_any_order(bot: BotUnderTest) -> None:
    bot.state.add_customer("Lucía García López", "A-1029")
    bot.state.add_customer("Mateo García López", "A-1030")
    tg = bot.telegram
    admin = tg.user(ADMIN_ID)
    tg.send_command(admin, "/invitar lucia garcia")
    link = await tg.next_reply(ADMIN_ID)
    assert "Lucía García López" in link.text and token_of(link)
    await tg.next_reply(ADMIN_ID)  # the QR code
    tg.send_command(admin, "/invitar LOPEZ")
    question = await tg.next_reply(ADMIN_ID)
    assert len(tg.buttons(question)) == 2
