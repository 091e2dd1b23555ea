"""Roles and language preferences, read from the configuration and the store on every call."""

from __future__ import annotations

from bot.services.languages import LanguagePrefs
from bot.services.roles import Role, Roles
from bot.store import Repositories

ADMIN = 1
MEMBER = 77
PARENT = 1001
STRANGER = 2002


async def test_each_role(repos: Repositories):
    roles = Roles(repos.staff, repos.links, frozenset({ADMIN}))
    await repos.staff.add(MEMBER, ADMIN, "command")
    await repos.links.link(PARENT, "cus_ana", "Ana García", "staff", MEMBER)

    assert await roles.of(ADMIN) == Role.ADMIN
    assert await roles.of(MEMBER) == Role.STAFF
    assert await roles.of(PARENT, PARENT) == Role.PARENT
    assert await roles.of(PARENT) == Role.STRANGER  # a parent only in their linked chat
    assert await roles.of(STRANGER, STRANGER) == Role.STRANGER
    assert await roles.of(None) == Role.STRANGER


async def test_a_change_counts_at_once(repos: Repositories):
    roles = Roles(repos.staff, repos.links, frozenset({ADMIN}))
    await repos.staff.add(MEMBER, ADMIN, "command")
    assert await roles.of(MEMBER) == Role.STAFF

    await repos.staff.remove(MEMBER)

    assert await roles.of(MEMBER) == Role.STRANGER


async def test_a_chat_keeps_the_language_it_chose(repos: Repositories):
    languages = LanguagePrefs(repos.prefs)
    assert await languages.chosen(PARENT) is None

    await languages.choose(PARENT, "en")
    await languages.choose(PARENT, "es")

    assert await languages.chosen(PARENT) == "es"
    assert await languages.chosen(STRANGER) is None
