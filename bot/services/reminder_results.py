"""The typed results of reminders: the reminder messages, a check's run, and /remind's outcomes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal

from bot.quentli import Customer

__all__ = [
    "AllMuted",
    "AlreadyReminded",
    "ChatReminder",
    "DueInvoice",
    "FamilyOutcome",
    "FamilyReminded",
    "FamilyTarget",
    "NoChats",
    "NothingOwed",
    "ReminderRun",
    "UnknownFamily",
]


@dataclass(frozen=True, slots=True)
class DueInvoice:
    """An unpaid invoice in a reminder. ``day_offset``: days from its due date to the day of
    the reminder (negative: before, 0: the due day, positive: overdue)."""

    invoice_id: str
    customer_id: str
    customer_name: str
    concept: str
    amount: int
    due_date: datetime
    day_offset: int


@dataclass(frozen=True, slots=True)
class ChatReminder:
    """One reminder message: every invoice due for a reminder in one chat, by due date."""

    chat_id: int
    invoices: tuple[DueInvoice, ...]


@dataclass(frozen=True, slots=True)
class ReminderRun:
    """What one check did: ``off`` (no REMINDER_DAYS), ``outside_window`` or ``done``."""

    day: date
    status: Literal["off", "outside_window", "done"]
    customers: int = 0
    chats: int = 0
    reminders: int = 0


@dataclass(frozen=True, slots=True)
class FamilyReminded:
    """/remind queued a reminder for ``chats`` chats; ``muted`` chats had reminders off."""

    name: str
    chats: int
    invoices: tuple[DueInvoice, ...]
    muted: int

    @property
    def total(self) -> int:
        """Centavos owed, in the reminder."""
        return sum(item.amount for item in self.invoices)


@dataclass(frozen=True, slots=True)
class AlreadyReminded:
    """The family was reminded by staff today already (at ``at``, ``chats`` chats)."""

    name: str
    at: datetime
    chats: int


@dataclass(frozen=True, slots=True)
class NoChats:
    """No chat is linked to the family (or every link is inactive): invite them.
    ``handle`` is how to name them in /invite: the student number, else the name."""

    name: str
    handle: str


@dataclass(frozen=True, slots=True)
class UnknownFamily:
    """No such customer in Quentli (a stale button)."""


@dataclass(frozen=True, slots=True)
class AllMuted:
    """Every linked chat turned reminders off with /notifications."""

    name: str
    chats: int


@dataclass(frozen=True, slots=True)
class NothingOwed:
    """The family owes nothing: no reminder."""

    name: str


FamilyOutcome = FamilyReminded | AlreadyReminded | NoChats | AllMuted | NothingOwed | UnknownFamily

#: Whom /remind names: the customer found, or a customer id (a button).
FamilyTarget = Customer | str
