"""What staff type for a money operation, checked before anything reaches Quentli.

Every check raises :class:`~bot.parsing.InputError` (or its ``AmountError`` / ``DateError``
subclasses) carrying a catalog key, so the Telegram layer answers with ``t.error(err)`` and
nothing is sent. Nothing here talks to Quentli, the store or Telegram.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta, tzinfo

from bot.parsing import (
    AmbiguousAmount,
    DateError,
    InputError,
    echo,
    end_of_month,
    parse_amount,
    parse_date,
)
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
    "due_is_far",
    "example_due",
    "example_paid_on",
    "invoice_id",
    "looks_like_invoice_id",
    "parse_contact",
    "parse_due",
    "parse_invoice_args",
    "parse_paid_on",
]

#: The concepts offered as quick buttons (a typed concept works too).
CONCEPTS: tuple[str, ...] = ("Colegiatura", "Inscripción", "Transporte", "Uniforme", "Material")

#: Longest concept / description accepted (Quentli shows it to the family).
MAX_DESCRIPTION = 120

#: A due date further ahead than this is accepted with a warning in the summary (a typo like
#: 2052 must not slip through unseen).
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
# "1 500": a number of one to three digits followed by groups of three is one amount, typed
# with spaces (parse_amount then asks which amount it is).
_FIRST_GROUP = re.compile(r"(?:mx)?\$?[0-9]{1,3}", re.IGNORECASE)
_NEXT_GROUP = re.compile(r"[0-9]{3}(?:\.[0-9]{1,2})?")
# The most words a trailing date takes: "15 de diciembre de 2026".
_MAX_DATE_WORDS = 4
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
    """A due date must be today or later (a far one is warned about, see :func:`due_is_far`).

    Raises:
        InputError: ``billing.due.past``.
    """
    if day < today:
        raise InputError("billing.due.past", text=day.strftime("%d/%m/%Y"))
    return day


def due_is_far(day: date, today: date) -> bool:
    """True when ``day`` is more than a year ahead: the summary says so before Confirm."""
    return day > today + timedelta(days=MAX_DUE_DAYS)


def parse_due(text: str, tz: tzinfo, today: date) -> date:
    """A typed due date (any form of :func:`~bot.parsing.parse_date`; ``DD/MM`` is the next
    such day), today or later. The guided step and the one-line command both use it.

    Raises:
        InputError: a date that cannot be read, or one in the past.
    """
    return check_due(parse_date(text, tz, reference=today), today)


def parse_paid_on(text: str, tz: tzinfo, today: date) -> date:
    """A typed payment date: ``hoy``, ``ayer`` or a date (``DD/MM`` is the last such day),
    not in the future.

    Raises:
        InputError: a date that cannot be read, or one that has not come yet.
    """
    return check_paid_on(parse_date(text, tz, reference=today, past=True), today)


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
    date is the end of this month (shown in the summary before anything is sent). An amount
    that reads two ways leaves ``amount`` unset and its readings in ``amount_choices`` (the
    flow asks which one, with ``amount_text`` as typed).
    """

    customer: str
    amount: int | None = None
    description: str | None = None
    due: date | None = None
    amount_choices: tuple[int, ...] = ()
    amount_text: str | None = None


def parse_invoice_args(args: list[str], tz: tzinfo, today: date) -> InvoiceArgs:
    """Parse the one-line form. The customer is what comes before the amount:

    * a first word with a digit (a student number such as ``A-1052``, or an id) is the
      customer on its own, and the amount comes right after it;
    * otherwise the customer is a name of one or more words, up to the first word with a
      digit or a currency sign, where the amount starts (``Sofía García 1500 Colegiatura``);
    * a line without such a word is all name: the flow asks for the amount.

    Nothing is guessed: the customer words are looked up as typed, and a name that finds
    nobody is answered as such.

    Raises:
        InputError: a bad amount, description or date (nothing is looked up yet).
    """
    if not args:
        raise InputError("billing.oneline.usage")
    start = _amount_start(args)
    if start is None:
        return InvoiceArgs(" ".join(args))
    customer = " ".join(args[:start])
    amount_text, rest = _amount_words(args[start:])
    amount: int | None = None
    choices: tuple[int, ...] = ()
    try:
        amount = parse_amount(amount_text)
    except AmbiguousAmount as err:
        choices = err.choices
    due: date | None = None
    marks = [i for i, word in enumerate(rest) if word.lower() in _DUE_WORDS]
    if marks:
        at = marks[-1]
        date_text = " ".join(rest[at + 1 :])
        if not date_text:
            raise DateError("date.empty", "")
        due = parse_due(date_text, tz, today)
        rest = rest[:at]
    else:
        due, rest = _trailing_date(rest, tz, today)
    typed = amount_text if choices else None
    if not rest:
        if due is not None:
            raise InputError("billing.description.empty")
        return InvoiceArgs(customer, amount, amount_choices=choices, amount_text=typed)
    description = clean_description(" ".join(rest))
    return InvoiceArgs(customer, amount, description, due or end_of_month(today), choices, typed)


def _amount_start(args: list[str]) -> int | None:
    """Where the amount starts in a one-line ``args`` (None: the line is all customer)."""
    if _has_digit(args[0]):
        return 1 if len(args) > 1 else None
    for index, word in enumerate(args[1:], start=1):
        if _has_digit(word) or word.lower() in _CURRENCY_SIGNS:
            return index
    return None


def _has_digit(word: str) -> bool:
    return any(ch.isdigit() for ch in word)


def _trailing_date(words: list[str], tz: tzinfo, today: date) -> tuple[date | None, list[str]]:
    """A date at the end of the concept without ``vence``: the due date, not the concept.

    Only words with a digit count (``Colegiatura marzo`` keeps its month). A day that looks
    like a date but does not exist (31/02) is refused, not kept in the concept.
    """
    for size in range(min(_MAX_DATE_WORDS, len(words)), 0, -1):
        tail = " ".join(words[-size:])
        if not any(ch.isdigit() for ch in tail):
            continue
        try:
            day = parse_date(tail, tz, reference=today)
        except DateError as err:
            if err.reason == "date.invalid":
                raise
            continue
        return check_due(day, today), words[:-size]
    return None, words


def _amount_words(words: list[str]) -> tuple[str, list[str]]:
    """Split ``words`` into the amount as typed and what follows it.

    A currency sign typed apart from the number (``$ 1500``), groups of three digits after a
    short number (``1 500``) and a currency word right after it (``1500 pesos``, ``1500 MXN``)
    belong to the amount, not to the concept.
    """
    taken = 2 if words[0].lower() in _CURRENCY_SIGNS and len(words) > 1 else 1
    if _FIRST_GROUP.fullmatch(words[taken - 1]):
        while len(words) > taken and _NEXT_GROUP.fullmatch(words[taken]):
            taken += 1
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
