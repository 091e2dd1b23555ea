"""Bulk invoicing from a spreadsheet (SPEC "Bulk invoicing", ``/bulk``).

- reading.py: CSV or XLSX into lines; the template and report files;
- checking.py: every line checked (students looked up 100 per call) before anything is written;
- writing.py: a confirmed batch written exactly once per row, resumed after a restart.

:class:`BulkService` is what the Telegram layer calls.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, tzinfo

from bot.quentli import QuentliClient
from bot.services.bulk.checking import check_rows
from bot.services.bulk.reading import (
    MAX_BYTES,
    MAX_ROWS,
    is_spreadsheet,
    read_sheet,
    report_xlsx,
    template_xlsx,
)
from bot.services.bulk.writing import PROGRESS_EVERY, BatchWriter, BulkDelivery
from bot.services.customers import CustomerResolver
from bot.services.operations import OP_TTL
from bot.store import Repositories
from bot.store.bulk import (
    BatchState,
    BulkBatch,
    BulkRepo,
    BulkRow,
    NewRow,
    RowError,
    RowState,
)

__all__ = [
    "MAX_BYTES",
    "MAX_ROWS",
    "BatchState",
    "BulkBatch",
    "BulkDelivery",
    "BulkRow",
    "BulkService",
    "Preview",
    "RowError",
    "RowState",
    "Started",
    "is_spreadsheet",
    "report_xlsx",
    "template_xlsx",
]

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Preview:
    """A checked file, recorded as a batch waiting for its Confirm.

    Attributes:
        batch: the batch (``preview``).
        rows: every line, valid or not.
        earlier: a batch of the very same file that was already started (sent twice?).
    """

    batch: BulkBatch
    rows: list[NewRow]
    earlier: BulkBatch | None

    @property
    def valid(self) -> list[NewRow]:
        """The lines that will become invoices."""
        return [r for r in self.rows if r.error is None]

    @property
    def invalid(self) -> list[NewRow]:
        """The lines refused, each with its reason."""
        return [r for r in self.rows if r.error is not None]

    @property
    def total(self) -> int:
        """The valid lines' total, in centavos."""
        return sum(r.amount or 0 for r in self.valid)


@dataclass(frozen=True, slots=True)
class Started:
    """What a Confirm came to: ``first`` when this press started the batch; else ``batch`` says
    where it is (running, done or cancelled), or is None (an unknown batch)."""

    first: bool
    batch: BulkBatch | None
    expired: bool = False


class BulkService:
    """Reads, checks and writes batches of invoices.

    Args:
        quentli: the Quentli client.
        repos: the store (watches, links).
        bulk: the batches' store.
        resolver: the customer resolver of ``/invoice``.
        tz: the school's time zone.
        today: the school's today (a function: tests move it).
    """

    def __init__(
        self,
        quentli: QuentliClient,
        repos: Repositories,
        bulk: BulkRepo,
        resolver: CustomerResolver,
        tz: tzinfo,
        today: Callable[[], date],
        *,
        progress_every: float = PROGRESS_EVERY,
    ) -> None:
        self._quentli = quentli
        self._bulk = bulk
        self._resolver = resolver
        self._tz = tz
        self._today = today
        self._writer = BatchWriter(quentli, bulk, repos, tz, progress_every=progress_every)
        self._tasks: dict[str, asyncio.Task[None]] = {}

    async def prepare(self, user_id: int, file_name: str, content: bytes) -> Preview:
        """Read and check a file; record it as a batch waiting for its Confirm.

        A file without one valid row is recorded already cancelled (its preview has no
        Confirm).

        Raises:
            InputError: the file cannot be read (too big, too many rows, wrong columns...).
            QuentliError: a look-up failed (nothing was recorded).
        """
        lines = read_sheet(file_name, content)
        rows = await check_rows(lines, self._quentli, self._resolver, self._tz, self._today())
        digest = hashlib.sha256(content).hexdigest()
        earlier = await self._bulk.earlier(digest)
        batch_id = await self._bulk.create(user_id, file_name, digest, rows)
        if not any(r.error is None for r in rows):
            await self._bulk.cancel(batch_id)  # nothing to confirm: the preview says why
        batch = await self._bulk.get(batch_id)
        assert batch is not None
        return Preview(batch, rows, earlier)

    async def batch(self, batch_id: str) -> BulkBatch | None:
        """The batch ``batch_id`` (None: unknown)."""
        return await self._bulk.get(batch_id)

    async def rows(self, batch_id: str) -> list[BulkRow]:
        """The rows of a batch, in file order."""
        return await self._bulk.rows(batch_id)

    async def confirm(
        self,
        batch_id: str,
        user_id: int,
        where: tuple[int, int, str],
        delivery: BulkDelivery,
    ) -> Started:
        """The Confirm: start writing the batch in the background, once whatever the taps.

        ``where``: the chat and message that show its progress, and the staff member's
        language. Only its author may confirm it (anyone else is answered like an unknown
        batch).
        """
        batch = await self._bulk.get(batch_id)
        if batch is None or batch.created_by != user_id:
            return Started(False, None)
        # Like every Confirm (bot.services.operations.OP_TTL): a preview read long ago may no
        # longer hold (due dates passed, students archived): check the file again instead.
        if (
            batch.state == BatchState.PREVIEW
            and datetime.now(UTC) - batch.created_at > OP_TTL
            and await self._bulk.cancel(batch_id)
        ):
            return Started(False, await self._bulk.get(batch_id), expired=True)
        if not await self._bulk.start(batch_id, *where):
            return Started(False, await self._bulk.get(batch_id))
        started = await self._bulk.get(batch_id)
        assert started is not None
        self._spawn(started, delivery)
        return Started(True, started)

    async def cancel(self, batch_id: str, user_id: int) -> Started:
        """The Cancel: the batch is dropped if it was not started."""
        batch = await self._bulk.get(batch_id)
        if batch is None or batch.created_by != user_id:
            return Started(False, None)
        cancelled = await self._bulk.cancel(batch_id)
        return Started(cancelled, await self._bulk.get(batch_id))

    async def resume(self, delivery: BulkDelivery) -> int:
        """At start-up: continue every batch a stop interrupted. Returns how many."""
        batches = await self._bulk.running()
        for batch in batches:
            log.warning("resuming bulk batch %s", batch.batch_id)
            self._spawn(batch, delivery)
        return len(batches)

    def _spawn(self, batch: BulkBatch, delivery: BulkDelivery) -> None:
        if batch.batch_id in self._tasks:
            return
        task = asyncio.create_task(self._run(batch, delivery), name=f"bulk-{batch.batch_id}")
        self._tasks[batch.batch_id] = task
        task.add_done_callback(lambda _: self._tasks.pop(batch.batch_id, None))

    async def _run(self, batch: BulkBatch, delivery: BulkDelivery) -> None:
        try:
            await self._writer.run(batch, delivery)
        except asyncio.CancelledError:
            raise
        except Exception:
            # The rows keep their recorded states: the next start resumes the batch.
            log.exception("bulk batch %s stopped by an error", batch.batch_id)

    async def stop(self) -> None:
        """At shutdown: stop the batches being written (they resume at the next start)."""
        tasks = list(self._tasks.values())
        for task in tasks:
            task.cancel()
        for task in tasks:
            with contextlib.suppress(asyncio.CancelledError):
                await task
