"""Settings, loaded once from the environment and `.env` (names as in SPEC.md)."""

from __future__ import annotations

from datetime import time
from functools import cached_property
from pathlib import Path
from typing import Annotated, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, SecretStr, ValidationInfo, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

# A bot token is "<digits>:<35 or so url-safe chars>"; checking the shape catches a pasted
# placeholder before the bot tries to talk to Telegram.
TOKEN_PATTERN = r"^\d{3,}:[A-Za-z0-9_-]{20,}$"  # noqa: S105 - a pattern
SECRET_PATTERN = r"^[A-Za-z0-9_-]{1,256}$"  # noqa: S105 - a pattern
OFFICIAL_API = "https://api.telegram.org/"
# Telegram's own servers post webhooks only to these ports (a local Bot API server to any).
TELEGRAM_WEBHOOK_PORTS = (443, 80, 88, 8443)
LOOPBACK_HOSTS = ("localhost", "127.0.0.1", "::1")
# A reminder offset further than a school year from the due date is surely a typo.
MAX_REMINDER_OFFSET = 366


def check_webhook_url(url: str, *, official_api: bool) -> None:
    """Refuse a WEBHOOK_URL Telegram could not post to, with the reason.

    https is required; plain http only for a loopback host (a local Bot API server on the same
    machine, or a test), since anything else would carry the secret header in clear text.
    """
    from urllib.parse import urlsplit

    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        raise ValueError("is not a valid URL") from None
    host = parts.hostname or ""
    if not host:
        raise ValueError("must be a full URL such as https://bot.example.com/telegram/webhook")
    loopback = host in LOOPBACK_HOSTS or host.startswith("127.")
    if parts.scheme == "http" and not loopback:
        raise ValueError("must start with https:// (http only for a loopback host)")
    if parts.scheme not in ("http", "https"):
        raise ValueError("must start with https://")
    if official_api and parts.scheme == "https" and (port or 443) not in TELEGRAM_WEBHOOK_PORTS:
        raise ValueError("must use port 443, 80, 88 or 8443 (Telegram posts to no other)")


class Settings(BaseSettings):
    """Every knob of the bot. Secrets are SecretStr so they never print."""

    model_config = SettingsConfigDict(
        env_file=".env",
        env_file_encoding="utf-8",
        extra="ignore",
        case_sensitive=False,
    )

    telegram_bot_token: SecretStr
    telegram_api_base_url: str = "https://api.telegram.org/bot"
    quentli_api_key: SecretStr | None = None
    quentli_api_url: str = "https://api.quentli.com"
    quentli_connect_timeout: float = Field(default=5.0, gt=0)
    quentli_read_timeout: float = Field(default=20.0, gt=0)
    bot_admin_ids: Annotated[frozenset[int], NoDecode] = frozenset()
    database_path: Path = Path("data/bot.sqlite3")
    bot_language: Literal["es", "en"] = "es"
    bot_timezone: str = "America/Mexico_City"
    http_listen: str = "127.0.0.1"
    http_port: int = Field(default=8080, ge=0, le=65535)
    webhook_url: str | None = None
    webhook_secret: SecretStr | None = Field(default=None, validate_default=True)
    quentli_webhook_secret: SecretStr | None = None
    # Seconds between two re-reads of the watched unpaid invoices (webhooks' safety net).
    quentli_poll_interval: float = Field(default=180.0, gt=0)
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"] = "INFO"
    log_format: Literal["text", "json"] = "text"
    # Collections (bot.services.reminders / reports): see parse_reminder_days and co.
    school_name: str | None = None
    staff_chat_id: int | None = None
    reminder_days: Annotated[tuple[int, ...], NoDecode] = (-3, 0, 3, 10)
    reminder_window: Annotated[tuple[time, time], NoDecode] = (time(9, 0), time(20, 0))
    digest_hour: int | None = Field(default=19, ge=0, le=23)

    @field_validator("telegram_bot_token")
    @classmethod
    def _token_shape(cls, value: SecretStr) -> SecretStr:
        import re

        if not re.match(TOKEN_PATTERN, value.get_secret_value()):
            raise ValueError("does not look like a BotFather token (digits:letters)")
        return value

    @field_validator("quentli_api_key", "webhook_secret", "quentli_webhook_secret", mode="before")
    @classmethod
    def _empty_is_unset(cls, value: object) -> object:
        return None if value == "" else value

    @field_validator("webhook_url", mode="before")
    @classmethod
    def _empty_url_is_unset(cls, value: object) -> object:
        return None if value == "" else value

    @field_validator("school_name", "staff_chat_id", "digest_hour", mode="before")
    @classmethod
    def _blank_is_unset(cls, value: object) -> object:
        if isinstance(value, str):
            return value.strip() or None
        return value

    @field_validator("reminder_days", mode="before")
    @classmethod
    def _reminder_days(cls, value: object) -> object:
        return parse_reminder_days(value) if isinstance(value, str) else value

    @field_validator("reminder_window", mode="before")
    @classmethod
    def _reminder_window(cls, value: object) -> object:
        return parse_reminder_window(value) if isinstance(value, str) else value

    @field_validator("webhook_secret", "quentli_webhook_secret")
    @classmethod
    def _secret_shape(cls, value: SecretStr | None) -> SecretStr | None:
        import re

        if value is not None and not re.match(SECRET_PATTERN, value.get_secret_value()):
            raise ValueError("use 1 to 256 characters among A-Z a-z 0-9 _ -")
        return value

    @field_validator("bot_admin_ids", mode="before")
    @classmethod
    def _split_ids(cls, value: object) -> object:
        if isinstance(value, str):
            parts = [p.strip() for p in value.split(",") if p.strip()]
            try:
                return frozenset(int(p) for p in parts)
            except ValueError:
                raise ValueError("use comma-separated numeric Telegram user ids") from None
        if isinstance(value, int):
            return frozenset({value})
        return value

    @field_validator("bot_timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError("unknown time zone (example: America/Mexico_City)") from None
        return value

    @field_validator("telegram_api_base_url", "quentli_api_url")
    @classmethod
    def _http_url(cls, value: str) -> str:
        if not value.startswith(("http://", "https://")):
            raise ValueError("must start with http:// or https://")
        return value.rstrip("/") if not value.endswith("/bot") else value

    @field_validator("webhook_url")
    @classmethod
    def _https_webhook(cls, value: str | None, info: ValidationInfo) -> str | None:
        if value is not None:
            base_url = info.data.get("telegram_api_base_url", "")
            check_webhook_url(value, official_api=str(base_url).startswith(OFFICIAL_API))
        return value

    @field_validator("webhook_secret")
    @classmethod
    def _secret_with_webhook(
        cls, value: SecretStr | None, info: ValidationInfo
    ) -> SecretStr | None:
        # Without the secret anyone who learns the URL could post fake updates to the bot.
        if value is None and info.data.get("webhook_url"):
            raise ValueError("is required when WEBHOOK_URL is set")
        return value

    @field_validator("reminder_days")
    @classmethod
    def _offsets_in_range(cls, value: tuple[int, ...]) -> tuple[int, ...]:
        if any(abs(day) > MAX_REMINDER_OFFSET for day in value):
            raise ValueError(f"use days between -{MAX_REMINDER_OFFSET} and {MAX_REMINDER_OFFSET}")
        return tuple(sorted(set(value)))

    @field_validator("reminder_window")
    @classmethod
    def _window_order(cls, value: tuple[time, time]) -> tuple[time, time]:
        if value[0] >= value[1]:
            raise ValueError("the start must be before the end (example: 09:00-20:00)")
        return value

    @cached_property
    def tz(self) -> ZoneInfo:
        """The school's time zone."""
        return ZoneInfo(self.bot_timezone)

    def secret_values(self) -> list[str]:
        """Every secret that is set, for the log redaction filter."""
        secrets = [self.telegram_bot_token]
        for secret in (self.quentli_api_key, self.webhook_secret, self.quentli_webhook_secret):
            if secret is not None:
                secrets.append(secret)
        return [s.get_secret_value() for s in secrets]

    @property
    def sandbox_mode(self) -> bool:
        """True when no Quentli key is set: the built-in sandbox stands in for Quentli."""
        return self.quentli_api_key is None

    @property
    def sandbox_state_path(self) -> Path:
        """The sandbox's own state file, kept beside the bot's database."""
        return self.database_path.with_name(self.database_path.stem + ".sandbox.json")


def parse_reminder_days(text: str) -> tuple[int, ...]:
    """REMINDER_DAYS: ``"-3,0,3,10"`` -> ``(-3, 0, 3, 10)``; empty: no reminders.

    Raises:
        ValueError: a part is not a whole number of days.
    """
    parts = [p.strip() for p in text.replace(";", ",").split(",") if p.strip()]
    try:
        return tuple(int(p) for p in parts)
    except ValueError:
        raise ValueError(
            "use comma-separated whole days from the due date (example: -3,0,3,10)"
        ) from None


def parse_reminder_window(text: str) -> tuple[time, time]:
    """REMINDER_WINDOW: ``"09:00-20:00"`` (local hours; the end is excluded).

    Raises:
        ValueError: not two ``HH:MM`` times joined by ``-``.
    """
    start, sep, end = text.strip().partition("-")
    try:
        if not sep:
            raise ValueError
        return (time.fromisoformat(_hhmm(start)), time.fromisoformat(_hhmm(end)))
    except ValueError:
        raise ValueError("use two local times HH:MM-HH:MM (example: 09:00-20:00)") from None


def _hhmm(text: str) -> str:
    """``"9"`` -> ``"09:00"``, ``"9:30"`` -> ``"09:30"``: the forms people write hours in."""
    hours, _, minutes = text.strip().partition(":")
    return f"{int(hours):02d}:{int(minutes or 0):02d}"
