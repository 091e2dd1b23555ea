"""Steps the staff-operations tests share: a staff member's chat, a linked parent, buttons."""

from __future__ import annotations

from typing import Any

from tests.faketelegram import SentMessage
from tests.harness import STAFF_ID, BotUnderTest

PARENT = 7001


async def staff_user(bot: BotUnderTest, user_id: int = STAFF_ID, lang: str = "es") -> Any:
    """A staff member (added in the store) with a private chat open."""
    await bot.make_staff(user_id)
    user = bot.telegram.user(user_id, "Sofía", language_code=lang)
    bot.telegram.private_chat(user)
    return user


async def linked_parent(bot: BotUnderTest, customer: dict[str, Any], chat_id: int = PARENT) -> Any:
    """A parent whose private chat is linked to ``customer``."""
    user = bot.telegram.user(chat_id, "Marta")
    bot.telegram.private_chat(user)
    await bot.infra.repos.links.link(chat_id, customer["id"], customer["name"], "staff", None)
    return user


async def say(bot: BotUnderTest, user: Any, text: str) -> SentMessage:
    """Send ``text`` (a command or an answer) and return the bot's next message."""
    bot.telegram.send_message(user, text)
    return await bot.telegram.next_reply(user["id"])


async def press(
    bot: BotUnderTest, user: Any, message: SentMessage, data: str, **kwargs: Any
) -> SentMessage:
    """Press a button and return the bot's next message (often the edit of that message)."""
    bot.telegram.press_button(user, message, data, **kwargs)
    return await bot.telegram.next_reply(user["id"])


def button(bot: BotUnderTest, message: SentMessage, text: str) -> str:
    """The callback data (or URL) of the one button whose label contains ``text``."""
    return bot.telegram.find_button(message, text).value


async def paid_summary(
    bot: BotUnderTest, user: Any, command: str, method: str = "Efectivo"
) -> SentMessage:
    """Send a /markpaid ``command`` and pick how it was paid; returns the summary (or the
    answer when no method was asked, e.g. the invoice is already paid)."""
    asked = await say(bot, user, command)
    if not any(method in b.text for b in bot.telegram.buttons(asked)):
        return asked
    return await press(bot, user, asked, button(bot, asked, method))


async def confirm(bot: BotUnderTest, user: Any, summary: SentMessage) -> SentMessage:
    """Press Confirm on a summary; returns the final edit (after "Enviando a Quentli…")."""
    data = button(bot, summary, "Confirmar")
    bot.telegram.press_button(user, summary, data)
    working = await bot.telegram.next_reply(user["id"])
    assert "Enviando a Quentli" in (working.text or ""), working.text
    return await bot.telegram.next_reply(user["id"])


def posts(bot: BotUnderTest, path_prefix: str = "") -> list[Any]:
    """The POSTs Quentli received (writes)."""
    return bot.quentli_requests("POST", path_prefix)


def raw_press(
    bot: BotUnderTest, user: Any, message: SentMessage, data: str, query_id: str | None = None
) -> str:
    """Queue a callback query as Telegram would, without the harness's checks: another user
    in the chat, a button already gone, or the same query (``query_id``) delivered again.

    Returns:
        The callback query id.
    """
    state = bot.telegram.state
    current = state.messages[(message.chat_id, message.message_id)]
    qid = query_id or str(next(state.query_ids))
    update_id = state.enqueue(
        {
            "callback_query": {
                "id": qid,
                "from": user,
                "message": current,
                "chat_instance": f"ci{message.chat_id}",
                "data": data,
            }
        }
    )
    state.callback_queries.setdefault(qid, update_id)
    return qid
