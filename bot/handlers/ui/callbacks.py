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
==============  ==========================  ===================================================
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = [
    "CHECKOUT_CONCEPT",
    "CHECKOUT_DUE",
    "CUSTOMER_PICK",
    "INVITE_PICK",
    "INVOICE_CONCEPT",
    "INVOICE_DUE",
    "INVOICE_PICK",
    "LANGUAGE",
    "MAX_CALLBACK_BYTES",
    "OP",
    "PAY",
    "PORTAL",
    "UNLINK",
    "CallbackKind",
    "CallbackTooLong",
    "any_of",
    "fits",
    "op_choice",
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


def op_choice(data: str) -> tuple[str, str]:
    """The operation id and the choice (``ok`` or ``no``) of a pressed :data:`OP` button."""
    op_id, _, choice = value(data).partition(":")
    return op_id, choice
