"""Families' names for the office's reports: Quentli's customers, read 100 ids a call."""

from __future__ import annotations

import asyncio
from collections.abc import Iterable

from bot.quentli import Customer, QuentliClient

# One budget for Quentli list reads, shared with the reminders.
from bot.services.reminders import CUSTOMERS_PER_CALL, READ_CONCURRENCY


async def customers_by_id(
    quentli: QuentliClient, customer_ids: Iterable[str]
) -> dict[str, Customer]:
    """Quentli's customers by id: one list call per 100 ids, a few at a time."""
    wanted = sorted(set(customer_ids))
    limit = asyncio.Semaphore(READ_CONCURRENCY)

    async def read(chunk: list[str]) -> list[Customer]:
        async with limit:
            return await quentli.list_customers({"id": {"in": chunk}}, take=CUSTOMERS_PER_CALL)

    chunks = [
        wanted[i : i + CUSTOMERS_PER_CALL] for i in range(0, len(wanted), CUSTOMERS_PER_CALL)
    ]
    pages = await asyncio.gather(*(read(chunk) for chunk in chunks))
    asked = set(wanted)
    return {c.id: c for page in pages for c in page if c.id in asked}


def name_of(customer: Customer | None, fallback: str) -> str:
    """The customer's name, else ``fallback`` (a customer Quentli no longer lists)."""
    return customer.name if customer is not None else fallback
