"""Secret tokens behind checkout and portal URLs (the sandbox's "authenticated links")."""

from __future__ import annotations

import secrets
from datetime import timedelta
from typing import TYPE_CHECKING

from bot.sandbox.records import format_dt, parse_dt

if TYPE_CHECKING:
    from bot.sandbox.state import SandboxState

__all__ = ["LINK_TTL", "PORTAL_TTL", "issue_link", "resolve_link"]

LINK_TTL = timedelta(hours=24)
PORTAL_TTL = timedelta(hours=1)


def issue_link(state: SandboxState, kind: str, target_id: str, ttl: timedelta) -> tuple[str, str]:
    """A new secret token for a checkout (``invoice``) or ``portal`` page: (token, expiresAt)."""
    now = state.now()
    for token in [t for t, link in state.links.items() if parse_dt(link["expiresAt"]) < now]:
        del state.links[token]
    token = secrets.token_urlsafe(24)
    expires_at = format_dt(now + ttl)
    state.links[token] = {"kind": kind, "targetId": target_id, "expiresAt": expires_at}
    state.save()
    return token, expires_at


def resolve_link(state: SandboxState, token: str, kind: str) -> str | None:
    """The invoice or customer id behind an unexpired token of this kind, else None."""
    link = state.links.get(token)
    if link is None or link["kind"] != kind or parse_dt(link["expiresAt"]) < state.now():
        return None
    return str(link["targetId"])
