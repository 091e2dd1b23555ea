from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any

import httpx
import pytest

from bot.quentli import CollectionMethod, decode_filter, encode_filter, format_datetime


def test_plan_example() -> None:
    encoded = encode_filter(
        {"isPaid": False, "dueDate": {"gte": datetime(2025, 1, 1, tzinfo=UTC)}}
    )
    assert encoded == "isPaid=false&dueDate[gte]=2025-01-01T00:00:00.000Z"


@pytest.mark.parametrize(
    ("obj", "expected"),
    [
        # the examples in Quentli's docs
        ({"name": {"contains": "john"}, "OR": [{"noPayments": True}]},
         "name[contains]=john&OR[0][noPayments]=true"),
        ({"isCompleted": True, "type": {"equals": "CARD"}}, "isCompleted=true&type[equals]=CARD"),
        ({"isActive": {"equals": True}}, "isActive[equals]=true"),
        ({"status": "ENABLED"}, "status=ENABLED"),
        ({"createdAt": "desc"}, "createdAt=desc"),
        # lists, numbers, enums, dates, other time zones, skipped None
        ({"id": {"in": ["inv_1", "inv_2"]}}, "id[in][0]=inv_1&id[in][1]=inv_2"),
        ({"amountPaid": {"gt": 0}}, "amountPaid[gt]=0"),
        ({"collectionMethod": CollectionMethod.AUTOMATIC}, "collectionMethod=AUTOMATIC"),
        ({"day": date(2025, 2, 1)}, "day=2025-02-01"),
        ({"dueDate": {"lt": datetime(2025, 2, 1, tzinfo=timezone(timedelta(hours=-6)))}},
         "dueDate[lt]=2025-02-01T06:00:00.000Z"),
        ({"a": None, "b": "x", "c": {}, "d": []}, "b=x"),
        ({}, ""),
    ],
)  # fmt: skip
def test_encode(obj: dict[str, Any], expected: str) -> None:
    assert encode_filter(obj) == expected


def test_values_that_mean_something_to_qs_are_escaped() -> None:
    encoded = encode_filter({"phoneNumber": "+52 55&x=1", "name": {"contains": "Peña [2]"}})
    assert encoded == "phoneNumber=%2B52%2055%26x%3D1&name[contains]=Pe%C3%B1a%20%5B2%5D"
    assert decode_filter(encoded) == {
        "phoneNumber": "+52 55&x=1",
        "name": {"contains": "Peña [2]"},
    }


def test_floats_are_refused() -> None:
    with pytest.raises(TypeError, match="float"):
        encode_filter({"amount": 1.5})


def test_format_datetime_milliseconds_and_naive_as_utc() -> None:
    assert format_datetime(datetime(2025, 1, 2, 3, 4, 5, 678_999, tzinfo=UTC)) == (
        "2025-01-02T03:04:05.678Z"
    )
    assert format_datetime(datetime(2025, 1, 2)) == "2025-01-02T00:00:00.000Z"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("isPaid=false&dueDate[gte]=2025-01-01T00:00:00.000Z",
         {"isPaid": "false", "dueDate": {"gte": "2025-01-01T00:00:00.000Z"}}),
        ("name%5Bcontains%5D=john&OR%5B0%5D%5BnoPayments%5D=true",
         {"name": {"contains": "john"}, "OR": [{"noPayments": "true"}]}),
        ("a[]=1&a[]=2", {"a": ["1", "2"]}),
        ("a=1&a=2", {"a": ["1", "2"]}),
        ("a[1]=y&a[0]=x", {"a": ["x", "y"]}),
        ("name=Ana+Mar%C3%ADa", {"name": "Ana María"}),
        ("a[b=1", {"a[b": "1"}),
        ("", {}),
        ("&&flag", {"flag": ""}),
    ],
)  # fmt: skip
def test_decode(query: str, expected: dict[str, Any]) -> None:
    assert decode_filter(query) == expected


def test_round_trip() -> None:
    obj = {
        "customer": {"username": {"equals": "A-1029"}},
        "OR": [{"name": {"contains": "ana", "mode": "insensitive"}}, {"email": "a+b@x.mx"}],
        "isPaid": False,
    }
    assert decode_filter(encode_filter(obj)) == {
        "customer": {"username": {"equals": "A-1029"}},
        "OR": [{"name": {"contains": "ana", "mode": "insensitive"}}, {"email": "a+b@x.mx"}],
        "isPaid": "false",
    }


def test_wire_form_is_one_query_parameter() -> None:
    # What the client hands httpx, and what the server's query parser gets back.
    request = httpx.Request(
        "GET", "https://q.test/v1/invoices", params={"filter": encode_filter({"isPaid": False})}
    )
    assert request.url.query == b"filter=isPaid%3Dfalse"
    assert decode_filter(request.url.params["filter"]) == {"isPaid": "false"}
