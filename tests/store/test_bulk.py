"""The bulk batches and rows (bot.store.bulk): one start per batch, rows recorded around writes."""

from __future__ import annotations

from datetime import date

from bot.store import Database
from bot.store.bulk import BatchState, BulkRepo, NewRow, RowError, RowState
from tests.store.conftest import FakeClock

HASH = "a" * 64


def _rows() -> list[NewRow]:
    return [
        NewRow(2, "A-1", "Colegiatura", "cus_1", "Ana", 150_000, date(2025, 3, 31)),
        NewRow(3, "Z-9", "Colegiatura", error=RowError("bulk.row.no_student", {"text": "Z-9"})),
    ]


async def test_a_batch_starts_once_and_its_rows_are_recorded_around_the_write(
    db: Database, clock: FakeClock
) -> None:
    bulk = BulkRepo(db, now=clock)
    batch_id = await bulk.create(42, "excursion.csv", HASH, _rows())
    assert (await bulk.earlier(HASH)) is None  # a preview is not "sent"

    assert await bulk.start(batch_id, 42, 7, "es")
    assert not await bulk.start(batch_id, 42, 8, "es")  # a second tap
    assert not await bulk.cancel(batch_id)
    batch = await bulk.get(batch_id)
    assert batch is not None and batch.state == BatchState.RUNNING
    assert (batch.progress_chat, batch.progress_message, batch.lang) == (42, 7, "es")

    valid, invalid = await bulk.rows(batch_id)
    assert (valid.state, invalid.state) == (RowState.PENDING, RowState.INVALID)
    assert invalid.error == RowError("bulk.row.no_student", {"text": "Z-9"})
    assert valid.key == f"{batch_id}-2" and valid.amount == 150_000
    assert await bulk.sending(batch_id, 2)
    assert not await bulk.sending(batch_id, 2)  # already being sent
    assert not await bulk.sending(batch_id, 3)  # an invalid row is never sent
    assert await bulk.interrupted(batch_id) == 1  # a restart: its write may have landed
    assert (await bulk.rows(batch_id))[0].state == RowState.UNKNOWN
    assert [b.batch_id for b in await bulk.running()] == [batch_id]

    await bulk.settle(batch_id, 2, RowState.DONE, invoice_id="inv_1")
    assert await bulk.finish(batch_id)
    done = await bulk.get(batch_id)
    assert done is not None and done.state == BatchState.DONE
    assert (await bulk.rows(batch_id))[0].invoice_id == "inv_1"
    assert (await bulk.earlier(HASH)) == done
    assert await bulk.running() == []
