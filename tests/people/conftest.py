"""The collections' movable clock and reminding bot, for the pushes' language tests."""

from tests.collections.conftest import clock, reminding_bot

__all__ = ["clock", "reminding_bot"]
