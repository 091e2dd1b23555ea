"""Small steps the core tests share: make an invite through the chat, read its token."""

from __future__ import annotations

import re

from tests.faketelegram import SentMessage
from tests.harness import ADMIN_ID, BotUnderTest

TOKEN_IN_LINK = re.compile(r"https://t\.me/\w+\?start=([A-Za-z0-9_-]+)")


def token_of(message: SentMessage) -> str:
    """The deep-link payload of the invite link in a bot message."""
    assert message.text is not None
    found = TOKEN_IN_LINK.search(message.text)
    assert found, message.text
    return found.group(1)


async def invite_via_chat(bot: BotUnderTest, query: str, staff_id: int = ADMIN_ID) -> str:
    """A staff member runs /invite <query>; returns the token of the link the bot answered."""
    tg = bot.telegram
    staff = tg.user(staff_id, "Sofía")
    tg.send_command(staff, f"/invite {query}")
    link_message = await tg.next_reply(staff_id)
    qr = await tg.next_reply(staff_id)
    assert qr.photo, (link_message.text, qr.text)
    return token_of(link_message)
