"""Ids, timestamps and the wire-shaped records (dicts) the sandbox stores and answers with.

Records are kept exactly as Quentli's JSON, camelCase keys included. Keys starting with ``_`` are
private bookkeeping (e.g. an item's unit amount, which Quentli's invoice items do not show) and are
removed by :func:`public` before a record leaves the sandbox.
"""

from __future__ import annotations

import secrets
import string
from datetime import UTC, date, datetime, time, timedelta, timezone
from typing import Any

__all__ = [
    "CDMX",
    "CUSTOMER_FIELDS",
    "INVOICE_FIELDS",
    "PAYMENT_FIELDS",
    "customer_record",
    "day_start",
    "format_dt",
    "invoice_record",
    "meta_map",
    "new_id",
    "parse_dt",
    "payment_record",
    "public",
]

_ALPHABET = string.ascii_letters + string.digits
# Mexico City has had no daylight saving time since 2022: a fixed UTC-6 needs no tz database.
CDMX = timezone(timedelta(hours=-6), "America/Mexico_City")

Record = dict[str, Any]


def new_id(prefix: str) -> str:
    """``prefix`` + 20 random alphanumerics, like ``cus_1234567890abcdefghij``."""
    return prefix + "".join(secrets.choice(_ALPHABET) for _ in range(20))


def format_dt(value: datetime) -> str:
    """``2025-02-01T06:00:00.000Z``: UTC with milliseconds, the way Quentli writes datetimes."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    value = value.astimezone(UTC)
    return value.strftime("%Y-%m-%dT%H:%M:%S.") + f"{value.microsecond // 1000:03d}Z"


def parse_dt(value: str) -> datetime:
    """Parse an ISO 8601 datetime (``Z`` or an offset; naive is UTC) into an aware UTC datetime.

    Raises:
        ValueError: not an ISO 8601 date-time.
    """
    if not isinstance(value, str) or "T" not in value:
        raise ValueError(f"not an ISO 8601 date-time: {value!r}")
    parsed = datetime.fromisoformat(value.replace("Z", "+00:00").replace("z", "+00:00"))
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC)


def day_start(day: date) -> datetime:
    """00:00 of ``day`` in Mexico City, as UTC (``06:00:00Z``), how Quentli stores due dates."""
    return datetime.combine(day, time(0), tzinfo=CDMX).astimezone(UTC)


def public(record: Record | None) -> Record | None:
    """A deep copy of ``record`` without private ``_`` keys (``None`` stays ``None``)."""
    if record is None:
        return None
    stripped: Record = _strip(record)
    return stripped


def _strip(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _strip(v) for k, v in value.items() if not k.startswith("_")}
    if isinstance(value, list):
        return [_strip(v) for v in value]
    return value


def meta_map(metadata: list[dict[str, str]]) -> dict[str, str]:
    """Quentli's flattened ``meta`` map of a ``[{key, value}]`` metadata list."""
    return {entry["key"]: entry["value"] for entry in metadata}


def customer_record(
    *,
    org_id: str,
    now: datetime,
    name: str,
    username: str,
    email: str | None = None,
    phone_number: str | None = None,
    secondary_phone_number: str | None = None,
    accepted_service_agreement: bool = False,
    skip_tax_invoice: bool = False,
    metadata: list[dict[str, str]] | None = None,
) -> Record:
    """A new Customer with every field of Quentli's Customer example."""
    stamp = format_dt(now)
    entries = list(metadata or [])
    return {
        "id": new_id("cus_"),
        "createdAt": stamp,
        "updatedAt": stamp,
        "name": name,
        "username": username,
        "organizationId": org_id,
        "acceptedServiceAgreement": accepted_service_agreement,
        "skipTaxInvoice": skip_tax_invoice,
        "emailVerified": False,
        "phoneNumberVerified": False,
        "hasChangedPassword": False,
        "email": email,
        "phoneNumber": phone_number,
        "secondaryPhoneNumber": secondary_phone_number,
        "archivedAt": None,
        "archivedById": None,
        "signatureAcceptedAt": None,
        "optedOutWhatsappAt": None,
        "optedInWhatsappAt": None,
        "startedWhatsappAt": None,
        "replyWithAssistant": False,
        "metadata": entries,
        "meta": meta_map(entries),
    }


def invoice_record(
    *,
    org_id: str,
    now: datetime,
    customer_id: str,
    due_date: datetime,
    items: list[Record],
    collection_method: str = "SEND_REMINDER",
    expire_date: datetime | None = None,
    allow_offtime_payment: bool = False,
    subscription_id: str | None = None,
    beneficiary_id: str | None = None,
    metadata: list[dict[str, str]] | None = None,
) -> Record:
    """A new unpaid Invoice; ``items`` carry a private ``_unitAmount`` used for ``totalAmount``."""
    stamp = format_dt(now)
    entries = list(metadata or [])
    total = sum(item["_unitAmount"] * item["quantity"] for item in items)
    return {
        "id": new_id("inv_"),
        "createdAt": stamp,
        "updatedAt": stamp,
        "customerId": customer_id,
        "collectionMethod": collection_method,
        "totalAmount": total,
        "currency": "MXN",
        "dueDate": format_dt(due_date),
        "organizationId": org_id,
        "isPaid": False,
        "amountPaid": 0,
        "allowOfftimePayment": allow_offtime_payment,
        "items": items,
        "subscriptionId": subscription_id,
        "expireDate": format_dt(expire_date) if expire_date else None,
        "paidById": None,
        "beneficiaryId": beneficiary_id,
        "paidWithId": None,
        "canceledAt": None,
        "canceledById": None,
        "meta": meta_map(entries),
        "_metadata": entries,
    }


def payment_record(
    *,
    org_id: str,
    now: datetime,
    invoice: Record,
    payment_type: str,
    completed: bool,
    payment_method_id: str | None = None,
    payment_time: datetime | None = None,
) -> Record:
    """A Payment covering ``invoice`` (completed, or a failed attempt with status INCOMPLETE)."""
    stamp = format_dt(now)
    items = [
        {
            "description": item["description"],
            "amount": item["_unitAmount"],
            "currency": item.get("_currency", "MXN"),
            "quantity": item["quantity"],
            "conceptId": item["conceptId"],
            "concept": _payment_concept(item["concept"]),
        }
        for item in invoice["items"]
    ]
    return {
        "id": new_id("p_"),
        "createdAt": stamp,
        "updatedAt": stamp,
        "amount": invoice["totalAmount"] - invoice["amountPaid"],
        "currency": invoice["currency"],
        "description": ", ".join(item["description"] for item in invoice["items"]),
        "type": payment_type,
        "status": "COMPLETE" if completed else "INCOMPLETE",
        "isCompleted": completed,
        "paymentTime": format_dt(payment_time or now) if completed else None,
        "customerId": invoice["customerId"],
        "organizationId": org_id,
        "skipTaxInvoice": False,
        "paymentMethodId": payment_method_id,
        "metadata": None,
        "meta": None,
        "items": items,
        "_invoiceId": invoice["id"],
    }


def _payment_concept(concept: Record | None) -> Record | None:
    if concept is None:
        return None
    keys = ("id", "displayName", "description", "createdAt", "updatedAt")
    return {key: concept.get(key) for key in keys}


def _public_keys(record: Record) -> frozenset[str]:
    return frozenset(key for key in record if not key.startswith("_"))


_EPOCH = datetime(2000, 1, 1, tzinfo=UTC)
_SAMPLE_INVOICE = invoice_record(org_id="", now=_EPOCH, customer_id="", due_date=_EPOCH, items=[])
# The filterable / sortable fields of each resource: the keys of its public record.
CUSTOMER_FIELDS = _public_keys(customer_record(org_id="", now=_EPOCH, name="", username=""))
INVOICE_FIELDS = _public_keys(_SAMPLE_INVOICE)
PAYMENT_FIELDS = _public_keys(
    payment_record(
        org_id="", now=_EPOCH, invoice=_SAMPLE_INVOICE, payment_type="CARD", completed=True
    )
)
