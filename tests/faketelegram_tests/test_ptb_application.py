"""A real telegram.ext.Application talks to the fake over HTTP, as it would to Telegram."""

from __future__ import annotations

from datetime import timedelta

import pytest
from telegram import (
    BotCommand,
    BotCommandScopeAllPrivateChats,
    BotCommandScopeChat,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
)
from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden, RetryAfter
from telegram.ext import Application

from tests.faketelegram import FakeTelegram

PNG_1x1 = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)


async def test_command_gets_a_reply(fake_telegram: FakeTelegram, echo_app: Application) -> None:  # type: ignore[type-arg]
    ana = fake_telegram.user(1001, "Ana")
    fake_telegram.send_command(ana, "/echo hola mundo")

    reply = await fake_telegram.next_reply(1001)

    assert reply.method == "sendMessage"
    assert reply.plain_text == "echo hola mundo"
    assert reply.parse_mode == "HTML"
    assert reply.entities == ({"type": "bold", "offset": 0, "length": 4},)
    assert fake_telegram.buttons(reply) == [("Pagar", "pay:inv_1")]


async def test_button_press_is_answered_and_the_message_edited(
    fake_telegram: FakeTelegram,
    echo_app: Application,  # type: ignore[type-arg]
) -> None:
    ana = fake_telegram.user(1002, "Ana")
    fake_telegram.send_command(ana, "/echo")
    message = await fake_telegram.next_reply(1002)

    update_id = fake_telegram.press_button(ana, message, fake_telegram.find_button(message, "Pag"))
    edited = await fake_telegram.next_reply(1002)

    answer = fake_telegram.callback_answer(update_id)
    assert answer is not None
    assert (answer.text, answer.show_alert) == ("Pagado pay:inv_1", True)
    assert edited.edited and edited.message_id == message.message_id
    assert edited.text == "Listo" and edited.reply_markup is None
    with pytest.raises(AssertionError, match=r"(?i)no button"):
        fake_telegram.press_button(ana, message, "pay:inv_1")


async def test_callback_data_over_64_bytes_is_rejected(
    fake_telegram: FakeTelegram,
    echo_app: Application,  # type: ignore[type-arg]
) -> None:
    fake_telegram.private_chat(fake_telegram.user(1003))
    fits = InlineKeyboardMarkup([[InlineKeyboardButton("ok", callback_data="ñ" * 32)]])
    too_long = InlineKeyboardMarkup([[InlineKeyboardButton("x", callback_data="ñ" * 33)]])

    await echo_app.bot.send_message(1003, "64 bytes", reply_markup=fits)
    with pytest.raises(BadRequest, match=r"(?i)BUTTON_DATA_INVALID"):
        await echo_app.bot.send_message(1003, "66 bytes", reply_markup=too_long)


@pytest.mark.parametrize(
    "url",
    [
        "http://localhost:8000/pay",
        "https://127.0.0.1/pay",
        "http://10.0.0.5/pay",
        "https://intranet/pay",
        "ftp://example.com/file",
        "javascript:alert(1)",
    ],
)
async def test_unreachable_url_buttons_are_rejected(
    fake_telegram: FakeTelegram,
    echo_app: Application,  # type: ignore[type-arg]
    url: str,
) -> None:
    fake_telegram.private_chat(fake_telegram.user(1004))
    markup = InlineKeyboardMarkup([[InlineKeyboardButton("Pagar", url=url)]])

    with pytest.raises(BadRequest, match=r"(?i)BUTTON_URL_INVALID"):
        await echo_app.bot.send_message(1004, "pay here", reply_markup=markup)


async def test_public_and_tg_url_buttons_pass(
    fake_telegram: FakeTelegram,
    echo_app: Application,  # type: ignore[type-arg]
) -> None:
    fake_telegram.private_chat(fake_telegram.user(1005))
    markup = InlineKeyboardMarkup(
        [
            [InlineKeyboardButton("Pagar", url="https://pay.quentli.com/i/abc")],
            [InlineKeyboardButton("Bot", url="tg://resolve?domain=quentli_test_bot")],
        ]
    )

    sent = await echo_app.bot.send_message(1005, "pay here", reply_markup=markup)

    assert sent.reply_markup == markup


@pytest.mark.parametrize(
    ("text", "error"),
    [
        ("<b>unclosed", "can't parse entities"),
        ("1 < 2", "can't parse entities"),
        ("<br>line", 'Unsupported start tag "br"'),
        ("<b><i>x</b></i>", "Unmatched end tag"),
        ("", "message text is empty"),
        ("<b> </b>", "message text is empty"),
        ("x" * 4097, "message is too long"),
    ],
)
async def test_bad_html_and_lengths_are_rejected(
    fake_telegram: FakeTelegram,
    echo_app: Application,  # type: ignore[type-arg]
    text: str,
    error: str,
) -> None:
    fake_telegram.private_chat(fake_telegram.user(1006))

    with pytest.raises(BadRequest, match=f"(?i){error}"):
        await echo_app.bot.send_message(1006, text, parse_mode=ParseMode.HTML)


async def test_length_counts_after_entity_parsing(
    fake_telegram: FakeTelegram,
    echo_app: Application,  # type: ignore[type-arg]
) -> None:
    fake_telegram.private_chat(fake_telegram.user(1007))
    text = "<b>" + "&lt;" * 4096 + "</b>"

    sent = await echo_app.bot.send_message(1007, text, parse_mode=ParseMode.HTML)

    assert sent.text == "<" * 4096


async def test_429_surfaces_as_retry_after(
    fake_telegram: FakeTelegram,
    echo_app: Application,  # type: ignore[type-arg]
) -> None:
    fake_telegram.private_chat(fake_telegram.user(1008))
    fake_telegram.fail_next("sendMessage", 429, retry_after=7)

    with pytest.raises(RetryAfter) as caught:
        await echo_app.bot.send_message(1008, "hola")
    await echo_app.bot.send_message(1008, "otra vez")

    assert caught.value.retry_after == timedelta(seconds=7)
    assert [c.status for c in fake_telegram.calls_to("sendMessage")] == [429, 200]


async def test_flood_limits_refuse_a_sustained_burst_to_one_chat(
    fake_telegram: FakeTelegram,
    echo_app: Application,  # type: ignore[type-arg]
) -> None:
    fake_telegram.enforce_rate_limits = True
    fake_telegram.private_chat(fake_telegram.user(1009))
    for n in range(3):
        await echo_app.bot.send_message(1009, f"burst {n}")

    with pytest.raises(RetryAfter) as caught:
        await echo_app.bot.send_message(1009, "one too many")

    assert caught.value.retry_after == timedelta(seconds=1)


async def test_blocked_chat_raises_forbidden(
    fake_telegram: FakeTelegram,
    echo_app: Application,  # type: ignore[type-arg]
) -> None:
    fake_telegram.private_chat(fake_telegram.user(1010))
    fake_telegram.block(1010)

    with pytest.raises(Forbidden, match=r"(?i)bot was blocked by the user"):
        await echo_app.bot.send_message(1010, "recordatorio")
    with pytest.raises(BadRequest, match=r"(?i)chat not found"):
        await echo_app.bot.send_message(424242, "nadie")
    fake_telegram.user(1011)
    with pytest.raises(Forbidden, match=r"(?i)can't initiate conversation"):
        await echo_app.bot.send_message(1011, "never started the bot")


async def test_send_photo_multipart(
    fake_telegram: FakeTelegram,
    echo_app: Application,  # type: ignore[type-arg]
) -> None:
    fake_telegram.private_chat(fake_telegram.user(1012))

    sent = await echo_app.bot.send_photo(
        1012, PNG_1x1, caption="<i>QR</i> de pago", parse_mode=ParseMode.HTML
    )

    recorded = await fake_telegram.next_reply(1012)
    assert recorded.photo and recorded.file == PNG_1x1
    assert recorded.plain_text == "QR de pago"
    assert fake_telegram.calls_to("sendPhoto")[0].files["photo"].content == PNG_1x1
    assert (sent.photo[-1].width, sent.photo[-1].height) == (1, 1)
    assert sent.caption == "QR de pago"
    with pytest.raises(BadRequest, match=r"(?i)IMAGE_PROCESS_FAILED"):
        await echo_app.bot.send_photo(1012, b"not an image")


async def test_set_my_commands_with_scope_and_language_is_recorded(
    fake_telegram: FakeTelegram,
    echo_app: Application,  # type: ignore[type-arg]
) -> None:
    fake_telegram.private_chat(fake_telegram.user(1013))
    bot = echo_app.bot

    await bot.set_my_commands([BotCommand("start", "Empezar")])
    await bot.set_my_commands(
        [BotCommand("start", "Start")], scope=BotCommandScopeAllPrivateChats(), language_code="en"
    )
    await bot.set_my_commands([BotCommand("cobrar", "Cobrar")], scope=BotCommandScopeChat(1013))

    calls = fake_telegram.set_my_commands_calls
    assert [(c.scope, c.language_code) for c in calls] == [
        ({"type": "default"}, ""),
        ({"type": "all_private_chats"}, "en"),
        ({"type": "chat", "chat_id": 1013}, ""),
    ]
    assert calls[1].commands == [{"command": "start", "description": "Start"}]
    english = await bot.get_my_commands(scope=BotCommandScopeAllPrivateChats(), language_code="en")
    assert [c.command for c in english] == ["start"]
    with pytest.raises(BadRequest, match=r"(?i)BOT_COMMAND_INVALID"):
        await bot.set_my_commands([BotCommand("Bad-Name", "x")])


async def test_edit_rules(fake_telegram: FakeTelegram, echo_app: Application) -> None:  # type: ignore[type-arg]
    fake_telegram.private_chat(fake_telegram.user(1014))
    bot = echo_app.bot
    sent = await bot.send_message(1014, "uno")

    with pytest.raises(BadRequest, match=r"(?i)message is not modified"):
        await bot.edit_message_text("uno", chat_id=1014, message_id=sent.message_id)
    await bot.edit_message_text("dos", chat_id=1014, message_id=sent.message_id)
    await bot.delete_message(1014, sent.message_id)
    with pytest.raises(BadRequest, match=r"(?i)message to edit not found"):
        await bot.edit_message_text("tres", chat_id=1014, message_id=sent.message_id)

    history = fake_telegram.bot_messages(1014)
    assert [(m.text, m.edited) for m in history] == [("uno", False), ("dos", True)]
    assert fake_telegram.current(history[0]) is None
