"""The driving API: updates from users, reading the bot's messages, waiting helpers."""

from __future__ import annotations

import asyncio
import os
import sys

import pytest
from telegram import (
    Bot,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    KeyboardButton,
    ReplyKeyboardMarkup,
    Update,
)
from telegram.error import BadRequest
from telegram.ext import Application

from tests.faketelegram import Button, FakeTelegram


async def _updates(bot: Bot) -> list[Update]:
    return list(await bot.get_updates(timeout=0))


async def test_contact_and_document_updates_parse_in_ptb(fake_telegram: FakeTelegram) -> None:
    ana = fake_telegram.user(4001, "Ana", username="ana_mx")
    fake_telegram.send_contact(ana, "+5215512345678", contact_user_id=4001)
    fake_telegram.send_document(ana, "alumnos.csv", b"nombre\nLuis\n", caption="lista")
    bot = Bot(
        fake_telegram.token,
        base_url=fake_telegram.base_url,
        base_file_url=fake_telegram.base_file_url,
    )
    async with bot:
        contact_update, document_update = await _updates(bot)
        assert document_update.message is not None and document_update.message.document
        file = await document_update.message.document.get_file()
        content = await file.download_as_bytearray()

    assert contact_update.message is not None and contact_update.message.contact is not None
    contact = contact_update.message.contact
    assert (contact.phone_number, contact.first_name, contact.user_id) == (
        "+5215512345678",
        "Ana",
        4001,
    )
    assert contact_update.effective_user is not None
    assert contact_update.effective_user.username == "ana_mx"
    assert document_update.message.caption == "lista"
    assert bytes(content) == b"nombre\nLuis\n"


async def test_commands_carry_a_bot_command_entity_in_groups_too(
    fake_telegram: FakeTelegram,
) -> None:
    group = fake_telegram.group_chat(-4002, "Papás 3B")
    fake_telegram.send_command(fake_telegram.user(4002), "/start@quentli_test_bot x", chat=group)
    bot = Bot(fake_telegram.token, base_url=fake_telegram.base_url)
    async with bot:
        (update,) = await _updates(bot)

    assert update.message is not None
    assert update.message.chat.type == "group"
    assert update.message.parse_entities() == {
        update.message.entities[0]: "/start@quentli_test_bot"
    }


async def test_settle_waits_for_the_bot_to_finish(
    fake_telegram: FakeTelegram,
    echo_app: Application,  # type: ignore[type-arg]
) -> None:
    ana = fake_telegram.user(4003)
    fake_telegram.send_command(ana, "/echo uno")
    fake_telegram.send_command(ana, "/echo dos")

    await fake_telegram.settle()

    assert [m.plain_text for m in fake_telegram.unread(4003)] == ["echo uno", "echo dos"]
    assert (await fake_telegram.next_reply(4003)).plain_text == "echo uno"
    assert [m.plain_text for m in fake_telegram.unread(4003)] == ["echo dos"]
    assert not fake_telegram.failed_calls


async def test_next_reply_times_out_with_context(fake_telegram: FakeTelegram) -> None:
    with pytest.raises(AssertionError, match="condition not met"):
        await fake_telegram.next_reply(4004, timeout=0.05)


async def test_keyboard_rules_and_button_lookup(
    fake_telegram: FakeTelegram,
    echo_app: Application,  # type: ignore[type-arg]
) -> None:
    group = fake_telegram.group_chat(-4005, "Staff")
    ana = fake_telegram.user(4005)
    fake_telegram.private_chat(ana)
    share = ReplyKeyboardMarkup([[KeyboardButton("Compartir", request_contact=True)]])
    two = InlineKeyboardMarkup(
        [
            [InlineKeyboardButton("Pagar $100", callback_data="pay:1")],
            [InlineKeyboardButton("Pagar todo", callback_data="pay:all")],
            [InlineKeyboardButton("Portal", url="https://portal.quentli.com/s/x")],
        ]
    )

    await echo_app.bot.send_message(4005, "comparte tu teléfono", reply_markup=share)
    with pytest.raises(BadRequest, match=r"(?i)private chats only"):
        await echo_app.bot.send_message(group["id"], "comparte", reply_markup=share)
    await echo_app.bot.send_message(4005, "elige", reply_markup=two)

    shared, chosen = fake_telegram.bot_messages(4005)
    assert shared.reply_markup is None
    assert fake_telegram.buttons(chosen) == [
        ("Pagar $100", "pay:1"),
        ("Pagar todo", "pay:all"),
        ("Portal", "https://portal.quentli.com/s/x"),
    ]
    assert fake_telegram.find_button(chosen, "todo") == Button("Pagar todo", "pay:all")
    with pytest.raises(AssertionError, match="2 buttons match"):
        fake_telegram.find_button(chosen, "Pagar")
    with pytest.raises(AssertionError, match="own private chat"):
        fake_telegram.press_button(fake_telegram.user(4006), chosen, "pay:1")


async def test_a_bot_in_another_process_reaches_the_fake(fake_telegram: FakeTelegram) -> None:
    fake_telegram.private_chat(fake_telegram.user(4007))
    script = (
        "import asyncio, os\n"
        "from telegram import Bot\n"
        "async def main():\n"
        "    bot = Bot(os.environ['TELEGRAM_BOT_TOKEN'],"
        " base_url=os.environ['TELEGRAM_API_BASE_URL'])\n"
        "    async with bot:\n"
        "        await bot.send_message(4007, '<b>desde</b> otro proceso', parse_mode='HTML')\n"
        "asyncio.run(main())\n"
    )
    env = {
        **os.environ,
        "TELEGRAM_BOT_TOKEN": fake_telegram.token,
        "TELEGRAM_API_BASE_URL": fake_telegram.base_url,
    }
    process = await asyncio.create_subprocess_exec(sys.executable, "-c", script, env=env)

    assert await asyncio.wait_for(process.wait(), 30) == 0
    assert (await fake_telegram.next_reply(4007)).plain_text == "desde otro proceso"
