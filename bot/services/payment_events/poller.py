"""The poller: the safety net behind Quentli's webhooks (run by bot.ptb.jobs).

Each round first retries the events whose handling failed, then re-reads every open watched
invoice and announces the paid ones (the receipt's dedupe key makes a payment a webhook already
announced send nothing twice).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable

from bot.quentli import NotFoundError, QuentliClient, QuentliError
from bot.services.payment_events.announcements import PaymentAnnouncer
from bot.services.payment_events.intake import POLL_CONCURRENCY
from bot.store import Repositories

__all__ = ["PaymentPoller"]

log = logging.getLogger(__name__)


class PaymentPoller:
    """Finds the payments webhooks did not bring.

    Args:
        quentli: the API client.
        repos: the store (watches).
        announcer: sends the receipts.
        retry_events: handles again the events not handled yet; how many were.
    """

    def __init__(
        self,
        quentli: QuentliClient,
        repos: Repositories,
        announcer: PaymentAnnouncer,
        retry_events: Callable[[], Awaitable[int]],
    ) -> None:
        self._quentli = quentli
        self._repos = repos
        self._announcer = announcer
        self._retry_events = retry_events

    async def poll_once(self) -> int:
        """Re-read every open watched invoice; send receipts for the paid ones.

        Events whose handling failed are retried first (``retry_events``).

        Returns:
            How many invoices were found paid (their receipts are queued once).
        """
        try:
            retried = await self._retry_events()
        except Exception:
            log.exception("poller: the events not handled yet were not retried; next round")
        else:
            if retried:
                log.info("poller: %d Quentli event(s) handled on retry", retried)
        watches = await self._repos.watches.open_watches()
        if not watches:
            return 0
        limit = asyncio.Semaphore(POLL_CONCURRENCY)
        paid = 0

        async def check(invoice_id: str) -> None:
            nonlocal paid
            async with limit:
                try:
                    invoice = await self._quentli.get_invoice(invoice_id)
                except NotFoundError:
                    await self._repos.watches.settle(invoice_id)
                    return
                except QuentliError as exc:
                    log.info("poller: invoice not read (%s); next round", type(exc).__name__)
                    return
            if invoice.is_paid:
                paid += 1
                await self._announcer.announce_paid(invoice)
            elif invoice.is_canceled:
                await self._repos.watches.settle(invoice.id)

        await asyncio.gather(*(check(w.invoice_id) for w in watches))
        return paid
