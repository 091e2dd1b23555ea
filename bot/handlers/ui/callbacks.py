"""Every kind of ``callback_data`` the bot puts on a button, built and parsed here only.

Telegram carries at most :data:`MAX_CALLBACK_BYTES` of data per button and sends them back as
they were when the button is pressed. Each kind is ``<prefix>:<value>``: a handler registers the
kind's :attr:`~CallbackKind.pattern` and reads the value with :func:`value`.

==============  ==========================  ===================================================
data            value                       the button (its handler)
==============  ==========================  ===================================================
``pay:``        invoice id                  Pay, on /pay and on notices (parents)
``portal:``     customer id                 whose portal, on /portal (portal)
``op:``         ``<op id>:ok`` / ``:no``    Confirm / Cancel of a money operation (confirm)
``invc:``       customer id                 a customer picked in /invoice (invoice_flow)
``cust:``       customer id                 a customer picked in /customer (customer_view)
``invite:``     customer id                 a customer picked in /invite (invites)
``invk:`` ...   concept index               a usual concept, in /invoice and /checkout (``cok:``)
``invd:`` ...   due-date code               a quick due date, in /invoice and /checkout (``cod:``)
``lang:``       ``es`` / ``en``             /language
``unlink:``     ``yes`` / ``no``            /unlink's confirmation
``ovd:``        page, or ``new``            a page of /overdue; ``new``: as a new message
``ovc:``        customer id                 open a family's card from /overdue
``rmd:``        customer id                 remind a family (/overdue, /remind's picks)
``cut:``        ``YYYY-MM-DD``              the cut of a day (the office summary)
``notif:``      ``on`` / ``off``            /notifications
``bk:``         ``<batch id>:ok`` / ``:no``  Confirm / Cancel of a bulk batch (bulk)
==============  ==========================  ===================================================

The collections' kinds (the last five) also have named builders and parsers below.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

__all__ = [
    "BULK",
    "CARD",
    "CARD_PATTERN",
    "CHECKOUT_CONCEPT",
    "CHECKOUT_DUE",
    "CUSTOMER_PICK",
    "CUT",
    "CUT_PATTERN",
    "INVITE_PICK",
    "INVOICE_CONCEPT",
    "INVOICE_DUE",
    "INVOICE_PICK",
    "LANGUAGE",
    "MAX_CALLBACK_BYTES",
    "NOTIFY",
    "NOTIFY_PATTERN",
    "OP",
    "OVERDUE",
    "OVERDUE_NEW",
    "OVERDUE_PATTERN",
    "PAY",
    "PORTAL",
    "REMIND",
    "REMIND_ACTION",
    "REMIND_PATTERN",
    "UNLINK",
    "CallbackKind",
    "CallbackTooLong",
    "any_of",
    "card_data",
    "customer_of",
    "cut_data",
    "day_of",
    "fits",
    "notify_data",
    "op_choice",
    "overdue_data",
    "page_of",
    "remind_data",
    "value",
]

MAX_CALLBACK_BYTES = 64
"""Telegram's limit on a button's callback data, in bytes (UTF-8)."""


class CallbackTooLong(ValueError):
    """Callback data over :data:`MAX_CALLBACK_BYTES`: Telegram would refuse the message."""


def fits(data: str) -> bool:
    """True when Telegram takes ``data`` as a button's callback data."""
    return len(data.encode()) <= MAX_CALLBACK_BYTES


@dataclass(frozen=True, slots=True)
class CallbackKind:
    """One kind of button data: ``<prefix>:<value>``.

    Args:
        prefix: what tells this kind from the others (short: it counts in the 64 bytes).
        values: a regular expression of every value the handler accepts, making the pattern
            exact; empty: the pattern takes anything after ``<prefix>:`` and the handler checks
            the value itself (an id it looks up).
    """

    prefix: str
    values: str = ""

    @property
    def pattern(self) -> str:
        """The ``CallbackQueryHandler`` pattern of this kind."""
        head = f"^{re.escape(self.prefix)}:"
        return f"{head}{self.values}$" if self.values else head

    def data(self, *parts: str) -> str:
        """``<prefix>:<part>[:<part>…]``, the callback data of one button.

        Raises:
            CallbackTooLong: it would not fit in Telegram's 64 bytes.
        """
        built = ":".join((self.prefix, *parts))
        if not fits(built):
            raise CallbackTooLong(f"{self.prefix}: callback data of {len(built.encode())} bytes")
        return built

    def data_if_fits(self, *parts: str) -> str | None:
        """Like :meth:`data`, or None when too long (the caller leaves that button out)."""
        try:
            return self.data(*parts)
        except CallbackTooLong:
            return None


def value(data: str) -> str:
    """What follows the prefix in a pressed button's data (its handler matched the prefix)."""
    return data.partition(":")[2]


def any_of(*kinds: CallbackKind) -> str:
    """A pattern matching the buttons of any of ``kinds`` (e.g. a flow's, once it is over)."""
    return "^(" + "|".join(re.escape(kind.prefix) for kind in kinds) + "):"


PAY = CallbackKind("pay")
PORTAL = CallbackKind("portal")
OP = CallbackKind("op", r"([A-Za-z0-9_-]{1,40}):(ok|no)")

# A customer picked among those a search matched, one kind per command.
INVOICE_PICK = CallbackKind("invc")
CUSTOMER_PICK = CallbackKind("cust")
INVITE_PICK = CallbackKind("invite")

# The quick picks of the guided flows (bot.handlers.ui.quickpicks).
INVOICE_CONCEPT = CallbackKind("invk")
INVOICE_DUE = CallbackKind("invd")
CHECKOUT_CONCEPT = CallbackKind("cok")
CHECKOUT_DUE = CallbackKind("cod")

LANGUAGE = CallbackKind("lang", "(es|en)")
UNLINK = CallbackKind("unlink", "(yes|no)")
# Confirm / Cancel of a bulk batch (bot.handlers.bulk).
BULK = CallbackKind("bk", r"([A-Za-z0-9_-]{1,20}):(ok|no)")


def op_choice(data: str) -> tuple[str, str]:
    """The operation id and the choice (``ok`` or ``no``) of a pressed :data:`OP` button."""
    op_id, _, choice = value(data).partition(":")
    return op_id, choice


# --- Collections: /overdue, /remind, /today's day, /notifications ---

OVERDUE = CallbackKind("ovd", "([0-9]{1,4}|new)")
CARD = CallbackKind("ovc")
REMIND = CallbackKind("rmd")
CUT = CallbackKind("cut", "[0-9]{4}-[0-9]{2}-[0-9]{2}")
NOTIFY = CallbackKind("notif", "(on|off)")

REMIND_ACTION = REMIND.prefix
OVERDUE_PATTERN = OVERDUE.pattern
OVERDUE_NEW = OVERDUE.data("new")
CARD_PATTERN = CARD.pattern
REMIND_PATTERN = REMIND.pattern
CUT_PATTERN = CUT.pattern
NOTIFY_PATTERN = NOTIFY.pattern


def overdue_data(page: int) -> str:
    """``ovd:<page>`` (pages count from 0)."""
    return OVERDUE.data(str(page))


def card_data(customer_id: str) -> str | None:
    """``ovc:<customer_id>``, or None when it would not fit."""
    return CARD.data_if_fits(customer_id)


def remind_data(customer_id: str) -> str | None:
    """``rmd:<customer_id>``, or None when it would not fit."""
    return REMIND.data_if_fits(customer_id)


def cut_data(day: date) -> str:
    """``cut:<YYYY-MM-DD>``."""
    return CUT.data(day.isoformat())


def notify_data(on: bool) -> str:
    """``notif:on`` or ``notif:off``."""
    return NOTIFY.data("on" if on else "off")


def page_of(data: str) -> int:
    """The page of ``ovd:<page>`` (``ovd:new``: the first)."""
    page = value(data)
    return int(page) if page.isdigit() else 0


def customer_of(data: str) -> str:
    """The customer id of ``ovc:`` and ``rmd:`` data."""
    return value(data)


def day_of(data: str) -> date:
    """The day of ``cut:<YYYY-MM-DD>``.

    Raises:
        ValueError: not a real day.
    """
    return date.fromisoformat(value(data))
