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
``qam:``        centavos                    a reading of an amount typed two ways (amounts)
``lang:``       ``es`` / ``en``             /language
``unlink:``     ``yes`` / ``no``            /unlink's confirmation
``ovd:``        page, or ``new``            a page of /overdue; ``new``: as a new message
``ovc:``        customer id                 open a family's card from /overdue
``rmd:``        customer id                 remind a family (/overdue, /remind's picks)
``cut:``        ``YYYY-MM-DD``              the cut of a day (the office summary)
``notif:``      ``on`` / ``off``            /notifications
``jcb:``        customer id                 bill an existing family instead (checkout_detour)
``jcc:``        ``username`` / ``contact``  change what matched, in /checkout (checkout_detour)
``jcy:``        ``go``                      a new student after all, in /checkout (detour)
``jsib:``       ``<ref>:on`` / ``:off``     an invite's siblings included or not (family_invites)
``ti:``         shop item id                an item picked in /shop (shop)
``tc:``         index of the child          which child the item is for (shop)
``tq:``         quantity                    how many (shop)
``tbuy:``       ``<op id>:ok`` / ``:no``    Confirm / Cancel of a parent's purchase (shop)
``ka:``         ``<action>:<invoice id>``   an invoice action: the card's buttons, a picked
                                            invoice (invoice_actions)
``kcp:``        ``<page>:<customer id>``    a page of the student card (customer_view)
``kc:``         ``<action>:<customer id>``  a customer picked for an invoice action
``kp:``         ``<action>:<page>:<cus>``   a page of a customer's unpaid invoices to pick
``km:``         ``<method>:<day>:<inv>``    how it was paid, in /markpaid (``day``: YYYYMMDD
                                            or ``-``: the moment of the summary)
``kd:``         ``today``/``yday``:<op>     another payment day for a /markpaid summary
``mnu:``        ``pay`` / ``status`` / …    the menu of a parent who wrote words (words)
``xpi:``        ``<proof>:<invoice id|->``  which invoice a proof of payment is for (proofs)
``xpa:``        proof id                    Approve a proof (proof_review)
``xpv:``        ``<proof>:<invoice id>``    the invoice a reviewer picks for "another payment"
``xpd:``        ``<proof>:<days ago>``      the payment date of an approved proof
``xpr:``        proof id                    Reject a proof
``xpx:``        ``<proof>:<reason>``        why a proof is rejected
``xpb:``        proof id                    back to Approve / Reject
``bk:``         ``<batch id>:ok`` / ``:no``  Confirm / Cancel of a bulk batch (bulk)
==============  ==========================  ===================================================

The collections' kinds (the last five) also have named builders and parsers below.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

__all__ = [
    "AMOUNT_PICK",
    "BULK",
    "CARD",
    "CARD_PAGE",
    "CARD_PATTERN",
    "CHECKOUT_ANYWAY",
    "CHECKOUT_BILL_INSTEAD",
    "CHECKOUT_CHANGE",
    "CHECKOUT_CONCEPT",
    "CHECKOUT_DUE",
    "CUSTOMER_PICK",
    "CUT",
    "CUT_PATTERN",
    "INVITE_PICK",
    "INVITE_SIBLINGS",
    "INVOICE_ACTION",
    "INVOICE_ACTION_CUSTOMER",
    "INVOICE_ACTION_PAGE",
    "INVOICE_CONCEPT",
    "INVOICE_DUE",
    "INVOICE_PICK",
    "LANGUAGE",
    "MAX_CALLBACK_BYTES",
    "MENU",
    "NOTIFY",
    "NOTIFY_PATTERN",
    "OP",
    "OVERDUE",
    "OVERDUE_NEW",
    "OVERDUE_PATTERN",
    "PAID_DAY",
    "PAID_METHOD",
    "PAY",
    "PORTAL",
    "PROOF_APPROVE",
    "PROOF_BACK",
    "PROOF_DATE",
    "PROOF_INVOICE",
    "PROOF_PICK",
    "PROOF_REASON",
    "PROOF_REJECT",
    "REMIND",
    "REMIND_ACTION",
    "REMIND_PATTERN",
    "SHOP_CHILD",
    "SHOP_ITEM",
    "SHOP_OP",
    "SHOP_QUANTITY",
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
    "proof_parts",
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
# Which amount was meant, when what was typed reads two ways (/invoice and /checkout).
AMOUNT_PICK = CallbackKind("qam", "[0-9]{1,9}")

# /checkout found a customer that already has the new family's student id, phone or e-mail
# (bot.handlers.checkout_detour); an invite's siblings switch (bot.handlers.family_invites).
CHECKOUT_BILL_INSTEAD = CallbackKind("jcb")
CHECKOUT_CHANGE = CallbackKind("jcc", "(username|contact)")
CHECKOUT_ANYWAY = CallbackKind("jcy", "go")
INVITE_SIBLINGS = CallbackKind("jsib", "([0-9a-f]{16}):(on|off)")
# The school shop (bot.handlers.shop): a parent's picks, and their purchase's Confirm / Cancel.
SHOP_ITEM = CallbackKind("ti", "[0-9]{1,9}")
SHOP_CHILD = CallbackKind("tc", "[0-9]{1,2}")
SHOP_QUANTITY = CallbackKind("tq", "[0-9]{1,2}")
SHOP_OP = CallbackKind("tbuy", r"([A-Za-z0-9_-]{1,40}):(ok|no)")
# The student card and the invoice actions (bot.handlers.invoice_actions): an action's code is
# a key of its table; ids are Quentli's (``inv_…``, ``cus_…``).
_CODE = "[a-z]{2,5}"
_ID = "[A-Za-z0-9_-]{1,48}"
INVOICE_ACTION = CallbackKind("ka", f"{_CODE}:{_ID}")
CARD_PAGE = CallbackKind("kcp", f"[0-9]{{1,3}}:{_ID}")
INVOICE_ACTION_CUSTOMER = CallbackKind("kc", f"{_CODE}:{_ID}")
INVOICE_ACTION_PAGE = CallbackKind("kp", f"{_CODE}:[0-9]{{1,3}}:{_ID}")
PAID_METHOD = CallbackKind("km", f"[a-z_]{{2,12}}:([0-9]{{8}}|-):{_ID}")
PAID_DAY = CallbackKind("kd", "(today|yday):[A-Za-z0-9_-]{1,40}")

LANGUAGE = CallbackKind("lang", "(es|en)")
UNLINK = CallbackKind("unlink", "(yes|no)")
MENU = CallbackKind("mnu", "(pay|status|portal|help)")
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


# --- Proofs of payment: the parent's choice, the office's review ---

PROOF_INVOICE = CallbackKind("xpi", r"([0-9]{1,12}):([A-Za-z0-9_-]{1,45}|-)")
PROOF_APPROVE = CallbackKind("xpa", "[0-9]{1,12}")
PROOF_PICK = CallbackKind("xpv", r"([0-9]{1,12}):([A-Za-z0-9_-]{1,45})")
PROOF_DATE = CallbackKind("xpd", "([0-9]{1,12}):(0|1)")
PROOF_REJECT = CallbackKind("xpr", "[0-9]{1,12}")
PROOF_REASON = CallbackKind("xpx", "([0-9]{1,12}):(illegible|amount|notfound|other)")
PROOF_BACK = CallbackKind("xpb", "[0-9]{1,12}")


def proof_parts(data: str) -> tuple[int, str]:
    """The proof id and the rest of a pressed proof button (``xpi:``, ``xpd:``, ``xpx:``...)."""
    proof, _, rest = value(data).partition(":")
    return int(proof), rest
