"""The one outbox worker: sends queued messages (receipts, notices) within Telegram's limits.

Rows live in SQLite (``OutboxRepo``) until Telegram accepted them, so a restart resumes where
the last run stopped. Pacing: at most one message per second to a chat (here), 30 per second
overall (the bot's ``FloodLimiter``, shared with the replies, which go first). Failures:

- ``Forbidden`` (the parent blocked the bot): delivery to the chat stops (``ChatBlockRepo``)
  and what is queued for it waits; its links stay, and the office is told. Its next update
  turns delivery on again (``Notifier.chat_returned``) and what it is owed (a receipt) goes out
  then.
- ``RetryAfter``: tried again after the time Telegram asked.
- network errors, timeouts, 5xx: tried again with exponential backoff, ``dead`` after
  ``max_attempts``.
- ``BadRequest`` (chat not found, a text Telegram refuses): ``dead`` at once; it would not pass
  later either.

A message Telegram accepted but whose "sent" mark could not be written (a full disk) is never
sent again by this run: the mark is retried until it is written.

Sent and dead rows are pruned after ``RETENTION`` (the audit log is the record that stays); their
dedupe keys are kept, so a pruned receipt is never queued again.

A row is re-read just before it is sent: one dropped meanwhile
(``OutboxRepo.drop_unsent_for_chat``: the parent unlinked, the staff member was removed) never
goes out.

Message texts are never logged (they may name families and amounts).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections import deque
from datetime import timedelta
from typing import Any

from telegram import InlineKeyboardMarkup
from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden, RetryAfter, TelegramError

from bot.background import finish_or_cancel
from bot.pacing import Pacing
from bot.ptb.flood import BACKGROUND, retry_after_seconds
from bot.services.notifications import Notifier
from bot.services.office import Office
from bot.store import OutboxMessage, Repositories, utc_now

__all__ = ["PRUNE_EVERY", "RETENTION", "OutboxWorker"]

log = logging.getLogger(__name__)

#: How long sent and dead messages are kept.
RETENTION = timedelta(days=30)
#: How often old messages are pruned (seconds).
PRUNE_EVERY = 3600.0


class OutboxWorker:
    """Sends the outbox. ``start()`` once the bot is initialised; ``stop()`` before shutdown.

    Args:
        bot: the Application's bot (its rate limiter paces the overall rate).
        repos: the store (outbox, links).
        notifier: wakes the worker on every enqueue (optional).
        pacing: the interval per chat, the idle check, the reads and the retries
            (production's by default).
        concurrency: messages in flight at most.
        max_attempts: attempts before a message is given up.
        office: told when a parent's chat blocked the bot.
    """

    def __init__(
        self,
        bot: Any,
        repos: Repositories,
        *,
        notifier: Notifier | None = None,
        pacing: Pacing | None = None,
        concurrency: int = 30,
        batch: int = 500,
        max_attempts: int = 8,
        office: Office | None = None,
    ) -> None:
        pacing = pacing or Pacing()
        self._bot = bot
        self._repos = repos
        self._notifier = notifier
        self._office = office
        self._per_chat = pacing.outbox_per_chat
        self._idle_check = pacing.outbox_idle_check
        self._refresh_every = pacing.outbox_refresh
        self._backoff = pacing.outbox_backoff
        self._concurrency = concurrency
        self._batch = batch
        self._max_attempts = max_attempts
        self._wake = asyncio.Event()
        self._resumed = asyncio.Event()
        self._resumed.set()
        self._stopping = False
        self._task: asyncio.Task[None] | None = None
        self._sending: dict[int, asyncio.Task[None]] = {}
        self._next_send: dict[int, float] = {}
        self._blocked: set[int] = set()
        self._buffer: deque[OutboxMessage] = deque()
        self._refresh = True
        self._last_refresh = 0.0
        # Accepted by Telegram, "sent" not written yet (the disk was full): never resent.
        self._unmarked: set[int] = set()
        self._pruner: asyncio.Task[None] | None = None

    # -- lifecycle --------------------------------------------------------------------------

    def start(self) -> None:
        """Start the sending loop in the running event loop."""
        if self._task is not None:
            return
        if self._notifier is not None:
            self._notifier.on_enqueue = self._enqueued
        self._task = asyncio.create_task(self._run(), name="outbox-worker")
        self._pruner = asyncio.create_task(self._prune_loop(), name="outbox-pruner")

    async def stop(self, grace: float = 5.0) -> None:
        """Stop taking messages; wait (at most ``grace`` s) for those in flight."""
        if self._notifier is not None and self._notifier.on_enqueue == self._enqueued:
            self._notifier.on_enqueue = None
        self._stopping = True
        self._wake.set()
        self._resumed.set()
        if self._pruner is not None:
            self._pruner.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._pruner
            self._pruner = None
        if self._task is not None:
            await self._task
            self._task = None
        # A message cancelled unsent stays queued for the next run.
        await finish_or_cancel(self._sending.values(), grace)

    def pause(self) -> None:
        """Hold the messages (they stay queued); for maintenance and tests."""
        self._resumed.clear()

    def resume(self) -> None:
        """Send again after :meth:`pause`."""
        self._resumed.set()
        self._wake.set()

    def _enqueued(self) -> None:
        self._refresh = True
        self._wake.set()

    # -- the loop ---------------------------------------------------------------------------

    async def _run(self) -> None:
        while not self._stopping:
            try:
                await self._resumed.wait()
                if self._stopping:
                    break
                self._wake.clear()
                delay = await self._step()
            except Exception:
                log.exception("outbox: the worker hit an error; continuing")
                delay = 1.0
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), delay)

    async def _step(self) -> float:
        """Send what may be sent now; return how long to wait at most before looking again."""
        clock = time.monotonic()
        if not self._buffer or (
            self._refresh and clock - self._last_refresh > self._refresh_every
        ):
            await self._fill(clock)
        next_look = self._idle_check
        kept: deque[OutboxMessage] = deque()
        while self._buffer:
            row = self._buffer.popleft()
            if row.id in self._sending or row.chat_id in self._blocked:
                continue
            free_at = self._next_send.get(row.chat_id, 0.0)
            if free_at > clock or len(self._sending) >= self._concurrency:
                kept.append(row)
                if free_at > clock:
                    next_look = min(next_look, free_at - clock)
                continue
            self._next_send[row.chat_id] = clock + self._per_chat
            task = asyncio.create_task(self._send(row), name="outbox-send")
            self._sending[row.id] = task
        self._buffer = kept
        if self._refresh:  # new rows arrived: look again soon, but not before _refresh_every
            since = clock - self._last_refresh
            next_look = min(next_look, max(self._refresh_every - since, 0.01))
        self._forget_old_chats(clock)
        return max(next_look, 0.0)

    async def _fill(self, clock: float) -> None:
        self._refresh = False
        self._last_refresh = clock
        self._blocked.clear()
        await self._write_pending_marks()
        rows = await self._repos.outbox.due(limit=self._batch)
        self._buffer = deque(
            row for row in rows if row.id not in self._sending and row.id not in self._unmarked
        )

    async def _write_pending_marks(self) -> None:
        for message_id in sorted(self._unmarked):
            try:
                await self._repos.outbox.mark_sent(message_id)
            except Exception as exc:
                log.warning("outbox: still cannot record sent messages (%s)", type(exc).__name__)
                return
            self._unmarked.discard(message_id)
            log.info("outbox: message %d recorded as sent at last", message_id)

    async def _prune_loop(self) -> None:
        while True:
            try:
                pruned = await self._repos.outbox.prune(utc_now() - RETENTION)
            except Exception as exc:
                log.warning("outbox: old messages not pruned (%s); later", type(exc).__name__)
            else:
                if pruned:
                    log.info("outbox: %d old message(s) pruned", pruned)
            await asyncio.sleep(PRUNE_EVERY)

    def _forget_old_chats(self, clock: float) -> None:
        if len(self._next_send) > 10_000:
            self._next_send = {k: v for k, v in self._next_send.items() if v > clock}

    # -- one message ------------------------------------------------------------------------

    async def _send(self, row: OutboxMessage) -> None:
        try:
            await self._deliver(row)
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("outbox: message %d could not be handled", row.id)
        finally:
            self._sending.pop(row.id, None)
            self._wake.set()

    async def _deliver(self, row: OutboxMessage) -> None:
        outbox = self._repos.outbox
        # Re-read: the row may have been dropped since it was buffered (the chat was unlinked,
        # its staff member removed); a dropped row is never sent.
        current = await outbox.get(row.id)
        if current is None or current.sent_at is not None or current.dead_at is not None:
            return
        kwargs: dict[str, Any] = {"parse_mode": ParseMode.HTML}
        if row.reply_markup is not None:
            kwargs["reply_markup"] = InlineKeyboardMarkup.de_json(row.reply_markup, self._bot)
        if getattr(self._bot, "rate_limiter", None) is not None:
            kwargs["rate_limit_args"] = BACKGROUND
        started = time.monotonic()
        try:
            await self._bot.send_message(row.chat_id, row.text, **kwargs)
        except Forbidden as exc:
            await self._chat_gone(row, exc, started)
        except RetryAfter as exc:
            wait = retry_after_seconds(exc)
            self._next_send[row.chat_id] = time.monotonic() + max(wait, self._per_chat)
            await self._retry(row, f"RetryAfter {wait:g}s", wait)
        except BadRequest as exc:
            log.warning("outbox: Telegram refused message %d: %s", row.id, exc.message)
            await outbox.mark_dead(row.id, f"BadRequest: {exc.message}")
        except TelegramError as exc:
            await self._retry(row, f"{type(exc).__name__}: {exc.message}", None)
        else:
            await self._mark_sent(row)

    async def _mark_sent(self, row: OutboxMessage) -> None:
        try:
            await self._repos.outbox.mark_sent(row.id)
        except Exception as exc:
            # Telegram has it: sending it again would be a second receipt. Keep it out of the
            # queue and write the mark when the database takes writes again.
            self._unmarked.add(row.id)
            log.warning(
                "outbox: message %d was sent but could not be recorded (%s); it is not sent again",
                row.id,
                type(exc).__name__,
            )

    async def _retry(self, row: OutboxMessage, error: str, wait: float | None) -> None:
        attempts = row.attempts + 1
        if attempts >= self._max_attempts:
            log.warning("outbox: message %d given up after %d attempts", row.id, attempts)
            await self._repos.outbox.mark_dead(row.id, error)
            return
        if wait is None:
            wait = min(self._backoff * 2 ** (attempts - 1), 600.0)
        log.info("outbox: message %d failed (%s); retry in %.1f s", row.id, error, wait)
        await self._repos.outbox.mark_retry(row.id, error, utc_now() + timedelta(seconds=wait))
        loop = asyncio.get_running_loop()
        loop.call_later(wait, self._enqueued)

    async def _chat_gone(self, row: OutboxMessage, exc: Forbidden, started: float) -> None:
        """The chat blocked the bot: stop delivering to it; what is queued waits for its
        return (the links stay). A refusal of a send that began before the chat wrote again
        is stale: the message is simply tried again."""
        chat_id = row.chat_id
        if self._repos.blocks.returned_since(chat_id, started):
            await self._repos.outbox.mark_retry(row.id, f"Forbidden: {exc.message}", utc_now())
            self._enqueued()
            return
        self._blocked.add(chat_id)
        newly = await self._repos.blocks.block(chat_id)
        await self._repos.outbox.mark_retry(row.id, f"Forbidden: {exc.message}", utc_now())
        log.info("outbox: a chat blocked the bot; its messages wait until it writes again")
        if newly and self._office is not None and chat_id in self._office.chats:
            # the office group itself: its notices go to the admins until it is back
            await self._office.office_unreachable(chat_id)
        elif newly and self._office is not None:
            families = [
                link.customer_name for link in await self._repos.links.customers_for_chat(chat_id)
            ]
            if families:
                # a private chat's id is its person's: named when the bot has seen them
                person = (await self._repos.people.names([chat_id])).get(chat_id)
                await self._office.chat_blocked(chat_id, families, person)
