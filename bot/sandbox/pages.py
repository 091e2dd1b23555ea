"""The pages a parent opens: ``/checkout/{token}`` (pay one invoice) and ``/portal/{token}``.

Tokens come from payment links, invoice payment sessions and portal sessions; they are the only
credential, like Quentli's authenticated links. Forms post back and redirect (POST-redirect-GET).
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Route

from bot.sandbox import ledger, links
from bot.sandbox.api import sandbox_of
from bot.sandbox.errors import ApiError
from bot.sandbox.templates import checkout_page, message_page, portal_page

__all__ = ["routes"]

_GONE = message_page(
    "Liga no válida", "Esta liga de pago no existe o ya expiró. Pide una nueva a tu escuela."
)


def _invoice_for(request: Request) -> str | None:
    return links.resolve_link(sandbox_of(request).state, request.path_params["token"], "invoice")


async def checkout(request: Request) -> Response:
    """The checkout page: concept, amount, due date, a Pay button and a decline simulator."""
    sandbox = sandbox_of(request)
    invoice_id = _invoice_for(request)
    if invoice_id is None:
        return HTMLResponse(_GONE, status_code=404)
    invoice = sandbox.state.invoices[invoice_id]
    html = checkout_page(
        school=sandbox.state.organization["name"],
        customer=sandbox.state.customers[invoice["customerId"]],
        invoice=invoice,
        action=f"{sandbox.base_url(request)}/checkout/{request.path_params['token']}",
        notice=request.query_params.get("r", ""),
        now=sandbox.state.now(),
    )
    return HTMLResponse(html)


async def checkout_pay(request: Request) -> Response:
    """Pay the invoice by card (sends INVOICE_PAID + PAYMENT_ATTEMPT_SUCCEEDED webhooks)."""
    return _checkout_action(request, "paid")


async def checkout_decline(request: Request) -> Response:
    """Record a declined card attempt (sends PAYMENT_ATTEMPT_FAILED)."""
    return _checkout_action(request, "declined")


def _checkout_action(request: Request, outcome: str) -> Response:
    sandbox = sandbox_of(request)
    invoice_id = _invoice_for(request)
    if invoice_id is None:
        return HTMLResponse(_GONE, status_code=404)
    try:
        if outcome == "paid":
            ledger.pay(sandbox.state, invoice_id, "CARD")
        else:
            ledger.decline(sandbox.state, sandbox.state.invoices[invoice_id], None)
    except ApiError:
        outcome = ""  # already paid or cancelled: the page says so
    token = request.path_params["token"]
    url = f"{sandbox.base_url(request)}/checkout/{token}" + (f"?r={outcome}" if outcome else "")
    return RedirectResponse(url, status_code=303)


def _customer_for(request: Request) -> str | None:
    return links.resolve_link(sandbox_of(request).state, request.path_params["token"], "portal")


async def portal(request: Request) -> Response:
    """The customer's portal: every invoice with its status, unpaid ones with a Pay button."""
    sandbox = sandbox_of(request)
    customer_id = _customer_for(request)
    if customer_id is None:
        return HTMLResponse(_GONE, status_code=404)
    state = sandbox.state
    invoices = [i for i in state.invoices.values() if i["customerId"] == customer_id]
    invoices.sort(key=lambda i: i["dueDate"], reverse=True)
    html = portal_page(
        school=state.organization["name"],
        customer=state.customers[customer_id],
        invoices=invoices,
        action=f"{sandbox.base_url(request)}/portal/{request.path_params['token']}",
        now=state.now(),
    )
    return HTMLResponse(html)


async def portal_pay(request: Request) -> Response:
    """Open a fresh checkout page for one of the customer's invoices."""
    sandbox = sandbox_of(request)
    customer_id = _customer_for(request)
    invoice = sandbox.state.invoices.get(request.path_params["invoice_id"])
    if customer_id is None or invoice is None or invoice["customerId"] != customer_id:
        return HTMLResponse(_GONE, status_code=404)
    token, _ = links.issue_link(sandbox.state, "invoice", invoice["id"], links.LINK_TTL)
    return RedirectResponse(f"{sandbox.base_url(request)}/checkout/{token}", status_code=303)


def routes() -> list[Route]:
    """The page routes (no API key: the token in the URL is the credential)."""
    return [
        Route("/checkout/{token}", checkout, methods=["GET"]),
        Route("/checkout/{token}/pay", checkout_pay, methods=["POST"]),
        Route("/checkout/{token}/decline", checkout_decline, methods=["POST"]),
        Route("/portal/{token}", portal, methods=["GET"]),
        Route("/portal/{token}/pay/{invoice_id}", portal_pay, methods=["POST"]),
    ]
