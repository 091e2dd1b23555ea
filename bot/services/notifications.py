"""Messages to parents and staff that are not a direct reply: rendered, then queued in the outbox.

The outbox (``bot.store.OutboxRepo``) is durable: a row stays in SQLite until Telegram accepted it,
so a crash or a restart never loses a receipt. One worker (``bot.ptb.outbox``) sends the rows,
paced for Telegram's limits. A row holds the text and buttons ready to send, rendered in the
chat's language when queued; the rendering (catalog texts, Telegram's buttons) is the Telegram
layer's: this module hands a :class:`Notice` to a :class:`NoticeRenderer` it is given
(``bot.handlers.ui.notices``, wired in ``bot.runtime``).

    n = Notifier(repos, "es", tz, renderer=renderer)
    await n.to_customer(cus_id, "notify.paid", dedupe_key=paid_key(inv.id),
                        concept=inv.concept_text, amount=Money(inv.total_amount), date=paid_at)

Dedupe keys are per *event* (``paid:<invoice_id>``); the Notifier makes them per chat by
appending ``:<chat_id>``, so the same event reaches each chat once, whoever reports it first
(webhook, poller or a staff member's mark-paid).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from bot.services.languages import LanguagePrefs
from bot.store import OutboxMessage, Repositories

__all__ = [
    "Button",
    "Days",
    "Lines",
    "Money",
    "Notice",
    "NoticeRenderer",
    "Notifier",
    "RenderedNotice",
    "charge_failed_key",
    "invoice_created_key",
    "paid_key",
]

log = logging.getLogger(__name__)

#: How long a staff member's answer waits for the parents' copies to be sent, to say how many
#: chats were told (a blocked bot is only found out by sending), in seconds.
DELIVERY_WAIT = 3.0
_DELIVERY_POLL = 0.05


class Money(int):
    """Integer centavos that a text shows as money (``$1,500.00 MXN``)."""

    __slots__ = ()


class Days(int):
    """A number of days that a text shows with its plural ("1 día", "3 días")."""

    __slots__ = ()


@dataclass(frozen=True, slots=True)
class Lines:
    """A value shown as several catalog texts, one per line: ``(key, values)`` each, the values
    formatted like the notice's own (for lists whose length varies: reminders, summaries)."""

    entries: Sequence[tuple[str, Mapping[str, Any]]] = ()


@dataclass(frozen=True, slots=True)
class Button:
    """A callback button of a notice (one per row), built by the Telegram layer; its label is
    the catalog text ``label_key`` rendered in the chat's language with ``values``."""

    callback_data: str
    label_key: str
    values: Mapping[str, Any] = field(default_factory=dict)


def paid_key(invoice_id: str) -> str:
    """The dedupe key of "this invoice is paid": one receipt per invoice and chat."""
    return f"paid:{invoice_id}"


def invoice_created_key(invoice_id: str) -> str:
    """The dedupe key of "a new invoice": staff's /invoice and the INVOICE_CREATED webhook."""
    return f"new:{invoice_id}"


def voided_key(invoice_id: str) -> str:
    """The dedupe key of "this charge was cancelled": one notice per invoice and chat."""
    return f"void:{invoice_id}"


def charge_failed_key(invoice_id: str, event_id: str) -> str:
    """The dedupe key of one failed automatic charge (each attempt is its own event)."""
    return f"failed:{invoice_id}:{event_id}"


@dataclass(frozen=True, slots=True)
class Notice:
    """What to tell a chat, before it is put in words.

    Attributes:
        key: the catalog key of the text.
        values: the text's values: ``Money`` is shown as an amount, ``Days`` as a count of
            days, ``Lines`` as lines of texts, a ``date`` or ``datetime`` as a day, anything
            else as it is (escaped).
        pay_invoice_id: a Pay button for this invoice under the text (None: no button).
        buttons: more buttons, one per row, after the Pay button.
    """

    key: str
    values: Mapping[str, Any]
    pay_invoice_id: str | None = None
    buttons: Sequence[Button] = ()


@dataclass(frozen=True, slots=True)
class RenderedNotice:
    """A notice in words, as the outbox stores and sends it.

    Attributes:
        text: the message (HTML).
        reply_markup: its buttons as Telegram's JSON (an inline keyboard), or None.
    """

    text: str
    reply_markup: str | None = None


class NoticeRenderer(Protocol):
    """Puts a notice in words in one language (the Telegram layer implements it)."""

    def render(self, notice: Notice, lang: str, tz: dt.tzinfo) -> RenderedNotice:
        """The text and buttons of ``notice`` in ``lang``, dates in the time zone ``tz``."""
        ...


class Notifier:
    """Has notices put in words in each chat's language and queues them in the outbox.

    Args:
        repos: the store (links, prefs, outbox).
        default_language: the bot's language, for chats that never chose one.
        tz: the school's time zone (dates in texts).
        renderer: puts notices in words (the Telegram layer's, given by ``bot.runtime``).
        languages: decides each chat's language (SPEC rule 9); without it, the chat's
            /language choice else ``default_language``.
    """

    def __init__(
        self,
        repos: Repositories,
        default_language: str,
        tz: dt.tzinfo,
        *,
        renderer: NoticeRenderer,
        languages: LanguagePrefs | None = None,
    ) -> None:
        self._repos = repos
        self._languages = languages or LanguagePrefs(repos.prefs, default=default_language)
        self._tz = tz
        self._renderer = renderer
        # Set by the outbox worker: called after every enqueue so it sends without waiting.
        self.on_enqueue: Callable[[], None] | None = None
        #: How long :meth:`told` waits for the outbox, in seconds.
        self.delivery_wait = DELIVERY_WAIT

    async def to_customer(
        self,
        customer_id: str,
        key: str,
        *,
        dedupe_key: str | None,
        pay_invoice_id: str | None = None,
        buttons: Sequence[Button] = (),
        **values: Any,
    ) -> int:
        """Queue the text ``key`` for every active chat linked to ``customer_id``.

        Args:
            customer_id: the Quentli customer.
            key: a catalog key; its template gets ``values``.
            dedupe_key: one message per chat for this key (``None``: no dedupe).
            pay_invoice_id: adds a Pay button (``pay:<invoice_id>``) when set.
            buttons: more buttons, one per row, after the Pay button.
            values: the template's values (see :class:`Notice`).

        Returns:
            The number of chats that can receive it: linked and active, not blocked, whose
            copy is queued or sent (a chat that already got this ``dedupe_key`` counts, but is
            not sent a second copy; one whose copy Telegram refused for good does not). A chat
            that blocked the bot is queued the message for its return but not counted. See
            :meth:`told` to wait until Telegram has taken them.
        """
        links = await self._repos.links.chats_for_customer(customer_id)
        queued = 0
        for link in links:
            chat_id = link.chat_id
            sent = await self._enqueue(chat_id, key, dedupe_key, pay_invoice_id, buttons, values)
            if sent and not await self._repos.blocks.is_blocked(chat_id):
                queued += 1
        if dedupe_key is None:
            return queued
        return len(await self._live_copies([link.chat_id for link in links], dedupe_key))

    async def chat_returned(self, chat_id: int) -> bool:
        """``chat_id`` sent an update: if it had blocked the bot, deliver to it again (what
        waited for it goes out now). Cheap when it had not, which is almost always.

        Returns:
            True when the chat had blocked the bot.
        """
        if not await self._repos.blocks.unblock(chat_id):
            return False
        if self.on_enqueue is not None:
            self.on_enqueue()
        return True

    async def reachable(self, chat_id: int) -> bool:
        """Whether messages reach ``chat_id`` now (it has not blocked the bot, or the bot was
        not removed from it)."""
        return not await self._repos.blocks.is_blocked(chat_id)

    async def unreachable(self, chat_id: int) -> bool:
        """Record that Telegram refused ``chat_id`` for good until it writes again (blocked,
        or the bot removed from a group). Returns False when that was already known."""
        return await self._repos.blocks.block(chat_id)

    async def told(self, customer_id: str, dedupe_key: str, *, wait: float | None = None) -> int:
        """How many of ``customer_id``'s chats received the notice ``dedupe_key``, once the
        outbox had time to send it: at most ``wait`` seconds (default :attr:`delivery_wait`)
        for every copy to be sent or its chat found blocked. A chat that blocked the bot is
        found out by that send and not counted; a copy still waiting (Telegram slow) is
        counted: it stays queued until delivered.
        """
        deadline = time.monotonic() + (self.delivery_wait if wait is None else wait)
        links = await self._repos.links.chats_for_customer(customer_id)
        chats = [link.chat_id for link in links]
        while True:
            copies = await self._live_copies(chats, dedupe_key)
            if all(c.sent_at is not None for c in copies) or time.monotonic() >= deadline:
                return len(copies)
            await asyncio.sleep(_DELIVERY_POLL)

    async def _live_copies(self, chats: Sequence[int], dedupe_key: str) -> list[OutboxMessage]:
        """The copies of ``dedupe_key`` for ``chats`` (a customer's active ones) that can still
        arrive: not refused for good, and not for a chat that blocked the bot."""
        keys = [f"{dedupe_key}:{chat_id}" for chat_id in chats]
        copies = await self._repos.outbox.by_dedupe_keys(keys)
        return [
            c
            for c in copies
            if c.dead_at is None and not await self._repos.blocks.is_blocked(c.chat_id)
        ]

    async def to_user(
        self,
        chat_id: int,
        key: str,
        *,
        dedupe_key: str | None,
        pay_invoice_id: str | None = None,
        buttons: Sequence[Button] = (),
        **values: Any,
    ) -> bool:
        """Queue the text ``key`` for one chat (a staff member's private chat).

        Returns:
            True when queued; False when that chat already got ``dedupe_key``.
        """
        return await self._enqueue(chat_id, key, dedupe_key, pay_invoice_id, buttons, values)

    async def _enqueue(
        self,
        chat_id: int,
        key: str,
        dedupe_key: str | None,
        pay_invoice_id: str | None,
        buttons: Sequence[Button],
        values: dict[str, Any],
    ) -> bool:
        notice = Notice(key, values, pay_invoice_id, buttons)
        lang = await self._languages.for_chat(chat_id)
        rendered = self._renderer.render(notice, lang, self._tz)
        chat_key = f"{dedupe_key}:{chat_id}" if dedupe_key is not None else None
        queued = await self._repos.outbox.enqueue(
            chat_id, rendered.text, rendered.reply_markup, chat_key
        )
        if queued is None:
            log.debug("outbox: %s already queued for a chat", dedupe_key)
            return False
        if self.on_enqueue is not None:
            self.on_enqueue()
        return True
