#!/usr/bin/env bash
# Make .venv with archbench and its dev tools; install the few host packages it needs when root.
set -euo pipefail
cd "$(dirname "$0")/.."

need_python() {
  python3 -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' 2>/dev/null || {
    echo "archbench needs Python >= 3.11 as python3" >&2; exit 2; }
}

host_packages() {
  local missing=()
  command -v debootstrap >/dev/null || missing+=(debootstrap)
  command -v rg >/dev/null || missing+=(ripgrep)
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "installing ${missing[*]} with apt-get" >&2
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "please install: ${missing[*]} (e.g. sudo apt-get install ${missing[*]})" >&2; exit 2
  fi
}

need_python
host_packages
if [ ! -x .venv/bin/python ]; then python3 -m venv .venv; fi
stamp=.venv/.archbench-installed
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  .venv/bin/pip install -q --upgrade pip
  .venv/bin/pip install -q -e '.[dev]'
  touch "$stamp"
fi
