"""/overdue's report: the school's overdue invoices by age, and the families most days late."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, tzinfo

from bot.quentli import QuentliClient
from bot.services.reminders import day_start, local_day
from bot.services.reports.names import customers_by_id, name_of

#: The age buckets of overdue invoices, in days late: (first, last or None for "and over").
AGE_BUCKETS: tuple[tuple[int, int | None], ...] = ((1, 30), (31, 60), (61, 90), (91, None))


@dataclass(frozen=True, slots=True)
class OverdueInvoice:
    """An overdue invoice: ``days_late`` whole days after its due day."""

    invoice_id: str
    concept: str
    amount: int
    due_date: datetime
    days_late: int


@dataclass(frozen=True, slots=True)
class OverdueFamily:
    """A customer's overdue invoices, the most overdue first."""

    customer_id: str
    name: str
    username: str | None
    invoices: tuple[OverdueInvoice, ...]

    @property
    def amount(self) -> int:
        """Centavos overdue."""
        return sum(item.amount for item in self.invoices)

    @property
    def days_late(self) -> int:
        """Days late of the oldest invoice."""
        return max(item.days_late for item in self.invoices)


@dataclass(frozen=True, slots=True)
class AgeBucket:
    """Overdue invoices ``first``..``last`` days late (``last`` None: and over)."""

    first: int
    last: int | None
    invoices: int
    amount: int


@dataclass(frozen=True, slots=True)
class OverdueReport:
    """The school's overdue invoices on ``day``: by age bucket, and families sorted by days
    late (then amount)."""

    day: date
    buckets: tuple[AgeBucket, ...]
    families: tuple[OverdueFamily, ...]

    @property
    def amount(self) -> int:
        """Centavos overdue in all."""
        return sum(bucket.amount for bucket in self.buckets)

    @property
    def invoices(self) -> int:
        """How many invoices are overdue."""
        return sum(bucket.invoices for bucket in self.buckets)


async def overdue_report(quentli: QuentliClient, day: date, tz: tzinfo) -> OverdueReport:
    """Every overdue invoice of the school on ``day`` (its whole due day has passed), by age.

    Raises:
        QuentliError: Quentli failed.
    """
    found = await quentli.all_invoices(
        {"isPaid": False, "dueDate": {"lt": day_start(day, tz)}},
        order_by={"dueDate": "asc"},
    )
    by_customer: dict[str, list[OverdueInvoice]] = defaultdict(list)
    for invoice in found:
        late = (day - local_day(invoice.due_date, tz)).days
        if invoice.outstanding > 0 and late >= 1:
            by_customer[invoice.customer_id].append(
                OverdueInvoice(
                    invoice.id,
                    invoice.concept_text or invoice.id,
                    invoice.outstanding,
                    invoice.due_date,
                    late,
                )
            )
    customers = await customers_by_id(quentli, by_customer)
    families = [
        OverdueFamily(
            customer_id,
            name_of(customers.get(customer_id), customer_id),
            customers[customer_id].username if customer_id in customers else None,
            tuple(sorted(items, key=lambda i: (-i.days_late, i.invoice_id))),
        )
        for customer_id, items in by_customer.items()
    ]
    families.sort(key=lambda f: (-f.days_late, -f.amount, f.name, f.customer_id))
    everything = [item for family in families for item in family.invoices]
    buckets = tuple(
        AgeBucket(
            first,
            last,
            len(inside := [i for i in everything if _in_bucket(i.days_late, first, last)]),
            sum(i.amount for i in inside),
        )
        for first, last in AGE_BUCKETS
    )
    return OverdueReport(day, buckets, tuple(families))


def _in_bucket(days_late: int, first: int, last: int | None) -> bool:
    return days_late >= first and (last is None or days_late <= last)
