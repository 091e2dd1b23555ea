"""Numbered schema migrations, recorded in the ``schema_version`` table.

Rules: never edit a migration that shipped; add the next number instead. Each migration runs in
its own ``BEGIN IMMEDIATE`` transaction together with the row that records it, so a crash leaves
the database at the previous version, never half-way. A database whose recorded version is newer
than the last migration here is refused (:class:`~bot.store.db.DatabaseTooNewError`): an older bot
must not write into a schema it does not understand.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from bot.store.db import (
    Database,
    DatabaseTooNewError,
    execute_in,
    fetchone_in,
    to_db_time,
    utc_now,
)

__all__ = ["LATEST_VERSION", "MIGRATIONS", "Migration", "apply_migrations", "current_version"]


@dataclass(frozen=True, slots=True)
class Migration:
    """One schema step: ``version`` (1, 2, ...), a short ``name`` and its SQL statements."""

    version: int
    name: str
    statements: tuple[str, ...]


_V1 = Migration(
    1,
    "initial schema",
    (
        """
        CREATE TABLE staff (
            user_id   INTEGER PRIMARY KEY,
            added_by  INTEGER,
            how       TEXT NOT NULL CHECK (how <> ''),
            added_at  TEXT NOT NULL
        )
        """,
        """
        CREATE TABLE chat_customer_links (
            chat_id             INTEGER NOT NULL,
            customer_id         TEXT NOT NULL CHECK (customer_id <> ''),
            customer_name       TEXT NOT NULL,
            how                 TEXT NOT NULL CHECK (how IN ('token', 'phone', 'staff')),
            by_user_id          INTEGER,
            created_at          TEXT NOT NULL,
            active              INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
            deactivated_reason  TEXT,
            deactivated_at      TEXT,
            PRIMARY KEY (chat_id, customer_id)
        ) WITHOUT ROWID
        """,
        "CREATE INDEX chat_customer_links_customer ON chat_customer_links (customer_id)",
        """
        CREATE TABLE invite_tokens (
            token_hash     TEXT PRIMARY KEY CHECK (length(token_hash) = 64),
            kind           TEXT NOT NULL CHECK (kind IN ('parent', 'staff')),
            customer_id    TEXT,
            customer_name  TEXT,
            created_by     INTEGER NOT NULL,
            created_at     TEXT NOT NULL,
            expires_at     TEXT NOT NULL,
            used_at        TEXT,
            used_by        INTEGER,
            CHECK (kind = 'staff' OR customer_id IS NOT NULL),
            CHECK ((used_at IS NULL) = (used_by IS NULL))
        ) WITHOUT ROWID
        """,
        """
        CREATE TABLE audit_log (
            id           INTEGER PRIMARY KEY AUTOINCREMENT,
            at           TEXT NOT NULL,
            actor_id     INTEGER,
            action       TEXT NOT NULL CHECK (action <> ''),
            customer_id  TEXT,
            invoice_id   TEXT,
            request      TEXT NOT NULL CHECK (json_valid(request)),
            outcome      TEXT NOT NULL,
            detail       TEXT NOT NULL CHECK (json_valid(detail))
        )
        """,
        "CREATE INDEX audit_log_customer ON audit_log (customer_id, id)",
        """
        CREATE TABLE operations (
            op_id       TEXT PRIMARY KEY,
            kind        TEXT NOT NULL CHECK (kind <> ''),
            payload     TEXT NOT NULL CHECK (json_valid(payload)),
            created_by  INTEGER,
            created_at  TEXT NOT NULL,
            state       TEXT NOT NULL CHECK (state IN
                            ('pending', 'in_flight', 'done', 'failed', 'unknown', 'cancelled')),
            result      TEXT CHECK (result IS NULL OR json_valid(result)),
            error       TEXT,
            updated_at  TEXT NOT NULL
        ) WITHOUT ROWID
        """,
        """
        CREATE TABLE outbox (
            id               INTEGER PRIMARY KEY AUTOINCREMENT,
            chat_id          INTEGER NOT NULL,
            text             TEXT NOT NULL,
            reply_markup     TEXT CHECK (reply_markup IS NULL OR json_valid(reply_markup)),
            dedupe_key       TEXT UNIQUE,
            created_at       TEXT NOT NULL,
            attempts         INTEGER NOT NULL DEFAULT 0,
            next_attempt_at  TEXT NOT NULL,
            sent_at          TEXT,
            dead_at          TEXT,
            last_error       TEXT
        )
        """,
        """
        CREATE INDEX outbox_due ON outbox (next_attempt_at, id)
            WHERE sent_at IS NULL AND dead_at IS NULL
        """,
        """
        CREATE TABLE webhook_events (
            event_id     TEXT PRIMARY KEY,
            event_type   TEXT NOT NULL,
            received_at  TEXT NOT NULL,
            payload      TEXT NOT NULL CHECK (json_valid(payload))
        ) WITHOUT ROWID
        """,
        """
        CREATE TABLE invoice_watches (
            invoice_id   TEXT PRIMARY KEY,
            customer_id  TEXT NOT NULL,
            issued_by    INTEGER,
            created_at   TEXT NOT NULL,
            settled_at   TEXT
        ) WITHOUT ROWID
        """,
        """
        CREATE TABLE chat_prefs (
            chat_id   INTEGER PRIMARY KEY,
            language  TEXT NOT NULL CHECK (language <> '')
        )
        """,
        """
        CREATE TABLE kv (
            namespace  TEXT NOT NULL,
            key        TEXT NOT NULL,
            value      TEXT NOT NULL CHECK (json_valid(value)),
            PRIMARY KEY (namespace, key)
        ) WITHOUT ROWID
        """,
    ),
)

# Webhook events are kept until handled (``processed_at``): one whose handling failed (Quentli
# down) or was cut short (a crash) is retried by the poller. Events remembered before this
# version were handled or forgotten already.
_V2 = Migration(
    2,
    "webhook events kept until processed",
    (
        "ALTER TABLE webhook_events ADD COLUMN processed_at TEXT",
        "ALTER TABLE webhook_events ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0",
        "ALTER TABLE webhook_events ADD COLUMN last_error TEXT",
        "UPDATE webhook_events SET processed_at = received_at",
        """
        CREATE INDEX webhook_events_unprocessed ON webhook_events (received_at, event_id)
            WHERE processed_at IS NULL
        """,
    ),
)

# Collections (bot.store.reminders, bot.store.office): what must survive a restart so that a
# reminder (invoice, day offset) reaches a chat once, a family is reminded by staff at most once a
# day, /notifications off holds, and the office's summary goes out once a day.
_V3 = Migration(
    3,
    "reminders and the office summary",
    (
        """
        CREATE TABLE reminders_sent (
            invoice_id  TEXT NOT NULL CHECK (invoice_id <> ''),
            day_offset  INTEGER NOT NULL,
            chat_id     INTEGER NOT NULL,
            local_day   TEXT NOT NULL CHECK (length(local_day) = 10),
            queued_at   TEXT NOT NULL,
            PRIMARY KEY (invoice_id, day_offset, chat_id)
        ) WITHOUT ROWID
        """,
        "CREATE INDEX reminders_sent_day ON reminders_sent (local_day, chat_id)",
        """
        CREATE TABLE reminder_prefs (
            chat_id     INTEGER PRIMARY KEY,
            enabled     INTEGER NOT NULL CHECK (enabled IN (0, 1)),
            changed_at  TEXT NOT NULL
        )
        """,
        """
        CREATE TABLE family_reminders (
            customer_id  TEXT NOT NULL CHECK (customer_id <> ''),
            local_day    TEXT NOT NULL CHECK (length(local_day) = 10),
            by_user_id   INTEGER,
            chats        INTEGER NOT NULL,
            at           TEXT NOT NULL,
            PRIMARY KEY (customer_id, local_day)
        ) WITHOUT ROWID
        """,
        """
        CREATE TABLE office_digests (
            local_day  TEXT PRIMARY KEY CHECK (length(local_day) = 10),
            chats      INTEGER NOT NULL,
            sent_at    TEXT NOT NULL
        ) WITHOUT ROWID
        """,
    ),
)

_HARDENING = Migration(
    4,
    "outbox history and blocked chats",
    (
        # The old index led with next_attempt_at, so "ORDER BY id" made SQLite scan the whole
        # table, history included; this one holds only the waiting rows, in id order.
        "DROP INDEX outbox_due",
        """
        CREATE INDEX outbox_pending ON outbox (id)
            WHERE sent_at IS NULL AND dead_at IS NULL
        """,
        # The dedupe keys of pruned rows: a receipt pruned from the outbox is still never
        # queued twice.
        """
        CREATE TABLE outbox_spent_keys (
            dedupe_key  TEXT PRIMARY KEY,
            done_at     TEXT NOT NULL
        ) WITHOUT ROWID
        """,
        # A chat that blocked the bot: its messages wait (delivery is off), its links stay.
        """
        CREATE TABLE chat_blocks (
            chat_id     INTEGER PRIMARY KEY,
            blocked_at  TEXT NOT NULL
        )
        """,
        # Links an earlier version deactivated because of a block come back, as blocks.
        """
        INSERT INTO chat_blocks (chat_id, blocked_at)
            SELECT chat_id, MAX(COALESCE(deactivated_at, created_at))
            FROM chat_customer_links
            WHERE active = 0 AND deactivated_reason = 'blocked'
            GROUP BY chat_id
        """,
        """
        UPDATE chat_customer_links
            SET active = 1, deactivated_reason = NULL, deactivated_at = NULL
            WHERE active = 0 AND deactivated_reason = 'blocked'
        """,
    ),
)


_BULK = Migration(
    5,
    "bulk invoicing: batches and their rows",
    (
        """
        CREATE TABLE bulk_batches (
            batch_id          TEXT PRIMARY KEY CHECK (batch_id <> ''),
            created_by        INTEGER NOT NULL,
            file_name         TEXT NOT NULL,
            file_hash         TEXT NOT NULL CHECK (length(file_hash) = 64),
            state             TEXT NOT NULL
                CHECK (state IN ('preview', 'running', 'done', 'cancelled')),
            lang              TEXT,
            progress_chat     INTEGER,
            progress_message  INTEGER,
            created_at        TEXT NOT NULL,
            started_at        TEXT,
            finished_at       TEXT
        ) WITHOUT ROWID
        """,
        "CREATE INDEX bulk_batches_by_hash ON bulk_batches (file_hash, state)",
        """
        CREATE TABLE bulk_rows (
            batch_id       TEXT NOT NULL REFERENCES bulk_batches (batch_id),
            row_no         INTEGER NOT NULL,
            student        TEXT NOT NULL,
            customer_id    TEXT,
            customer_name  TEXT,
            concept        TEXT NOT NULL,
            amount         INTEGER,
            due            TEXT,
            state          TEXT NOT NULL CHECK (state IN
                ('invalid', 'pending', 'sending', 'unknown', 'done', 'failed')),
            invoice_id     TEXT,
            error          TEXT,
            attempts       INTEGER NOT NULL DEFAULT 0,
            updated_at     TEXT NOT NULL,
            PRIMARY KEY (batch_id, row_no)
        ) WITHOUT ROWID
        """,
    ),
)


# Onboarding (/checkout's one-time Telegram link) and family-wide invites: an invite may carry
# the invoice whose checkout link the family gets once linked, and the siblings (customers
# sharing the chosen one's phone, as JSON ``[[id, name], ...]``) it links too while
# ``with_siblings`` is on (staff may switch it off before the invite is used).
_ONBOARDING = Migration(
    6,
    "onboarding invites and family-wide invites",
    (
        "ALTER TABLE invite_tokens ADD COLUMN invoice_id TEXT",
        "ALTER TABLE invite_tokens ADD COLUMN siblings TEXT NOT NULL DEFAULT '[]'",
        "ALTER TABLE invite_tokens ADD COLUMN with_siblings INTEGER NOT NULL DEFAULT 1"
        " CHECK (with_siblings IN (0, 1))",
    ),
)


# The school shop (bot.store.shop): the optional items parents can buy in chat. A removed item
# keeps its row (``active`` 0): a purchase waiting for its Confirm still names it.
_SHOP = Migration(
    7,
    "the school shop",
    (
        """
        CREATE TABLE shop_items (
            item_id     INTEGER PRIMARY KEY AUTOINCREMENT,
            name        TEXT NOT NULL CHECK (name <> ''),
            price       INTEGER NOT NULL CHECK (price > 0),
            active      INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
            created_by  INTEGER NOT NULL,
            created_at  TEXT NOT NULL,
            removed_by  INTEGER,
            removed_at  TEXT
        )
        """,
    ),
)


# People (bot.store.people): each Telegram user's name and language as their last update showed
# them, so staff see names instead of ids (SPEC rule 8) and pushed messages are in the
# recipient's Telegram language when they never chose one with /language (rule 9).
_PEOPLE = Migration(
    8,
    "people: names and Telegram languages",
    (
        """
        CREATE TABLE people (
            user_id        INTEGER PRIMARY KEY,
            name           TEXT NOT NULL CHECK (name <> ''),
            username       TEXT,
            language_code  TEXT,
            updated_at     TEXT NOT NULL
        )
        """,
    ),
)


# Proofs of payment (bot.store.proofs): a parent's photo or PDF, the invoice it is for, and its
# review by the office, kept so a review happens once across double taps and restarts.
_PROOFS = Migration(
    9,
    "proofs of payment",
    (
        """
        CREATE TABLE proofs (
            proof_id        INTEGER PRIMARY KEY AUTOINCREMENT,
            file_id         TEXT NOT NULL CHECK (file_id <> ''),
            kind            TEXT NOT NULL CHECK (kind IN ('photo', 'document')),
            chat_id         INTEGER NOT NULL,
            user_id         INTEGER NOT NULL,
            caption         TEXT,
            customer_id     TEXT,
            customer_name   TEXT,
            invoice_id      TEXT,
            concept         TEXT,
            amount          INTEGER,
            state           TEXT NOT NULL CHECK (
                state IN ('asking', 'waiting', 'approving', 'approved', 'rejected')),
            reviewer        INTEGER,
            reviewer_name   TEXT,
            reason          TEXT,
            op_id           TEXT,
            created_at      TEXT NOT NULL,
            reviewed_at     TEXT
        )
        """,
        "CREATE INDEX proofs_state ON proofs (state, proof_id)",
    ),
)


MIGRATIONS: tuple[Migration, ...] = (
    _V1,
    _V2,
    _V3,
    _HARDENING,
    _BULK,
    _ONBOARDING,
    _SHOP,
    _PEOPLE,
    _PROOFS,
)
LATEST_VERSION = MIGRATIONS[-1].version

_CREATE_VERSION_TABLE = """
    CREATE TABLE IF NOT EXISTS schema_version (
        version     INTEGER PRIMARY KEY,
        name        TEXT NOT NULL,
        applied_at  TEXT NOT NULL
    )
"""


def _check_numbering(migrations: Sequence[Migration]) -> None:
    for expected, migration in enumerate(migrations, start=1):
        if migration.version != expected:
            raise ValueError(
                f"migrations must be numbered 1, 2, 3, ...; found {migration.version} "
                f"at position {expected}"
            )


async def current_version(db: Database) -> int:
    """Return the schema version recorded in ``db`` (0 for a database without one)."""
    row = await db.fetchone(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'"
    )
    if row is None:
        return 0
    row = await db.fetchone("SELECT COALESCE(MAX(version), 0) FROM schema_version")
    return 0 if row is None else int(row[0])


async def apply_migrations(db: Database, migrations: Sequence[Migration]) -> int:
    """Bring ``db`` up to the last of ``migrations``; a no-op when it is already there.

    Args:
        db: the open database.
        migrations: numbered 1..N without gaps.

    Returns:
        The schema version of the database afterwards.

    Raises:
        DatabaseTooNewError: the database records a version above N.
        ValueError: ``migrations`` are not numbered 1..N.
    """
    _check_numbering(migrations)
    latest = len(migrations)
    while True:
        # Read and apply inside one write transaction: a second process opening the same
        # file at the same moment waits (busy timeout) and then sees our version.
        async with db.transaction() as conn:
            await execute_in(conn, _CREATE_VERSION_TABLE)
            row = await fetchone_in(conn, "SELECT COALESCE(MAX(version), 0) FROM schema_version")
            version = 0 if row is None else int(row[0])
            if version > latest:
                raise DatabaseTooNewError(db.path, version, latest)
            if version == latest:
                return version
            migration = migrations[version]
            for statement in migration.statements:
                await execute_in(conn, statement)
            await execute_in(
                conn,
                "INSERT INTO schema_version (version, name, applied_at) VALUES (?, ?, ?)",
                (migration.version, migration.name, to_db_time(utc_now())),
            )
