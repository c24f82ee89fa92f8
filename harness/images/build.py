"""Build the sandbox images once, tagged by recipe hash; reuse them while the recipe holds.

Base: pulled from a registry when one answers; otherwise built here from the host's Debian
archive with debootstrap and `docker import` (the archive is read from the host's apt config).
Python packages come from pinned lock files, downloaded on the host into a wheelhouse and
installed offline inside the build, so images are reproducible and builds need no network.
"""

import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from docker.errors import APIError, ImageNotFound

from harness.errors import ImageBuildError
from harness.images.recipes import (
    BASE_PACKAGES,
    PROBER_DOCKERFILE,
    PULLED_BASE_DOCKERFILE,
    RUNTIME_DOCKERFILE,
    SERVICES_DOCKERFILE,
    AptSource,
    base_tag,
    child_tag,
    lock_text,
    parse_apt_sources,
    recipe_hash,
)
from harness.sandbox.docker_env import labels

Progress = Callable[[str], None]
APT_DIR = Path("/etc/apt")


@dataclass(frozen=True)
class ImageSet:
    base: str
    runtime: str
    prober: str
    services: str
    ids: dict[str, str] = field(default_factory=dict)
    built: tuple[str, ...] = ()
    claude_code: str = ""
    """The runtime image plus the Claude Code CLI ('' where it was not built)."""
    claude_code_info: dict[str, str] = field(default_factory=dict)
    """The CLI's version and the wheel (name, sha256) it came from."""


def host_apt_source(apt_dir: Path = APT_DIR) -> AptSource:
    files = [apt_dir / "sources.list", *sorted((apt_dir / "sources.list.d").glob("*"))]
    for f in files:
        if f.is_file() and f.suffix in (".list", ".sources"):
            src = parse_apt_sources(f.read_text())
            if src:
                return src
    raise ImageBuildError(
        f"no Debian archive found in {apt_dir}/sources.list*; configure apt, or make a base image "
        "pullable"
    )


def _exists(client: Any, tag: str) -> bool:
    try:
        client.images.get(tag)
        return True
    except ImageNotFound:
        return False


def _run(cmd: list[str], what: str) -> None:
    proc = subprocess.run(cmd, capture_output=True, text=True)
    if proc.returncode != 0:
        tail = (proc.stderr or proc.stdout).strip().splitlines()[-3:]
        raise ImageBuildError(f"{what} failed ({proc.returncode}): {' | '.join(tail)}")


def _debootstrap_base(client: Any, tag: str, src: AptSource, progress: Progress) -> None:
    if shutil.which("debootstrap") is None:
        raise ImageBuildError(
            "no registry answered and debootstrap is missing; install it "
            "(`apt-get install debootstrap`) so the base image can be built locally"
        )
    progress(f"no registry: building base from Debian {src.suite} with debootstrap (about 1 min)")
    with tempfile.TemporaryDirectory(prefix="archbench-rootfs-") as tmp:
        root = Path(tmp) / "rootfs"
        _run(
            [
                "debootstrap",
                "--variant=minbase",
                f"--include={','.join(BASE_PACKAGES)}",
                src.suite,
                str(root),
                src.uri,
            ],
            "debootstrap",
        )
        tarball = Path(tmp) / "rootfs.tar"
        _run(["tar", "-C", str(root), "-cf", str(tarball), "."], "tar rootfs")
        progress("importing base rootfs into Docker")
        repo, _, version = tag.partition(":")
        changes = [f"LABEL {k}={v}" for k, v in labels().items()]
        client.api.import_image_from_file(
            str(tarball), repository=repo, tag=version, changes=changes
        )


def _pulled_base(client: Any, tag: str, suite: str, progress: Progress) -> bool:
    try:
        client.images.pull("debian", tag=f"{suite}-slim")
    except APIError:
        return False
    progress(f"pulled debian:{suite}-slim; installing {' '.join(BASE_PACKAGES)}")
    dockerfile = PULLED_BASE_DOCKERFILE.format(
        parent=f"debian:{suite}-slim", packages=" ".join(BASE_PACKAGES)
    )
    with tempfile.TemporaryDirectory(prefix="archbench-ctx-") as ctx:
        (Path(ctx) / "Dockerfile").write_text(dockerfile)
        _docker_build(client, Path(ctx), tag, progress, network="default")
    return True


def ensure_base(client: Any, progress: Progress) -> tuple[str, bool]:
    src = host_apt_source()
    tag = base_tag(src.suite)
    if _exists(client, tag):
        return tag, False
    if not _pulled_base(client, tag, src.suite, progress):
        _debootstrap_base(client, tag, src, progress)
    return tag, True


def download_wheels(lock: str, dest: Path, progress: Progress) -> None:
    """pip-download the pinned wheels (host pip config decides where from)."""
    dest.mkdir(parents=True, exist_ok=True)
    lock_file = dest / "requirements.lock"
    if lock_file.exists() and lock_file.read_text() == lock:
        return
    progress(f"downloading wheels into {dest}")
    lock_file.unlink(missing_ok=True)
    req = dest.parent / f"{dest.name}.req"
    req.write_text(lock)
    _run(
        [
            sys.executable,
            "-m",
            "pip",
            "download",
            "-q",
            "--only-binary=:all:",
            "--no-deps",
            "-r",
            str(req),
            "-d",
            str(dest),
        ],
        "pip download",
    )
    lock_file.write_text(lock)


def _docker_build(
    client: Any, ctx: Path, tag: str, progress: Progress, network: str = "none"
) -> None:
    stream = client.api.build(
        path=str(ctx),
        tag=tag,
        labels=labels(),
        rm=True,
        forcerm=True,
        decode=True,
        network_mode=network,
    )
    tail: list[str] = []
    for chunk in stream:
        if "error" in chunk:
            context = " | ".join(tail[-4:])
            raise ImageBuildError(f"building {tag}: {chunk['error'].strip()} [{context}]")
        line = str(chunk.get("stream", "")).strip()
        if line:
            tail.append(line)
        if line.startswith("Step "):
            progress(f"{tag}: {line}")


def ensure_child(
    client: Any, name: str, parent: str, dockerfile: str, cache_dir: Path, progress: Progress
) -> tuple[str, bool]:
    lock = lock_text(name)
    tag = child_tag(name, parent, dockerfile, lock)
    if _exists(client, tag):
        return tag, False
    wheels = cache_dir / "wheels" / name
    download_wheels(lock, wheels, progress)
    with tempfile.TemporaryDirectory(prefix="archbench-ctx-") as tmp:
        ctx = Path(tmp)
        (ctx / "Dockerfile").write_text(dockerfile.format(parent=parent))
        (ctx / f"{name}.lock").write_text(lock)
        shutil.copytree(wheels, ctx / "wheels", ignore=shutil.ignore_patterns("*.lock"))
        progress(f"building {tag}")
        _docker_build(client, ctx, tag, progress)
    return tag, True


def ensure_images(client: Any, *, cache_dir: Path, progress: Progress) -> ImageSet:
    """Make sure base, runtime, prober, services and Claude Code images exist; build only what
    is missing."""
    base, b0 = ensure_base(client, progress)
    runtime, b1 = ensure_child(client, "runtime", base, RUNTIME_DOCKERFILE, cache_dir, progress)
    prober, b2 = ensure_child(client, "prober", base, PROBER_DOCKERFILE, cache_dir, progress)
    services, b3 = ensure_services(client, base, progress)
    from harness.images.claude_code import ensure_claude_code

    claude, b4, info = ensure_claude_code(client, runtime, cache_dir, progress)
    pairs = ((base, b0), (runtime, b1), (prober, b2), (services, b3), (claude, b4))
    built = tuple(t for t, b in pairs if b)
    ids = {t: client.images.get(t).id for t, _ in pairs}
    return ImageSet(
        base=base,
        runtime=runtime,
        prober=prober,
        services=services,
        ids=ids,
        built=built,
        claude_code=claude,
        claude_code_info=asdict(info),
    )


def ensure_services(client: Any, base: str, progress: Progress) -> tuple[str, bool]:
    """PostgreSQL + Redis sidecar image, installed from the Debian archive inside the build."""
    tag = f"archbench/services:{recipe_hash('services', base, SERVICES_DOCKERFILE)}"
    if _exists(client, tag):
        return tag, False
    with tempfile.TemporaryDirectory(prefix="archbench-ctx-") as ctx:
        (Path(ctx) / "Dockerfile").write_text(SERVICES_DOCKERFILE.format(parent=base))
        progress(f"building {tag} (postgresql, redis-server from Debian)")
        _docker_build(client, Path(ctx), tag, progress, network="default")
    return tag, True
