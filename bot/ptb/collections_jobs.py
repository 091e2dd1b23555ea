"""The collections check on PTB's JobQueue: today's reminders, then the office's summary.

It runs at start-up and every 10 minutes (SPEC "Reminders"): a bot started at 9:30 sends the
9:00 batch, and a check outside REMINDER_WINDOW or before DIGEST_HOUR does nothing. Each part
fails on its own (logged) and is tried again by the next check; what was queued is recorded, so
nothing is sent twice.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.context import BotApplication, BotContext

log = logging.getLogger(__name__)

COLLECTIONS_JOB = "collections-check"
CHECK_INTERVAL = 600.0
START_DELAY = 0.1


async def check_collections(context: BotContext) -> None:
    """Job: queue today's reminders not queued yet, then the summary when its hour has come."""
    services = context.services
    try:
        run = await services.reminders.run()
    except Exception:
        log.exception("reminders check failed; next check in 10 minutes")
    else:
        if run.chats:
            log.info(
                "reminders: %d message(s) queued for %d invoice reminder(s)",
                run.chats,
                run.reminders,
            )
    try:
        digest = await services.reports.send_digest()
    except Exception:
        log.exception("office summary failed; next check in 10 minutes")
    else:
        if digest.status == "sent":
            log.info("office summary of %s queued for %d chat(s)", digest.day, digest.chats)


def schedule_collections(application: BotApplication, interval: float = CHECK_INTERVAL) -> None:
    """Run :func:`check_collections` now and every ``interval`` seconds, unless reminders and
    the summary are both switched off."""
    from bot.context import SERVICES_KEY

    services = application.bot_data[SERVICES_KEY]
    if not services.reminders.days and services.reports.digest_hour is None:
        return
    if application.job_queue is None:
        log.warning("no JobQueue: no payment reminders and no office summary")
        return
    # ``first`` just ahead of now: APScheduler would count a start already past as missed and
    # wait a whole interval.
    application.job_queue.run_repeating(
        check_collections, interval=interval, first=START_DELAY, name=COLLECTIONS_JOB
    )
