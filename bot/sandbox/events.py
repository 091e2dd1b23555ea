"""The bodies of Quentli-shaped webhook events."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from bot.sandbox.records import new_id

if TYPE_CHECKING:
    from bot.sandbox.state import SandboxState

__all__ = ["event"]

Record = dict[str, Any]


def event(
    state: SandboxState, event_type: str, invoice: Record, extra: Record | None = None
) -> Record:
    """A Quentli-shaped webhook body about ``invoice``."""
    customer = state.customers[invoice["customerId"]]
    data: Record = {
        "invoiceId": invoice["id"],
        "amount": invoice["totalAmount"],
        "customer": {
            "id": customer["id"],
            "customerId": customer["id"],
            "name": customer["name"],
            "email": customer["email"],
            "phoneNumber": customer["phoneNumber"],
            "username": customer["username"],
            "metadata": list(customer["metadata"]),
        },
        "organization": dict(state.organization),
        "metadata": list(invoice.get("_metadata", [])),
    }
    data.update(extra or {})
    return {"eventId": new_id("evt_"), "eventType": event_type, "data": data}
