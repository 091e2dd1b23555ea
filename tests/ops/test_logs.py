"""LOG_FORMAT=json: one JSON object per line, and the bot token never in any log line."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator

import httpx
import pytest

from bot.logs import REDACTED, configure_logging
from tests.faketelegram import FakeTelegram


@pytest.fixture
def restore_logging() -> Iterator[None]:
    """configure_logging() replaces the root handlers: put pytest's back afterwards."""
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    httpx_level = logging.getLogger("httpx").level
    yield
    for handler in list(root.handlers):
        root.removeHandler(handler)
    for handler in handlers:
        root.addHandler(handler)
    root.setLevel(level)
    logging.getLogger("httpx").setLevel(httpx_level)


async def test_httpx_request_line_is_json_and_redacted(
    telegram: FakeTelegram, restore_logging: None, capsys: pytest.CaptureFixture[str]
):
    configure_logging("DEBUG", "json", [telegram.token])
    # configure_logging quiets httpx; an operator debugging may turn it back on.
    logging.getLogger("httpx").setLevel(logging.DEBUG)

    async with httpx.AsyncClient() as client:
        response = await client.post(f"{telegram.base_url}{telegram.token}/getMe")
    assert response.status_code == 200
    try:
        raise RuntimeError(f"failed calling {telegram.base_url}{telegram.token}/getMe")
    except RuntimeError:
        logging.getLogger("bot.test").exception("with a traceback")

    err = capsys.readouterr().err
    lines = [json.loads(line) for line in err.splitlines() if line.strip()]
    assert lines, "nothing was logged"
    assert all({"time", "level", "logger", "message"} <= set(entry) for entry in lines)
    assert telegram.token not in err
    request_lines = [e for e in lines if e["logger"] == "httpx" and "HTTP Request" in e["message"]]
    assert request_lines and REDACTED in request_lines[0]["message"]
    [failure] = [e for e in lines if e["logger"] == "bot.test"]
    assert "Traceback" in failure["exception"] and REDACTED in failure["exception"]


def test_text_format_redacts_too(restore_logging: None, capsys: pytest.CaptureFixture[str]):
    token = "123456:TEST-token-for-the-text-format-01"
    configure_logging("INFO", "text", [token])

    logging.getLogger("bot.test").info("calling https://api.telegram.org/bot%s/getMe", token)

    err = capsys.readouterr().err
    assert token not in err and f"bot{REDACTED}/getMe" in err
