"""OperationRepo contract: one tap, one effect."""

from __future__ import annotations

import asyncio
import re
from datetime import timedelta
from pathlib import Path

import pytest

from bot.store import (
    Database,
    OperationAlreadyStarted,
    OperationNotFound,
    OperationState,
    OperationStateError,
    Repositories,
)

from .conftest import START, FakeClock

PAYLOAD = {"customer_id": "cus_a", "amount": 150000, "description": "Colegiatura"}


async def test_create_and_get(repos: Repositories) -> None:
    op_id = await repos.operations.create("invoice.create", PAYLOAD, 10)
    assert re.fullmatch(r"[A-Za-z0-9_-]{12}", op_id)
    op = await repos.operations.get(op_id)
    assert op is not None
    assert (op.kind, op.payload, op.created_by) == ("invoice.create", PAYLOAD, 10)
    assert op.state is OperationState.PENDING
    state: str = op.state  # a StrEnum: compares equal to the plain string
    assert state == "pending"
    assert op.created_at == op.updated_at == START
    assert op.result is None and op.error is None
    assert await repos.operations.get("nope") is None


async def test_begin_twice_raises_with_the_current_operation(
    repos: Repositories, clock: FakeClock
) -> None:
    ops = repos.operations
    op_id = await ops.create("invoice.create", PAYLOAD, 10)
    clock.advance(timedelta(seconds=3))
    started = await ops.begin(op_id)
    assert started.state == "in_flight" and started.updated_at == clock.now

    with pytest.raises(OperationAlreadyStarted) as caught:
        await ops.begin(op_id)
    assert caught.value.op.state == "in_flight"

    done = await ops.complete(op_id, {"invoice_id": "inv_1"})
    assert done.state == "done" and done.result == {"invoice_id": "inv_1"}
    with pytest.raises(OperationAlreadyStarted) as caught:
        await ops.begin(op_id)
    assert caught.value.op.result == {"invoice_id": "inv_1"}


async def test_a_burst_of_taps_starts_once(repos: Repositories) -> None:
    op_id = await repos.operations.create("invoice.charge", {"invoice_id": "inv_1"}, 10)
    results = await asyncio.gather(
        *(repos.operations.begin(op_id) for _ in range(10)), return_exceptions=True
    )
    started = [r for r in results if not isinstance(r, BaseException)]
    refused = [r for r in results if isinstance(r, OperationAlreadyStarted)]
    assert len(started) == 1 and len(refused) == 9


async def test_unknown_operation(repos: Repositories) -> None:
    with pytest.raises(OperationNotFound):
        await repos.operations.begin("doesnotexist")
    with pytest.raises(OperationNotFound):
        await repos.operations.complete("doesnotexist", {})
    assert await repos.operations.cancel("doesnotexist") is False


async def test_failures(repos: Repositories) -> None:
    ops = repos.operations
    refused = await ops.create("invoice.create", PAYLOAD, 10)
    await ops.begin(refused)
    failed = await ops.fail(refused, "validation: amount", may_have_landed=False)
    assert failed.state == "failed" and failed.error == "validation: amount"

    timed_out = await ops.create("invoice.create", PAYLOAD, 10)
    await ops.begin(timed_out)
    unknown = await ops.fail(timed_out, "read timeout", may_have_landed=True)
    assert unknown.state == "unknown"
    with pytest.raises(OperationAlreadyStarted):
        await ops.begin(timed_out)
    # reconciliation found the invoice after all
    done = await ops.complete(timed_out, {"invoice_id": "inv_9"})
    assert done.state == "done" and done.error is None


async def test_steps_out_of_order_are_refused(repos: Repositories) -> None:
    ops = repos.operations
    op_id = await ops.create("invoice.create", PAYLOAD, 10)
    with pytest.raises(OperationStateError) as caught:
        await ops.complete(op_id, {})
    assert caught.value.op.state == "pending"
    with pytest.raises(OperationStateError):
        await ops.fail(op_id, "x", may_have_landed=False)
    op = await ops.get(op_id)
    assert op is not None and op.state == "pending"


async def test_cancel(repos: Repositories) -> None:
    ops = repos.operations
    op_id = await ops.create("invoice.create", PAYLOAD, 10)
    assert await ops.cancel(op_id) is True
    assert await ops.cancel(op_id) is False
    with pytest.raises(OperationAlreadyStarted) as caught:
        await ops.begin(op_id)
    assert caught.value.op.state == "cancelled"

    started = await ops.create("invoice.create", PAYLOAD, 10)
    await ops.begin(started)
    assert await ops.cancel(started) is False


async def test_cancel_keeps_its_reason(repos: Repositories) -> None:
    ops = repos.operations
    plain = await ops.create("invoice.charge", PAYLOAD, 10)
    expired = await ops.create("invoice.charge", PAYLOAD, 10)
    assert await ops.cancel(plain) is True
    assert await ops.cancel(expired, "expired") is True
    assert await ops.cancel(expired, "something else") is False  # no longer pending
    first, second = await ops.get(plain), await ops.get(expired)
    assert first is not None and (first.state, first.error) == ("cancelled", None)
    assert second is not None and (second.state, second.error) == ("cancelled", "expired")


async def test_a_restart_does_not_start_again(db_path: Path, clock: FakeClock) -> None:
    db = await Database.open(db_path)
    repos = Repositories.build(db, now=clock)
    op_id = await repos.operations.create("invoice.create", PAYLOAD, 10)
    untouched = await repos.operations.create("invoice.create", PAYLOAD, 10)
    await repos.operations.begin(op_id)
    await db.close()  # crash while the Quentli call was in flight

    db = await Database.open(db_path)
    try:
        repos = Repositories.build(db, now=clock)
        assert await repos.operations.recover_interrupted() == 1
        with pytest.raises(OperationAlreadyStarted) as caught:
            await repos.operations.begin(op_id)
        assert caught.value.op.state == "unknown" and caught.value.op.error
        again = await repos.operations.begin(untouched)
        assert again.state == "in_flight"
    finally:
        await db.close()


async def test_pending_for_lists_only_that_users_unstarted_operations(
    repos: Repositories, clock: FakeClock
) -> None:
    ops = repos.operations
    first = await ops.create("invoice.create", PAYLOAD, 10)
    clock.advance(timedelta(seconds=1))
    started = await ops.create("invoice.charge", PAYLOAD, 10)
    await ops.begin(started)
    cancelled = await ops.create("invoice.mark_paid", PAYLOAD, 10)
    await ops.cancel(cancelled)
    await ops.create("invoice.create", PAYLOAD, 11)  # someone else's
    clock.advance(timedelta(seconds=1))
    second = await ops.create("checkout.create", PAYLOAD, 10)

    pending = await ops.pending_for(10)

    assert [op.op_id for op in pending] == [first, second]
    assert all(op.state == "pending" and op.created_by == 10 for op in pending)
    assert await ops.pending_for(12) == []
