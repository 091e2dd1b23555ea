"""Texts follow the user's language until /language; menus per language and per role."""

from __future__ import annotations

from tests.harness import ADMIN_ID, BotUnderTest

PARENT = 5001


def names(commands: list[dict[str, str]]) -> set[str]:
    return {c["command"] for c in commands}


async def test_menus_per_language_for_everyone(bot: BotUnderTest) -> None:
    tg = bot.telegram
    spanish = names(tg.commands_for(None, "es"))
    english = names(tg.commands_for(None, "en"))
    assert {"pagar", "estado", "idioma", "ayuda"} <= spanish
    assert {"pay", "status", "language", "help"} <= english
    assert not {"cobrar", "invoice", "personal", "staff"} & (spanish | english)
    assert names(tg.commands_for(None, "")) == spanish  # the school's default language


async def test_a_menu_telegram_refuses_does_not_stop_the_start(bot: BotUnderTest) -> None:
    tg = bot.telegram
    tg.fail_next("setMyCommands", 400, "Bad Request: BOT_COMMAND_INVALID")
    await bot.restart()  # the menus are set once polling runs, beside the updates
    tg.send_command(tg.user(PARENT), "/ayuda")
    assert "/pagar" in (await tg.next_reply(PARENT)).text


async def test_staff_get_their_own_menu_in_their_chat(bot: BotUnderTest) -> None:
    tg = bot.telegram
    tg.send_command(tg.user(ADMIN_ID), "/start")
    assert "personal" in (await tg.next_reply(ADMIN_ID)).text
    admin_menu = names(tg.commands_for({"type": "chat", "chat_id": ADMIN_ID}))
    assert {"cobrar", "pagado", "cargar", "liga", "alumno", "invitar", "personal"} <= admin_menu
    await bot.make_staff()
    tg.private_chat(tg.user(900_002))
    await bot.restart()  # at start-up, every known staff chat gets its menu
    staff_menu = names(tg.commands_for({"type": "chat", "chat_id": 900_002}))
    assert "cobrar" in staff_menu and "personal" not in staff_menu


async def test_language_follows_telegram_until_chosen(bot: BotUnderTest) -> None:
    tg = bot.telegram
    english_user = tg.user(PARENT, "Mary", language_code="en")
    tg.send_command(english_user, "/start")
    assert "Share my number" in (await tg.next_reply(PARENT)).text
    tg.send_command(english_user, "/idioma")
    question = await tg.next_reply(PARENT)
    tg.press_button(english_user, question, "lang:es")
    assert "español" in (await tg.next_reply(PARENT)).text
    tg.send_command(english_user, "/help")
    assert "/pagar" in (await tg.next_reply(PARENT)).text
    chat_menu = names(tg.commands_for({"type": "chat", "chat_id": PARENT}))
    assert "pagar" in chat_menu


async def test_language_with_an_argument_and_a_wrong_one(bot: BotUnderTest) -> None:
    tg = bot.telegram
    user = tg.user(PARENT)
    tg.send_command(user, "/language fr")
    assert "/idioma es" in (await tg.next_reply(PARENT)).text
    tg.send_command(user, "/language en")
    assert "English" in (await tg.next_reply(PARENT)).text
    tg.send_command(user, "/start")
    assert "Share my number" in (await tg.next_reply(PARENT)).text
