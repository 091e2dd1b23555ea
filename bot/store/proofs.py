"""Proofs of payment a parent sent (a photo or a PDF), and their review by the office.

States::

    asking --choose--> waiting --claim--> approving --approved--> approved
                          |                   '--release--> waiting
                          '--reject--> rejected

A proof is stored ``asking`` when the photo arrives (the parent has not said which invoice);
``waiting`` once they did and the office was sent it. Every change of state is one ``UPDATE``
guarded by the state it leaves, so two reviewers pressing at once, a double tap or a restart
move it once: the others find it changed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from bot.store.db import Clock, Database, Row, from_db_time, insert_in, to_db_time, utc_now

__all__ = ["Proof", "ProofFile", "ProofInvoice", "ProofKind", "ProofRepo", "ProofState"]


class ProofKind(StrEnum):
    """How the file came: a photo or a document (a PDF, an image sent as a file)."""

    PHOTO = "photo"
    DOCUMENT = "document"


class ProofState(StrEnum):
    """Where a proof is in its review."""

    ASKING = "asking"
    WAITING = "waiting"
    APPROVING = "approving"
    APPROVED = "approved"
    REJECTED = "rejected"


@dataclass(frozen=True, slots=True)
class ProofFile:
    """The file a parent sent, as Telegram names it (re-sent by ``file_id``)."""

    file_id: str
    kind: ProofKind
    chat_id: int
    user_id: int
    caption: str | None = None


@dataclass(frozen=True, slots=True)
class ProofInvoice:
    """What the proof is for: the family, and the invoice (None: "another payment")."""

    customer_id: str | None
    customer_name: str
    invoice_id: str | None = None
    concept: str | None = None
    amount: int | None = None


@dataclass(frozen=True, slots=True)
class Proof:
    """One proof of payment and its review."""

    proof_id: int
    file: ProofFile
    state: ProofState
    invoice: ProofInvoice | None
    reviewer: int | None
    reviewer_name: str | None
    reason: str | None
    op_id: str | None
    created_at: datetime
    reviewed_at: datetime | None


def _proof(row: Row) -> Proof:
    invoice = None
    if row["customer_name"] is not None:
        invoice = ProofInvoice(
            customer_id=row["customer_id"],
            customer_name=row["customer_name"],
            invoice_id=row["invoice_id"],
            concept=row["concept"],
            amount=row["amount"],
        )
    reviewed = row["reviewed_at"]
    return Proof(
        proof_id=row["proof_id"],
        file=ProofFile(
            file_id=row["file_id"],
            kind=ProofKind(row["kind"]),
            chat_id=row["chat_id"],
            user_id=row["user_id"],
            caption=row["caption"],
        ),
        state=ProofState(row["state"]),
        invoice=invoice,
        reviewer=row["reviewer"],
        reviewer_name=row["reviewer_name"],
        reason=row["reason"],
        op_id=row["op_id"],
        created_at=from_db_time(row["created_at"]),
        reviewed_at=None if reviewed is None else from_db_time(reviewed),
    )


def _columns(invoice: ProofInvoice) -> tuple[str | int | None, ...]:
    """customer_id, customer_name, invoice_id, concept, amount."""
    return (
        invoice.customer_id,
        invoice.customer_name,
        invoice.invoice_id,
        invoice.concept,
        invoice.amount,
    )


class ProofRepo:
    """The ``proofs`` table."""

    def __init__(self, db: Database, *, now: Clock = utc_now) -> None:
        self._db = db
        self._now = now

    async def create(self, file: ProofFile) -> int:
        """Store a proof just received (``asking``); returns its id."""
        async with self._db.transaction() as conn:
            return await insert_in(
                conn,
                "INSERT INTO proofs (file_id, kind, chat_id, user_id, caption, state, created_at)"
                " VALUES (?, ?, ?, ?, ?, 'asking', ?)",
                (
                    file.file_id,
                    file.kind.value,
                    file.chat_id,
                    file.user_id,
                    file.caption,
                    to_db_time(self._now()),
                ),
            )

    async def get(self, proof_id: int) -> Proof | None:
        """The proof ``proof_id``, or None."""
        row = await self._db.fetchone("SELECT * FROM proofs WHERE proof_id = ?", (proof_id,))
        return None if row is None else _proof(row)

    async def choose(self, proof_id: int, chat_id: int, invoice: ProofInvoice) -> bool:
        """The parent said what the proof is for: ``asking`` -> ``waiting``.

        Returns:
            False when it is not this chat's proof or was answered already (nothing changed).
        """
        changed = await self._db.execute(
            "UPDATE proofs SET state = 'waiting', customer_id = ?, customer_name = ?,"
            " invoice_id = ?, concept = ?, amount = ?"
            " WHERE proof_id = ? AND chat_id = ? AND state = 'asking'",
            (*_columns(invoice), proof_id, chat_id),
        )
        return changed == 1

    async def assign(self, proof_id: int, invoice: ProofInvoice) -> bool:
        """A reviewer says which invoice a proof sent as "another payment" is for.

        Returns:
            False when it was reviewed meanwhile or already has an invoice (nothing changed).
        """
        changed = await self._db.execute(
            "UPDATE proofs SET customer_id = ?, customer_name = ?, invoice_id = ?, concept = ?,"
            " amount = ? WHERE proof_id = ? AND state = 'waiting' AND invoice_id IS NULL",
            (*_columns(invoice), proof_id),
        )
        return changed == 1

    async def claim(self, proof_id: int, reviewer: int, reviewer_name: str, op_id: str) -> bool:
        """A reviewer approves: ``waiting`` -> ``approving`` with the mark-paid ``op_id``.

        Returns:
            False when someone reviewed it first (nothing changed).
        """
        changed = await self._db.execute(
            "UPDATE proofs SET state = 'approving', reviewer = ?, reviewer_name = ?, op_id = ?,"
            " reviewed_at = ? WHERE proof_id = ? AND state = 'waiting'",
            (reviewer, reviewer_name, op_id, to_db_time(self._now()), proof_id),
        )
        return changed == 1

    async def approved(self, proof_id: int) -> bool:
        """The payment was recorded: ``approving`` -> ``approved``."""
        changed = await self._db.execute(
            "UPDATE proofs SET state = 'approved' WHERE proof_id = ? AND state = 'approving'",
            (proof_id,),
        )
        return changed == 1

    async def release(self, proof_id: int) -> bool:
        """Nothing was recorded (Quentli refused, the invoice changed): back to ``waiting``."""
        changed = await self._db.execute(
            "UPDATE proofs SET state = 'waiting', reviewer = NULL, reviewer_name = NULL,"
            " op_id = NULL, reviewed_at = NULL WHERE proof_id = ? AND state = 'approving'",
            (proof_id,),
        )
        return changed == 1

    async def reject(self, proof_id: int, reviewer: int, reviewer_name: str, reason: str) -> bool:
        """A reviewer rejects: ``waiting`` -> ``rejected`` with ``reason``.

        Returns:
            False when someone reviewed it first (nothing changed).
        """
        changed = await self._db.execute(
            "UPDATE proofs SET state = 'rejected', reviewer = ?, reviewer_name = ?, reason = ?,"
            " reviewed_at = ? WHERE proof_id = ? AND state = 'waiting'",
            (reviewer, reviewer_name, reason, to_db_time(self._now()), proof_id),
        )
        return changed == 1

    async def waiting(self, limit: int = 50) -> list[Proof]:
        """Proofs waiting for a review, oldest first."""
        rows = await self._db.fetchall(
            "SELECT * FROM proofs WHERE state = 'waiting' ORDER BY proof_id LIMIT ?", (limit,)
        )
        return [_proof(row) for row in rows]

    async def count_waiting(self) -> int:
        """How many proofs wait for a review."""
        row = await self._db.fetchone("SELECT COUNT(*) FROM proofs WHERE state = 'waiting'")
        return 0 if row is None else int(row[0])
