"""The poller: the safety net behind Quentli's webhooks (run by bot.ptb.jobs).

Each round first retries the events whose handling failed, then re-reads every open watched
invoice, 100 to a list call (``id in [...]``), and announces the paid ones (the receipt's dedupe
key makes a payment a webhook already announced send nothing twice). A round costs one Quentli
call per 100 watched invoices, so it grows with the families, not with their history: watches
settle when the invoice is paid, cancelled or deleted, and when nobody is left to tell (no active
linked chat and no issuer).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable

from bot.quentli import Invoice, NotFoundError, QuentliClient, QuentliError
from bot.services.payment_events.announcements import PaymentAnnouncer
from bot.services.payment_events.intake import POLL_CONCURRENCY
from bot.store import Repositories

__all__ = ["WATCHES_PER_CALL", "PaymentPoller"]

#: Watched invoices re-read by one list call (Quentli's largest page).
WATCHES_PER_CALL = 100

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
        settled = await self._repos.watches.settle_unreachable()
        if settled:
            log.info("poller: %d watch(es) settled: no linked chat and no issuer", settled)
        watches = await self._repos.watches.open_watches()
        if not watches:
            return 0
        ids = [w.invoice_id for w in watches]
        chunks = [ids[i : i + WATCHES_PER_CALL] for i in range(0, len(ids), WATCHES_PER_CALL)]
        limit = asyncio.Semaphore(POLL_CONCURRENCY)
        found: list[Invoice] = []
        missing: list[str] = []

        async def read(chunk: list[str]) -> None:
            async with limit:
                try:
                    page = await self._quentli.list_invoices(
                        {"id": {"in": chunk}}, take=WATCHES_PER_CALL
                    )
                except QuentliError as exc:
                    log.info("poller: invoices not read (%s); next round", type(exc).__name__)
                    return
            wanted = set(chunk)
            # Checked here too: a filter the server ignored must never announce a stranger's.
            mine = [invoice for invoice in page if invoice.id in wanted]
            found.extend(mine)
            missing.extend(wanted - {invoice.id for invoice in mine})

        await asyncio.gather(*(read(chunk) for chunk in chunks))
        # An invoice the list did not return was deleted (or the list skipped it): read it
        # alone, so a removed invoice settles and a listed-late one is still announced.
        for invoice_id in sorted(missing):
            try:
                found.append(await self._quentli.get_invoice(invoice_id))
            except NotFoundError:
                await self._repos.watches.settle(invoice_id)
            except QuentliError as exc:
                log.info("poller: invoice not read (%s); next round", type(exc).__name__)
        paid = 0
        for invoice in found:
            if invoice.is_paid:
                paid += 1
                await self._announcer.announce_paid(invoice)
            elif invoice.is_canceled:
                await self._repos.watches.settle(invoice.id)
        return paid
