# Quentli bot: a two-stage image. The build stage installs uv from PyPI and the locked
# dependencies; the runtime stage holds only Python, the virtual environment and the code.
# Build: docker build -t quentli-bot .   Run: see compose.yaml (or README.md, "Docker").

FROM python:3.11-slim-bookworm AS build

# No pip/uv cache in the layer; use the image's Python, never a downloaded one; copy files
# (hard links do not cross stages); compile bytecode once here instead of at each start.
ENV PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    UV_PYTHON_DOWNLOADS=never \
    UV_LINK_MODE=copy \
    UV_COMPILE_BYTECODE=1 \
    UV_NO_CACHE=1

WORKDIR /app
# The same two commands as README.md, "Install".
RUN pip install uv==0.13.8
COPY pyproject.toml uv.lock README.md ./
COPY bot ./bot
RUN uv sync --frozen --no-dev


FROM python:3.11-slim-bookworm

# 0.0.0.0 inside the container: compose.yaml publishes the port on the host's loopback only.
ENV PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    PATH="/app/.venv/bin:${PATH}" \
    DATABASE_PATH=/data/bot.sqlite3 \
    HTTP_LISTEN=0.0.0.0 \
    HTTP_PORT=8080

RUN groupadd --system --gid 10001 bot \
    && useradd --system --uid 10001 --gid bot --home-dir /app --no-create-home \
       --shell /usr/sbin/nologin bot \
    && mkdir /data \
    && chown bot:bot /data

WORKDIR /app
# Code and dependencies stay owned by root: the bot can read them, not change them.
COPY --from=build /app /app

USER 10001:10001
VOLUME ["/data"]
EXPOSE 8080

HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["python", "-c", "import os, urllib.request; urllib.request.urlopen('http://127.0.0.1:' + os.environ.get('HTTP_PORT', '8080') + '/healthz', timeout=4)"]

STOPSIGNAL SIGTERM
ENTRYPOINT ["quentli-bot"]
