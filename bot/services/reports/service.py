"""ReportService: the office's reports on the school's clock, and the once-a-day summary."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Collection
from datetime import date, datetime, tzinfo

from bot.quentli import QuentliClient
from bot.services.reminders import local_day
from bot.services.reports.cut import DayCut, day_cut
from bot.services.reports.digest import DigestRun, OfficeDelivery, OfficeDigest, office_digest
from bot.services.reports.overdue import OverdueReport, overdue_report
from bot.store import utc_now
from bot.store.office import OfficeRepo


class ReportService:
    """Overdue invoices, the day's cut and the office's daily summary.

    Args:
        quentli: the API client.
        office: the bot's records the reports read, and the summary's ledger.
        delivery: queues the summary.
        tz: the school's time zone.
        digest_hour: DIGEST_HOUR (None: no summary).
        office_chats: STAFF_CHAT_ID, else the admins' ids.
        now: the clock (tests move it).
    """

    def __init__(
        self,
        quentli: QuentliClient,
        office: OfficeRepo,
        delivery: OfficeDelivery,
        *,
        tz: tzinfo,
        digest_hour: int | None,
        office_chats: Collection[int],
        now: Callable[[], datetime] = utc_now,
    ) -> None:
        self._quentli = quentli
        self._office = office
        self._delivery = delivery
        self._tz = tz
        self.digest_hour = digest_hour
        self.office_chats = tuple(office_chats)
        self._now = now
        self._running = asyncio.Lock()

    def now(self) -> datetime:
        """The moment now (aware UTC; the service's clock)."""
        return self._now()

    def today(self) -> date:
        """The school's calendar day now."""
        return local_day(self._now(), self._tz)

    async def overdue(self) -> OverdueReport:
        """Every overdue invoice of the school (its whole due day has passed), by age.

        Raises:
            QuentliError: Quentli failed.
        """
        return await overdue_report(self._quentli, self.today(), self._tz)

    async def day_cut(self, day: date) -> DayCut:
        """The payments received on ``day``: Quentli's completed payments, with the method of
        those recorded through the bot (and those recorded in the bot only).

        Raises:
            QuentliError: Quentli failed.
        """
        return await day_cut(self._quentli, self._office, day, self._tz)

    async def digest(self, day: date) -> OfficeDigest:
        """The summary of ``day``: its cut, the invoices that became overdue that day (due the
        day before), and the chats lost that day.

        Raises:
            QuentliError: Quentli failed.
        """
        return await office_digest(self._quentli, self._office, day, self._tz)

    async def send_digest(self) -> DigestRun:
        """Queue today's summary for the office when ``DIGEST_HOUR`` has come and it was not
        sent yet (once a day, across restarts).

        Raises:
            QuentliError: Quentli failed (nothing recorded: the next check tries again).
        """
        async with self._running:
            now = self._now()
            day = local_day(now, self._tz)
            if self.digest_hour is None:
                return DigestRun(day, "off")
            if now.astimezone(self._tz).hour < self.digest_hour:
                return DigestRun(day, "not_yet")
            if await self._office.digest_sent(day):
                return DigestRun(day, "sent_already")
            if not self.office_chats:
                return DigestRun(day, "nobody")
            digest = await self.digest(day)
            for chat_id in self.office_chats:
                await self._delivery.digest(chat_id, digest, dedupe_key=f"digest:{day}")
            await self._office.record_digest(day, len(self.office_chats))
            return DigestRun(day, "sent", len(self.office_chats))
