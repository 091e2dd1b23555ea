"""Payment events from Quentli (webhooks) and the poller that catches what webhooks miss.

- intake.py: a webhook event is remembered before Quentli gets its 200, confirmed with Quentli
  (the invoice is re-read) and handled once; one that failed is retried by the poller;
- announcements.py: whom a paid, failed or new invoice is told (parents, the issuing staff
  member), each notice once;
- poller.py: re-reads the watched invoices and announces the paid ones.

:class:`PaymentEvents` is the three together, as the web receiver and the poller job use them.
"""

from __future__ import annotations

from collections.abc import Collection

from bot.quentli import QuentliClient
from bot.services.notifications import Notifier
from bot.services.office import Office
from bot.services.payment_events.announcements import PaymentAnnouncer
from bot.services.payment_events.intake import (
    HANDLED_EVENTS,
    EventIntake,
    PaymentEvent,
    parse_event,
)
from bot.services.payment_events.poller import PaymentPoller
from bot.services.receipts import Receipts
from bot.store import Repositories

__all__ = [
    "HANDLED_EVENTS",
    "EventIntake",
    "PaymentAnnouncer",
    "PaymentEvent",
    "PaymentEvents",
    "PaymentPoller",
    "parse_event",
]


class PaymentEvents(EventIntake):
    """The webhook intake (receive, retry, drain), with its announcer and the poller.

    Args:
        quentli: the API client (to confirm every event).
        repos: the store (events, watches, links, staff).
        notifier: queues the messages.
        webhook_secret: the secret path segment of the receiver; None switches it off.
        admin_ids: BOT_ADMIN_IDS (issuers who are staff without a row in the staff table).
        receipts: the receipts' builder (default: one without the school's name).
        office: the office's notices.
    """

    def __init__(
        self,
        quentli: QuentliClient,
        repos: Repositories,
        notifier: Notifier,
        *,
        webhook_secret: str | None,
        admin_ids: Collection[int] = (),
        receipts: Receipts | None = None,
        office: Office | None = None,
    ) -> None:
        self.announcer = PaymentAnnouncer(
            quentli, repos, notifier, admin_ids, receipts=receipts, office=office
        )
        super().__init__(quentli, repos, self.announcer, webhook_secret=webhook_secret)
        self.poller = PaymentPoller(quentli, repos, self.announcer, self.retry_events)

    async def poll_once(self) -> int:
        """One poller round (:meth:`PaymentPoller.poll_once`): how many invoices were found
        paid."""
        return await self.poller.poll_once()
