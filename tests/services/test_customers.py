"""CustomerResolver: id, then username, then part of a name."""

from __future__ import annotations

import pytest

from bot.quentli.errors import ServerError, ValidationError
from bot.services.customers import (
    MAX_CANDIDATES,
    MAX_CLOSE,
    Ambiguous,
    CustomerResolver,
    Found,
    NoMatch,
    close_names,
    looks_like_customer_id,
)
from tests.services.fakes import FakeQuentli, customer

ANA = customer("cus_ana", "Ana García López", "A-1029")
LUIS = customer("cus_luis", "Luis García López", "A-1030")
SOFIA = customer("cus_sofia", "Sofía Pérez", "2041")
OLD = customer("cm4k6bzfx0019rtqttpbgg0ea", "Familia Ortiz", "F-7")
GONE = customer("cus_gone", "Mario García", "A-0001", archived=True)


@pytest.fixture
def quentli() -> FakeQuentli:
    return FakeQuentli([ANA, LUIS, SOFIA, OLD, GONE])


@pytest.fixture
def resolver(quentli: FakeQuentli) -> CustomerResolver:
    return CustomerResolver(quentli)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("cus_abc123", True),
        ("cm4k6bzfx0019rtqttpbgg0ea", True),
        ("A-1029", False),
        ("Ana", False),
        ("cus_", False),
        ("cus_ abc", False),
        ("customer", False),
    ],
)
def test_looks_like_customer_id(text: str, expected: bool) -> None:
    assert looks_like_customer_id(text) is expected


async def test_by_id(resolver: CustomerResolver, quentli: FakeQuentli) -> None:
    assert await resolver.resolve("cus_sofia") == Found(SOFIA, via="id")
    assert quentli.calls == [("get", "cus_sofia")]


async def test_by_old_style_id(resolver: CustomerResolver) -> None:
    assert await resolver.resolve("cm4k6bzfx0019rtqttpbgg0ea") == Found(OLD, via="id")


async def test_an_archived_customer_is_still_found_by_id(resolver: CustomerResolver) -> None:
    assert await resolver.resolve("cus_gone") == Found(GONE, via="id")


async def test_unknown_id_falls_back_to_the_searches(
    resolver: CustomerResolver, quentli: FakeQuentli
) -> None:
    assert await resolver.resolve("cus_nobody") == NoMatch("cus_nobody")
    # id, username, name contains, then the accent-blind scan of the list
    assert [kind for kind, _ in quentli.calls] == ["get", "list", "list", "list"]


async def test_malformed_id_answer_falls_back(
    resolver: CustomerResolver, quentli: FakeQuentli
) -> None:
    quentli.fail = ValidationError(400, "invalid id")
    assert await resolver.resolve("cus_nobody") == NoMatch("cus_nobody")


async def test_by_username(resolver: CustomerResolver, quentli: FakeQuentli) -> None:
    assert await resolver.resolve("A-1029") == Found(ANA, via="username")
    assert quentli.calls == [("list", {"username": {"equals": "A-1029", "mode": "insensitive"}})]


async def test_by_username_ignores_case_and_spaces(resolver: CustomerResolver) -> None:
    assert await resolver.resolve("  a-1029 ") == Found(ANA, via="username")


async def test_numeric_username(resolver: CustomerResolver) -> None:
    assert await resolver.resolve("2041") == Found(SOFIA, via="username")


async def test_archived_username_is_not_offered(resolver: CustomerResolver) -> None:
    assert await resolver.resolve("A-0001") == NoMatch("A-0001")


async def test_by_unique_name_part(resolver: CustomerResolver, quentli: FakeQuentli) -> None:
    assert await resolver.resolve("sofía") == Found(SOFIA, via="name")
    assert quentli.calls[-1] == ("list", {"name": {"contains": "sofía", "mode": "insensitive"}})


async def test_several_names_are_ambiguous_and_archived_ones_left_out(
    resolver: CustomerResolver,
) -> None:
    result = await resolver.resolve("garcía")
    assert result == Ambiguous([ANA, LUIS], more=False)


async def test_ambiguous_offers_at_most_eight(quentli: FakeQuentli) -> None:
    quentli.customers = [customer(f"cus_{i}", f"Alumno {i:02d}", f"U{i}") for i in range(20)]
    result = await CustomerResolver(quentli).resolve("alumno")
    assert isinstance(result, Ambiguous)
    assert len(result.candidates) == MAX_CANDIDATES
    assert result.more is True
    assert [c.name for c in result.candidates] == [f"Alumno {i:02d}" for i in range(8)]


async def test_exactly_eight_is_not_more(quentli: FakeQuentli) -> None:
    quentli.customers = [customer(f"cus_{i}", f"Alumno {i}", f"U{i}") for i in range(8)]
    result = await CustomerResolver(quentli).resolve("alumno")
    assert isinstance(result, Ambiguous)
    assert result.more is False


async def test_no_match(resolver: CustomerResolver) -> None:
    assert await resolver.resolve("Zacarías") == NoMatch("Zacarías")


async def test_empty_query_asks_nothing(resolver: CustomerResolver, quentli: FakeQuentli) -> None:
    assert await resolver.resolve("   ") == NoMatch("")
    assert quentli.calls == []


async def test_a_server_that_ignores_filters_never_yields_a_wrong_customer(
    quentli: FakeQuentli,
) -> None:
    quentli.ignore_filters = True
    resolver = CustomerResolver(quentli)
    assert await resolver.resolve("A-1030") == Found(LUIS, via="username")
    assert await resolver.resolve("Sofía") == Found(SOFIA, via="name")
    assert await resolver.resolve("Zacarías") == NoMatch("Zacarías")


async def test_quentli_failures_are_not_swallowed(
    resolver: CustomerResolver, quentli: FakeQuentli
) -> None:
    quentli.fail = ServerError(500, "boom")
    with pytest.raises(ServerError):
        await resolver.resolve("Ana")


async def test_a_typo_finds_the_close_names_without_more_calls(
    resolver: CustomerResolver, quentli: FakeQuentli
) -> None:
    result = await resolver.resolve("ana garsia")
    assert result == NoMatch("ana garsia", (ANA,))
    # The username, the name, then the one page of the accent-blind scan: nothing more.
    assert [kind for kind, _ in quentli.calls] == ["list", "list", "list"]


@pytest.mark.parametrize(
    ("query", "names"),
    [
        ("garsia", ["Ana García López", "Luis García López"]),
        ("luis garcia lopes", ["Luis García López"]),
        ("sofia peres", ["Sofía Pérez"]),
        ("SOFÍA PÉRES", ["Sofía Pérez"]),
        ("familia ortis", ["Familia Ortiz"]),
        ("mario garcia", []),  # archived: never offered
        ("zzzz", []),
        ("ana xyz", []),  # every word must be like a word of the name
    ],
)
async def test_close_names(resolver: CustomerResolver, query: str, names: list[str]) -> None:
    result = await resolver.resolve(query)
    assert isinstance(result, NoMatch)
    assert [c.name for c in result.close] == names


def test_close_names_are_ranked_by_likeness_and_capped() -> None:
    many = [customer(f"cus_{i}", f"Ana García {i:02d}", f"U{i}") for i in range(10)]
    best = customer("cus_best", "Ana Garsia", "U99")
    close = close_names("ana garsia", [*many, best])
    assert close[0] == best
    assert len(close) == MAX_CLOSE
    assert close_names("", [best]) == ()
