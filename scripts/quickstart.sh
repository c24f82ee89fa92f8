#!/usr/bin/env bash
# Command 1 of README: install, build the sandbox images if missing, run the default suite with
# the default agent and model, print the summary table and the report path.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec .venv/bin/archbench run "$@"
