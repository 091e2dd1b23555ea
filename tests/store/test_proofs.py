"""The proofs table: each review moves a proof once, whoever presses second finds it changed."""

from __future__ import annotations

from bot.store import Database
from bot.store.proofs import ProofFile, ProofInvoice, ProofKind, ProofRepo, ProofState
from tests.store.conftest import FakeClock

FILE = ProofFile("AgADfile", ProofKind.PHOTO, chat_id=42, user_id=42, caption="comprobante")
UNIFORM = ProofInvoice("cus_1", "Lucía García", "inv_1", "Uniforme", 90_000)


async def test_a_proof_is_chosen_once_and_only_by_its_chat(db: Database, clock: FakeClock) -> None:
    repo = ProofRepo(db, now=clock)
    proof_id = await repo.create(FILE)
    assert (await repo.get(proof_id)).state == ProofState.ASKING  # type: ignore[union-attr]
    assert await repo.count_waiting() == 0
    assert not await repo.choose(proof_id, 99, UNIFORM)  # another chat
    assert await repo.choose(proof_id, 42, UNIFORM)
    assert not await repo.choose(proof_id, 42, UNIFORM)
    proof = await repo.get(proof_id)
    assert proof is not None and proof.invoice == UNIFORM and proof.file == FILE
    assert [p.proof_id for p in await repo.waiting()] == [proof_id]


async def test_a_proof_is_reviewed_once(db: Database, clock: FakeClock) -> None:
    repo = ProofRepo(db, now=clock)
    proof_id = await repo.create(FILE)
    assert not await repo.claim(proof_id, 1, "Ana", "op1")  # not chosen yet
    await repo.choose(proof_id, 42, UNIFORM)
    assert await repo.claim(proof_id, 1, "Ana", "op1")
    assert not await repo.claim(proof_id, 2, "Beto", "op2")
    assert not await repo.reject(proof_id, 2, "Beto", "illegible")
    assert await repo.release(proof_id)  # nothing was sent: it waits again
    assert await repo.reject(proof_id, 2, "Beto", "illegible")
    assert not await repo.claim(proof_id, 1, "Ana", "op3")
    proof = await repo.get(proof_id)
    assert proof is not None and proof.state == ProofState.REJECTED
    assert (proof.reviewer_name, proof.reason, proof.op_id) == ("Beto", "illegible", None)
    assert proof.reviewed_at == clock.now and await repo.count_waiting() == 0
