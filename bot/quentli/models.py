"""Pydantic models mirroring Quentli's wire format.

Resources (what Quentli answers) tolerate unknown fields, because the REST API is beta and adds
fields; only the fields the bot cannot do without are required (ids and money). Inputs (what we
send) refuse unknown fields, so a typo in a field name fails here instead of being sent and
silently ignored.

Fields are snake_case in Python and camelCase on the wire. Money is always ``int`` centavos
(inputs refuse floats outright). Datetimes are aware UTC ``datetime`` objects and are written as
``YYYY-MM-DDTHH:MM:SS.mmmZ``; dump request bodies with ``model_dump(mode="json", by_alias=True,
exclude_none=True)``. URLs that open a customer's account (payment links, portal and checkout
sessions) are credentials: they are kept out of the models' ``repr``.
"""

from __future__ import annotations

import enum
from datetime import UTC, datetime, timedelta
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    StrictInt,
    model_validator,
)
from pydantic.alias_generators import to_camel

from bot.quentli.filters import format_datetime

__all__ = [
    "CollectionMethod",
    "ConceptGroup",
    "Customer",
    "CustomerInput",
    "InlineConcept",
    "Invoice",
    "InvoiceDiscount",
    "InvoiceInput",
    "InvoiceItem",
    "InvoiceItemInput",
    "InvoiceModifier",
    "InvoicePaymentSession",
    "InvoicePaymentSessionInput",
    "MarkPaidInput",
    "MetadataEntry",
    "Payment",
    "PaymentConcept",
    "PaymentItem",
    "PaymentLink",
    "PaymentStatus",
    "PaymentType",
    "PortalSession",
    "SavedPaymentMethod",
    "SessionCustomer",
    "SessionItem",
    "TryPaymentResult",
    "UtcDatetime",
]


def _as_utc(value: datetime) -> datetime:
    if value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value.astimezone(UTC)


UtcDatetime = Annotated[
    datetime,
    AfterValidator(_as_utc),
    PlainSerializer(format_datetime, return_type=str, when_used="json"),
]
"""An aware UTC datetime, serialised as ``2025-02-01T06:00:00.000Z``."""

Centavos = Annotated[StrictInt, Field(ge=0)]
"""Money in an input: integer centavos, never a float."""


class CollectionMethod(enum.StrEnum):
    """How Quentli collects an invoice."""

    AUTOMATIC = "AUTOMATIC"
    SEND_REMINDER = "SEND_REMINDER"
    NONE = "NONE"


class PaymentType(enum.StrEnum):
    """Payment types seen in Quentli's docs (the full list is unknown)."""

    CARD = "CARD"
    DIRECT_DEBIT = "DIRECT_DEBIT"


class PaymentStatus(enum.StrEnum):
    """Payment statuses seen in Quentli's docs (the full list is unknown)."""

    COMPLETE = "COMPLETE"
    INITIATED = "INITIATED"
    INCOMPLETE = "INCOMPLETE"


# In answers, an enum value we do not know yet stays a plain str instead of failing the parse.
_OpenCollectionMethod = Annotated[CollectionMethod | str, Field(union_mode="left_to_right")]
_OpenPaymentType = Annotated[PaymentType | str, Field(union_mode="left_to_right")]
_OpenPaymentStatus = Annotated[PaymentStatus | str, Field(union_mode="left_to_right")]


class _Resource(BaseModel):
    # hide_input_in_errors: a parse error must not echo a body that may hold a payment link.
    model_config = ConfigDict(
        alias_generator=to_camel, populate_by_name=True, extra="allow", hide_input_in_errors=True
    )


class _Input(BaseModel):
    model_config = ConfigDict(alias_generator=to_camel, populate_by_name=True, extra="forbid")


def _metadata_key(value: Any) -> Any:
    # Payment sessions have been seen answering {"key": {"name": "..."}, "value": "..."}.
    if isinstance(value, dict) and isinstance(value.get("name"), str):
        return value["name"]
    return value


class MetadataEntry(_Resource):
    """One ``{key, value}`` metadata pair (both strings)."""

    key: Annotated[str, BeforeValidator(_metadata_key)]
    value: str


# --- resources -------------------------------------------------------------------------------


class Customer(_Resource):
    """A Quentli customer: a family or a student account."""

    id: str
    name: str
    created_at: UtcDatetime | None = None
    updated_at: UtcDatetime | None = None
    username: str | None = None
    organization_id: str | None = None
    email: str | None = None
    phone_number: str | None = None
    secondary_phone_number: str | None = None
    accepted_service_agreement: bool | None = None
    skip_tax_invoice: bool | None = None
    email_verified: bool | None = None
    phone_number_verified: bool | None = None
    has_changed_password: bool | None = None
    archived_at: UtcDatetime | None = None
    archived_by_id: str | None = None
    signature_accepted_at: UtcDatetime | None = None
    opted_out_whatsapp_at: UtcDatetime | None = None
    opted_in_whatsapp_at: UtcDatetime | None = None
    started_whatsapp_at: UtcDatetime | None = None
    reply_with_assistant: bool | None = None
    metadata: list[MetadataEntry] | None = None
    meta: dict[str, Any] | None = None

    @property
    def is_archived(self) -> bool:
        """Whether the customer was archived in Quentli."""
        return self.archived_at is not None


class ConceptGroup(_Resource):
    """A payment concept group (``pcg_…``)."""

    id: str
    name: str | None = None


class PaymentConcept(_Resource):
    """A catalog item (``pc_…``), as embedded in invoice and payment items."""

    id: str
    display_name: str | None = None
    amount: int | None = None
    currency: str | None = None
    description: str | None = None
    sku: str | None = None
    active: bool | None = None
    group_id: str | None = None
    group: ConceptGroup | None = None
    created_at: UtcDatetime | None = None
    updated_at: UtcDatetime | None = None


class InvoiceItem(_Resource):
    """One line of an invoice (``invi_…``)."""

    id: str | None = None
    description: str | None = None
    concept_id: str | None = None
    concept: PaymentConcept | None = None
    quantity: int = 1
    amount: int | None = None
    currency: str | None = None

    @property
    def text(self) -> str:
        """The line's description, or its concept's display name, or ``""``."""
        if self.description:
            return self.description
        if self.concept is not None and self.concept.display_name:
            return self.concept.display_name
        return ""


class Invoice(_Resource):
    """A payment request (``inv_…``). Quentli has no status field: see the helper properties."""

    id: str
    customer_id: str
    total_amount: int
    currency: str
    due_date: UtcDatetime
    is_paid: bool
    amount_paid: int
    created_at: UtcDatetime | None = None
    updated_at: UtcDatetime | None = None
    collection_method: _OpenCollectionMethod | None = None
    organization_id: str | None = None
    allow_offtime_payment: bool | None = None
    items: list[InvoiceItem] = Field(default_factory=list)
    subscription_id: str | None = None
    expire_date: UtcDatetime | None = None
    paid_by_id: str | None = None
    beneficiary_id: str | None = None
    paid_with_id: str | None = None
    canceled_at: UtcDatetime | None = None
    canceled_by_id: str | None = None
    meta: dict[str, Any] | None = None

    @property
    def is_canceled(self) -> bool:
        """Whether the invoice was canceled."""
        return self.canceled_at is not None

    @property
    def outstanding(self) -> int:
        """Centavos still owed: ``total_amount - amount_paid``; 0 once paid or canceled."""
        if self.is_paid or self.is_canceled:
            return 0
        return max(self.total_amount - self.amount_paid, 0)

    @property
    def concept_text(self) -> str:
        """The items' descriptions (or concept names) joined with ``", "``."""
        return ", ".join(text for text in (item.text for item in self.items) if text)

    def is_overdue(self, now: datetime) -> bool:
        """Whether it is unpaid, not canceled and its whole due day has passed by ``now``.

        A due date is the start of the day in the school's time zone (Quentli stores
        ``06:00:00.000Z`` for Mexico City), and the family may pay all that day.
        """
        if self.is_paid or self.is_canceled:
            return False
        return now >= self.due_date + timedelta(days=1)


class PaymentItem(_Resource):
    """One line of a payment."""

    description: str | None = None
    amount: int | None = None
    currency: str | None = None
    quantity: int | None = None
    concept_id: str | None = None
    concept: PaymentConcept | None = None


class Payment(_Resource):
    """A payment (``p_…``): the transaction that covers an invoice."""

    id: str
    amount: int
    currency: str
    created_at: UtcDatetime | None = None
    updated_at: UtcDatetime | None = None
    description: str | None = None
    type: _OpenPaymentType | None = None
    status: _OpenPaymentStatus | None = None
    is_completed: bool | None = None
    payment_time: UtcDatetime | None = None
    customer_id: str | None = None
    organization_id: str | None = None
    skip_tax_invoice: bool | None = None
    payment_method_id: str | None = None
    items: list[PaymentItem] | None = None
    metadata: Any = None
    meta: Any = None


class PaymentLink(_Resource):
    """An authenticated payment link for an invoice (the URL is a credential)."""

    url: str = Field(repr=False)
    expires_at: UtcDatetime | None = None
    invoice: Invoice


class TryPaymentResult(_Resource):
    """The result of charging an invoice with its saved payment method."""

    success: bool
    payment: Payment | None = None
    invoice: Invoice


class SavedPaymentMethod(_Resource):
    """A card or bank account a customer saved (``GET /v1/customers/{id}/payment_methods``).

    Called ``PaymentMethod`` by Quentli; named apart from the bot's own enum of how a payment
    was made. Details (card brand, last digits) are kept as Quentli sends them.
    """

    id: str
    customer_id: str | None = None
    type: str | None = None
    confirmed: bool = False
    default: bool = False
    expired: bool = False
    card_detail: Any = None
    bank_account: Any = None


class InvoicePaymentSession(_Resource):
    """Customer + invoice + authenticated checkout URL (the URL is a credential)."""

    url: str = Field(repr=False)
    customer: Customer
    invoice: Invoice


class PortalSession(_Resource):
    """A one-time, signed-in customer portal URL (a credential)."""

    url: str = Field(repr=False)


# --- inputs ----------------------------------------------------------------------------------


class CustomerInput(_Input):
    """Body of ``POST /v1/customers``."""

    name: str
    username: str | None = None
    email: str | None = None
    phone_number: str | None = None
    secondary_phone_number: str | None = None
    accepted_service_agreement: bool | None = None
    skip_tax_invoice: bool | None = None
    assignee_id: str | None = None
    opted_out_whatsapp_at: UtcDatetime | None = None
    metadata: list[MetadataEntry] | None = None
    tags: list[str] | None = None


class InlineConcept(_Input):
    """An ad-hoc concept for an invoice line."""

    display_name: str
    amount: Centavos
    currency: str = "MXN"


class InvoiceItemInput(_Input):
    """An invoice line: a catalog ``concept_id`` or an inline ``concept`` (at least one)."""

    concept_id: str | None = None
    concept: InlineConcept | None = None
    quantity: Annotated[StrictInt, Field(ge=1)] = 1
    amount: Centavos | None = None
    currency: str | None = None
    description: str | None = None

    @model_validator(mode="after")
    def _needs_a_concept(self) -> InvoiceItemInput:
        if self.concept_id is None and self.concept is None:
            raise ValueError("an invoice item needs concept_id or concept")
        return self


class InvoiceModifier(_Input):
    """A price modifier reference (``prm_…``)."""

    modifier_id: str


class InvoiceDiscount(_Input):
    """A discount reference (``disc_…``)."""

    discount_id: str


class InvoiceInput(_Input):
    """Body of ``POST /v1/invoices``."""

    customer_id: str
    due_date: UtcDatetime
    items: list[InvoiceItemInput] = Field(min_length=1)
    collection_method: CollectionMethod | None = None
    expire_date: UtcDatetime | None = None
    subscription_id: str | None = None
    allow_offtime_payment: bool | None = None
    beneficiary_id: str | None = None
    modifiers: list[InvoiceModifier] | None = None
    discounts: list[InvoiceDiscount] | None = None
    metadata: list[MetadataEntry] | None = None


class MarkPaidInput(_Input):
    """Optional body of ``POST /v1/invoices/{id}/mark-paid``."""

    external_type_id: str | None = None
    payment_time: UtcDatetime | None = None


class SessionCustomer(_Input):
    """The customer Quentli finds or creates for an invoice payment session."""

    name: str
    username: str | None = None
    phone_number: str | None = None
    email: str | None = None
    metadata: list[MetadataEntry] | None = None


class SessionItem(_Input):
    """A free-form line of an invoice payment session."""

    description: str
    amount: Centavos
    quantity: Annotated[StrictInt, Field(ge=1)] = 1


class InvoicePaymentSessionInput(_Input):
    """Body of ``POST /v1/invoice-payment-sessions``."""

    customer: SessionCustomer
    due_date: UtcDatetime
    items: list[SessionItem] = Field(min_length=1)
    expire_date: UtcDatetime | None = None
    collection_method: CollectionMethod | None = None
    metadata: list[MetadataEntry] | None = None
