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
from bot.services.receipts import Receipt

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
        fallback: where the notices go while no office chat can be reached (the bot was
            removed from the office group): the admins' private chats.
    """

    def __init__(
        self, notifier: Notifier, chats: Sequence[int], fallback: Sequence[int] = ()
    ) -> None:
        self._notifier = notifier
        self.chats: tuple[int, ...] = tuple(chats)
        self._fallback = tuple(c for c in fallback if c not in self.chats)

    async def recipients(self) -> tuple[int, ...]:
        """The office chats that can be reached now; the admins' chats when none can (so a
        notice or a proof to review is never lost to a group the bot was removed from)."""
        reachable = tuple([c for c in self.chats if await self._notifier.reachable(c)])
        return reachable or self._fallback or self.chats

    async def office_unreachable(self, chat_id: int) -> int:
        """Telegram refused an office chat (the bot was removed from the group): tell the
        admins, once until it is reachable again."""
        if chat_id not in self.chats or not self._fallback:
            return 0
        await self._notifier.unreachable(chat_id)
        return await self.tell("office.unreachable", dedupe_key=None)

    async def tell(self, key: str, *, dedupe_key: str | None, **values: Any) -> int:
        """Queue the text ``key`` for every office chat (or the admins while none can be
        reached); how many chats it was queued for.

        Never raises: the office's notice must not turn what happened into an error.
        """
        queued = 0
        for chat_id in await self.recipients():
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

    async def paid(self, receipt: Receipt) -> int:
        """The payment a family's receipt tells (once per invoice), saying how it was paid."""
        method = receipt.how if isinstance(receipt.how, PaymentMethod) else None
        return await self.payment(
            receipt.invoice_id,
            name=receipt.name,
            concept=receipt.concept,
            amount=receipt.amount,
            paid_on=receipt.paid_on,
            method=method,
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
