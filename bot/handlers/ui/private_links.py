"""Sending a credential link (payment, portal) only where it belongs: the private chat.

A URL button only for a public https URL (Telegram refuses localhost, bare IPs and undotted
hosts); any other link (the sandbox's ``http://127.0.0.1`` checkout) goes in the text. Links are
never logged.
"""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, LinkPreviewOptions, Update

from bot.context import BotContext
from bot.handlers.ui.common import is_private, plain, reply
from bot.services.parents import Link
from bot.texts import Texts


def is_public_https(url: str) -> bool:
    """True when Telegram would accept ``url`` on a URL button."""
    try:
        parts = urlsplit(url)
        host = parts.hostname or ""
    except ValueError:
        return False
    if parts.scheme != "https" or "." not in host or host.endswith(".localhost"):
        return False
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return True
    return False


async def send_link(
    update: Update,
    context: BotContext,
    t: Texts,
    text: str,
    url: str,
    *,
    inline_key: str,
    button_key: str,
) -> None:
    """Reply with ``text`` and the link: as a URL button, or in the text when it cannot be."""
    if is_public_https(url):
        button = InlineKeyboardButton(plain(t(button_key)), url=url)
        await reply(update, context, text, t=t, reply_markup=InlineKeyboardMarkup([[button]]))
        return
    await reply(
        update,
        context,
        text + t(inline_key, url=url),
        t=t,
        link_preview_options=LinkPreviewOptions(is_disabled=True),
    )


async def invite_to_private(update: Update, context: BotContext, t: Texts) -> None:
    """In a group: no link, no amounts; a button that opens the private chat with the bot."""
    username = context.bot.username
    markup = None
    if username:
        button = InlineKeyboardButton(
            plain(t("parents.private_button")), url=f"https://t.me/{username}"
        )
        markup = InlineKeyboardMarkup([[button]])
    await reply(update, context, t("parents.private_only"), t=t, reply_markup=markup)


async def linked_private_chat(update: Update, context: BotContext, t: Texts) -> list[Link] | None:
    """A parent's command: the chat's links when it is a private chat linked to a family;
    otherwise the answer that says why (a group: go private; not linked: how to link) and None.
    """
    chat = update.effective_chat
    assert chat is not None
    if not is_private(update):
        await invite_to_private(update, context, t)
        return None
    links = await context.services.parents.links(chat.id)
    if not links:
        await reply(update, context, t("parents.not_linked"), t=t)
        return None
    return links
