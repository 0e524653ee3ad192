#!/usr/bin/env bash
# Set up harzgraph on a fresh machine and build the graph from the shipped data in data/.
# Usage: ./start.sh        (re-running it is safe and fast)
set -euo pipefail
cd "$(dirname "$0")"
if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e .
.venv/bin/harzgraph build --data data
.venv/bin/harzgraph stats
