"""One-time invite links: a parent's chat to a customer, or a new staff member.

The raw token goes into a ``t.me/<bot>?start=<token>`` deep link and is never stored: the table
keeps its SHA-256 hash, so a copy of the database cannot be turned into working invites.
"""

from __future__ import annotations

import hashlib
import json
import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal, get_args

from bot.store.db import (
    Clock,
    Database,
    Row,
    execute_in,
    fetchone_in,
    from_db_time,
    to_db_time,
    utc_now,
)

__all__ = [
    "TOKEN_PATTERN",
    "Invite",
    "InviteError",
    "InviteExpired",
    "InviteKind",
    "InviteRepo",
    "InviteUnknown",
    "InviteUsed",
    "Sibling",
    "hash_token",
]

InviteKind = Literal["parent", "staff"]
_KINDS: frozenset[str] = frozenset(get_args(InviteKind))

TOKEN_BYTES = 24
"""192 random bits; ``secrets.token_urlsafe(24)`` is 32 characters of ``A-Za-z0-9_-``."""

TOKEN_PATTERN = re.compile(r"[A-Za-z0-9_-]{32}")
"""What a raw token looks like (fits Telegram's 64-character deep-link payload)."""


REF_CHARS = 16
"""How much of a token's hash names the invite on a staff button (64 bits: unique enough, and
the hash of a 192-bit token gives nothing away)."""

REF_PATTERN = re.compile(r"[0-9a-f]{16}")

#: A customer an invite links besides its own: ``(customer_id, name)``.
Sibling = tuple[str, str]


def hash_token(token: str) -> str:
    """The SHA-256 hex digest under which ``token`` is stored."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class Invite:
    """An invite as stored (without the raw token)."""

    token_hash: str
    kind: InviteKind
    customer_id: str | None
    customer_name: str | None
    created_by: int
    created_at: datetime
    expires_at: datetime
    used_at: datetime | None
    used_by: int | None
    #: The invoice whose checkout link the family gets once linked (a /checkout invite).
    invoice_id: str | None = None
    #: Customers sharing the chosen one's phone, linked too while ``with_siblings`` is on.
    siblings: tuple[Sibling, ...] = ()
    with_siblings: bool = True

    @property
    def ref(self) -> str:
        """The short handle of the invite on a staff button (a prefix of its hash)."""
        return self.token_hash[:REF_CHARS]

    @property
    def customers(self) -> list[Sibling]:
        """Every customer the invite links: its own, then the siblings it includes."""
        if self.customer_id is None:
            return []
        own = (self.customer_id, self.customer_name or self.customer_id)
        return [own, *(self.siblings if self.with_siblings else ())]


class InviteError(Exception):
    """An invite token cannot be used. Messages never contain the token."""


class InviteUnknown(InviteError):
    """No invite has this token (mistyped, truncated or made up)."""

    def __init__(self) -> None:
        super().__init__("unknown invite token")


class InviteExpired(InviteError):
    """The invite exists but expired before it was used; ``invite`` is the stored invite."""

    def __init__(self, invite: Invite) -> None:
        super().__init__("invite expired")
        self.invite = invite


class InviteUsed(InviteError):
    """The invite was already used (single use); ``invite`` says by whom and when."""

    def __init__(self, invite: Invite) -> None:
        super().__init__("invite already used")
        self.invite = invite


def _invite(row: Row) -> Invite:
    used_at = row["used_at"]
    return Invite(
        token_hash=row["token_hash"],
        kind=row["kind"],
        customer_id=row["customer_id"],
        customer_name=row["customer_name"],
        created_by=row["created_by"],
        created_at=from_db_time(row["created_at"]),
        expires_at=from_db_time(row["expires_at"]),
        used_at=None if used_at is None else from_db_time(used_at),
        used_by=row["used_by"],
        invoice_id=row["invoice_id"],
        siblings=tuple((str(i), str(n)) for i, n in json.loads(row["siblings"] or "[]")),
        with_siblings=bool(row["with_siblings"]),
    )


class InviteRepo:
    """The ``invite_tokens`` table."""

    def __init__(self, db: Database, *, now: Clock = utc_now) -> None:
        self._db = db
        self._now = now

    async def create(
        self,
        kind: InviteKind,
        customer_id: str | None,
        customer_name: str | None,
        created_by: int,
        ttl: timedelta,
        *,
        invoice_id: str | None = None,
        siblings: tuple[Sibling, ...] = (),
    ) -> str:
        """Create a single-use invite.

        Args:
            kind: ``"parent"`` (links a chat to ``customer_id``) or ``"staff"``.
            customer_id: the customer a parent invite links to; ``None`` for staff invites.
            customer_name: the customer's name, shown when the invite is redeemed.
            created_by: the staff member or admin who made it.
            ttl: how long it stays valid (SPEC default: 7 days).
            invoice_id: a /checkout invite's invoice (its checkout link goes to the family).
            siblings: other customers a parent invite links too (switchable until used).

        Returns:
            The raw token (32 URL-safe characters). It is not stored; only its hash is.

        Raises:
            ValueError: unknown kind, a parent invite without customer, or a ttl <= 0.
        """
        if kind not in _KINDS:
            raise ValueError(f"unknown invite kind {kind!r}")
        if kind == "parent" and not customer_id:
            raise ValueError("a parent invite needs a customer_id")
        if ttl <= timedelta(0):
            raise ValueError("ttl must be positive")
        token = secrets.token_urlsafe(TOKEN_BYTES)
        now = self._now()
        await self._db.execute(
            "INSERT INTO invite_tokens (token_hash, kind, customer_id, customer_name,"
            " created_by, created_at, expires_at, invoice_id, siblings)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                hash_token(token),
                kind,
                customer_id,
                customer_name,
                created_by,
                to_db_time(now),
                to_db_time(now + ttl),
                invoice_id,
                json.dumps([list(sibling) for sibling in siblings]),
            ),
        )
        return token

    async def get(self, token: str) -> Invite | None:
        """Look an invite up by its raw token without using it."""
        if not TOKEN_PATTERN.fullmatch(token):
            return None
        row = await self._db.fetchone(
            "SELECT * FROM invite_tokens WHERE token_hash = ?", (hash_token(token),)
        )
        return None if row is None else _invite(row)

    async def usable(self, token: str) -> Invite | None:
        """The invite of ``token`` when it can still be used (unused, unexpired), else None."""
        invite = await self.get(token)
        if invite is None or invite.used_at is not None or self._now() >= invite.expires_at:
            return None
        return invite

    async def set_with_siblings(self, ref: str, on: bool) -> Invite | None:
        """Switch the siblings of the unused parent invite ``ref`` (see :attr:`Invite.ref`).

        Returns:
            The invite as it is now (unchanged when it was already used); None when no
            invite has that ref.
        """
        if not REF_PATTERN.fullmatch(ref):
            return None
        async with self._db.transaction() as conn:
            await execute_in(
                conn,
                "UPDATE invite_tokens SET with_siblings = ?"
                " WHERE substr(token_hash, 1, ?) = ? AND kind = 'parent' AND used_at IS NULL",
                (int(on), REF_CHARS, ref),
            )
            row = await fetchone_in(
                conn,
                "SELECT * FROM invite_tokens WHERE substr(token_hash, 1, ?) = ?",
                (REF_CHARS, ref),
            )
        return None if row is None else _invite(row)

    async def consume(self, token: str, used_by: int) -> Invite:
        """Use an invite: atomically marks it used by ``used_by``.

        Of two concurrent calls with the same token exactly one succeeds.

        Args:
            token: the raw token from the deep link.
            used_by: the Telegram user redeeming it.

        Returns:
            The invite, with ``used_at``/``used_by`` set.

        Raises:
            InviteUnknown: no such token.
            InviteUsed: it was already used (checked before expiry).
            InviteExpired: it expired unused.
        """
        if not TOKEN_PATTERN.fullmatch(token):
            raise InviteUnknown()
        token_hash = hash_token(token)
        now = self._now()
        async with self._db.transaction() as conn:
            row = await fetchone_in(
                conn, "SELECT * FROM invite_tokens WHERE token_hash = ?", (token_hash,)
            )
            if row is None:
                raise InviteUnknown()
            invite = _invite(row)
            if invite.used_at is not None:
                raise InviteUsed(invite)
            if now >= invite.expires_at:
                raise InviteExpired(invite)
            changed = await execute_in(
                conn,
                "UPDATE invite_tokens SET used_at = ?, used_by = ?"
                " WHERE token_hash = ? AND used_at IS NULL",
                (to_db_time(now), used_by, token_hash),
            )
            if changed != 1:  # pragma: no cover - the write lock makes this unreachable
                raise InviteUsed(invite)
            row = await fetchone_in(
                conn, "SELECT * FROM invite_tokens WHERE token_hash = ?", (token_hash,)
            )
        assert row is not None
        return _invite(row)
