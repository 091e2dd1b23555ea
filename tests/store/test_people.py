"""The people repository: profiles replaced whole, names read in chunks."""

from __future__ import annotations

import pytest

from bot.store import Repositories


async def test_a_profile_is_replaced_whole(repos: Repositories) -> None:
    assert await repos.people.get(1) is None
    await repos.people.save(1, "Mónica Ruiz", "moni", "es-MX")
    await repos.people.save(1, "Mónica R.", None, None)
    person = await repos.people.get(1)
    assert person is not None
    assert (person.name, person.username, person.language_code) == ("Mónica R.", None, None)
    with pytest.raises(ValueError):
        await repos.people.save(2, "", None, None)


async def test_names_of_many_ids_leave_the_unknown_out(repos: Repositories) -> None:
    for user_id in range(1, 1201):
        await repos.people.save(user_id, f"Persona {user_id}", None, "es")
    names = await repos.people.names([*range(1, 1301), 5, 5])  # more than one query's worth
    assert len(names) == 1200 and names[1200] == "Persona 1200" and 1201 not in names
    assert await repos.people.names([]) == {}


async def test_keep_writes_only_what_changed(repos: Repositories) -> None:
    written = await repos.people.keep(1, "Mónica Ruiz", "moni", "es-MX")
    assert written is not None and written.language_code == "es-MX"
    assert await repos.people.keep(1, "Mónica Ruiz", "moni", "es-MX") is None  # unchanged
    assert await repos.people.keep(1, "Mónica Ruiz", "moni", None) is None  # keeps the language
    renamed = await repos.people.keep(1, "Mónica R.", "moni", None)
    assert renamed is not None and (renamed.name, renamed.language_code) == ("Mónica R.", "es-MX")
    moved = await repos.people.keep(1, "Mónica R.", None, "en")
    assert moved is not None and (moved.username, moved.language_code) == (None, "en")
    person = await repos.people.get(1)
    assert person is not None and (person.name, person.username) == ("Mónica R.", None)
    with pytest.raises(ValueError):
        await repos.people.keep(2, "", None, None)
