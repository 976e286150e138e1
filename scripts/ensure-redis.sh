#!/bin/sh
# `npm start` on a fresh machine: shenhe needs a redis-server on PATH unless REDIS_URL is set.
# Installs it with the system's package manager when that is possible without asking; otherwise says how.
if [ -n "${REDIS_URL:-}" ] || command -v redis-server >/dev/null 2>&1; then exit 0; fi
echo "shenhe: redis-server not found; installing it…" >&2
if command -v apt-get >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then
    DEBIAN_FRONTEND=noninteractive apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null && exit 0
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    sudo DEBIAN_FRONTEND=noninteractive apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null && exit 0
  fi
  echo "shenhe: please run: sudo apt-get install redis-server   (or set REDIS_URL)" >&2
  exit 1
fi
if command -v brew >/dev/null 2>&1; then
  brew install redis >/dev/null && exit 0
  echo "shenhe: please run: brew install redis   (or set REDIS_URL)" >&2
  exit 1
fi
echo "shenhe: install redis-server with your package manager, or set REDIS_URL to a Redis 6.2+ with maxmemory-policy noeviction" >&2
exit 1
