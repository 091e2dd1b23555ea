"""One registry of operation kinds (services) and one table of replies keyed by kind (handlers)."""

from __future__ import annotations

from bot.handlers.outcomes import DONE_REPLIES
from bot.services.billing_kinds import KINDS
from bot.texts import CATALOG


def test_every_registered_kind_has_its_reply() -> None:
    assert set(DONE_REPLIES) == set(KINDS)


def test_every_registered_kind_has_its_line_in_cancels_list() -> None:
    assert all(f"billing.pending.{kind}" in CATALOG for kind in KINDS)


def test_each_kind_is_registered_under_its_own_name() -> None:
    assert all(name == kind.name for name, kind in KINDS.items())
