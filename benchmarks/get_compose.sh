#!/usr/bin/env bash
# Docker Compose v2 for the Inspect AI arm of benchmarks/sandbox_overhead.py, into
# .cache/docker-config/cli-plugins (used through DOCKER_CONFIG; nothing system-wide changes).
# Bookworm has only Compose 1.29; Debian trixie's docker-compose package is v2 and its binary
# runs on bookworm. It is fetched from the Debian archive the host's apt is configured for.
set -euo pipefail
cd "$(dirname "$0")/.."
dest=.cache/docker-config/cli-plugins
[ -x "$dest/docker-compose" ] && exit 0
uri=$(awk '/^URIs:/{print $2; exit}' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)
[ -n "$uri" ] || uri=$(awk '/^deb /{print $2; exit}' /etc/apt/sources.list)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/lists/partial" "$work/parts"
printf 'Types: deb\nURIs: %s\nSuites: trixie\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n' \
  "$uri" > "$work/parts/trixie.sources"
apt_opts=(-o Dir::Etc::sourcelist=/dev/null -o "Dir::Etc::sourceparts=$work/parts"
  -o "Dir::State::Lists=$work/lists" -o APT::Sandbox::User=root)
apt-get "${apt_opts[@]}" update -qq
(cd "$work" && apt-get "${apt_opts[@]}" download docker-compose >/dev/null)
dpkg-deb -x "$work"/docker-compose_*.deb "$work/x"
mkdir -p "$dest"
cp "$work/x/usr/libexec/docker/cli-plugins/docker-compose" "$dest/"
DOCKER_CONFIG=.cache/docker-config docker compose version
