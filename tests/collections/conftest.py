"""Fixtures for collections: a bot whose clock (and its sandbox's) the test moves."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from bot.ptb.collections_jobs import COLLECTIONS_JOB
from tests.harness import ADMIN_ID, BotUnderTest, bot_under_test

TZ = ZoneInfo("America/Mexico_City")
# The school's today: invoices are due relative to it and the clock stays on it unless moved.
TODAY = datetime.now(TZ).date()


class Clock:
    """A clock the test sets: ``clock.at(9, 30)`` is 9:30 today, school time."""

    def __init__(self) -> None:
        self.now = self.local(TODAY, 10)

    def __call__(self) -> datetime:
        return self.now

    @staticmethod
    def local(day: date, hour: int, minute: int = 0) -> datetime:
        return datetime.combine(day, time(hour, minute), tzinfo=TZ).astimezone(UTC)

    def at(self, hour: int, minute: int = 0, *, days: int = 0) -> None:
        """Move to ``hour:minute`` of today (+ ``days``), school time."""
        self.now = self.local(TODAY + timedelta(days=days), hour, minute)


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
async def reminding_bot(tmp_path: Path, clock: Clock) -> AsyncIterator[BotUnderTest]:
    """A running bot with the default REMINDER_DAYS and window, no summary, a movable clock."""
    async for running in bot_under_test(
        tmp_path, clock=clock, reminder_days=(-3, 0, 3, 10), digest_hour=None
    ):
        await started(running)  # the start-up check (nothing linked yet) is over
        yield running


async def check(bot: BotUnderTest) -> None:
    """Run the collections job now, through the Application, and wait until it is done."""
    application = bot.runner.application
    assert application is not None and application.job_queue is not None
    (job,) = application.job_queue.get_jobs_by_name(COLLECTIONS_JOB)
    await job.run(application)


async def drained(bot: BotUnderTest) -> None:
    """Wait until the outbox has sent (or given up) everything queued, then for Telegram to be
    quiet: after it, "nothing more was sent" is a fact, not a race."""
    outbox = bot.infra.repos.outbox
    for _ in range(400):
        if await outbox.pending_count() == 0:
            break
        await bot.telegram.state.wait_change(0.05)
    else:
        raise AssertionError("the outbox did not drain")
    await bot.telegram.settle(quiet=0.2)


async def started(bot: BotUnderTest) -> None:
    """Wait for the check the bot runs at start-up."""
    await bot.telegram.wait_for(lambda: bot.services.reminders.runs >= 1)


async def parent(
    bot: BotUnderTest, chat_id: int, *children: dict[str, Any], lang: str = "es"
) -> dict[str, Any]:
    """A parent's private chat linked to each of ``children`` (sandbox customers)."""
    user = bot.telegram.user(chat_id, first_name="Mamá", language_code=lang)
    bot.telegram.private_chat(user)
    for child in children:
        await bot.infra.repos.links.link(chat_id, child["id"], child["name"], "staff", ADMIN_ID)
    return user


async def sofia(bot: BotUnderTest, *chat_ids: int) -> dict[str, Any]:
    """Sofía García López (A-1029), whose parents' chats are ``chat_ids``."""
    customer = bot.state.add_customer("Sofía García López", "A-1029")
    for chat_id in chat_ids:
        await parent(bot, chat_id, customer)
    return customer


def due_in(
    bot: BotUnderTest, customer: dict[str, Any], days: int, amount: int, concept: str
) -> str:
    """An invoice due ``days`` from the school's today (negative: overdue); its id."""
    invoice = bot.state.add_invoice(
        customer["id"], amount, concept, TODAY + timedelta(days=days), emit=False
    )
    return str(invoice["id"])
