"""The demo school."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.sandbox import SandboxState, seed_demo


def _seeded(now: datetime | None = None) -> SandboxState:
    state = SandboxState(clock=(lambda: now) if now else None)
    seed_demo(state)
    return state


def test_demo_school_contents() -> None:
    state = _seeded()
    assert state.organization["name"] == "Colegio Montessori del Valle"
    customers = list(state.customers.values())
    assert 5 <= len(customers) <= 8
    assert all(c["phoneNumber"].startswith("+5255") for c in customers)
    assert len({c["username"] for c in customers}) == len(customers)
    assert customers[0]["name"] == "Sofía García López"
    assert customers[0]["username"] == "A-1029"
    assert any(c["id"] in state.cards for c in customers)
    assert any(c["id"] not in state.cards for c in customers)
    phones = [c["phoneNumber"] for c in customers]
    assert len(set(phones)) < len(phones)  # siblings share their parent's phone
    concepts = " ".join(
        item["description"] for inv in state.invoices.values() for item in inv["items"]
    )
    for word in ("Colegiatura", "Inscripción", "Transporte", "Uniforme"):
        assert word in concepts
    now = datetime.now(UTC)
    unpaid = [i for i in state.invoices.values() if not i["isPaid"]]
    overdue = [i for i in unpaid if datetime.fromisoformat(i["dueDate"][:-1] + "+00:00") < now]
    assert overdue
    assert len(overdue) < len(unpaid)
    paid = [i for i in state.invoices.values() if i["isPaid"]]
    assert paid
    assert all(i["paidWithId"] in state.payments for i in paid)
    assert {state.payments[i["paidWithId"]]["type"] for i in paid} == {"CARD", "OTHER"}
    assert all(isinstance(i["totalAmount"], int) for i in state.invoices.values())
    assert state.events == []  # seeding sends no webhooks


def test_seeding_is_deterministic_apart_from_ids() -> None:
    now = datetime(2025, 3, 15, 18, 0, tzinfo=UTC)
    first, second = _seeded(now), _seeded(now)

    def summary(state: SandboxState) -> list[tuple[str, str, int, str, bool]]:
        names = {c["id"]: c["name"] for c in state.customers.values()}
        return [
            (
                names[i["customerId"]],
                i["items"][0]["description"],
                i["totalAmount"],
                i["dueDate"],
                i["isPaid"],
            )
            for i in state.invoices.values()
        ]

    assert summary(first) == summary(second)
    assert (
        "Sofía García López",
        "Colegiatura Marzo 2025",
        485000,
        "2025-03-20T06:00:00.000Z",
        False,
    ) in summary(first)


def test_seed_refuses_a_non_empty_state() -> None:
    state = SandboxState()
    state.add_customer("Ana", "A-1")
    assert seed_demo(state) is False
    assert len(state.customers) == 1
