"""How reminders and the office's summary read: typed results of the services turned into
catalog texts, values and buttons for the outbox (``Notifier``), in each chat's language.

These implement the services' delivery protocols (``ReminderDelivery``, ``OfficeDelivery``) and
are given to them at start-up (``bot.runtime``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from bot.handlers.ui import callbacks
from bot.handlers.ui.callbacks import OVERDUE_NEW, cut_data
from bot.services.notifications import Button, Days, Lines, Money, Notifier
from bot.services.reminder_results import ChatReminder, DueInvoice
from bot.services.reports import DayCut, OfficeDigest

__all__ = ["MAX_REMINDER_LINES", "OfficeNotices", "ReminderNotices", "cut_totals"]

#: Invoices listed (each with its Pay button) in one reminder; the rest are counted.
MAX_REMINDER_LINES = 15
MAX_DIGEST_LINES = 15
CONCEPT_CHARS = 120
BUTTON_CONCEPT_CHARS = 28
NAME_CHARS = 60

Entry = tuple[str, Mapping[str, Any]]


def short(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters with an ellipsis."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _tone(items: Sequence[DueInvoice]) -> str:
    """The firmest wording the invoices call for: overdue, due today, or before."""
    firmest = max(item.day_offset for item in items)
    return "overdue" if firmest > 0 else "due" if firmest == 0 else "before"


def _line(item: DueInvoice) -> Entry:
    values: dict[str, Any] = {
        "name": short(item.customer_name, NAME_CHARS),
        "concept": short(item.concept, CONCEPT_CHARS),
        "amount": Money(item.amount),
        "due": item.due_date,
    }
    if item.day_offset < 0:
        return "remind.line.before", {**values, "days": Days(-item.day_offset)}
    return ("remind.line.due" if item.day_offset == 0 else "remind.line.overdue"), values


def _pay_button(item: DueInvoice, several: bool) -> Button | None:
    callback = callbacks.PAY.data_if_fits(item.invoice_id)
    if callback is None:
        return None
    values: dict[str, Any] = {
        "concept": short(item.concept, BUTTON_CONCEPT_CHARS),
        "amount": Money(item.amount),
    }
    if several:
        first_name = item.customer_name.split()[0] if item.customer_name.split() else ""
        return Button(callback, "remind.button_named", {**values, "name": short(first_name, 14)})
    return Button(callback, "remind.button", values)


class _Notices:
    """Notices through ``notifier`` (renders in the chat's language and queues in the
    outbox), with ``school_name`` at the top when set."""

    def __init__(self, notifier: Notifier, school_name: str | None) -> None:
        self._notifier = notifier
        self._school = school_name

    def _school_line(self) -> list[Entry]:
        return [("remind.school", {"name": self._school})] if self._school else []


class ReminderNotices(_Notices):
    """Queues reminder messages: one per chat, every invoice with its Pay button."""

    async def remind(self, reminder: ChatReminder, *, dedupe_key: str, requested: bool) -> bool:
        """Queue ``reminder`` for its chat (``requested``: staff's /remind)."""
        items = reminder.invoices
        shown = items[:MAX_REMINDER_LINES]
        tone = _tone(items)
        head = self._school_line()
        head.append((f"remind.head.{'requested' if requested else tone}", {}))
        lines = [_line(item) for item in shown]
        if len(items) > len(shown):
            lines.append(("remind.more", {"count": len(items) - len(shown)}))
        closing: list[Entry] = [(f"remind.closing.{tone}", {}), ("remind.off_hint", {})]
        several = len({item.customer_id for item in items}) > 1
        buttons = [b for item in shown if (b := _pay_button(item, several)) is not None]
        return await self._notifier.to_user(
            reminder.chat_id,
            "remind.message",
            dedupe_key=dedupe_key,
            buttons=buttons,
            head=Lines(head),
            lines=Lines(lines),
            closing=Lines(closing),
        )


def cut_totals(cut: DayCut) -> list[Entry]:
    """The totals of a day's cut by method, then the total (catalog entries)."""
    entries: list[Entry] = [
        (
            "cut.method_total",
            {
                "method": Lines([(f"cut.method.{total.method}", {})]),
                "amount": Money(total.amount),
                "count": total.payments,
            },
        )
        for total in cut.totals
    ]
    entries.append(("cut.total", {"amount": Money(cut.amount), "count": len(cut.payments)}))
    return entries


class OfficeNotices(_Notices):
    """Queues the office's daily summary; its buttons open /overdue and the day's cut (each
    press re-checks that the person is staff). It never holds a payment or portal link."""

    async def digest(self, chat_id: int, digest: OfficeDigest, *, dedupe_key: str) -> bool:
        """Queue ``digest`` for ``chat_id`` (the office group or an admin)."""
        title = self._school_line()
        title.append(("digest.title", {"date": digest.day}))
        cut: list[Entry] = [("digest.cut_head", {})]
        cut += cut_totals(digest.cut) if digest.cut.payments else [("digest.none", {})]
        overdue: list[Entry] = [("digest.overdue_head", {})]
        fresh = digest.newly_overdue
        for item in fresh[:MAX_DIGEST_LINES]:
            overdue.append(
                (
                    "digest.overdue_line",
                    {
                        "name": short(item.name, NAME_CHARS),
                        "concept": short(item.concept, CONCEPT_CHARS),
                        "amount": Money(item.amount),
                    },
                )
            )
        if len(fresh) > MAX_DIGEST_LINES:
            overdue.append(("digest.more", {"count": len(fresh) - MAX_DIGEST_LINES}))
        if fresh:
            total = Money(sum(item.amount for item in fresh))
            overdue.append(("digest.overdue_total", {"amount": total, "count": len(fresh)}))
        else:
            overdue.append(("digest.none", {}))
        lost: list[Entry] = []
        if digest.proofs_waiting is not None:
            lost.append(("digest.proofs", {"count": digest.proofs_waiting}))
        lost.append(("digest.lost_head", {}))
        for chat in digest.lost_chats[:MAX_DIGEST_LINES]:
            # the reasons the outbox (a 403) and /unlink store on the links
            reason = chat.reason if chat.reason in ("blocked", "unlinked") else "other"
            names = ", ".join(short(name, NAME_CHARS) for name in chat.customer_names)
            lost.append((f"digest.lost.{reason}", {"names": names}))
        if len(digest.lost_chats) > MAX_DIGEST_LINES:
            lost.append(("digest.more", {"count": len(digest.lost_chats) - MAX_DIGEST_LINES}))
        if not digest.lost_chats:
            lost.append(("digest.none", {}))
        buttons = [
            Button(OVERDUE_NEW, "digest.button_overdue"),
            Button(cut_data(digest.day), "digest.button_cut"),
        ]
        return await self._notifier.to_user(
            chat_id,
            "digest.message",
            dedupe_key=dedupe_key,
            buttons=buttons,
            title=Lines(title),
            cut=Lines(cut),
            overdue=Lines(overdue),
            lost=Lines(lost),
        )
