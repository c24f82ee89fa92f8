#!/usr/bin/env bash
# Command 2 of README: the whole test suite, Docker tests included, plus ruff, mypy and
# lint-imports (the rules between parts, docs/architecture.md).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
docker info >/dev/null 2>&1 || {
  echo "Docker is not reachable: the test suite needs it (start the engine or set DOCKER_HOST)" >&2
  exit 1; }
.venv/bin/ruff check .
.venv/bin/ruff format --check .
.venv/bin/mypy
.venv/bin/lint-imports
.venv/bin/pytest -q "$@"
