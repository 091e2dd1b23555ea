"""``seed_demo``: a small demo school, so a school can try the bot before it has API keys.

Six students of "Colegio Montessori del Valle" (two are siblings sharing their mother's phone),
with tuition, enrollment, transport and uniform charges: some paid, some due soon, some overdue.
Dates are relative to today, so the demo always has something overdue. Ids are random; the rest
is always the same. Seeding only happens while the state has no customers.
"""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from bot.sandbox.records import CDMX

if TYPE_CHECKING:
    from bot.sandbox.state import SandboxState

__all__ = ["seed_demo"]

COLEGIATURA = 485_000
INSCRIPCION = 650_000
TRANSPORTE = 120_000
UNIFORME = 185_050

# name, username (student number), phone, email, saved card, grade
_FAMILIES = [
    (
        "Sofía García López",
        "A-1029",
        "+525512345678",
        "familia.garcia@example.com",
        True,
        "3° Primaria",
    ),
    (
        "Mateo Hernández Ruiz",
        "A-1030",
        "+525523456789",
        "laura.ruiz@example.com",
        False,
        "5° Primaria",
    ),
    ("Valentina Hernández Ruiz", "A-1031", "+525523456789", None, False, "1° Primaria"),
    (
        "Diego Martínez Sánchez",
        "A-1045",
        "+525534567890",
        "dmartinez@example.com",
        True,
        "2° Secundaria",
    ),
    ("Camila Rodríguez Pérez", "A-1052", "+525545678901", None, True, "Kínder 3"),
    (
        "Santiago Flores Jiménez",
        "A-1060",
        "+525556789012",
        "flores.jimenez@example.com",
        False,
        "6° Primaria",
    ),
]

# username, concept, amount, due in days from today (negative: overdue), how it was paid
_INVOICES = [
    ("A-1029", "Colegiatura {prev}", COLEGIATURA, -25, "CARD"),
    ("A-1029", "Colegiatura {this}", COLEGIATURA, 5, None),
    ("A-1030", "Colegiatura {this}", COLEGIATURA, -12, None),
    ("A-1030", "Transporte {this}", TRANSPORTE, 3, None),
    ("A-1031", "Colegiatura {this}", COLEGIATURA, -12, None),
    ("A-1045", "Inscripción ciclo escolar", INSCRIPCION, -40, "OTHER"),
    ("A-1045", "Uniforme deportivo", UNIFORME, 20, None),
    ("A-1052", "Colegiatura {this}", COLEGIATURA, -5, "CARD"),
    ("A-1060", "Colegiatura {prev}", COLEGIATURA, -38, None),
    ("A-1060", "Transporte {prev}", TRANSPORTE, -33, None),
    ("A-1060", "Colegiatura {this}", COLEGIATURA, 8, None),
]
_MONTHS = [
    "Enero",
    "Febrero",
    "Marzo",
    "Abril",
    "Mayo",
    "Junio",
    "Julio",
    "Agosto",
    "Septiembre",
    "Octubre",
    "Noviembre",
    "Diciembre",
]


def seed_demo(state: SandboxState) -> bool:
    """Fill an empty state with the demo school; returns False (and changes nothing) otherwise."""
    if not state.is_empty:
        return False
    today = state.now().astimezone(CDMX).date()
    prev = today.replace(day=1) - timedelta(days=1)
    months = {
        "this": f"{_MONTHS[today.month - 1]} {today.year}",
        "prev": f"{_MONTHS[prev.month - 1]} {prev.year}",
    }
    ids = {}
    for name, username, phone, email, card, grade in _FAMILIES:
        metadata = [{"key": "studentId", "value": username}, {"key": "Grado", "value": grade}]
        customer = state.add_customer(
            name, username, phone_number=phone, email=email, has_card=card, metadata=metadata
        )
        ids[username] = customer["id"]
    for username, concept, amount, due_in, paid_via in _INVOICES:
        description = concept.format(**months)
        due = today + timedelta(days=due_in)
        invoice = state.add_invoice(ids[username], amount, description, due, emit=False)
        if paid_via is not None:
            state.pay_invoice(invoice["id"], via=paid_via, emit=False)
    return True
