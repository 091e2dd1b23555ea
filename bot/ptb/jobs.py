"""Jobs on PTB's JobQueue: the payments poller, the safety net behind Quentli's webhooks."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.context import BotApplication, BotContext

log = logging.getLogger(__name__)

POLL_JOB = "quentli-payments-poll"


async def poll_payments(context: BotContext) -> None:
    """Job: retry the events not handled yet, re-read the watched invoices and send the
    receipts webhooks did not bring."""
    events = context.services.payment_events
    try:
        found = await events.poll_once()
    except Exception:
        log.exception("payments poll failed; next round")
        return
    if found:
        log.info("payments poll: %d invoice(s) found paid", found)


def schedule_payment_poll(application: BotApplication, interval: float) -> None:
    """Run :func:`poll_payments` every ``interval`` seconds (first run after one interval)."""
    if application.job_queue is None:
        log.warning("no JobQueue: paid invoices are only noticed by webhook")
        return
    application.job_queue.run_repeating(
        poll_payments, interval=interval, first=interval, name=POLL_JOB
    )
