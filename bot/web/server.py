"""``EmbeddedServer``: a Starlette app served by uvicorn as a task of the running event loop.

Used by the bot's web app (``bot.web.app``) and by the Quentli sandbox (``bot.sandbox.server``),
so it imports nothing from telegram.
"""

from __future__ import annotations

import asyncio
import contextlib
import errno
import socket
from collections.abc import Iterator

import uvicorn
from starlette.applications import Starlette

__all__ = ["EmbeddedServer", "ListenError", "bind"]


class ListenError(RuntimeError):
    """The server cannot listen where it was told (the port is taken, the address is not this
    machine's): a configuration problem, said in one line."""


def bind(host: str, port: int) -> socket.socket:
    """A TCP socket bound to ``host:port`` (port 0: a free one), not yet listening.

    Bound here rather than by uvicorn, whose failure is a log line and an exit of the process.

    Raises:
        ListenError: the address is in use or cannot be bound.
    """
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        why = "the port is already in use" if exc.errno == errno.EADDRINUSE else exc.strerror
        raise ListenError(f"could not listen on {host}:{port}: {why or exc}") from None
    return sock


class _Uvicorn(uvicorn.Server):
    """uvicorn without its signal handlers (the embedding program owns SIGINT/SIGTERM), and
    with a main loop that wakes at once on ``exit()`` instead of polling every 0.1 s."""

    def __init__(self, config: uvicorn.Config) -> None:
        super().__init__(config)
        self._exit = asyncio.Event()

    @contextlib.contextmanager
    def capture_signals(self) -> Iterator[None]:
        yield

    async def main_loop(self) -> None:
        # on_tick(0) refreshes the Date header and reports whether to exit.
        while not await self.on_tick(0):
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._exit.wait(), timeout=1.0)

    def exit(self) -> None:
        """Ask the server to shut down."""
        self.should_exit = True
        self._exit.set()

    async def shutdown(self, sockets: list[socket.socket] | None = None) -> None:
        # uvicorn's shutdown sleeps 0.1 s for open connections to close even when none is
        # open; with no connection and no request in flight there is nothing to wait for
        # (lifespan is off).
        if self.server_state.connections or self.server_state.tasks:
            await super().shutdown(sockets)
            return
        for server in self.servers:
            server.close()
        for sock in sockets or []:
            sock.close()


class EmbeddedServer:
    """Serve ``app`` on ``host:port`` (port 0: a free one) as a task of the running loop.

    ``port`` holds the bound port once ``start()`` returns. ``label`` names the server in
    errors ("the <label> could not listen on ..."), ``task_name`` names its asyncio task, and
    ``graceful_shutdown`` is how many seconds requests in flight get on ``stop()``.
    """

    def __init__(
        self,
        app: Starlette,
        host: str,
        port: int,
        *,
        label: str,
        task_name: str,
        graceful_shutdown: int,
    ) -> None:
        self.app = app
        self.host = host
        self.port = port
        self._label = label
        self._task_name = task_name
        self._graceful_shutdown = graceful_shutdown
        self._server: _Uvicorn | None = None
        self._task: asyncio.Task[None] | None = None

    @property
    def launched(self) -> bool:
        """``start()`` was called and ``stop()`` has not been since (even if start failed)."""
        return self._task is not None

    @property
    def started(self) -> bool:
        """The socket is bound and accepting connections."""
        return self._server is not None and self._server.started

    async def start(self) -> None:
        """Start serving; returns once the socket is bound and accepting connections.

        Raises:
            ListenError: the server could not listen (e.g. the port is taken).
            RuntimeError: already started.
        """
        if self._task is not None:
            raise RuntimeError(f"the {self._label} was already started")
        sock = bind(self.host, self.port)
        config = uvicorn.Config(
            self.app,
            host=self.host,
            port=self.port,
            log_level="warning",
            access_log=False,
            lifespan="off",
            ws="none",
            timeout_graceful_shutdown=self._graceful_shutdown,
        )
        server = _Uvicorn(config)
        self._server = server
        self._task = asyncio.create_task(self._serve(server, sock), name=self._task_name)
        while not server.started:
            if self._task.done():
                self._task.result()  # raises the start-up error
                raise RuntimeError(f"the {self._label} stopped while starting")
            await asyncio.sleep(0.01)
        self.port = server.servers[0].sockets[0].getsockname()[1]

    async def _serve(self, server: uvicorn.Server, sock: socket.socket) -> None:
        try:
            await server.serve(sockets=[sock])
        except SystemExit:  # uvicorn exits the process when it cannot start; we must not
            raise ListenError(
                f"the {self._label} could not listen on {self.host}:{self.port}"
            ) from None
        finally:
            sock.close()

    async def stop(self) -> None:
        """Stop serving (requests in flight get ``graceful_shutdown`` seconds to finish)."""
        if self._server is None or self._task is None:
            return
        self._server.exit()
        try:
            await self._task
        finally:
            self._task = None
            self._server = None
