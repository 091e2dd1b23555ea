"""Checking every line of a spreadsheet before anything is written.

Students are looked up in batches: one list call per 100 student numbers
(``username in [...]``); what is not a student number found that way (a name, an id) goes
through the same resolver as ``/invoice`` (bot.services.customers). Amounts, concepts and due
dates go through the same parsing as everywhere else (bot.parsing, bot.services.billing_input).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from datetime import date, tzinfo

from bot.parsing import AmbiguousAmount, InputError, echo, end_of_month, parse_amount, parse_date
from bot.quentli.errors import ValidationError
from bot.quentli.models import Customer
from bot.services.billing_input import check_due, clean_description
from bot.services.bulk.reading import SheetRow
from bot.services.customers import (
    Ambiguous,
    CustomerDirectory,
    CustomerResolver,
    Found,
    fold,
)
from bot.store.bulk import NewRow, RowError

__all__ = ["LOOKUP_BATCH", "check_rows"]

log = logging.getLogger(__name__)

#: Student numbers per list call (Quentli's page size).
LOOKUP_BATCH = 100
#: Look-ups by name run at most this many at a time.
_NAME_LOOKUPS = 8


async def check_rows(
    rows: Sequence[SheetRow],
    directory: CustomerDirectory,
    resolver: CustomerResolver,
    tz: tzinfo,
    today: date,
) -> list[NewRow]:
    """Every line checked: its customer, concept, amount and due date, or why not.

    Raises:
        QuentliError: Quentli failed during a look-up (nothing was written).
    """
    students = await _students({r.student.strip() for r in rows if r.student.strip()}, directory)
    unresolved = {r.student.strip() for r in rows if r.student.strip()} - students.keys()
    limit = asyncio.Semaphore(_NAME_LOOKUPS)

    async def by_resolver(text: str) -> tuple[str, Customer | RowError]:
        async with limit:
            found = await resolver.resolve(text)
        if isinstance(found, Found):
            return text, found.customer
        if isinstance(found, Ambiguous):
            names = ", ".join(c.name for c in found.candidates[:3])
            return text, RowError("bulk.row.ambiguous", {"text": echo(text), "names": names})
        return text, RowError("bulk.row.no_student", {"text": echo(text)})

    resolved: dict[str, Customer | RowError] = dict(students)
    for text, outcome in await asyncio.gather(*(by_resolver(s) for s in sorted(unresolved))):
        resolved[text] = outcome
    return [_checked(row, resolved, tz, today) for row in rows]


async def _students(texts: set[str], directory: CustomerDirectory) -> dict[str, Customer]:
    """Customers whose username is exactly one of ``texts`` (case aside), 100 per call."""
    wanted = sorted(t for t in texts if " " not in t and len(t) <= 40)
    found: dict[str, Customer] = {}
    for start in range(0, len(wanted), LOOKUP_BATCH):
        chunk = wanted[start : start + LOOKUP_BATCH]
        try:
            page = await directory.list_customers(
                {"username": {"in": chunk, "mode": "insensitive"}}, take=LOOKUP_BATCH
            )
        except ValidationError:
            # A Quentli that refuses this filter: every row goes through the resolver instead.
            log.warning("Quentli refused a username-in filter: students looked up one by one")
            return found
        by_name: dict[str, list[Customer]] = {}
        for customer in page:
            if customer.username is not None and customer.archived_at is None:
                by_name.setdefault(fold(customer.username), []).append(customer)
        for text in chunk:
            # Checked here too: a filter the server ignored must never pick a random customer.
            matches = by_name.get(fold(text), [])
            exact = [c for c in matches if c.username == text]
            if len(exact) == 1 or len(matches) == 1:
                found[text] = exact[0] if len(exact) == 1 else matches[0]
    return found


def _checked(
    row: SheetRow, resolved: dict[str, Customer | RowError], tz: tzinfo, today: date
) -> NewRow:
    student = row.student.strip()
    concept = " ".join(row.concept.split())
    base = NewRow(row.row_no, student, concept)
    if not student:
        return _invalid(base, RowError("bulk.row.no_student_cell", {}))
    customer = resolved.get(student)
    if isinstance(customer, RowError):
        return _invalid(base, customer)
    assert customer is not None
    try:
        concept = clean_description(row.concept)
        amount = parse_amount(row.amount)
        due = check_due(parse_date(row.due, tz), today) if row.due.strip() else end_of_month(today)
    except AmbiguousAmount as err:
        return _invalid(base, _ambiguous(err))
    except InputError as err:
        return _invalid(base, RowError(err.reason, err.values))
    return NewRow(
        row.row_no,
        student,
        concept,
        customer_id=customer.id,
        customer_name=customer.name,
        amount=amount,
        due=due,
    )


def _ambiguous(err: AmbiguousAmount) -> RowError:
    """An amount that reads two ways: the file has no buttons to pick one, so the row says
    how to write each reading in the cell."""
    readings = [_plain(c) for c in err.choices]
    values = {"text": str(err.values["text"]), "reading": readings[0]}
    if len(readings) == 1:
        return RowError("bulk.row.amount_ambiguous", values)
    return RowError("bulk.row.amount_ambiguous_two", values | {"other": readings[1]})


def _plain(centavos: int) -> str:
    """An amount as it can be typed in a cell: ``1200``, ``2.50``."""
    pesos, cents = divmod(centavos, 100)
    return f"{pesos}.{cents:02d}" if cents else str(pesos)


def _invalid(row: NewRow, error: RowError) -> NewRow:
    return NewRow(row.row_no, row.student, row.concept, error=error)
