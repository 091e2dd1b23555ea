"""The typed CallbackContext and what every handler reaches through it: the services.

Handlers call services only. The database, the repositories, the Quentli client and the sandbox
are kept by ``bot.runtime`` (its ``Infrastructure``) and given only to what is not a handler.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, cast

from telegram.ext import Application, CallbackContext, ExtBot

if TYPE_CHECKING:
    from bot.config import Settings
    from bot.services.billing import BillingService
    from bot.services.bulk import BulkService
    from bot.services.checkout_lookup import CheckoutLookup
    from bot.services.customers import CustomerResolver
    from bot.services.languages import LanguagePrefs
    from bot.services.linking import LinkingService
    from bot.services.notifications import Notifier
    from bot.services.office import Office
    from bot.services.parents import ParentService
    from bot.services.payment_events import PaymentEvents
    from bot.services.people import PeopleService
    from bot.services.proofs import ProofService
    from bot.services.reminders import ReminderService
    from bot.services.reports import ReportService
    from bot.services.roles import Roles
    from bot.services.shop import ShopService
    from bot.services.staff import StaffService


@dataclass
class AppServices:
    """What the Telegram layer may call: built over the infrastructure before the Application."""

    settings: Settings
    roles: Roles
    languages: LanguagePrefs
    resolver: CustomerResolver
    linking: LinkingService
    # /checkout looks the new family's student id, phone and e-mail up before it creates.
    checkout_lookup: CheckoutLookup
    staff: StaffService
    # Staff money operations with exactly-once Confirm buttons (bot.services.billing).
    billing: BillingService
    # Parents' self-service, and payment notices through the outbox (bot.services.*).
    notifier: Notifier
    parents: ParentService
    payment_events: PaymentEvents
    # Collections: reminders, /remind, /notifications; /overdue, /today, the office summary.
    reminders: ReminderService
    reports: ReportService
    # The school shop: staff's items, parents' purchases (bot.services.shop).
    shop: ShopService
    # People by name: names and Telegram languages from every update; staff news.
    people: PeopleService
    # The office's notices (STAFF_CHAT_ID, else the admins) and the parents' proofs of payment.
    office: Office
    proofs: ProofService
    # Bulk invoicing from a spreadsheet (/bulk).
    bulk: BulkService
    # SCHOOL_NAME, else (sandbox mode) the demo school's: the printed invites carry it.
    school_name: str | None = None

    @property
    def sandbox_mode(self) -> bool:
        """True when the built-in sandbox stands in for Quentli."""
        return self.settings.sandbox_mode


SERVICES_KEY = "services"


class BotContext(CallbackContext[ExtBot[None], dict[Any, Any], dict[Any, Any], dict[Any, Any]]):
    """CallbackContext with typed access to the services."""

    @property
    def services(self) -> AppServices:
        """The services opened for this application."""
        return cast(AppServices, self.application.bot_data[SERVICES_KEY])


BotApplication = Application[
    ExtBot[None], BotContext, dict[Any, Any], dict[Any, Any], dict[Any, Any], Any
]
