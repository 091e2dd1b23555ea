"""The guided flows' drafts (/invoice, /checkout): small typed models kept in ``user_data``.

PTB's persistence (bot.ptb.persistence) writes ``user_data`` to SQLite as JSON after every
update, so a draft is kept there as its JSON dump under one key and read back through its model:
a restart in the middle of a flow finds it again, and a draft an earlier version wrote (the same
keys) still loads. One flow is open at a time (bot.handlers.billing_flows), so one key serves.
"""

from __future__ import annotations

import contextlib
from datetime import date
from typing import Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from bot.context import BotContext
from bot.services.billing_payloads import CheckoutDraft, InvoiceDraft

__all__ = [
    "DRAFT_KEY",
    "CheckoutFlowDraft",
    "FlowDraft",
    "InvoiceFlowDraft",
    "drop_draft",
    "load_draft",
    "save_draft",
]

#: The ``user_data`` key of the open flow's draft.
DRAFT_KEY = "draft"


class FlowDraft(BaseModel):
    """The base of a flow's draft: ``flow`` (with a default in each flow's model) names it."""

    model_config = ConfigDict(extra="ignore", validate_assignment=True)

    flow: str


class InvoiceFlowDraft(FlowDraft):
    """What /invoice knows so far (``candidates``: the customers the pick buttons offer)."""

    flow: Literal["invoice"] = "invoice"
    customer_id: str | None = None
    customer_name: str | None = None
    amount: int | None = None
    description: str | None = None
    due: date | None = None
    candidates: list[str] = Field(default_factory=list)
    amount_choices: list[int] = Field(default_factory=list)
    amount_text: str | None = None

    def invoice(self) -> InvoiceDraft:
        """The invoice to propose, once every value is known."""
        assert None not in (self.customer_id, self.customer_name, self.amount, self.due)
        assert self.description
        return InvoiceDraft(
            **self.model_dump(exclude={"flow", "candidates", "amount_choices", "amount_text"})
        )


class CheckoutFlowDraft(FlowDraft):
    """What /checkout knows so far."""

    flow: Literal["checkout"] = "checkout"
    name: str | None = None
    phone: str | None = None
    email: str | None = None
    username: str | None = None
    description: str | None = None
    amount: int | None = None
    #: Kept only when the summary stopped on a customer that already has a value: changing
    #: that value goes straight back to the summary (bot.handlers.checkout_detour).
    due: date | None = None
    amount_choices: list[int] = Field(default_factory=list)

    def checkout(self, due: date) -> CheckoutDraft:
        """The checkout to propose, once every value is known."""
        assert None not in (self.name, self.username, self.description, self.amount)
        return CheckoutDraft(**self.model_dump(exclude={"flow", "due", "amount_choices"}), due=due)


D = TypeVar("D", bound=FlowDraft)


def load_draft(context: BotContext, model: type[D], key: str = DRAFT_KEY) -> D:
    """The open draft of ``model``'s flow, or a new one (none open, or another flow's).

    ``key``: where it is kept; a step that lives beside the guided flows (a /markpaid summary
    waiting for a typed date) keeps its own, so it never replaces an open flow's draft.
    """
    assert context.user_data is not None
    new = model.model_validate({})  # every field of a flow's draft has a default
    stored = context.user_data.get(key)
    if isinstance(stored, dict) and stored.get("flow") == new.flow:
        with contextlib.suppress(ValidationError):  # unreadable: the flow starts over
            return model.model_validate(stored)
    return new


def save_draft(context: BotContext, draft: FlowDraft, key: str = DRAFT_KEY) -> None:
    """Keep ``draft`` as the open flow's (persisted with ``user_data``)."""
    assert context.user_data is not None
    context.user_data[key] = draft.model_dump(mode="json")


def drop_draft(context: BotContext, key: str = DRAFT_KEY) -> None:
    """Forget the open flow's draft (the flow ended or was cancelled)."""
    if context.user_data is not None:
        context.user_data.pop(key, None)
