"""Entry point: `python -m bot` (or `quentli-bot`) runs the bot."""

from __future__ import annotations

import asyncio
import sys

from pydantic import ValidationError


def _config_error_line(exc: ValidationError) -> str:
    parts = []
    for error in exc.errors():
        name = ".".join(str(p) for p in error["loc"]).upper() or "settings"
        message = "is required" if error["type"] == "missing" else error["msg"]
        parts.append(f"{name} {message.removeprefix('Value error, ')}")
    return "Configuration error: " + "; ".join(parts) + " (see .env.example)"


USAGE = """usage: quentli-bot [check | backup FILE]

  (no argument)  run the bot
  check          check the configuration, Telegram and Quentli, then exit
  backup FILE    copy the database to FILE (safe while the bot runs)"""


def _skip_unused_imports() -> None:
    """Keep optional parts of our dependencies out of the process (0.3-0.7 s of start-up).

    PTB's own webhook server (tornado, from the ``webhooks`` extra) is never used: the bot's web
    app receives Telegram's webhook. httpx's command-line client (``httpx._main``: click, rich,
    pygments) is imported by ``import httpx`` only when those are installed, and never used.
    Both libraries carry on without them, as when they are not installed.

    httpcore tries ``import sniffio`` each time it makes a lock or an event (several times per
    HTTP call); sniffio is not installed (anyio 4 no longer needs it) and a failed import is
    not remembered, so each try searched every ``sys.path`` entry again (about 0.2 ms). Marked
    missing here, the import fails at once, as it would anyway.
    """
    for name in ("tornado", "httpx._main", "sniffio"):
        sys.modules.setdefault(name, None)  # type: ignore[arg-type]


def main(argv: list[str] | None = None) -> int:
    """Load the settings once, then run; a bad setting ends with one line and exit code 2."""
    _skip_unused_imports()
    from bot.config import Settings

    args = sys.argv[1:] if argv is None else argv
    if args and args[0] in ("-h", "--help", "help"):
        print(USAGE)
        return 0
    if args and not (args == ["check"] or (args[0] == "backup" and len(args) == 2)):
        print(USAGE, file=sys.stderr)
        return 2
    try:
        settings = Settings()
    except ValidationError as exc:
        print(_config_error_line(exc), file=sys.stderr)
        return 2
    if args == ["check"]:
        from bot.ops.check import run_check

        return asyncio.run(run_check(settings))
    if args:
        from bot.ops.backup import run_backup

        return run_backup(settings.database_path, args[1])
    from telegram.error import InvalidToken

    from bot.logs import configure_logging
    from bot.runtime import WebhookSetupError, run
    from bot.store import DatabaseTooNewError
    from bot.web.server import ListenError

    configure_logging(settings.log_level, settings.log_format, settings.secret_values())
    try:
        asyncio.run(run(settings))
    except InvalidToken:
        print("Telegram rejected TELEGRAM_BOT_TOKEN: check it with BotFather.", file=sys.stderr)
        return 2
    except DatabaseTooNewError as exc:
        print(f"Database error: {exc}", file=sys.stderr)
        return 2
    except WebhookSetupError as exc:
        print(f"Configuration error: {exc}", file=sys.stderr)
        return 2
    except ListenError as exc:
        print(
            f"Web server error: {exc} — set HTTP_PORT to a free port (0: any free one) "
            "or stop what uses it",
            file=sys.stderr,
        )
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
