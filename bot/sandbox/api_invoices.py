"""``/v1/invoices``: create, list, get, cancel, payment link, try-payment, mark-paid."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.routing import Route

from bot.sandbox import ledger, links, validation
from bot.sandbox.api import Sandbox, endpoint
from bot.sandbox.api_customers import customer_matcher
from bot.sandbox.errors import ApiError
from bot.sandbox.query import Matcher, parse_list_query, run_query
from bot.sandbox.records import INVOICE_FIELDS, public

__all__ = ["checkout_url", "invoice_matcher", "parse_items", "routes"]

Record = dict[str, Any]


def invoice_matcher(sandbox: Sandbox) -> Matcher:
    """Invoice filters: every column, the relation ``customer`` (e.g. customer[username]) and
    Prisma's JSON filter on ``meta`` (``meta[path][0]=bulkRow&meta[equals]=...``)."""
    customers = customer_matcher(sandbox)

    def customer(record: Record, value: Any) -> bool:
        if not isinstance(value, dict):
            raise ApiError(400, "filter customer must hold a customer filter")
        return customers.matches(sandbox.state.customers[record["customerId"]], value)

    return Matcher(INVOICE_FIELDS, {"customer": customer, "meta": meta_filter})


def meta_filter(record: Record, value: Any) -> bool:
    """``meta`` by one key: ``{"path": [key], "equals": value}`` (Prisma's JSON filter)."""
    if not isinstance(value, dict) or set(value) != {"path", "equals"}:
        raise ApiError(400, "filter meta must hold path and equals")
    path = value["path"] if isinstance(value["path"], list) else [value["path"]]
    if len(path) != 1 or not isinstance(path[0], str):
        raise ApiError(400, "filter meta path must name one key")
    return bool((record.get("meta") or {}).get(path[0]) == value["equals"])


def parse_items(sandbox: Sandbox, raw: Any) -> list[Record]:
    """Invoice items: an inline ``concept {displayName, amount, currency}`` and/or ``amount``."""
    if not isinstance(raw, list) or not raw:
        raise ApiError(400, "items must be a non-empty list")
    items = []
    for index, entry in enumerate(raw):
        where = f"items[{index}]."
        if not isinstance(entry, dict):
            raise ApiError(400, f"items[{index}] must be an object")
        quantity = entry.get("quantity")
        quantity = 1 if quantity is None else validation.positive_int(quantity, f"{where}quantity")
        description = validation.opt_str(entry, "description", where)
        amount = entry.get("amount")
        unit = None if amount is None else validation.positive_int(amount, f"{where}amount")
        currency = entry.get("currency")
        if currency not in (None, "MXN"):
            raise ApiError(400, f"{where}currency: the sandbox only supports MXN")
        concept = _concept(sandbox, entry, where)
        if concept is None and unit is None:
            raise ApiError(400, f"{where}: give an amount, a concept or a known conceptId")
        if concept is None and description is None:
            raise ApiError(400, f"{where}description is required without a concept")
        unit = unit if unit is not None else concept["amount"] if concept else 0
        text = description or (concept["displayName"] if concept else "")
        items.append(ledger.item(text, unit, quantity, concept))
    return items


def _concept(sandbox: Sandbox, entry: Record, where: str) -> Record | None:
    concept_id = validation.opt_str(entry, "conceptId", where)
    inline = entry.get("concept")
    if inline is None:
        if concept_id is None:
            return None
        known = sandbox.state.concepts.get(concept_id)
        if known is None:
            raise ApiError(400, f"{where}conceptId: concept {concept_id} not found")
        return known
    if not isinstance(inline, dict):
        raise ApiError(400, f"{where}concept must be an object")
    name = validation.req_str(inline, "displayName", f"{where}concept.")
    amount = validation.positive_int(inline.get("amount"), f"{where}concept.amount")
    if inline.get("currency") not in (None, "MXN"):
        raise ApiError(400, f"{where}concept.currency: the sandbox only supports MXN")
    return ledger.concept(sandbox.state, concept_id, name, amount)


def collection_method(data: Record) -> str:
    """``collectionMethod``, default SEND_REMINDER."""
    value = data.get("collectionMethod") or "SEND_REMINDER"
    if value not in validation.COLLECTION_METHODS:
        raise ApiError(400, "collectionMethod must be AUTOMATIC, SEND_REMINDER or NONE")
    return str(value)


def create_invoice(_request: Request, sandbox: Sandbox, body: Any) -> Record:
    """POST /v1/invoices -> {"invoice": ...}."""
    data = validation.require_input(body)
    customer_id = validation.req_str(data, "customerId")
    if customer_id not in sandbox.state.customers:
        raise ApiError(400, f"customerId: customer {customer_id} not found")
    due_date = validation.req_datetime(data, "dueDate")
    expire_date = validation.opt_datetime(data, "expireDate")
    method = collection_method(data)
    metadata = validation.metadata_list(data)
    items = parse_items(sandbox, data.get("items"))
    invoice = ledger.add_invoice(
        sandbox.state,
        customer_id=customer_id,
        due_date=due_date,
        items=items,
        collection_method=method,
        expire_date=expire_date,
        allow_offtime_payment=validation.opt_bool(data, "allowOfftimePayment"),
        subscription_id=validation.opt_str(data, "subscriptionId"),
        beneficiary_id=validation.opt_str(data, "beneficiaryId"),
        metadata=metadata,
    )
    return {"invoice": public(invoice)}


def list_invoices(request: Request, sandbox: Sandbox, _body: Any) -> list[Any]:
    """GET /v1/invoices -> a bare array."""
    query = parse_list_query(request.query_params, request.query_params.keys())
    found = run_query(sandbox.state.invoices.values(), query, invoice_matcher(sandbox))
    return [public(i) for i in found]


def get_invoice(request: Request, sandbox: Sandbox, _body: Any) -> Record | None:
    """GET /v1/invoices/{id} -> the invoice, or null."""
    return public(sandbox.state.invoices.get(request.path_params["id"]))


def cancel_invoice(request: Request, sandbox: Sandbox, _body: Any) -> Record:
    """DELETE /v1/invoices/{id} -> {"invoice": ...} with canceledAt set."""
    return {"invoice": public(ledger.cancel_invoice(sandbox.state, request.path_params["id"]))}


def checkout_url(request: Request, sandbox: Sandbox, invoice_id: str) -> tuple[str, str]:
    """A fresh checkout page URL for an invoice: (url, expiresAt)."""
    token, expires_at = links.issue_link(sandbox.state, "invoice", invoice_id, links.LINK_TTL)
    return f"{sandbox.base_url(request)}/checkout/{token}", expires_at


def payment_link(request: Request, sandbox: Sandbox, _body: Any) -> Record:
    """GET /v1/invoices/{id}/payment-link -> {url, expiresAt, invoice} (24 h, new each call)."""
    invoice = ledger.find_invoice(sandbox.state, request.path_params["id"])
    if invoice["canceledAt"] is not None:
        raise ApiError(400, f"Invoice {invoice['id']} is canceled")
    url, expires_at = checkout_url(request, sandbox, invoice["id"])
    return {"url": url, "expiresAt": expires_at, "invoice": public(invoice)}


def try_payment(request: Request, sandbox: Sandbox, _body: Any) -> Record:
    """POST /v1/invoices/{id}/try-payment -> {success, payment, invoice}."""
    success, payment, invoice = ledger.try_payment(sandbox.state, request.path_params["id"])
    return {"success": success, "payment": public(payment), "invoice": public(invoice)}


def mark_paid(request: Request, sandbox: Sandbox, body: Any) -> Record:
    """POST /v1/invoices/{id}/mark-paid (optional body) -> {"invoice": ...}."""
    data = validation.require_input(body, optional=True)
    payment_time = validation.opt_datetime(data, "paymentTime")
    validation.opt_str(data, "externalTypeId")
    invoice = ledger.mark_paid(sandbox.state, request.path_params["id"], payment_time)
    return {"invoice": public(invoice)}


def routes() -> list[Route]:
    """The invoice routes."""
    return [
        Route("/v1/invoices", endpoint(list_invoices), methods=["GET"]),
        Route("/v1/invoices", endpoint(create_invoice), methods=["POST"]),
        Route("/v1/invoices/{id}", endpoint(get_invoice), methods=["GET"]),
        Route("/v1/invoices/{id}", endpoint(cancel_invoice), methods=["DELETE"]),
        Route("/v1/invoices/{id}/payment-link", endpoint(payment_link), methods=["GET"]),
        Route("/v1/invoices/{id}/try-payment", endpoint(try_payment), methods=["POST"]),
        Route("/v1/invoices/{id}/mark-paid", endpoint(mark_paid), methods=["POST"]),
    ]
