"""Writing a confirmed batch to Quentli exactly once per row, with bounded parallelism.

Quentli has no batch endpoint and no idempotency key, so exactly-once is ours:

- each row's write is recorded before (``sending``) and after (``done`` with the invoice id,
  ``failed``, or ``unknown`` when it may have landed) in SQLite (bot.store.bulk);
- each invoice carries the metadata ``bulkRow=<batch>-<row>``; a row whose write may have landed
  (``unknown``, or ``sending`` when a restart interrupted it) is looked up in Quentli by that key
  before anything is sent again: found, it is done; not there, it is sent;
- :data:`PARALLEL` writes at a time; the progress is reported at most every
  :data:`PROGRESS_EVERY` seconds;
- at the end the linked parents get one message per chat for the whole batch, and the staff
  member the report.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Sequence
from datetime import tzinfo
from typing import Protocol

from bot.parsing import day_start_utc
from bot.quentli import (
    InlineConcept,
    Invoice,
    InvoiceInput,
    InvoiceItemInput,
    MetadataEntry,
    QuentliAPIError,
    QuentliClient,
    QuentliError,
    ValidationError,
)
from bot.services.billing_requests import COLLECTION_METHOD
from bot.store import Repositories
from bot.store.bulk import BulkBatch, BulkRepo, BulkRow, RowError, RowState

__all__ = ["META_KEY", "PARALLEL", "PROGRESS_EVERY", "BatchWriter", "BulkDelivery", "row_input"]

log = logging.getLogger(__name__)

#: Writes in flight at once.
PARALLEL = 8
#: The progress message is edited at most this often (seconds).
PROGRESS_EVERY = 2.0
#: The metadata key that names a row on its invoice.
META_KEY = "bulkRow"
#: How long to wait before looking up writes whose answer was lost (one may still land).
SETTLE_DELAY = 1.0
#: A row is sent at most this many times (each after Quentli said it is not there).
MAX_ATTEMPTS = 2


class BulkDelivery(Protocol):
    """What the Telegram layer does for a batch (bot.handlers.bulk implements it)."""

    async def progress(self, batch: BulkBatch, done: int, total: int) -> None:
        """Show ``done`` of ``total`` rows written."""
        ...

    async def parents(self, chat_id: int, batch: BulkBatch, rows: Sequence[BulkRow]) -> None:
        """Queue the one message of this batch for a parent's chat: its new invoices."""
        ...

    async def finished(self, batch: BulkBatch, rows: Sequence[BulkRow]) -> None:
        """Tell the staff member the batch is over and send the report."""
        ...


def row_input(row: BulkRow, tz: tzinfo) -> InvoiceInput:
    """The `POST /v1/invoices` body of a row: one inline concept, and its `bulkRow` key."""
    assert row.customer_id is not None and row.amount is not None and row.due is not None
    return InvoiceInput(
        customer_id=row.customer_id,
        due_date=day_start_utc(row.due, tz),
        items=[
            InvoiceItemInput(
                concept=InlineConcept(display_name=row.concept, amount=row.amount, currency="MXN"),
                quantity=1,
            )
        ],
        collection_method=COLLECTION_METHOD,
        metadata=[
            MetadataEntry(key="source", value="telegram"),
            MetadataEntry(key=META_KEY, value=row.key),
        ],
    )


def _quentli_error(exc: QuentliError) -> RowError:
    detail = exc.message[:150] if isinstance(exc, QuentliAPIError) else type(exc).__name__
    return RowError("bulk.row.quentli", {"detail": detail})


class BatchWriter:
    """Runs one confirmed batch to its end (also after a restart).

    Args:
        quentli: the Quentli client.
        bulk: the batches' store.
        repos: the rest of the store (watches, links).
        tz: the school's time zone (due dates).
        progress_every: seconds between progress edits (tests may shorten it).
    """

    def __init__(
        self,
        quentli: QuentliClient,
        bulk: BulkRepo,
        repos: Repositories,
        tz: tzinfo,
        *,
        progress_every: float = PROGRESS_EVERY,
        settle_delay: float = SETTLE_DELAY,
    ) -> None:
        self._quentli = quentli
        self._bulk = bulk
        self._repos = repos
        self._tz = tz
        self._progress_every = progress_every
        self._settle_delay = settle_delay

    async def run(self, batch: BulkBatch, delivery: BulkDelivery) -> None:
        """Write every pending row once, settle the uncertain ones, tell parents and staff."""
        batch_id = batch.batch_id
        interrupted = await self._bulk.interrupted(batch_id)
        if interrupted:
            log.warning(
                "bulk batch %s: %d write(s) interrupted by a restart", batch_id, interrupted
            )
        rows = await self._bulk.rows(batch_id)
        total = sum(1 for r in rows if r.state != RowState.INVALID)
        counter = _Counter(sum(1 for r in rows if r.state in (RowState.DONE, RowState.FAILED)))
        ticker = asyncio.create_task(self._tick(batch, delivery, counter, total))
        try:
            for _attempt in range(MAX_ATTEMPTS + 1):
                await self._look_up([r for r in rows if r.state == RowState.UNKNOWN], counter)
                rows = await self._bulk.rows(batch_id)
                pending = [r for r in rows if r.state == RowState.PENDING]
                if not pending:
                    break
                await self._write_all(pending, counter)
                rows = await self._bulk.rows(batch_id)
                if any(r.state == RowState.UNKNOWN for r in rows):
                    await asyncio.sleep(self._settle_delay)
        finally:
            ticker.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await ticker
        for row in rows:
            if row.state in (RowState.UNKNOWN, RowState.PENDING):
                # Sent MAX_ATTEMPTS times, never confirmed nor found: say so, never resend.
                await self._bulk.settle(
                    batch_id, row.row_no, RowState.FAILED, error=RowError("bulk.row.unknown", {})
                )
        rows = await self._bulk.rows(batch_id)
        await self._tell_parents(batch, rows, delivery)
        await delivery.finished(batch, rows)
        await self._bulk.finish(batch_id)

    async def _tick(
        self, batch: BulkBatch, delivery: BulkDelivery, counter: _Counter, total: int
    ) -> None:
        shown = -1
        while True:
            await counter.changed.wait()
            counter.changed.clear()
            if counter.value != shown:
                shown = counter.value
                started = time.monotonic()
                try:
                    await delivery.progress(batch, shown, total)
                except Exception:
                    log.exception("bulk batch %s: the progress edit failed", batch.batch_id)
                await asyncio.sleep(max(0.0, self._progress_every - (time.monotonic() - started)))

    async def _write_all(self, rows: Sequence[BulkRow], counter: _Counter) -> None:
        queue: asyncio.Queue[BulkRow] = asyncio.Queue()
        for row in rows:
            queue.put_nowait(row)

        async def worker() -> None:
            while True:
                try:
                    row = queue.get_nowait()
                except asyncio.QueueEmpty:
                    return
                await self._write(row, counter)

        await asyncio.gather(*(worker() for _ in range(min(PARALLEL, len(rows)))))

    async def _write(self, row: BulkRow, counter: _Counter) -> None:
        """One row: recorded before, sent once, recorded after."""
        if not await self._bulk.sending(row.batch_id, row.row_no):
            return  # not pending any more
        try:
            invoice = await self._quentli.create_invoice(row_input(row, self._tz))
        except QuentliError as exc:
            landed = exc.write_may_have_landed
            log.warning(
                "bulk row %s: %s (%s)",
                row.key,
                type(exc).__name__,
                "may have landed" if landed else "not created",
            )
            state = RowState.UNKNOWN if landed else RowState.FAILED
            await self._bulk.settle(row.batch_id, row.row_no, state, error=_quentli_error(exc))
            if not landed:
                counter.add()
            return
        await self._bulk.settle(row.batch_id, row.row_no, RowState.DONE, invoice_id=invoice.id)
        counter.add()
        await self._watch(invoice.id, invoice.customer_id)

    async def _watch(self, invoice_id: str, customer_id: str) -> None:
        # Watched so its payment is announced to the family and the office. Without an issuer:
        # unlike one /invoice, a batch of 500 must not become 500 receipts to one person.
        await self._repos.watches.watch(invoice_id, customer_id, None)

    async def _look_up(self, rows: Sequence[BulkRow], counter: _Counter) -> None:
        """Rows whose write may have landed: found in Quentli by their metadata key, they are
        done; not there, they go back to pending (to be sent again)."""
        limit = asyncio.Semaphore(PARALLEL)

        async def one(row: BulkRow) -> None:
            assert row.customer_id is not None
            try:
                async with limit:
                    found = await self._invoices_with_key(row)
            except QuentliError as exc:
                # Still unknown: looked up again on the next round; never sent blindly.
                log.warning("bulk row %s: the look-up failed (%s)", row.key, type(exc).__name__)
                return
            # Checked here too: a filter the server ignored must not settle a row.
            mine = [i for i in found if (i.meta or {}).get(META_KEY) == row.key]
            if mine:
                invoice = mine[0]
                await self._bulk.settle(
                    row.batch_id, row.row_no, RowState.DONE, invoice_id=invoice.id
                )
                counter.add()
                await self._watch(invoice.id, invoice.customer_id)
                return
            if row.attempts >= MAX_ATTEMPTS:
                await self._bulk.settle(
                    row.batch_id,
                    row.row_no,
                    RowState.FAILED,
                    error=RowError("bulk.row.unknown", {}),
                )
                counter.add()
                return
            await self._bulk.settle(row.batch_id, row.row_no, RowState.PENDING)

        await asyncio.gather(*(one(row) for row in rows))

    async def _invoices_with_key(self, row: BulkRow) -> list[Invoice]:
        """The customer's invoices carrying the row's key (Prisma's JSON filter on ``meta``);
        a Quentli that refuses that filter: the customer's latest invoices, checked here."""
        assert row.customer_id is not None
        try:
            return await self._quentli.list_invoices(
                {"customerId": row.customer_id, "meta": {"path": [META_KEY], "equals": row.key}},
                take=10,
            )
        except ValidationError:
            return await self._quentli.list_invoices(
                {"customerId": row.customer_id}, take=100, order_by={"createdAt": "desc"}
            )

    async def _tell_parents(
        self, batch: BulkBatch, rows: Sequence[BulkRow], delivery: BulkDelivery
    ) -> None:
        """One message per linked chat for the whole batch (deduplicated by the outbox)."""
        by_customer: dict[str, list[BulkRow]] = {}
        for row in rows:
            if row.state == RowState.DONE and row.customer_id is not None:
                by_customer.setdefault(row.customer_id, []).append(row)
        by_chat: dict[int, list[BulkRow]] = {}
        for customer_id, mine in by_customer.items():
            for link in await self._repos.links.chats_for_customer(customer_id):
                by_chat.setdefault(link.chat_id, []).extend(mine)
        for chat_id, chat_rows in sorted(by_chat.items()):
            try:
                await delivery.parents(chat_id, batch, chat_rows)
            except Exception:
                log.exception("bulk batch %s: a parent's message was not queued", batch.batch_id)


class _Counter:
    """Rows settled so far, and an event set on each change (for the progress ticker)."""

    def __init__(self, start: int) -> None:
        self.value = start
        self.changed = asyncio.Event()
        if start:  # a resumed batch: show where it is at once
            self.changed.set()

    def add(self) -> None:
        self.value += 1
        self.changed.set()
