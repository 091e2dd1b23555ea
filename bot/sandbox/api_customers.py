"""``/v1/customers``: list (filter, skip, take, orderBy), create, get by id."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.routing import Route

from bot.sandbox import ledger, validation
from bot.sandbox.api import Sandbox, endpoint
from bot.sandbox.errors import ApiError
from bot.sandbox.query import Matcher, parse_list_query, run_query
from bot.sandbox.records import CUSTOMER_FIELDS, public

__all__ = ["customer_matcher", "routes"]

Record = dict[str, Any]


def customer_matcher(sandbox: Sandbox) -> Matcher:
    """Customer filters: every column, plus Quentli's custom ``noPayments``."""
    state = sandbox.state

    def no_payments(record: Record, value: Any) -> bool:
        paid = any(
            p["customerId"] == record["id"] and p["isCompleted"] for p in state.payments.values()
        )
        wanted = str(value).lower() != "false"
        return paid != wanted

    return Matcher(CUSTOMER_FIELDS, {"noPayments": no_payments})


def list_customers(request: Request, sandbox: Sandbox, _body: Any) -> list[Any]:
    """GET /v1/customers -> a bare array."""
    query = parse_list_query(request.query_params, request.query_params.keys())
    found = run_query(sandbox.state.customers.values(), query, customer_matcher(sandbox))
    return [public(c) for c in found]


def get_customer(request: Request, sandbox: Sandbox, _body: Any) -> Record | None:
    """GET /v1/customers/{id} -> the customer, or null."""
    return public(sandbox.state.customers.get(request.path_params["id"]))


def list_payment_methods(request: Request, sandbox: Sandbox, _body: Any) -> list[Record]:
    """GET /v1/customers/{id}/payment_methods -> the saved card, if any (404: no customer)."""
    state = sandbox.state
    customer_id = request.path_params["id"]
    customer = state.customers.get(customer_id)
    if customer is None:
        raise ApiError(404, f"Customer {customer_id} not found")
    method_id = state.cards.get(customer_id)
    if method_id is None:
        return []
    stamp = customer["createdAt"]
    card = {"id": f"cd_{method_id[3:]}", "createdAt": stamp, "updatedAt": stamp}
    card |= {"expiryMonth": 12, "expiryYear": 2030, "bin": "424242", "last4": "4242"}
    card |= {"cardholder": customer["name"], "brand": "VISA", "issuer": "Sandbox"}
    card |= {"isCorporate": False, "country": "MX", "funding": "CREDIT"}
    return [
        {
            "id": method_id,
            "createdAt": stamp,
            "updatedAt": stamp,
            "customerId": customer_id,
            "type": "CARD",
            "confirmed": True,
            "default": True,
            "expired": False,
            "cardDetail": card,
            "bankAccount": None,
        }
    ]


def create_customer(_request: Request, sandbox: Sandbox, body: Any) -> Record:
    """POST /v1/customers -> {"customer": ...}; 409 when the username is taken."""
    data = validation.require_input(body)
    customer = ledger.add_customer(
        sandbox.state,
        name=validation.req_str(data, "name"),
        username=validation.opt_str(data, "username"),
        email=validation.email(data),
        phone_number=validation.phone_number(data),
        secondary_phone_number=validation.phone_number(data, "secondaryPhoneNumber"),
        accepted_service_agreement=validation.opt_bool(data, "acceptedServiceAgreement"),
        skip_tax_invoice=validation.opt_bool(data, "skipTaxInvoice"),
        metadata=validation.metadata_list(data),
    )
    return {"customer": public(customer)}


def routes() -> list[Route]:
    """The customer routes."""
    return [
        Route("/v1/customers", endpoint(list_customers), methods=["GET"]),
        Route("/v1/customers", endpoint(create_customer), methods=["POST"]),
        Route("/v1/customers/{id}", endpoint(get_customer), methods=["GET"]),
        Route(
            "/v1/customers/{id}/payment_methods",
            endpoint(list_payment_methods),
            methods=["GET"],
        ),
    ]
