"""The exactly-once engine behind every Confirm button, whatever the operation does.

1. :meth:`OperationEngine.propose` records what the staff member is about to confirm as a
   ``pending`` operation (:class:`~bot.store.OperationRepo`) before the summary is shown;
2. :meth:`OperationEngine.confirm` checks who pressed, refuses a summary older than
   :data:`OP_TTL` (cancelled, nothing sent) and moves the operation ``pending`` ->
   ``in_flight`` atomically (a second press, a re-delivered update or a restart gets
   :class:`Earlier` or a repeated :class:`Done`); its kind then builds the request from the
   stored payload alone, calls Quentli once and records ``done``, ``failed`` or ``unknown``
   (a write that may have landed: never retried). Every attempt leaves one audit row.

The engine knows a kind only by its :class:`OperationKind` entry in the registry it is given
(bot.services.billing_kinds): payload model, result model, how to perform it.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, Generic, TypeVar

from bot.quentli import QuentliAPIError, QuentliClient, QuentliError
from bot.services.billing_payloads import OperationPayload
from bot.services.billing_results import (
    Cancelled,
    CancelOutcome,
    Changed,
    ConfirmOutcome,
    Done,
    Earlier,
    Expired,
    Failed,
    Missing,
    NotYours,
    OperationRecord,
    OperationResult,
    Proposal,
)
from bot.services.notifications import Notifier, paid_key
from bot.services.office import Office
from bot.services.receipts import Receipt, Receipts
from bot.store import (
    Operation,
    OperationAlreadyStarted,
    OperationNotFound,
    OperationState,
    OperationStateError,
    Repositories,
)

__all__ = [
    "OP_EXPIRED",
    "OP_TTL",
    "OperationEngine",
    "OperationKind",
    "Performed",
    "Run",
]

log = logging.getLogger(__name__)

#: How long a summary's Confirm button stays good. A secretary confirms within seconds, or a
#: few minutes when a parent at the window interrupts; 30 minutes covers that with room to
#: spare, while a summary scrolled up from earlier in the day (or days ago) shows amounts,
#: due dates and a "paid today at 10:15" that Quentli and the school may no longer agree with.
#: Past it, Confirm sends nothing and asks for the command again (a fresh summary is one
#: command away, a stale write is a refund or a wrong receipt).
OP_TTL = timedelta(minutes=30)

#: The ``error`` of an operation cancelled because its Confirm came after :data:`OP_TTL`.
OP_EXPIRED = "expired: confirmed too long after its summary"

P = TypeVar("P", bound=OperationPayload)

#: What performing an operation comes to.
Performed = Done | Changed | Failed


@dataclass(frozen=True, slots=True)
class Run(Generic[P]):
    """One operation being performed: its record (``in_flight``), its payload as its kind's
    model and the staff member who confirmed it."""

    op: OperationRecord
    payload: P
    user_id: int


@dataclass(frozen=True, slots=True)
class OperationKind(Generic[P]):
    """An entry of the registry of operation kinds.

    Attributes:
        name: the ledger's ``kind`` (``invoice.create``…).
        payload: the model its stored payload is read through.
        result: the model its stored result is read through.
        perform: sends the write once and records it through the engine
            (:meth:`OperationEngine.finish` or :meth:`OperationEngine.fail`).
    """

    name: str
    payload: type[P]
    result: type[OperationResult]
    perform: Callable[[OperationEngine, Run[P]], Awaitable[Performed]]


class OperationEngine:
    """Proposes and confirms operations of the registered kinds exactly once.

    Args:
        quentli: the Quentli client (the kinds call it).
        repos: the store (operations, audit; the kinds use watches).
        kinds: the registry, by name.
        notifier: queues the parents' notices.
        now: the clock (aware UTC) for the Confirm expiry and a mark-paid's "now" (tests).
        receipts: the receipts' builder (default: one without the school's name).
        office: the office's notices (bot.services.office).
    """

    def __init__(
        self,
        quentli: QuentliClient,
        repos: Repositories,
        kinds: Mapping[str, OperationKind[Any]],
        *,
        notifier: Notifier,
        now: Callable[[], datetime] | None = None,
        receipts: Receipts | None = None,
        office: Office | None = None,
    ) -> None:
        self.quentli = quentli
        self.repos = repos
        self._kinds = kinds
        self._notifier = notifier
        self.receipts = receipts or Receipts(notifier)
        # The office's notices (a payment recorded, a failed charge); None: not told.
        self.office = office
        self._now: Callable[[], datetime] = now or (lambda: datetime.now(UTC))

    def now(self) -> datetime:
        """The engine's clock (aware UTC)."""
        return self._now()

    def _kind(self, name: str) -> OperationKind[Any]:
        if name not in self._kinds:
            raise ValueError(f"unknown operation kind {name!r}")
        return self._kinds[name]

    def record(self, op: Operation) -> OperationRecord:
        """``op`` with its payload and result read through its kind's models.

        Raises:
            ValueError: an unknown kind, or a payload or result its models do not accept.
        """
        kind = self._kind(op.kind)
        return OperationRecord(
            op_id=op.op_id,
            kind=op.kind,
            state=op.state,
            payload=kind.payload.model_validate(op.payload),
            result=None if op.result is None else kind.result.model_validate(op.result),
            error=op.error,
            created_by=op.created_by,
            created_at=op.created_at,
        )

    async def operation(self, op_id: str) -> OperationRecord | None:
        """The operation ``op_id``, or ``None`` (a forged or ancient button)."""
        op = await self.repos.operations.get(op_id)
        return None if op is None else self.record(op)

    # -- proposals (before the summary is shown) -----------------------------------------------

    async def propose(self, kind: OperationKind[P], payload: P, created_by: int) -> Proposal[P]:
        """Record a pending operation for the Confirm button."""
        op_id = await self.repos.operations.create(kind.name, payload.to_json(), created_by)
        return Proposal(op_id, payload)

    # -- the buttons ---------------------------------------------------------------------------

    def expired(self, op: OperationRecord) -> bool:
        """Whether ``op``'s summary is older than :data:`OP_TTL` (its Confirm sends nothing)."""
        return self._now() - op.created_at > OP_TTL

    async def cancel(self, op_id: str, user_id: int) -> CancelOutcome:
        """The Cancel button: cancel a pending operation of this user."""
        op = await self.operation(op_id)
        if op is None:
            return Missing()
        if op.created_by != user_id:
            return NotYours()
        cancelled = await self.repos.operations.cancel(op_id)
        current = await self.operation(op_id) or op
        if cancelled:
            return Cancelled(current)
        return _again(current)

    async def cancel_pending(self, user_id: int) -> list[OperationRecord]:
        """/cancel outside a flow: cancel every operation of this user still waiting for its
        Confirm; returns the ones this call cancelled (a press racing it keeps its own)."""
        ops = self.repos.operations
        return [
            self.record(op) for op in await ops.pending_for(user_id) if await ops.cancel(op.op_id)
        ]

    async def confirm(self, op_id: str, user_id: int) -> ConfirmOutcome:
        """The Confirm button: perform the operation once, whatever happens around it."""
        ops = self.repos.operations
        op = await self.operation(op_id)
        if op is None:
            return Missing()
        if op.created_by != user_id:
            return NotYours()
        # Too old: cancel it (pending -> cancelled, atomic: a press racing this one either
        # began it first and is reported below, or finds it cancelled).
        if (
            op.state == OperationState.PENDING
            and self.expired(op)
            and await ops.cancel(op_id, OP_EXPIRED)
        ):
            return Expired(await self.operation(op_id) or op)
        try:
            started = self.record(await ops.begin(op_id))
        except OperationNotFound:
            return Missing()
        except OperationAlreadyStarted as exc:
            return _again(self.record(exc.op))
        run: Run[Any] = Run(started, started.payload, user_id)
        try:
            return await self._kind(started.kind).perform(self, run)
        except QuentliError as exc:
            return await self.fail_call(run, exc)
        except BaseException:
            # A bug or a cancellation after the write may have been sent: never run it again.
            with contextlib.suppress(OperationStateError):
                await ops.fail(op_id, "interrupted by an unexpected error", may_have_landed=True)
            raise

    # -- what the kinds call -------------------------------------------------------------------

    async def finish(
        self, run: Run[Any], result: OperationResult, outcome: str = "ok"
    ) -> OperationRecord:
        """Record the write's success with its ``result`` (and its audit row)."""
        detail = result.to_json()
        done = await self.repos.operations.complete(run.op.op_id, detail)
        await self._audit(run, outcome, detail)
        return self.record(done)

    async def fail(
        self,
        run: Run[Any],
        error: str,
        outcome: str,
        detail: Mapping[str, Any],
        *,
        may_have_landed: bool = False,
    ) -> OperationRecord:
        """Record a failure (``unknown`` when the write may have landed) and its audit row."""
        failed = await self.repos.operations.fail(
            run.op.op_id, error, may_have_landed=may_have_landed
        )
        await self._audit(run, outcome, detail)
        return self.record(failed)

    async def fail_call(
        self, run: Run[Any], exc: QuentliError, stage: str | None = None
    ) -> Failed:
        """Record a failed Quentli call: the write (``unknown`` when it may have landed), or a
        read at ``stage`` before it (plainly failed: nothing was sent)."""
        landed = stage is None and exc.write_may_have_landed
        error = f"{type(exc).__name__}: {exc}"[:300]
        detail: dict[str, Any] = {"error": type(exc).__name__}
        if isinstance(exc, QuentliAPIError):
            detail |= {"status": exc.status_code, "message": exc.message[:200]}
        if stage is not None:
            error, detail["stage"] = f"{stage}: {error}", stage
        outcome = "unknown" if landed else "error"
        failed = await self.fail(run, error, outcome, detail, may_have_landed=landed)
        return Failed(failed, exc, before_write=stage is not None)

    async def notify(
        self,
        customer_id: str,
        key: str,
        dedupe_key: str,
        *,
        pay_invoice_id: str | None = None,
        **values: Any,
    ) -> int | None:
        """Queue a notice for the parents of ``customer_id``: how many chats received it
        (:meth:`Notifier.told`; None: failed)."""
        # The write is done and recorded: a notification problem must not turn it into an
        # error for the staff member (the dedupe key keeps a later retry from doubling it).
        try:
            queued = await self._notifier.to_customer(
                customer_id, key, dedupe_key=dedupe_key, pay_invoice_id=pay_invoice_id, **values
            )
            return await self._told(customer_id, dedupe_key, queued)
        except Exception:
            log.exception("could not queue the parents' notification %s", key)
            return None

    async def _told(self, customer_id: str, dedupe_key: str, queued: int) -> int:
        return 0 if queued == 0 else await self._notifier.told(customer_id, dedupe_key)

    async def send_receipt(self, receipt: Receipt) -> int | None:
        """Queue the parents' receipt of a payment just recorded: how many chats (None:
        failed, logged; the payment stays recorded)."""
        try:
            queued = await self.receipts.send(receipt)
            return await self._told(receipt.customer_id, paid_key(receipt.invoice_id), queued)
        except Exception:
            log.exception("could not queue the parents' receipt")
            return None

    async def announce_payment(self, receipt: Receipt) -> int | None:
        """A payment the bot just recorded: the parents' receipt (how many chats were told, as
        :meth:`send_receipt`), then the office's notice (once per invoice, under the same key
        a webhook's would use)."""
        notified = await self.send_receipt(receipt)
        if self.office is not None:
            await self.office.paid(receipt)
        return notified

    async def _audit(self, run: Run[Any], outcome: str, detail: Mapping[str, Any]) -> None:
        payload: OperationPayload = run.payload
        customer_id = payload.customer_ref or detail.get("customer_id")
        invoice_id = payload.invoice_ref or detail.get("invoice_id")
        await self.repos.audit.record(
            run.user_id,
            run.op.kind,
            {"op_id": run.op.op_id, **payload.to_json()},
            outcome,
            detail,
            customer_id=customer_id if isinstance(customer_id, str) else None,
            invoice_id=invoice_id if isinstance(invoice_id, str) else None,
        )


def _again(op: OperationRecord) -> Done | Earlier:
    """An operation an earlier press (or a Cancel) already settled: its result, if done."""
    if op.state == OperationState.DONE and op.result is not None:
        return Done(op, op.result, first=False)
    return Earlier(op)
