"""WEBHOOK_URL and WEBHOOK_SECRET: refused with a clear reason before anything starts."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from bot.__main__ import _config_error_line
from bot.config import Settings
from tests.ops.conftest import TOKEN


def _settings(**values: object) -> Settings:
    return Settings(_env_file=None, telegram_bot_token=TOKEN, **values)  # type: ignore[call-arg]


def _error(**values: object) -> str:
    with pytest.raises(ValidationError) as caught:
        _settings(**values)
    return _config_error_line(caught.value)


@pytest.mark.parametrize(
    ("values", "line"),
    [
        (
            {"webhook_url": "https://bot.example.com/tg"},
            "WEBHOOK_SECRET is required when WEBHOOK_URL is set",
        ),
        (
            {"webhook_url": "http://bot.example.com/tg", "webhook_secret": "s"},
            "WEBHOOK_URL must start with https:// (http only for a loopback host)",
        ),
        (
            {"webhook_url": "https://bot.example.com:8080/tg", "webhook_secret": "s"},
            "WEBHOOK_URL must use port 443, 80, 88 or 8443",
        ),
        (
            {"webhook_url": "ftp://bot.example.com/tg", "webhook_secret": "s"},
            "WEBHOOK_URL must start with https://",
        ),
        (
            {"webhook_url": "https:///tg", "webhook_secret": "s"},
            "WEBHOOK_URL must be a full URL",
        ),
        (
            {"webhook_url": "https://bot.example.com/tg", "webhook_secret": "with space"},
            "WEBHOOK_SECRET use 1 to 256 characters",
        ),
    ],
)
def test_refused(values: dict[str, object], line: str):
    error = _error(**values)

    assert error.startswith("Configuration error: ")
    assert line in error
    assert "with space" not in error  # a secret value is never echoed


@pytest.mark.parametrize(
    "url",
    [
        "https://bot.example.com/telegram/webhook",
        "https://bot.example.com:8443/telegram/webhook",
        "http://127.0.0.1:8081/telegram/webhook",
        "http://localhost/telegram/webhook",
    ],
)
def test_accepted(url: str):
    assert _settings(webhook_url=url, webhook_secret="s3cret").webhook_url == url


def test_any_port_with_a_local_bot_api_server():
    settings = _settings(
        telegram_api_base_url="http://127.0.0.1:8081/bot",
        webhook_url="https://bot.example.com:9443/telegram/webhook",
        webhook_secret="s3cret",
    )

    assert settings.webhook_url == "https://bot.example.com:9443/telegram/webhook"


def test_empty_means_polling():
    settings = _settings(webhook_url="", webhook_secret="")

    assert settings.webhook_url is None and settings.webhook_secret is None
