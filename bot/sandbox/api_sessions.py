"""``/v1/invoice-payment-sessions`` and ``/v1/customer-portal-session``: links for people."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.routing import Route

from bot.sandbox import ledger, links, validation
from bot.sandbox.api import Sandbox, endpoint
from bot.sandbox.api_invoices import checkout_url, collection_method
from bot.sandbox.errors import ApiError
from bot.sandbox.records import public

__all__ = ["routes"]

Record = dict[str, Any]


def _session_items(raw: Any) -> list[Record]:
    if not isinstance(raw, list) or not raw:
        raise ApiError(400, "items must be a non-empty list")
    items = []
    for index, entry in enumerate(raw):
        where = f"items[{index}]."
        if not isinstance(entry, dict):
            raise ApiError(400, f"items[{index}] must be an object")
        description = validation.req_str(entry, "description", where)
        amount = validation.positive_int(entry.get("amount"), f"{where}amount")
        quantity = entry.get("quantity")
        quantity = 1 if quantity is None else validation.positive_int(quantity, f"{where}quantity")
        items.append(ledger.item(description, amount, quantity, None))
    return items


def _find_or_create_customer(sandbox: Sandbox, raw: Any) -> Record:
    if not isinstance(raw, dict):
        raise ApiError(400, "customer is required: {name, username, phoneNumber, email}")
    where = "customer."
    fields: Record = {
        "name": validation.req_str(raw, "name", where),
        "username": validation.req_str(raw, "username", where),
        "email": validation.email(raw, where=where),
        "phone_number": validation.phone_number(raw, where=where),
        "metadata": validation.metadata_list(raw),
    }
    for customer in sandbox.state.customers.values():
        if customer["username"] == fields["username"]:
            return customer
    return ledger.add_customer(sandbox.state, **fields)


def invoice_payment_session(request: Request, sandbox: Sandbox, body: Any) -> Record:
    """POST /v1/invoice-payment-sessions -> {url, customer, invoice}.

    The customer is found by ``username`` (created when there is none); a new invoice is made.
    """
    data = validation.require_input(body)
    # Validate everything before the customer may be created, so bad input changes nothing.
    due_date = validation.req_datetime(data, "dueDate")
    expire_date = validation.opt_datetime(data, "expireDate")
    method = collection_method(data)
    metadata = validation.metadata_list(data)
    items = _session_items(data.get("items"))
    customer = _find_or_create_customer(sandbox, data.get("customer"))
    invoice = ledger.add_invoice(
        sandbox.state,
        customer_id=customer["id"],
        due_date=due_date,
        items=items,
        collection_method=method,
        expire_date=expire_date,
        metadata=metadata,
    )
    url, _expires_at = checkout_url(request, sandbox, invoice["id"])
    return {"url": url, "customer": public(customer), "invoice": public(invoice)}


def portal_session(request: Request, sandbox: Sandbox, body: Any) -> Record:
    """POST /v1/customer-portal-session -> {url} (a one-time portal page, valid 1 h)."""
    data = validation.require_input(body)
    customer_id = validation.req_str(data, "customerId")
    if customer_id not in sandbox.state.customers:
        raise ApiError(400, f"customerId: customer {customer_id} not found")
    validation.opt_str(data, "destination")  # "home" in Quentli's example; any page is shown
    token, _expires_at = links.issue_link(sandbox.state, "portal", customer_id, links.PORTAL_TTL)
    return {"url": f"{sandbox.base_url(request)}/portal/{token}"}


def routes() -> list[Route]:
    """The session routes."""
    return [
        Route("/v1/invoice-payment-sessions", endpoint(invoice_payment_session), methods=["POST"]),
        Route("/v1/customer-portal-session", endpoint(portal_session), methods=["POST"]),
    ]
