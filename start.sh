#!/usr/bin/env bash
# Set up harzgraph on a fresh machine, build the graph from the shipped data in data/ and
# start the viewer on http://127.0.0.1:8080/ (PORT=9000 ./start.sh for another port).
# Usage: ./start.sh        (re-running it is safe and fast)
set -euo pipefail
cd "$(dirname "$0")"
if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e .
.venv/bin/harzgraph build --data data
exec .venv/bin/harzgraph serve --host "${HOST:-127.0.0.1}" --port "${PORT:-8080}"
