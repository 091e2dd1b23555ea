"""bot.parsing: below the services and the texts, so it imports nothing from the bot."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import bot.parsing
from bot.parsing import MAX_AMOUNT_CENTAVOS, MAX_AMOUNT_SHOWN
from bot.texts.money import format_money

PACKAGE = Path(bot.parsing.__file__).parent


@pytest.mark.parametrize("path", sorted(PACKAGE.glob("*.py")), ids=lambda p: p.name)
def test_imports_nothing_from_the_bot_but_itself(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    imported = [
        alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import)
        for alias in node.names
    ] + [node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)]
    outside = [m for m in imported if m.split(".")[0] == "bot" and not m.startswith("bot.parsing")]
    assert outside == []


@pytest.mark.parametrize("locale", ["es_MX", "en_US"])
def test_the_largest_amount_reads_as_format_money_shows_it(locale: str) -> None:
    assert MAX_AMOUNT_SHOWN == format_money(MAX_AMOUNT_CENTAVOS, locale) == "$100,000.00 MXN"
