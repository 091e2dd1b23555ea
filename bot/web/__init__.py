"""The bot's web app in its own event loop: Starlette app, server, webhooks and health."""
