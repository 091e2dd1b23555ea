"""A name typed with a typo: the bot offers the close names as buttons ("¿Quisiste decir…?"),
for every command that takes a customer, and never picks one on the staff member's behalf."""

from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

from bot.parsing.dates import today
from tests.handlers.staffchat import button, posts, press, say, staff_user
from tests.harness import STAFF_ID, BotUnderTest

TZ = ZoneInfo("America/Mexico_City")


def _school(bot: BotUnderTest) -> dict[str, str]:
    sofia = bot.state.add_customer("Sofía García López", "A-1052", "+525512345678")
    bot.state.add_customer("Mateo Hernández Ruiz", "A-2002")
    bot.state.add_customer("Lucía Torres Vega", "A-1029")
    return sofia


async def test_a_surname_typo_offers_the_close_name_and_its_button_shows_the_card(
    bot: BotUnderTest,
) -> None:
    sofia = _school(bot)
    staff = await staff_user(bot)
    offer = await say(bot, staff, "/alumno sofia garsia")
    assert "No encontré a nadie con «sofia garsia». ¿Quisiste decir…?" in offer.text
    assert [b.text for b in bot.telegram.buttons(offer)] == ["Sofía García López · A-1052"]

    card = await press(bot, staff, offer, button(bot, offer, "Sofía García López"))
    assert "Sofía García López" in card.text and sofia["id"] in card.text
    assert posts(bot) == []


async def test_nothing_like_it_still_says_nobody(bot: BotUnderTest) -> None:
    _school(bot)
    staff = await staff_user(bot)
    answer = await say(bot, staff, "/alumno zzzz")
    assert "No encontré a nadie con «zzzz». Prueba con otra parte del nombre" in answer.text
    assert bot.telegram.buttons(answer) == []


async def test_cobrar_with_a_typo_asks_then_goes_on_to_the_summary(bot: BotUnderTest) -> None:
    _school(bot)
    staff = await staff_user(bot)
    offer = await say(bot, staff, "/cobrar Sofia Garsia 1500 Colegiatura")
    assert "¿Quisiste decir…?" in offer.text
    bot.telegram.press_button(staff, offer, button(bot, offer, "Sofía García López"))
    await bot.telegram.next_reply(STAFF_ID)  # the question, now naming the choice
    summary = await bot.telegram.next_reply(STAFF_ID)
    assert "Revisa la solicitud" in summary.text and "Sofía García López" in summary.text
    assert "$1,500.00 MXN" in summary.text
    assert posts(bot) == []


async def test_the_guided_cobrar_offers_them_too_and_a_new_name_can_be_typed(
    bot: BotUnderTest,
) -> None:
    _school(bot)
    staff = await staff_user(bot)
    await say(bot, staff, "/cobrar")
    offer = await say(bot, staff, "matéo hernandes")
    assert [b.text for b in bot.telegram.buttons(offer)] == ["Mateo Hernández Ruiz · A-2002"]
    amount = await say(bot, staff, "Lucía Torres")  # typed again instead of pressing
    assert "¿Cuánto le cobramos a <b>Lucía Torres Vega</b>?" in amount.text


async def test_pagado_invitar_and_recordar_offer_them_too(bot: BotUnderTest) -> None:
    sofia = _school(bot)
    bot.state.add_invoice(sofia["id"], 150000, "Colegiatura", today(TZ) + timedelta(days=5))
    staff = await staff_user(bot)
    for command in ("/pagado", "/invitar", "/recordar"):
        offer = await say(bot, staff, f"{command} sofia garsia")
        assert "¿Quisiste decir…?" in offer.text, (command, offer.text)
        assert [b.text for b in bot.telegram.buttons(offer)] == ["Sofía García López · A-1052"]

    offer = await say(bot, staff, "/invitar Sofía Garsía")
    invite = await press(bot, staff, offer, button(bot, offer, "Sofía García López"))
    assert "Invitación para <b>Sofía García López</b>" in invite.text
