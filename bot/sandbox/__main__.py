"""``python -m bot.sandbox --port 8700 [--api-key KEY] [--state FILE]``: the sandbox alone."""

from __future__ import annotations

import argparse
import asyncio
import secrets
import signal
import sys
from pathlib import Path

from bot.sandbox.seed import seed_demo
from bot.sandbox.server import SandboxServer
from bot.sandbox.state import SandboxState


def _parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m bot.sandbox", description="Run the local Quentli API sandbox."
    )
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8700)
    parser.add_argument("--api-key", help="the accepted API key (default: a random sk_sandbox_…)")
    parser.add_argument("--state", type=Path, help="JSON file that keeps the data across restarts")
    parser.add_argument("--webhook-url", help="where to POST webhook events")
    parser.add_argument("--public-url", default="", help="base URL of checkout links")
    parser.add_argument("--no-seed", action="store_true", help="start empty (no demo school)")
    return parser.parse_args(argv)


async def _run(args: argparse.Namespace) -> None:
    state = SandboxState(args.state)
    if not args.no_seed:
        seed_demo(state)
    api_key = args.api_key or f"sk_sandbox_{secrets.token_urlsafe(18)}"
    server = SandboxServer(
        state,
        api_key,
        host=args.host,
        port=args.port,
        webhook_url=args.webhook_url,
        public_url=args.public_url,
    )
    await server.start()
    print(f"Quentli sandbox running at {server.url}/v1", flush=True)
    print(f"API key: {api_key}", flush=True)
    print("Press Ctrl+C to stop.", flush=True)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    try:
        await stop.wait()
    finally:
        await server.stop()


def main(argv: list[str] | None = None) -> int:
    """Entry point; returns the exit status."""
    args = _parse_args(argv)
    try:
        asyncio.run(_run(args))
    except (RuntimeError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
