"""A local, stateful emulation of the Quentli REST API (sandbox mode and tests).

Imports nothing from telegram. See ``state`` (data, file, test hooks), ``app`` (the Starlette app)
and ``server`` (uvicorn in the current event loop).
"""

from bot.sandbox.app import create_app
from bot.sandbox.server import SandboxServer
from bot.sandbox.state import RecordedRequest, SandboxState, seed_demo

__all__ = ["RecordedRequest", "SandboxServer", "SandboxState", "create_app", "seed_demo"]
