"""PeopleService.seen: a person first seen since start-up costs one write only when changed."""

from __future__ import annotations

from typing import cast

from bot.services.notifications import Notifier
from bot.services.people import PeopleService
from bot.store import Repositories


def _service(repos: Repositories) -> PeopleService:
    return PeopleService(repos.people, cast(Notifier, None))  # seen() tells nobody


async def test_first_seen_after_a_restart_writes_only_what_changed(repos: Repositories) -> None:
    assert await _service(repos).seen(1, "Ana", "ana", "es") is True  # new
    assert await _service(repos).seen(1, "Ana", "ana", "es") is False  # restarted, same
    restarted = _service(repos)
    assert await restarted.seen(1, "Ana", "ana", None) is False  # no language: the stored one
    assert await restarted.language(1) == "es"
    again = _service(repos)
    assert await again.seen(1, "Ana López", "ana", None) is True
    assert await again.language(1) == "es"
    person = await repos.people.get(1)
    assert person is not None and (person.name, person.language_code) == ("Ana López", "es")
    assert await again.seen(1, "Ana López", "ana", "en") is True  # known: the usual path
    assert await _service(repos).language(1) == "en"
