"""Telegram's rules as pure functions: HTML entities, URLs, flood limits."""

from __future__ import annotations

import pytest

from tests.faketelegram.html_entities import EntityParseError, parse_html
from tests.faketelegram.models import BotApiError
from tests.faketelegram.ratelimit import RateLimiter
from tests.faketelegram.validation import check_button_url


def test_html_entities_use_utf16_offsets_and_telegram_types() -> None:
    plain, entities = parse_html(
        '😀 <b>Hola</b> <a href="https://quentli.com/?a=1&amp;b=2">pagar</a> '
        "<blockquote expandable>x</blockquote> &#39;&quot;&lt;&gt;"
    )

    assert plain == "😀 Hola pagar x '\"<>"
    assert entities == [
        {"type": "bold", "offset": 3, "length": 4},
        {"type": "text_link", "offset": 8, "length": 5, "url": "https://quentli.com/?a=1&b=2"},
        {"type": "expandable_blockquote", "offset": 14, "length": 1},
    ]


@pytest.mark.parametrize(
    ("text", "error"),
    [
        ("a < b", 'Unsupported start tag "" at byte offset 2'),
        ("<br/>", 'Unsupported start tag "br/"'),
        ("<b>x", 'Can\'t find end tag corresponding to start tag "b"'),
        ("x</b>", "Unexpected end tag at byte offset 1"),
        ("<span>x</span>", 'Tag "span" must have class "tg-spoiler"'),
        ("Tom & Jerry", "unescaped '&'"),
        ("&nbsp;", "unescaped '&'"),
        ("<b", "Unclosed start tag"),
    ],
)
def test_invalid_html_is_refused_with_tdlib_wording(text: str, error: str) -> None:
    with pytest.raises(EntityParseError, match=error):
        parse_html(text)


@pytest.mark.parametrize(
    "url",
    ["https://pay.quentli.com/x", "http://8.8.8.8/x", "tg://resolve?domain=bot", "https://t.me/b"],
)
def test_public_urls_are_fine(url: str) -> None:
    check_button_url(url)


@pytest.mark.parametrize(
    "url",
    [
        "http://localhost/x",
        "http://app.localhost/x",
        "http://127.0.0.2/x",
        "http://192.168.1.10/x",
        "http://[::1]/x",
        "http://portal/x",
        "mailto:a@b.com",
        "https://",
    ],
)
def test_unreachable_urls_are_refused(url: str) -> None:
    with pytest.raises(BotApiError, match="BUTTON_URL_INVALID"):
        check_button_url(url)


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_overall_limit_is_thirty_in_any_second() -> None:
    clock = Clock()
    limiter = RateLimiter(clock)
    for chat_id in range(30):
        assert limiter.check(chat_id, private=True) is None
        clock.now += 0.01

    assert limiter.check(99, private=True) == 1
    clock.now = 1000.0 + 1.0
    assert limiter.check(99, private=True) is None
    assert limiter.check(98, private=True) == 1


def test_private_chat_allows_a_burst_of_three_then_one_per_second() -> None:
    clock = Clock()
    limiter = RateLimiter(clock)
    assert [limiter.check(7, private=True) for _ in range(3)] == [None, None, None]

    assert limiter.check(7, private=True) == 1
    assert limiter.check(8, private=True) is None
    clock.now += 1.0
    assert limiter.check(7, private=True) is None
    assert limiter.check(7, private=True) == 1


def test_group_chat_allows_twenty_per_minute() -> None:
    clock = Clock()
    limiter = RateLimiter(clock)
    for _ in range(20):
        assert limiter.check(-5, private=False) is None
        clock.now += 1.0

    assert limiter.check(-5, private=False) == 40
    clock.now = 1060.0
    assert limiter.check(-5, private=False) is None
