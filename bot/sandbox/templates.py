"""HTML of the sandbox's checkout and portal pages (Spanish, mobile-first, no JavaScript)."""

from __future__ import annotations

from datetime import datetime
from html import escape
from typing import Any

from bot.sandbox.records import CDMX, parse_dt

__all__ = ["checkout_page", "long_date", "message_page", "money", "portal_page"]

Record = dict[str, Any]
_MONTHS = [
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
]
_STYLE = """
body{font-family:system-ui,-apple-system,sans-serif;margin:0;background:#f3f5f9;color:#1d2433}
main{max-width:28rem;margin:0 auto;padding:1rem}
.card{background:#fff;border-radius:12px;padding:1.25rem;box-shadow:0 1px 4px #0002}
.sandbox{background:#fff4d6;border:1px solid #e6c35c;border-radius:8px;padding:.6rem;
font-size:.9rem}
h1{font-size:1.3rem;margin:.8rem 0 .2rem}.muted{color:#5b6478}
ul{padding:0;list-style:none}li{display:flex;justify-content:space-between;gap:.5rem;
padding:.5rem 0;border-bottom:1px solid #eee}.total{font-size:1.2rem}
button{width:100%;padding:.9rem;border:0;border-radius:8px;font-size:1.05rem;margin-top:.6rem;
background:#1a56db;color:#fff}button.secondary{background:#fff;color:#b42318;
border:1px solid #b42318}.ok{color:#067647;font-weight:600}.bad{color:#b42318;font-weight:600}
"""
_BANNER = (
    '<p class="sandbox">Entorno de pruebas (sandbox) de Quentli: '
    "no se realiza ningún cargo real.</p>"
)


def money(centavos: int) -> str:
    """``150000`` -> ``$1,500.00 MXN`` (integer arithmetic only)."""
    sign = "-" if centavos < 0 else ""
    pesos, cents = divmod(abs(centavos), 100)
    return f"{sign}${pesos:,}.{cents:02d} MXN"


def long_date(value: str) -> str:
    """An ISO datetime as its Mexico City day: ``1 de febrero de 2025``."""
    day = parse_dt(value).astimezone(CDMX).date()
    return f"{day.day} de {_MONTHS[day.month - 1]} de {day.year}"


def _page(title: str, body: str) -> str:
    return (
        '<!doctype html><html lang="es"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)}</title><style>{_STYLE}</style></head>"
        f'<body><main><div class="card">{_BANNER}{body}</div></main></body></html>'
    )


def _status(invoice: Record, now: datetime) -> str:
    if invoice["canceledAt"] is not None:
        return '<span class="bad">Cancelada</span>'
    if invoice["isPaid"]:
        return '<span class="ok">Pagada</span>'
    if parse_dt(invoice["dueDate"]) < now:
        return '<span class="bad">Vencida</span>'
    return '<span class="muted">Pendiente</span>'


def _items(invoice: Record) -> str:
    rows = []
    for item in invoice["items"]:
        label = escape(item["description"])
        if item["quantity"] > 1:
            label += f" × {item['quantity']}"
        amount = money(item["_unitAmount"] * item["quantity"])
        rows.append(f"<li><span>{label}</span><span>{amount}</span></li>")
    return "<ul>" + "".join(rows) + "</ul>"


def checkout_page(
    *, school: str, customer: Record, invoice: Record, action: str, notice: str, now: datetime
) -> str:
    """The checkout page of one invoice; ``action`` is the base URL of its POST forms."""
    total = money(invoice["totalAmount"])
    body = [
        f"<h1>{escape(school)}</h1>",
        f'<p class="muted">{escape(customer["name"])}</p>',
        _items(invoice),
        f'<p class="total">Total: <strong>{total}</strong></p>',
        f"<p>Fecha límite: {long_date(invoice['dueDate'])} · {_status(invoice, now)}</p>",
    ]
    if notice == "paid":
        body.append('<p class="ok">¡Pago recibido! Gracias.</p>')
    elif notice == "declined":
        body.append('<p class="bad">Tu tarjeta fue rechazada. No se hizo ningún cargo.</p>')
    if invoice["isPaid"]:
        body.append('<p class="ok">Esta solicitud de pago ya está pagada.</p>')
    elif invoice["canceledAt"] is not None:
        body.append('<p class="bad">Esta solicitud de pago fue cancelada.</p>')
    else:
        body.append(
            f'<form method="post" action="{escape(action)}/pay">'
            f'<button type="submit">Pagar {total}</button></form>'
            f'<form method="post" action="{escape(action)}/decline">'
            '<button type="submit" class="secondary">Simular tarjeta rechazada</button></form>'
        )
    return _page(f"Pagar · {school}", "".join(body))


def portal_page(
    *, school: str, customer: Record, invoices: list[Record], action: str, now: datetime
) -> str:
    """A customer's portal: their invoices, newest due date first, each unpaid one payable."""
    rows = []
    for invoice in invoices:
        concept = escape(", ".join(item["description"] for item in invoice["items"]))
        pay = ""
        if not invoice["isPaid"] and invoice["canceledAt"] is None:
            pay = (
                f'<form method="post" action="{escape(action)}/pay/{escape(invoice["id"])}">'
                f'<button type="submit">Pagar {money(invoice["totalAmount"])}</button></form>'
            )
        rows.append(
            f"<li><div><strong>{concept}</strong><br>{money(invoice['totalAmount'])}<br>"
            f'<span class="muted">Vence el {long_date(invoice["dueDate"])}</span> · '
            f"{_status(invoice, now)}{pay}</div></li>"
        )
    listing = "<ul>" + "".join(rows) + "</ul>" if rows else "<p>No hay solicitudes de pago.</p>"
    body = (
        f"<h1>{escape(school)}</h1><p>Portal de {escape(customer['name'])}</p>"
        f"<h2>Solicitudes de pago</h2>{listing}"
    )
    return _page(f"Portal · {school}", body)


def message_page(title: str, text: str) -> str:
    """A page with one message (e.g. an expired link)."""
    return _page(title, f"<h1>{escape(title)}</h1><p>{escape(text)}</p>")
