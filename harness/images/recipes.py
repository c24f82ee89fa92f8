"""Image recipes as data: what goes in each image, and the content hash that names it.

Pure functions only; building lives in build.py.
"""

import functools
import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources

RECIPE_VERSION = "1"
BASE_PACKAGES = ("python3", "python3-venv", "ripgrep", "procps", "ca-certificates")
AGENT_UID = 1000

RUNTIME_DOCKERFILE = f"""\
FROM {{parent}}
COPY wheels /opt/wheelhouse
COPY runtime.lock /opt/runtime.lock
RUN python3 -m venv /opt/venv \\
 && /opt/venv/bin/pip install -q --no-index --find-links /opt/wheelhouse -r /opt/runtime.lock \\
 && groupadd -g {AGENT_UID} agent && useradd -m -u {AGENT_UID} -g {AGENT_UID} agent \\
 && mkdir -p /workspace && chown -R {AGENT_UID}:{AGENT_UID} /opt/venv /workspace
ENV PATH=/opt/venv/bin:/usr/local/bin:/usr/bin:/bin \\
    PIP_NO_INDEX=1 PIP_FIND_LINKS=/opt/wheelhouse PIP_DISABLE_PIP_VERSION_CHECK=1 \\
    PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
WORKDIR /workspace
"""

PROBER_DOCKERFILE = """\
FROM {parent}
COPY wheels /opt/wheelhouse
COPY prober.lock /opt/prober.lock
RUN python3 -m venv /opt/venv \\
 && /opt/venv/bin/pip install -q --no-index --find-links /opt/wheelhouse -r /opt/prober.lock \\
 && rm -rf /opt/wheelhouse && mkdir -p /grader
ENV PATH=/opt/venv/bin:/usr/local/bin:/usr/bin:/bin PYTHONDONTWRITEBYTECODE=1
WORKDIR /grader
"""

PULLED_BASE_DOCKERFILE = """\
FROM {parent}
RUN apt-get update && apt-get install -y --no-install-recommends {packages} \\
 && rm -rf /var/lib/apt/lists/*
"""


@dataclass(frozen=True)
class AptSource:
    uri: str
    suite: str


def parse_apt_sources(text: str) -> AptSource | None:
    """The first Debian archive (uri, suite) in a deb822 `.sources` or one-line `.list` text."""
    uri = suite = None
    for raw in text.splitlines():
        if raw.lstrip().startswith("#"):
            continue
        line = raw.split("#", 1)[0].strip()
        one_line = re.match(r"^deb\s+(?:\[[^\]]*\]\s+)?(\S+)\s+(\S+)", line)
        if one_line and "security" not in one_line.group(1):
            return AptSource(one_line.group(1), one_line.group(2))
        if line.lower().startswith("uris:"):
            uri = line.split(":", 1)[1].split()[0]
        elif line.lower().startswith("suites:"):
            suite = line.split(":", 1)[1].split()[0]
        if uri and suite:
            if "security" not in uri:
                return AptSource(uri, suite)
            uri = suite = None
        if not line:
            uri = suite = None
    return None


def lock_text(name: str) -> str:
    """The pinned requirements for image `name` ('runtime' or 'prober'), shipped in the package."""
    return (resources.files("harness.images") / f"{name}.lock").read_text()


def normalise_name(name: str) -> str:
    """A distribution name as PEP 503 compares it."""
    return re.sub(r"[-_.]+", "-", name).lower()


@functools.cache
def locked_versions(name: str) -> Mapping[str, str]:
    """What image `name` has installed: normalised distribution name -> version, from its lock
    (the image is built from exactly that lock, and tagged by its hash)."""
    pins = (line.split("==", 1) for line in lock_text(name).splitlines() if "==" in line)
    return {normalise_name(k.strip()): v.strip() for k, v in pins}


def recipe_hash(*parts: str) -> str:
    h = hashlib.sha256(RECIPE_VERSION.encode())
    for part in parts:
        h.update(b"\0" + part.encode())
    return h.hexdigest()[:16]


def base_tag(suite: str) -> str:
    return f"archbench/base:{recipe_hash('base', suite, *BASE_PACKAGES)}"


def child_tag(name: str, parent: str, dockerfile: str, lock: str) -> str:
    return f"archbench/{name}:{recipe_hash(name, parent, dockerfile, lock)}"


SERVICES_DOCKERFILE = """\
FROM {parent}
RUN apt-get update \\
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \\
    postgresql redis-server \\
 && rm -rf /var/lib/apt/lists/* \\
 && PGBIN=$(ls -d /usr/lib/postgresql/*/bin) && ln -s "$PGBIN" /usr/local/pgbin \\
 && mkdir -p /var/lib/archbench-pg && chown postgres:postgres /var/lib/archbench-pg \\
 && su postgres -c "/usr/local/pgbin/initdb -D /var/lib/archbench-pg/data -U postgres \\
    --auth=trust -E UTF8 --locale=C.UTF-8" \\
 && echo "host all all 0.0.0.0/0 trust" >> /var/lib/archbench-pg/data/pg_hba.conf \\
 && su postgres -c "/usr/local/pgbin/pg_ctl -D /var/lib/archbench-pg/data -w start \\
    && psql -U postgres -c \\"CREATE ROLE app LOGIN PASSWORD 'app' SUPERUSER\\" \\
    && psql -U postgres -c 'CREATE DATABASE app OWNER app' \\
    && /usr/local/pgbin/pg_ctl -D /var/lib/archbench-pg/data -w stop"
"""
"""PostgreSQL and Redis from Debian's packages, for task sidecars (the build needs the archive)."""
