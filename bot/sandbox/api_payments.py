"""``/v1/payments``: list (filter by customerId, isCompleted, type, ...) and get by id."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.routing import Route

from bot.sandbox.api import Sandbox, endpoint
from bot.sandbox.api_customers import customer_matcher
from bot.sandbox.errors import ApiError
from bot.sandbox.query import Matcher, parse_list_query, run_query
from bot.sandbox.records import PAYMENT_FIELDS, public

__all__ = ["routes"]

Record = dict[str, Any]


def payment_matcher(sandbox: Sandbox) -> Matcher:
    """Payment filters: every column, plus the relation ``customer``."""
    customers = customer_matcher(sandbox)

    def customer(record: Record, value: Any) -> bool:
        if not isinstance(value, dict):
            raise ApiError(400, "filter customer must hold a customer filter")
        return customers.matches(sandbox.state.customers[record["customerId"]], value)

    return Matcher(PAYMENT_FIELDS, {"customer": customer})


def list_payments(request: Request, sandbox: Sandbox, _body: Any) -> list[Any]:
    """GET /v1/payments -> a bare array."""
    query = parse_list_query(request.query_params, request.query_params.keys())
    found = run_query(sandbox.state.payments.values(), query, payment_matcher(sandbox))
    return [public(p) for p in found]


def get_payment(request: Request, sandbox: Sandbox, _body: Any) -> Record | None:
    """GET /v1/payments/{id} -> the payment, or null."""
    return public(sandbox.state.payments.get(request.path_params["id"]))


def routes() -> list[Route]:
    """The payment routes."""
    return [
        Route("/v1/payments", endpoint(list_payments), methods=["GET"]),
        Route("/v1/payments/{id}", endpoint(get_payment), methods=["GET"]),
    ]
