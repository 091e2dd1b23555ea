"""Parents who write instead of tapping: words, stickers, voice notes and locations."""

from __future__ import annotations

from typing import Any

import pytest

from tests.faketelegram import SentMessage
from tests.handlers.staffchat import staff_user
from tests.harness import BotUnderTest
from tests.parents.helpers import family, invoice

PARENT = 730_001
STRANGER = 730_002

MENU = ["mnu:pay", "mnu:status", "mnu:portal", "mnu:help"]


async def _said(bot: BotUnderTest, user: dict[str, Any], text: str) -> SentMessage:
    bot.telegram.send_message(user, text)
    return await bot.telegram.next_reply(user["id"])


def _menu_of(bot: BotUnderTest, message: SentMessage) -> list[str]:
    return [b.value for b in bot.telegram.buttons(message)]


async def test_each_thing_a_parent_writes_gets_its_answer(bot: BotUnderTest) -> None:
    user, (mateo,) = await family(bot, PARENT, ("Mateo Ruiz", "A-7"))
    invoice(bot, mateo, 250_000, "Colegiatura marzo", days=-2)

    hello = await _said(bot, user, "hola")
    assert "Hola, Mamá" in hello.text
    assert "No entendí" not in hello.text
    assert _menu_of(bot, hello) == MENU
    assert [b.text for b in bot.telegram.buttons(hello)] == [
        "💳 Pagar",
        "📋 Lo que debo",
        "🔐 Portal",
        "❓ Ayuda",
    ]

    owed = await _said(bot, user, "cuánto debo?")
    assert "Tu estado de cuenta" in owed.text and "$2,500.00 MXN" in owed.text

    long_one = "ya pague la colegiatura de mateo en efectivo, le mando foto del recibo"
    for paid in ("ya pagué", long_one):
        proof = await _said(bot, user, paid)
        assert "foto" in proof.text and "PDF" in proof.text, paid
        assert "No entendí" not in proof.text

    pay = await _said(bot, user, "pagar")
    assert "Tus pagos pendientes" in pay.text
    assert bot.telegram.buttons(pay)[0].value.startswith("pay:")


@pytest.mark.parametrize("text", ["SALDO", "mi adeudo", "Cuanto Debo", "¿Cuánto le debo?"])
async def test_the_balance_in_any_case_and_accents(bot: BotUnderTest, text: str) -> None:
    user, (mateo,) = await family(bot, PARENT, ("Mateo Ruiz", "A-7"))
    invoice(bot, mateo, 100_000, "Colegiatura")
    assert "Tu estado de cuenta" in (await _said(bot, user, text)).text


async def test_words_in_english(bot: BotUnderTest) -> None:
    user, (mateo,) = await family(bot, PARENT, ("Mateo Ruiz", "A-7"), lang="en")
    invoice(bot, mateo, 100_000, "Tuition")
    assert "Your account" in (await _said(bot, user, "How much do I owe?")).text
    assert "Your pending payments" in (await _said(bot, user, "pay")).text
    proof = await _said(bot, user, "I paid, here is the receipt")
    assert "photo" in proof.text and "PDF" in proof.text
    hello = await _said(bot, user, "hi")
    assert "Hi, Mamá" in hello.text and _menu_of(bot, hello) == MENU
    assert [b.text for b in bot.telegram.buttons(hello)][1] == "📋 What I owe"


async def test_anything_not_understood_gets_the_menu_never_a_bare_no(bot: BotUnderTest) -> None:
    user, _ = await family(bot, PARENT, ("Mateo Ruiz", "A-7"))
    answer = await _said(bot, user, "la maestra dijo que mañana no hay clases")
    assert "No entendí" not in answer.text
    assert _menu_of(bot, answer) == MENU


async def test_stickers_voice_notes_and_locations_get_the_menu(bot: BotUnderTest) -> None:
    user, _ = await family(bot, PARENT, ("Mateo Ruiz", "A-7"))
    tg = bot.telegram
    tg.send_sticker(user)
    assert _menu_of(bot, await tg.next_reply(PARENT)) == MENU
    tg.send_voice(user)
    assert _menu_of(bot, await tg.next_reply(PARENT)) == MENU
    tg.send_location(user, 19.4326, -99.1332)
    assert _menu_of(bot, await tg.next_reply(PARENT)) == MENU


async def test_the_menu_buttons_do_what_their_commands_do(bot: BotUnderTest) -> None:
    user, (mateo,) = await family(bot, PARENT, ("Mateo Ruiz", "A-7"))
    invoice(bot, mateo, 120_000, "Inscripción")
    tg = bot.telegram
    menu = await _said(bot, user, "buenas tardes")
    tg.press_button(user, menu, "mnu:status")
    assert "Tu estado de cuenta" in (await tg.next_reply(PARENT)).text
    tg.press_button(user, menu, "mnu:pay")
    assert "Inscripción" in (await tg.next_reply(PARENT)).text
    tg.press_button(user, menu, "mnu:portal")
    assert "portal de pagos de <b>Mateo Ruiz</b>" in (await tg.next_reply(PARENT)).text
    tg.press_button(user, menu, "mnu:help")
    assert "/pagar" in (await tg.next_reply(PARENT)).text


async def test_a_stranger_is_told_how_to_link(bot: BotUnderTest) -> None:
    tg = bot.telegram
    stranger = tg.user(STRANGER, "Luis")
    for text in ("hola", "cuánto debo", "ya pagué"):
        answer = await _said(bot, stranger, text)
        assert "Compartir mi número" in answer.text and "liga de invitación" in answer.text
        # the reply keyboard is not kept on the message (as on Telegram): read the call
        sent = tg.calls_to("sendMessage")[-1].params["reply_markup"]
        assert sent["keyboard"][0][0]["request_contact"] is True
    tg.send_sticker(stranger)
    assert "Compartir mi número" in (await tg.next_reply(STRANGER)).text


async def test_staff_get_their_daily_commands(bot: BotUnderTest) -> None:
    staff = await staff_user(bot)
    answer = await _said(bot, staff, "hola")
    for command in ("/cobrar", "/alumno", "/vencidos", "/corte"):
        assert command in answer.text
    assert "No entendí" not in answer.text
    assert bot.quentli_requests() == []


async def test_a_staff_member_who_is_a_parent_gets_their_balance(bot: BotUnderTest) -> None:
    staff = await staff_user(bot)
    mateo = bot.state.add_customer("Mateo Ruiz", "A-7")
    invoice(bot, mateo, 90_000, "Colegiatura")
    await bot.infra.repos.links.link(staff["id"], mateo["id"], "Mateo Ruiz", "staff", None)
    assert "Tu estado de cuenta" in (await _said(bot, staff, "cuánto debo")).text
    assert "/cobrar" in (await _said(bot, staff, "hola")).text
