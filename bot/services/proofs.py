"""Proofs of payment: a parent's photo or PDF, the invoice it is for, and the office's review.

1. :meth:`ProofService.receive`: a linked chat sent a file; it is stored (``asking``) with the
   chat's unpaid invoices to choose from. An unlinked chat: nothing is stored.
2. :meth:`ProofService.choose`: the parent picked an invoice (re-checked against the chat's
   links, SPEC rule 7) or "another payment"; the proof waits for the office.
3. :meth:`ProofService.approve`: a reviewer confirmed the payment date; one ``mark-paid``
   (method transfer) through the operations engine, so a double tap, two reviewers at once or a
   restart record it once; the parents get the usual receipt (``paid:<invoice_id>``).
   :meth:`ProofService.reject`: the parent is told why.

Staff checks are the Telegram layer's (on every press); this module never sees Telegram.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, tzinfo
from enum import StrEnum

from bot.quentli import NotFoundError
from bot.services.billing import BillingService
from bot.services.billing_kinds import MARK_PAID
from bot.services.billing_payloads import Change, MarkPaidPayload
from bot.services.billing_results import (
    Changed,
    Done,
    Earlier,
    Expired,
    Failed,
    MarkedPaid,
    OperationState,
)
from bot.services.notifications import Notifier
from bot.services.parents import OwedInvoice, ParentService
from bot.services.payment_methods import PaymentMethod
from bot.store.proofs import Proof, ProofFile, ProofInvoice, ProofKind, ProofRepo, ProofState

__all__ = [
    "MAX_PROOF_BYTES",
    "AlreadyReviewed",
    "Approved",
    "Asking",
    "NoInvoice",
    "NotApproved",
    "NotLinked",
    "Proof",
    "ProofFile",
    "ProofGone",
    "ProofKind",
    "ProofService",
    "ProofState",
    "Reason",
    "Rejected",
]

#: The largest file taken as a proof (a phone's photo or a bank's PDF is far smaller).
MAX_PROOF_BYTES = 10 * 1024 * 1024


class Reason(StrEnum):
    """Why a reviewer rejected a proof (the parent is told in their language)."""

    ILLEGIBLE = "illegible"
    AMOUNT = "amount"
    NOT_FOUND = "notfound"
    OTHER = "other"


@dataclass(frozen=True, slots=True)
class NotLinked:
    """The chat is linked to no family: nothing was stored."""


@dataclass(frozen=True, slots=True)
class Asking:
    """The proof is stored; the parent says which of ``invoices`` it is for (or another)."""

    proof_id: int
    invoices: list[OwedInvoice]


@dataclass(frozen=True, slots=True)
class ProofGone:
    """A button of a proof that is not this chat's, or was answered already."""


@dataclass(frozen=True, slots=True)
class AlreadyReviewed:
    """Someone reviewed the proof first (``proof.reviewer_name`` says who)."""

    proof: Proof


@dataclass(frozen=True, slots=True)
class NoInvoice:
    """The parent said "another payment": there is no invoice to mark paid."""

    proof: Proof


@dataclass(frozen=True, slots=True)
class Approved:
    """The payment is recorded (``done.first`` False: an earlier press recorded it)."""

    proof: Proof
    done: Done


@dataclass(frozen=True, slots=True)
class NotApproved:
    """Nothing was recorded; ``outcome`` says why (the proof waits again unless the write may
    have landed)."""

    proof: Proof
    outcome: Changed | Failed | Expired | Earlier


@dataclass(frozen=True, slots=True)
class Rejected:
    """The proof is rejected; ``told`` chats of the parent were told."""

    proof: Proof
    told: bool


#: A mark-paid that ended so (cancelled, plainly failed) sent nothing: the proof waits again.
_NOTHING_SENT = (OperationState.CANCELLED, OperationState.FAILED)


def proof_rejected_key(proof_id: int) -> str:
    """The dedupe key of the parent's "your proof was rejected"."""
    return f"proof-rejected:{proof_id}"


class ProofService:
    """Receives proofs and records their review exactly once.

    Args:
        repo: the ``proofs`` table.
        parents: the chat's links and unpaid invoices.
        billing: the exactly-once engine (a mark-paid).
        notifier: tells the parent of a rejection.
        tz: the school's time zone (the payment date is 00:00 of that day there).
        now: the clock (aware UTC).
    """

    def __init__(
        self,
        repo: ProofRepo,
        parents: ParentService,
        billing: BillingService,
        notifier: Notifier,
        tz: tzinfo,
        *,
        now: Callable[[], datetime] | None = None,
    ) -> None:
        self._repo = repo
        self._parents = parents
        self._billing = billing
        self._notifier = notifier
        self._tz = tz
        self._now: Callable[[], datetime] = now or (lambda: datetime.now(UTC))

    async def receive(self, file: ProofFile) -> NotLinked | Asking:
        """A file from ``file.chat_id``: stored, with the invoices to choose from.

        Raises:
            QuentliError: the unpaid invoices could not be read (nothing was stored).
        """
        links = await self._parents.links(file.chat_id)
        if not links:
            return NotLinked()
        owed = await self._parents.owed(file.chat_id, links)
        proof_id = await self._repo.create(file)
        return Asking(proof_id, owed.invoices)

    async def choose(
        self, proof_id: int, chat_id: int, invoice_id: str | None
    ) -> Proof | ProofGone:
        """The parent's answer: ``invoice_id`` (re-checked against the chat's links) or None
        ("another payment").

        Raises:
            QuentliError: the invoice could not be read (nothing changed).
        """
        proof = await self._repo.get(proof_id)
        if proof is None or proof.file.chat_id != chat_id or proof.state != ProofState.ASKING:
            return ProofGone()
        links = await self._parents.links(chat_id)
        if not links:
            return ProofGone()
        if invoice_id is None:
            names = ", ".join(dict.fromkeys(link.customer_name for link in links))
            only = links[0].customer_id if len(links) == 1 else None
            chosen = ProofInvoice(customer_id=only, customer_name=names)
        else:
            linked = await self._linked_invoice(chat_id, invoice_id)
            if linked is None:
                return ProofGone()
            chosen = linked
        if not await self._repo.choose(proof_id, chat_id, chosen):
            return ProofGone()
        return await self._repo.get(proof_id) or ProofGone()

    async def owed_for(self, proof: Proof) -> list[OwedInvoice]:
        """The unpaid invoices of the families linked to the proof's chat (for a reviewer to
        pick when the parent said "another payment").

        Raises:
            QuentliError: Quentli failed.
        """
        return (await self._parents.owed(proof.file.chat_id)).invoices

    async def assign(self, proof_id: int, invoice_id: str) -> Proof | ProofGone:
        """The reviewer's pick for a proof without an invoice: one of the chat's (rule 7).

        Raises:
            QuentliError: the invoice could not be read (nothing changed).
        """
        proof = await self._repo.get(proof_id)
        if proof is None or proof.state != ProofState.WAITING:
            return ProofGone()
        chosen = await self._linked_invoice(proof.file.chat_id, invoice_id)
        if chosen is None or not await self._repo.assign(proof_id, chosen):
            return ProofGone()
        return await self._repo.get(proof_id) or ProofGone()

    async def _linked_invoice(self, chat_id: int, invoice_id: str) -> ProofInvoice | None:
        """``invoice_id`` as a proof's invoice, if it is of a family linked to ``chat_id``."""
        links = await self._parents.links(chat_id)
        try:
            found = await self._billing.look_up_invoice(invoice_id)
        except NotFoundError:
            return None
        invoice = found.invoice
        mine = {link.customer_id: link.customer_name for link in links}
        if invoice.customer_id not in mine:
            return None  # rule 7: the same answer as an invoice that does not exist
        return ProofInvoice(
            customer_id=invoice.customer_id,
            customer_name=mine[invoice.customer_id],
            invoice_id=invoice.id,
            concept=invoice.concept_text or invoice.id,
            amount=invoice.outstanding,
        )

    async def proof(self, proof_id: int) -> Proof | None:
        """The proof ``proof_id`` (None: a forged or ancient button)."""
        return await self._repo.get(proof_id)

    async def waiting(self, limit: int = 50) -> list[Proof]:
        """The proofs waiting for a review, oldest first."""
        return await self._repo.waiting(limit)

    async def count_waiting(self) -> int:
        """How many proofs wait for a review."""
        return await self._repo.count_waiting()

    async def approve(
        self, proof_id: int, reviewer: int, reviewer_name: str, paid_on: date
    ) -> Approved | NotApproved | AlreadyReviewed | NoInvoice | ProofGone:
        """Record the payment of a waiting proof once, paid on ``paid_on``.

        Raises:
            QuentliError: the invoice could not be read before anything was recorded.
        """
        proof = await self._repo.get(proof_id)
        if proof is None or proof.state == ProofState.ASKING:
            return ProofGone()
        if proof.state == ProofState.APPROVING and proof.op_id is not None:
            return await self._resume(proof)
        if proof.state != ProofState.WAITING:
            return AlreadyReviewed(proof)
        if proof.invoice is None or proof.invoice.invoice_id is None:
            return NoInvoice(proof)
        found = await self._billing.look_up_invoice(proof.invoice.invoice_id)
        payload = MarkPaidPayload.of(
            found.invoice,
            proof.invoice.customer_name,
            paid_on,
            self._now(),
            self._tz,
            method=PaymentMethod.TRANSFER,
        )
        proposal = await self._billing.propose(MARK_PAID, payload, reviewer)
        if not await self._repo.claim(proof_id, reviewer, reviewer_name, proposal.op_id):
            # Another reviewer came first: this proposal is dropped, never sent.
            await self._billing.cancel(proposal.op_id, reviewer)
            current = await self._repo.get(proof_id)
            assert current is not None
            if current.state == ProofState.APPROVING:
                return await self._resume(current)
            return AlreadyReviewed(current)
        outcome = await self._billing.confirm(proposal.op_id, reviewer)
        return await self._settle(proof_id, outcome)

    async def _resume(self, proof: Proof) -> Approved | NotApproved | AlreadyReviewed | ProofGone:
        """A proof being approved (a press racing the first, or a restart in between): the
        engine runs its mark-paid once and tells every later press what became of it."""
        assert proof.op_id is not None
        op = await self._billing.operation(proof.op_id)
        if op is None or op.created_by is None:
            return ProofGone()
        outcome = await self._billing.confirm(proof.op_id, op.created_by)
        in_flight = isinstance(outcome, Earlier) and outcome.op.state == OperationState.IN_FLIGHT
        if in_flight or (isinstance(outcome, Done) and not outcome.first):
            # The first press is recording it, or did: this one says who reviewed it.
            if isinstance(outcome, Done):
                await self._repo.approved(proof.proof_id)
            current = await self._repo.get(proof.proof_id)
            return ProofGone() if current is None else AlreadyReviewed(current)
        return await self._settle(proof.proof_id, outcome)

    async def _settle(
        self, proof_id: int, outcome: object
    ) -> Approved | NotApproved | AlreadyReviewed | ProofGone:
        if isinstance(outcome, Done) or (
            isinstance(outcome, Changed) and outcome.what == Change.PAID
        ):
            # paid already (by card, at the window): nothing to record, nothing left to review
            await self._repo.approved(proof_id)
        elif (
            isinstance(outcome, Changed | Expired)
            or (isinstance(outcome, Failed) and not outcome.unknown)
            or (isinstance(outcome, Earlier) and outcome.op.state in _NOTHING_SENT)
        ):
            await self._repo.release(proof_id)  # nothing was sent: it can be reviewed again
        current = await self._repo.get(proof_id)
        if current is None:
            return ProofGone()
        if isinstance(outcome, Done):
            return Approved(current, outcome)
        if isinstance(outcome, Changed | Failed | Expired | Earlier):
            return NotApproved(current, outcome)
        return AlreadyReviewed(current)

    async def paid_on(self, proof: Proof) -> date | None:
        """The payment date an approved proof recorded (its mark-paid's), in the school's time
        zone; None when it recorded nothing (the invoice was paid already) or is not done."""
        if proof.state != ProofState.APPROVED or proof.op_id is None:
            return None
        op = await self._billing.operation(proof.op_id)
        if op is None or not isinstance(op.result, MarkedPaid):
            return None
        return op.result.payment_time.astimezone(self._tz).date()

    async def reject(
        self, proof_id: int, reviewer: int, reviewer_name: str, reason: Reason
    ) -> Rejected | AlreadyReviewed | ProofGone:
        """Reject a waiting proof and tell the parent why (once)."""
        proof = await self._repo.get(proof_id)
        if proof is None or proof.state == ProofState.ASKING:
            return ProofGone()
        if not await self._repo.reject(proof_id, reviewer, reviewer_name, reason.value):
            return AlreadyReviewed(await self._repo.get(proof_id) or proof)
        current = await self._repo.get(proof_id)
        assert current is not None
        invoice = current.invoice
        told = await self._notifier.to_user(
            current.file.chat_id,
            f"proofs.rejected.{reason.value}",
            dedupe_key=proof_rejected_key(proof_id),
            name=invoice.customer_name if invoice else "—",
            concept=(invoice.concept if invoice else None) or "—",
        )
        return Rejected(current, told)
