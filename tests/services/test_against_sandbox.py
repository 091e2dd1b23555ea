"""The services through the real QuentliClient over HTTP to the Quentli sandbox.

These pin that the filters the services send are ones Quentli (as the sandbox emulates it)
understands, which the in-memory fake cannot tell.
"""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from bot.quentli import QuentliClient
from bot.sandbox.server import SandboxServer
from bot.sandbox.state import SandboxState
from bot.services.customers import Ambiguous, CustomerDirectory, CustomerResolver, Found, NoMatch
from bot.services.linking import LinkingService
from bot.store import Repositories

API_KEY = "sk_test_services_0123456789"


def _client_is_a_customer_directory(client: QuentliClient) -> CustomerDirectory:
    return client  # mypy checks that the real client fits the services' protocol


@pytest.fixture
async def state() -> SandboxState:
    return SandboxState()


@pytest.fixture
async def quentli(state: SandboxState) -> AsyncIterator[QuentliClient]:
    server = SandboxServer(state, API_KEY)
    await server.start()
    try:
        async with QuentliClient.create(server.url, API_KEY) as client:
            yield client
    finally:
        await server.stop()


async def test_resolver_against_the_sandbox(state: SandboxState, quentli: QuentliClient) -> None:
    ana = state.add_customer("Ana García López", "A-1029", "+525512345678")
    state.add_customer("Luis García López", "A-1030")
    state.add_customer("Sofía Pérez", "2041")
    resolver = CustomerResolver(quentli)

    by_id = await resolver.resolve(ana["id"])
    assert isinstance(by_id, Found) and by_id.via == "id" and by_id.customer.name == ana["name"]

    by_username = await resolver.resolve("a-1029")
    assert isinstance(by_username, Found) and by_username.via == "username"
    assert by_username.customer.id == ana["id"]

    by_name = await resolver.resolve("sofía")
    assert isinstance(by_name, Found) and by_name.customer.username == "2041"

    several = await resolver.resolve("garcía")
    assert isinstance(several, Ambiguous)
    assert [c.name for c in several.candidates] == ["Ana García López", "Luis García López"]

    assert await resolver.resolve("cus_doesnotexist") == NoMatch("cus_doesnotexist")
    assert await resolver.resolve("Zacarías") == NoMatch("Zacarías")


async def test_phone_linking_against_the_sandbox(
    state: SandboxState, quentli: QuentliClient, repos: Repositories
) -> None:
    ana = state.add_customer("Ana García", "A-1", "+525512345678")
    state.add_customer("Sofía Pérez", "A-3", "+523312345678")
    linking = LinkingService(repos, quentli)

    linked = await linking.link_by_phone(10, 10, 10, "5215512345678")
    assert [c.id for c in linked] == [ana["id"]]
    assert [link.customer_id for link in await repos.links.customers_for_chat(10)] == [ana["id"]]
    assert await linking.link_by_phone(20, 20, 20, "+52 81 1111 2222") == []
