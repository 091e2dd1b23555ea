"""The office's notices: ``STAFF_CHAT_ID`` (a group of the school office), else each admin's
private chat.

Every payment the bot learns of (a webhook, the poller, a mark-paid, an approved proof, a card
charge), a failed card charge, and a chat that blocked the bot are queued here through the
notifier's outbox, each once per chat (dedupe keys per invoice or event). An office notice never
holds a payment or portal link (SPEC rule 1): its values are names, concepts, amounts and dates.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from bot.services.notifications import Money, Notifier
from bot.services.payment_methods import PaymentMethod

__all__ = ["Office", "office_paid_key"]

log = logging.getLogger(__name__)


def office_paid_key(invoice_id: str) -> str:
    """The dedupe key of the office's "payment received" for an invoice: told once, whoever
    learns of the payment first (webhook, poller, a mark-paid)."""
    return f"office-paid:{invoice_id}"


class Office:
    """Queues the office's notices.

    Args:
        notifier: queues the messages (in each chat's language).
        chats: the office's chats: ``[STAFF_CHAT_ID]``, else the admins' ids.
    """

    def __init__(self, notifier: Notifier, chats: Sequence[int]) -> None:
        self._notifier = notifier
        self.chats: tuple[int, ...] = tuple(chats)

    async def tell(self, key: str, *, dedupe_key: str | None, **values: Any) -> int:
        """Queue the text ``key`` for every office chat; how many chats it was queued for.

        Never raises: the office's notice must not turn what happened into an error.
        """
        queued = 0
        for chat_id in self.chats:
            try:
                queued += await self._notifier.to_user(
                    chat_id, key, dedupe_key=dedupe_key, **values
                )
            except Exception:
                log.exception("could not queue an office notice %s", key)
        return queued

    async def payment(
        self,
        invoice_id: str,
        *,
        name: str,
        concept: str,
        amount: int,
        paid_on: date | datetime,
        method: PaymentMethod | None = None,
    ) -> int:
        """A payment the bot learned of (once per invoice)."""
        key = "office.paid" if method is None else f"office.paid.{method.value}"
        return await self.tell(
            key,
            dedupe_key=office_paid_key(invoice_id),
            name=name,
            concept=concept,
            amount=Money(amount),
            paid_on=paid_on,
        )

    async def charge_failed(
        self, invoice_id: str, event: str, *, name: str, concept: str, amount: int
    ) -> int:
        """A card charge of ``invoice_id`` failed (once per ``event``)."""
        return await self.tell(
            "office.charge_failed",
            dedupe_key=f"office-failed:{invoice_id}:{event}",
            name=name,
            concept=concept,
            amount=Money(amount),
        )

    async def chat_blocked(
        self, chat_id: int, names: Sequence[str], person: str | None = None
    ) -> int:
        """A parent's chat blocked the bot: nothing reaches it until it writes again.

        Args:
            chat_id: the chat.
            names: the families (students) it is linked to.
            person: who is behind the chat, when the bot knows their name.
        """
        if not names or chat_id in self.chats:
            return 0
        families = ", ".join(names)
        if person:
            return await self.tell(
                "office.chat_blocked_person", dedupe_key=None, person=person, names=families
            )
        return await self.tell("office.chat_blocked", dedupe_key=None, names=families)
