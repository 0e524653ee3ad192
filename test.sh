#!/usr/bin/env bash
# Set up harzgraph with its test tools on a fresh machine and run the whole test suite.
# Usage: ./test.sh [pytest arguments]
set -euo pipefail
cd "$(dirname "$0")"
if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e ".[test]"
# The browser tests drive Debian's chromium through Playwright (never a downloaded browser).
if [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq chromium >/dev/null
  else sudo apt-get update -qq && sudo apt-get install -y -qq chromium >/dev/null; fi
fi
.venv/bin/ruff check graph webapp tests bench
# Here the browser is installed: its tests must run, never skip.
export HARZGRAPH_REQUIRE_BROWSER=1
exec .venv/bin/python -m pytest "$@"
