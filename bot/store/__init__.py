"""SQLite storage: one connection (:class:`Database`) and one repository per group of tables.

Nothing here imports ``telegram``. Repositories return frozen dataclasses with aware UTC
datetimes. Build them all at once with :meth:`Repositories.build`.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.store.audit import AuditEntry, AuditRepo, strip_links
from bot.store.blocks import ChatBlockRepo
from bot.store.db import (
    Clock,
    Database,
    DatabaseClosedError,
    DatabaseTooNewError,
    utc_now,
)
from bot.store.events import EventRepo, WebhookEvent
from bot.store.invites import (
    Invite,
    InviteError,
    InviteExpired,
    InviteKind,
    InviteRepo,
    InviteUnknown,
    InviteUsed,
)
from bot.store.kv import KeyValueRepo
from bot.store.links import Link, LinkHow, LinkRepo
from bot.store.migrations import LATEST_VERSION, MIGRATIONS, Migration
from bot.store.operations import (
    Operation,
    OperationAlreadyStarted,
    OperationError,
    OperationNotFound,
    OperationRepo,
    OperationState,
    OperationStateError,
)
from bot.store.outbox import OutboxMessage, OutboxRepo
from bot.store.people import PeopleRepo, Person
from bot.store.prefs import PrefsRepo
from bot.store.staff import StaffMember, StaffRepo
from bot.store.watches import Watch, WatchRepo

__all__ = [
    "LATEST_VERSION",
    "MIGRATIONS",
    "AuditEntry",
    "AuditRepo",
    "ChatBlockRepo",
    "Clock",
    "Database",
    "DatabaseClosedError",
    "DatabaseTooNewError",
    "EventRepo",
    "Invite",
    "InviteError",
    "InviteExpired",
    "InviteKind",
    "InviteRepo",
    "InviteUnknown",
    "InviteUsed",
    "KeyValueRepo",
    "Link",
    "LinkHow",
    "LinkRepo",
    "Migration",
    "Operation",
    "OperationAlreadyStarted",
    "OperationError",
    "OperationNotFound",
    "OperationRepo",
    "OperationState",
    "OperationStateError",
    "OutboxMessage",
    "OutboxRepo",
    "PeopleRepo",
    "Person",
    "PrefsRepo",
    "Repositories",
    "StaffMember",
    "StaffRepo",
    "Watch",
    "WatchRepo",
    "WebhookEvent",
    "strip_links",
    "utc_now",
]


@dataclass(frozen=True, slots=True)
class Repositories:
    """Every repository over one :class:`Database`: what the services are built on."""

    db: Database
    staff: StaffRepo
    links: LinkRepo
    invites: InviteRepo
    audit: AuditRepo
    operations: OperationRepo
    outbox: OutboxRepo
    events: EventRepo
    watches: WatchRepo
    prefs: PrefsRepo
    kv: KeyValueRepo
    blocks: ChatBlockRepo
    people: PeopleRepo

    @classmethod
    def build(cls, db: Database, *, now: Clock = utc_now) -> Repositories:
        """Create every repository over ``db``.

        Args:
            db: the open database.
            now: the clock every repository uses (tests pass a movable one).
        """
        return cls(
            db=db,
            staff=StaffRepo(db, now=now),
            links=LinkRepo(db, now=now),
            invites=InviteRepo(db, now=now),
            audit=AuditRepo(db, now=now),
            operations=OperationRepo(db, now=now),
            outbox=OutboxRepo(db, now=now),
            events=EventRepo(db, now=now),
            watches=WatchRepo(db, now=now),
            prefs=PrefsRepo(db),
            kv=KeyValueRepo(db),
            blocks=ChatBlockRepo(db, now=now),
            people=PeopleRepo(db, now=now),
        )
