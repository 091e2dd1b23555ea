"""Family-wide invites: the siblings who share the phone come along, and a chat already linked
to all of them does not use the invite up."""

from __future__ import annotations

from typing import Any

from tests.core.helpers import token_of
from tests.faketelegram import SentMessage
from tests.handlers.staffchat import button, press
from tests.harness import ADMIN_ID, BotUnderTest

MOTHER = 5101
FATHER = 5102
PHONE = "+525598765432"


def _siblings(bot: BotUnderTest) -> tuple[dict[str, str], dict[str, str]]:
    valentina = bot.state.add_customer("Valentina Hernández Ruiz", "A-2001", PHONE)
    mateo = bot.state.add_customer("Mateo Hernández Ruiz", "A-2002", PHONE)
    bot.state.add_customer("Lucía García López", "A-1029", "+525512345678")
    return valentina, mateo


async def _invite(bot: BotUnderTest) -> tuple[Any, SentMessage]:
    """The admin invites Valentina's family; returns the admin and the invite's reply."""
    admin = bot.telegram.user(ADMIN_ID, "Sofía")
    bot.telegram.send_command(admin, "/invitar A-2001")
    created = await bot.telegram.next_reply(ADMIN_ID)
    assert (await bot.telegram.next_reply(ADMIN_ID)).photo
    return admin, created


async def _linked_ids(bot: BotUnderTest, chat_id: int) -> set[str]:
    return {link.customer_id for link in await bot.infra.repos.links.customers_for_chat(chat_id)}


async def test_an_invite_for_one_sibling_links_both(bot: BotUnderTest) -> None:
    valentina, mateo = _siblings(bot)
    tg = bot.telegram
    _, created = await _invite(bot)
    assert "Mateo Hernández Ruiz" in created.text and "Lucía" not in created.text
    assert "✅" in tg.find_button(created, "hermanos").text

    tg.send_command(tg.user(FATHER, "Jorge"), f"/start {token_of(created)}")
    done = await tg.next_reply(FATHER)
    assert "Valentina Hernández Ruiz" in done.text and "Mateo Hernández Ruiz" in done.text
    assert await _linked_ids(bot, FATHER) == {valentina["id"], mateo["id"]}


async def test_the_siblings_can_be_left_out_before_it_is_used(bot: BotUnderTest) -> None:
    valentina, _ = _siblings(bot)
    tg = bot.telegram
    admin, created = await _invite(bot)
    switched = await press(bot, admin, created, button(bot, created, "hermanos"))
    assert "⬜" in tg.find_button(switched, "hermanos").text
    toast = tg.calls_to("answerCallbackQuery")[-1].params
    assert "solo a Valentina" in str(toast.get("text"))
    # The reply's text says it too, and keeps the link and the rest.
    shown = switched.plain_text or ""
    assert "También vincula" not in shown
    assert "No vincula a sus hermanos (mismo celular): Mateo Hernández Ruiz" in shown
    assert token_of(switched) == token_of(created)
    assert shown.startswith("Invitación para Valentina Hernández Ruiz")
    assert any(e["type"] == "bold" for e in switched.entities or [])

    tg.send_command(tg.user(FATHER, "Jorge"), f"/start {token_of(created)}")
    assert "Mateo" not in (await tg.next_reply(FATHER)).text
    assert await _linked_ids(bot, FATHER) == {valentina["id"]}
    # Used: the switch can no longer change it.
    tg.press_button(admin, switched, button(bot, switched, "hermanos"))
    await tg.settle(quiet=0.3)
    assert "ya se usó" in str(tg.calls_to("answerCallbackQuery")[-1].params.get("text"))


async def test_switching_the_siblings_back_on_says_so_again(bot: BotUnderTest) -> None:
    _siblings(bot)
    tg = bot.telegram
    admin, created = await _invite(bot)
    off = await press(bot, admin, created, button(bot, created, "hermanos"))
    on = await press(bot, admin, off, button(bot, off, "hermanos"))
    assert "✅" in tg.find_button(on, "hermanos").text
    assert on.plain_text == created.plain_text


async def test_an_already_linked_parent_leaves_the_invite_for_the_other(bot: BotUnderTest) -> None:
    valentina, mateo = _siblings(bot)
    tg = bot.telegram
    mother = tg.user(MOTHER, "Marta")
    tg.send_contact(mother, "+5215598765432", contact_user_id=MOTHER)  # linked by her phone
    await tg.next_reply(MOTHER)
    token = token_of((await _invite(bot))[1])

    tg.send_command(mother, f"/start {token}")
    told = await tg.next_reply(MOTHER)
    assert "ya está vinculado" in told.text and "sigue sin usar" in told.text

    tg.send_command(tg.user(FATHER, "Jorge"), f"/start {token}")
    done = await tg.next_reply(FATHER)
    assert "Listo" in done.text and "ya se usó" not in done.text
    assert await _linked_ids(bot, FATHER) == {valentina["id"], mateo["id"]}
    # Now it is used: a third person is refused.
    tg.send_command(tg.user(FATHER + 1, "Pepe"), f"/start {token}")
    assert "ya se usó" in (await tg.next_reply(FATHER + 1)).text
