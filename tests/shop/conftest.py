"""The shop's tests use the parents' bot whose sandbox posts its webhooks to it."""

from __future__ import annotations

from tests.parents.conftest import hooked_bot

__all__ = ["hooked_bot"]
