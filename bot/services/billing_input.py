"""What staff type for a money operation, checked before anything reaches Quentli.

Every check raises :class:`~bot.parsing.InputError` (or its ``AmountError`` / ``DateError``
subclasses) carrying a catalog key, so the Telegram layer answers with ``t.error(err)`` and
nothing is sent. Nothing here talks to Quentli, the store or Telegram.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta, tzinfo

from bot.parsing import DateError, InputError, echo, end_of_month, parse_amount, parse_date
from bot.services.linking import normalize_mx_phone

__all__ = [
    "CONCEPTS",
    "DUE_CHOICES",
    "MAX_DESCRIPTION",
    "MAX_DUE_DAYS",
    "Contact",
    "InvoiceArgs",
    "check_due",
    "check_paid_on",
    "clean_description",
    "clean_name",
    "clean_username",
    "due_choice",
    "example_due",
    "example_paid_on",
    "invoice_id",
    "looks_like_invoice_id",
    "parse_contact",
    "parse_invoice_args",
]

#: The concepts offered as quick buttons (a typed concept works too).
CONCEPTS: tuple[str, ...] = ("Colegiatura", "Inscripción", "Transporte", "Uniforme", "Material")

#: Longest concept / description accepted (Quentli shows it to the family).
MAX_DESCRIPTION = 120

#: How far ahead a due date may be: a typo like 2052 must not slip through.
MAX_DUE_DAYS = 366

#: Quick due-date picks: end of this month, the 10th of next month, in 7 days.
DUE_CHOICES: tuple[str, ...] = ("eom", "d10", "w1")

# inv_ + 1..60 letters/digits (Quentli's are inv_ + 20; the PLAN says not to over-validate), or
# the older cuid form (25 characters starting with "c").
_INVOICE_ID = re.compile(r"inv_[A-Za-z0-9]{1,60}|c[a-z0-9]{24}")
_DUE_WORDS = frozenset({"due", "vence", "vencimiento"})
# What people put before or after the number as a word of its own: "$ 1500", "1500 pesos".
# The same signs and words parse_amount strips when they are written together with it.
_CURRENCY_SIGNS = frozenset({"$", "mx$"})
_CURRENCY_WORD = re.compile(r"(?:mxn|pesos?)\.?", re.IGNORECASE)
_USERNAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,39}")
_EMAIL = re.compile(r"[^@\s<>]+@[^@\s<>]+\.[A-Za-z]{2,}")


def looks_like_invoice_id(text: str) -> bool:
    """True for text shaped like an invoice id (``inv_…``, or an older cuid-style id)."""
    return _INVOICE_ID.fullmatch(text.strip()) is not None


def invoice_id(text: str) -> str:
    """The invoice id in ``text``, checked for shape before any call.

    Raises:
        InputError: ``billing.invoice_id.missing`` or ``billing.invoice_id.bad``.
    """
    value = text.strip()
    if not value:
        raise InputError("billing.invoice_id.missing")
    if _INVOICE_ID.fullmatch(value) is None:
        raise InputError("billing.invoice_id.bad", text=echo(value))
    return value


def clean_description(text: str) -> str:
    """A concept as typed, whitespace collapsed.

    Raises:
        InputError: ``billing.description.empty`` or ``billing.description.long``.
    """
    value = " ".join(text.split())
    if not value:
        raise InputError("billing.description.empty")
    if len(value) > MAX_DESCRIPTION:
        raise InputError("billing.description.long", max=str(MAX_DESCRIPTION))
    return value


def check_due(day: date, today: date) -> date:
    """A due date must be today or later, and not absurdly far.

    Raises:
        InputError: ``billing.due.past`` or ``billing.due.far``.
    """
    if day < today:
        raise InputError("billing.due.past", text=day.strftime("%d/%m/%Y"))
    if day > today + timedelta(days=MAX_DUE_DAYS):
        raise InputError("billing.due.far", text=day.strftime("%d/%m/%Y"))
    return day


def check_paid_on(day: date, today: date) -> date:
    """A payment received cannot be in the future.

    Raises:
        InputError: ``billing.paid_on.future``.
    """
    if day > today:
        raise InputError("billing.paid_on.future", text=day.strftime("%d/%m/%Y"))
    return day


def example_due(today: date) -> date:
    """The due date usage examples show: the end of next month (valid whenever it is read)."""
    return end_of_month(end_of_month(today) + timedelta(days=1))


def example_paid_on(today: date) -> date:
    """The payment date usage examples show: yesterday (a payment cannot be in the future)."""
    return today - timedelta(days=1)


def due_choice(code: str, today: date) -> date:
    """The day a quick pick means: ``eom`` end of this month, ``d10`` the 10th of next month,
    ``w1`` a week from today.

    Raises:
        ValueError: an unknown code (a forged button).
    """
    if code == "eom":
        return end_of_month(today)
    if code == "d10":
        return (end_of_month(today) + timedelta(days=1)).replace(day=10)
    if code == "w1":
        return today + timedelta(days=7)
    raise ValueError(f"unknown due choice {code!r}")


@dataclass(frozen=True, slots=True)
class InvoiceArgs:
    """``/invoice <customer> [<amount> [<description…> [due <date>]]]``, parsed.

    What is missing is asked by the guided flow; with a description and no due date the due
    date is the end of this month (shown in the summary before anything is sent).
    """

    customer: str
    amount: int | None = None
    description: str | None = None
    due: date | None = None


def parse_invoice_args(args: list[str], tz: tzinfo, today: date) -> InvoiceArgs:
    """Parse the one-line form. The customer is the first word (an id or student number when
    the name has spaces).

    Raises:
        InputError: a bad amount, description or date (nothing is looked up yet).
    """
    if not args:
        raise InputError("billing.oneline.usage")
    customer = args[0]
    if len(args) == 1:
        return InvoiceArgs(customer)
    amount_text, rest = _amount_words(args[1:])
    amount = parse_amount(amount_text)
    due: date | None = None
    marks = [i for i, word in enumerate(rest) if word.lower() in _DUE_WORDS]
    if marks:
        at = marks[-1]
        date_text = " ".join(rest[at + 1 :])
        if not date_text:
            raise DateError("date.empty", "")
        due = check_due(parse_date(date_text, tz), today)
        rest = rest[:at]
    if not rest:
        if due is not None:
            raise InputError("billing.description.empty")
        return InvoiceArgs(customer, amount)
    description = clean_description(" ".join(rest))
    return InvoiceArgs(customer, amount, description, due or end_of_month(today))


def _amount_words(words: list[str]) -> tuple[str, list[str]]:
    """Split ``words`` into the amount as typed and what follows it.

    A currency sign typed apart from the number (``$ 1500``) and a currency word right after
    it (``1500 pesos``, ``1500 MXN``) belong to the amount, not to the concept.
    """
    taken = 2 if words[0].lower() in _CURRENCY_SIGNS and len(words) > 1 else 1
    if len(words) > taken and _CURRENCY_WORD.fullmatch(words[taken]):
        taken += 1
    return " ".join(words[:taken]), words[taken:]


def clean_name(text: str) -> str:
    """A family's or student's full name for a checkout.

    Raises:
        InputError: ``billing.name.bad``.
    """
    value = " ".join(text.split())
    if not 2 <= len(value) <= 100 or not any(ch.isalpha() for ch in value):
        raise InputError("billing.name.bad", text=echo(value))
    return value


def clean_username(text: str) -> str:
    """A student number: letters, digits, ``.``, ``_``, ``-``; 1 to 40 characters.

    Raises:
        InputError: ``billing.username.bad``.
    """
    value = text.strip()
    if _USERNAME.fullmatch(value) is None:
        raise InputError("billing.username.bad", text=echo(value))
    return value


@dataclass(frozen=True, slots=True)
class Contact:
    """A checkout family's phone (E.164) or e-mail: exactly one is set."""

    phone: str | None = None
    email: str | None = None


def parse_contact(text: str) -> Contact:
    """A Mexican (or international) phone number or an e-mail address.

    Raises:
        InputError: ``billing.contact.bad_email`` or ``billing.contact.bad_phone``.
    """
    value = text.strip()
    if "@" in value:
        if _EMAIL.fullmatch(value) is None or len(value) > 254:
            raise InputError("billing.contact.bad_email", text=echo(value))
        return Contact(email=value)
    phone = normalize_mx_phone(value)
    if phone is None:
        raise InputError("billing.contact.bad_phone", text=echo(value))
    return Contact(phone=phone)
