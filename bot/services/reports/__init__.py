"""The office's reports: overdue invoices by age (/overdue), the day's cut (/today) and the daily
summary at ``DIGEST_HOUR`` (SPEC "The office").

Everything is read fresh from Quentli with paged list calls (100 records a call; customer names
100 ids a call), never one call per invoice. One module per report, each with its typed results:
``overdue``, ``cut`` (Quentli's payments joined with those recorded through the bot), ``digest``
(the once-a-day summary); ``service`` holds :class:`ReportService`, which the handlers and the
jobs call.
"""

from bot.services.reports.cut import CutPayment, DayCut, MethodTotal
from bot.services.reports.digest import DigestRun, NewlyOverdue, OfficeDelivery, OfficeDigest
from bot.services.reports.overdue import (
    AGE_BUCKETS,
    AgeBucket,
    OverdueFamily,
    OverdueInvoice,
    OverdueReport,
)
from bot.services.reports.service import ReportService

__all__ = [
    "AGE_BUCKETS",
    "AgeBucket",
    "CutPayment",
    "DayCut",
    "DigestRun",
    "MethodTotal",
    "NewlyOverdue",
    "OfficeDelivery",
    "OfficeDigest",
    "OverdueFamily",
    "OverdueInvoice",
    "OverdueReport",
    "ReportService",
]
