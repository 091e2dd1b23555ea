"""The base of the errors raised when what a user typed cannot be understood."""

from __future__ import annotations

__all__ = ["InputError", "echo"]

# Long inputs are cut before they are echoed back in an error message.
_ECHO_LIMIT = 40


class InputError(ValueError):
    """User input that could not be understood.

    ``reason`` is a catalog key (for example ``"amount.format"``) and ``values`` fills its
    placeholders, so a handler renders it with ``t(err.reason, **err.values)`` or ``t.error(err)``.
    """

    def __init__(self, reason: str, **values: str) -> None:
        super().__init__(reason)
        self.reason = reason
        self.values: dict[str, str] = values


def echo(text: str) -> str:
    """Return the user's text shortened for quoting it back in an error message."""
    text = " ".join(text.split())
    if len(text) > _ECHO_LIMIT:
        return text[: _ECHO_LIMIT - 1] + "…"
    return text
