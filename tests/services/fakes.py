"""An in-memory stand-in for the customer part of QuentliClient, recording every call."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from bot.quentli.errors import NotFoundError, QuentliError
from bot.quentli.models import Customer


def customer(
    cid: str,
    name: str,
    username: str | None = None,
    phone: str | None = None,
    *,
    archived: bool = False,
) -> Customer:
    return Customer(
        id=cid,
        name=name,
        username=username,
        phone_number=phone,
        archived_at=datetime(2025, 1, 1, tzinfo=UTC) if archived else None,
    )


@dataclass
class FakeQuentli:
    """Answers like Quentli's customer endpoints, over a list of customers.

    ``ignore_filters`` answers every list with everything (a server that ignored the filter);
    ``fail`` is raised by the next call.
    """

    customers: list[Customer] = field(default_factory=list)
    ignore_filters: bool = False
    fail: QuentliError | None = None
    calls: list[tuple[str, Any]] = field(default_factory=list)

    def _maybe_fail(self) -> None:
        if self.fail is not None:
            error, self.fail = self.fail, None
            raise error

    async def get_customer(self, customer_id: str) -> Customer:
        self.calls.append(("get", customer_id))
        self._maybe_fail()
        for c in self.customers:
            if c.id == customer_id:
                return c
        raise NotFoundError(404, "Not Found")

    async def list_customers(
        self,
        filter: Mapping[str, Any] | None = None,
        *,
        skip: int = 0,
        take: int = 20,
        order_by: Mapping[str, Any] | None = None,
    ) -> list[Customer]:
        self.calls.append(("list", dict(filter or {})))
        self._maybe_fail()
        found = [c for c in self.customers if self.ignore_filters or _matches(c, filter or {})]
        if order_by == {"name": "asc"}:
            found.sort(key=lambda c: c.name)
        return found[skip : skip + take]


_FIELDS = {"username": "username", "name": "name", "phoneNumber": "phone_number"}


def _matches(c: Customer, where: Mapping[str, Any]) -> bool:
    for key, cond in where.items():
        actual = getattr(c, _FIELDS[key])
        if not isinstance(cond, Mapping):
            cond = {"equals": cond}
        insensitive = cond.get("mode") == "insensitive"

        def fold(s: str, insensitive: bool = insensitive) -> str:
            return s.casefold() if insensitive else s

        if actual is None:
            return False
        if "equals" in cond and fold(actual) != fold(cond["equals"]):
            return False
        if "contains" in cond and fold(cond["contains"]) not in fold(actual):
            return False
    return True
