"""OutboxRepo contract: dedupe, due order, retry, dead letters."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest

from bot.store import Repositories
from bot.store.outbox import DUE_SQL, PRUNE_SQL

from .conftest import START, FakeClock

MARKUP = json.dumps({"inline_keyboard": [[{"text": "Pagar", "callback_data": "pay:inv_1"}]]})


async def test_enqueue_and_dedupe(repos: Repositories) -> None:
    outbox = repos.outbox
    first = await outbox.enqueue(1, "Pagado", MARKUP, "paid:inv_1:1")
    assert isinstance(first, int)
    assert await outbox.enqueue(1, "Pagado otra vez", None, "paid:inv_1:1") is None
    # messages without a key are never deduplicated
    a = await outbox.enqueue(1, "hola")
    b = await outbox.enqueue(1, "hola")
    assert a is not None and b is not None and a != b
    assert await outbox.pending_count() == 3

    message = await outbox.get(first)
    assert message is not None
    assert (message.chat_id, message.text, message.dedupe_key) == (1, "Pagado", "paid:inv_1:1")
    assert message.reply_markup == json.loads(MARKUP)
    assert message.attempts == 0 and message.created_at == message.next_attempt_at == START
    assert message.sent_at is None and message.dead_at is None


async def test_a_sent_key_still_deduplicates(repos: Repositories) -> None:
    first = await repos.outbox.enqueue(1, "Pagado", None, "paid:inv_1:1")
    assert first is not None
    assert await repos.outbox.mark_sent(first)
    assert await repos.outbox.enqueue(1, "Pagado", None, "paid:inv_1:1") is None


async def test_due_order_and_states(repos: Repositories, clock: FakeClock) -> None:
    outbox = repos.outbox
    ids = [await outbox.enqueue(chat, f"m{chat}") for chat in (1, 2, 3, 4)]
    later = await outbox.enqueue(5, "later", not_before=START + timedelta(hours=1))
    m1, m2, m3, m4 = ids
    assert None not in ids and later is not None
    assert [m.id for m in await outbox.due(10, START)] == [m1, m2, m3, m4]
    assert [m.id for m in await outbox.due(2, START)] == [m1, m2]

    assert m1 is not None and m2 is not None and m3 is not None
    assert await outbox.mark_sent(m1)
    assert await outbox.mark_dead(m2, "Forbidden: bot was blocked by the user")
    assert await outbox.mark_retry(m3, "RetryAfter 5", START + timedelta(seconds=5))
    assert [m.id for m in await outbox.due(10)] == [m4]
    assert await outbox.pending_count() == 3  # m3, m4, later

    clock.advance(timedelta(seconds=5))
    assert [m.id for m in await outbox.due(10)] == [m3, m4]
    clock.advance(timedelta(hours=1))
    assert [m.id for m in await outbox.due(10)] == [m3, m4, later]

    retried = await outbox.get(m3)
    assert retried is not None
    assert retried.attempts == 1 and retried.last_error == "RetryAfter 5"
    dead = await outbox.get(m2)
    assert dead is not None and dead.dead_at == START and dead.attempts == 1
    sent = await outbox.get(m1)
    assert sent is not None and sent.sent_at == START


async def test_retries_count_attempts(repos: Repositories, clock: FakeClock) -> None:
    message_id = await repos.outbox.enqueue(1, "hola")
    assert message_id is not None
    for attempt in range(1, 4):
        clock.advance(timedelta(seconds=1))
        assert await repos.outbox.mark_retry(message_id, f"error {attempt}", clock.now)
        message = await repos.outbox.get(message_id)
        assert message is not None and message.attempts == attempt
        assert message.next_attempt_at == clock.now


async def test_finished_messages_do_not_change(repos: Repositories) -> None:
    message_id = await repos.outbox.enqueue(1, "hola")
    assert message_id is not None
    assert await repos.outbox.mark_sent(message_id)
    assert not await repos.outbox.mark_sent(message_id)
    assert not await repos.outbox.mark_retry(message_id, "late", START)
    assert not await repos.outbox.mark_dead(message_id, "late")
    assert not await repos.outbox.mark_sent(999)
    assert await repos.outbox.pending_count() == 0


async def test_errors_are_clipped(repos: Repositories) -> None:
    message_id = await repos.outbox.enqueue(1, "hola")
    assert message_id is not None
    await repos.outbox.mark_dead(message_id, "x" * 10_000)
    message = await repos.outbox.get(message_id)
    assert message is not None and message.last_error is not None
    assert len(message.last_error) == 500


async def test_bad_markup_is_refused(repos: Repositories) -> None:
    with pytest.raises(ValueError, match="JSON"):
        await repos.outbox.enqueue(1, "hola", "{not json")
    assert await repos.outbox.pending_count() == 0


async def test_drop_unsent_for_chat(repos: Repositories, clock: FakeClock) -> None:
    outbox = repos.outbox
    sent = await outbox.enqueue(1, "ya enviado")
    dead = await outbox.enqueue(1, "muerto")
    later = await outbox.enqueue(1, "más tarde", not_before=START + timedelta(hours=1))
    waiting = await outbox.enqueue(1, "pendiente")
    other = await outbox.enqueue(2, "otro chat")
    assert None not in (sent, dead, later, waiting, other)
    assert sent is not None and dead is not None and later is not None and other is not None
    assert waiting is not None
    assert await outbox.mark_sent(sent) and await outbox.mark_dead(dead, "BadRequest")
    clock.advance(timedelta(minutes=1))

    assert await outbox.drop_unsent_for_chat(1, "chat unlinked") == 2  # waiting and later
    assert await outbox.drop_unsent_for_chat(1, "chat unlinked") == 0
    for message_id in (later, waiting):
        dropped = await outbox.get(message_id)
        assert dropped is not None and dropped.dead_at == clock.now and dropped.sent_at is None
        assert dropped.last_error == "chat unlinked" and dropped.attempts == 0
    kept = await outbox.get(sent)
    assert kept is not None and kept.dead_at is None and kept.sent_at == START
    gone = await outbox.get(dead)
    assert gone is not None and gone.last_error == "BadRequest"
    assert [m.id for m in await outbox.due(now=START + timedelta(days=1))] == [other]
    assert await outbox.drop_unsent_for_chat(3, "x" * 600) == 0


async def test_old_history_is_pruned_and_its_keys_still_deduplicate(
    repos: Repositories, clock: FakeClock
) -> None:
    outbox = repos.outbox
    sent = await outbox.enqueue(1, "Pagado", None, "paid:inv_1:1")
    dead = await outbox.enqueue(2, "Pagado", None, "paid:inv_1:2")
    waiting = await outbox.enqueue(3, "Pagado", None, "paid:inv_1:3")
    assert sent is not None and dead is not None and waiting is not None
    await outbox.mark_sent(sent)
    await outbox.mark_dead(dead, "BadRequest: chat not found")
    clock.advance(timedelta(days=31))
    recent = await outbox.enqueue(4, "Nuevo", None, "new:inv_2:4")
    assert recent is not None and await outbox.mark_sent(recent)

    assert await outbox.prune(START + timedelta(days=30), batch=1) == 2
    assert await outbox.get(sent) is None and await outbox.get(dead) is None
    assert await outbox.get(waiting) is not None and await outbox.get(recent) is not None
    # a pruned receipt is never queued again
    assert await outbox.enqueue(1, "Pagado", None, "paid:inv_1:1") is None
    assert await outbox.enqueue(2, "Pagado", None, "paid:inv_1:2") is None


async def test_the_due_query_reads_only_waiting_rows(repos: Repositories) -> None:
    plan = await repos.db.fetchall(f"EXPLAIN QUERY PLAN {DUE_SQL}", ("2030", 5))
    outbox_steps = [row["detail"] for row in plan if " outbox" in row["detail"]]
    assert outbox_steps == ["SCAN outbox USING INDEX outbox_pending"]


async def test_the_prune_reads_the_history_by_id_below_a_bound(repos: Repositories) -> None:
    plan = await repos.db.fetchall(f"EXPLAIN QUERY PLAN {PRUNE_SQL}", (10, "2030", 5))
    details = [row["detail"] for row in plan]
    assert "SEARCH outbox USING INTEGER PRIMARY KEY (rowid<?)" in details
    assert not [detail for detail in details if detail.startswith("SCAN")]


async def test_the_prune_without_a_row_created_since_the_cutoff_reads_all(
    repos: Repositories, clock: FakeClock
) -> None:
    outbox = repos.outbox
    old = await outbox.enqueue(1, "Pagado", None, "paid:inv_1:1")
    assert old is not None and await outbox.mark_sent(old)
    clock.advance(timedelta(days=31))
    young = await outbox.enqueue(2, "Pagado", None, "paid:inv_2:2")
    assert young is not None and await outbox.mark_sent(young)
    assert await outbox.prune(START + timedelta(days=40)) == 2
    assert await outbox.get(old) is None and await outbox.get(young) is None


async def test_messages_for_a_chat_that_blocked_the_bot_wait(repos: Repositories) -> None:
    outbox = repos.outbox
    await outbox.enqueue(1, "Pagado")
    await outbox.enqueue(2, "Pagado")
    assert await repos.blocks.block(1)
    assert not await repos.blocks.block(1)
    assert [m.chat_id for m in await outbox.due()] == [2]
    assert await outbox.pending_count() == 1 and await outbox.held_count() == 1
    assert await repos.blocks.unblock(1)
    assert not await repos.blocks.unblock(1)
    assert [m.chat_id for m in await outbox.due()] == [1, 2]
