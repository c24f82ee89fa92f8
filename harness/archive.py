"""Tar archives for moving files in and out of containers. Pure, in-memory."""

import io
import tarfile
import time
from collections.abc import Iterable
from pathlib import Path, PurePosixPath

IGNORED = {".gitkeep", "__pycache__", ".pytest_cache", ".ruff_cache", ".mypy_cache"}


def _add_dirs(tf: tarfile.TarFile, rel: PurePosixPath, seen: set[str], uid: int) -> None:
    for parent in reversed(rel.parents):
        name = parent.as_posix()
        if name in (".", "") or name in seen:
            continue
        seen.add(name)
        info = tarfile.TarInfo(name)
        info.type, info.mode, info.uid, info.gid = tarfile.DIRTYPE, 0o755, uid, uid
        info.mtime = int(time.time())
        tf.addfile(info)


def tar_files(files: Iterable[tuple[str, bytes]], *, uid: int = 0, mode: int = 0o644) -> bytes:
    """A tar of (relative posix path, bytes) entries, with parent folders owned by `uid`."""
    buf = io.BytesIO()
    seen: set[str] = set()
    with tarfile.open(fileobj=buf, mode="w") as tf:
        for name, data in files:
            rel = PurePosixPath(name)
            _add_dirs(tf, rel, seen, uid)
            info = tarfile.TarInfo(rel.as_posix())
            info.size, info.mode, info.uid, info.gid = len(data), mode, uid, uid
            info.mtime = int(time.time())
            tf.addfile(info, io.BytesIO(data))
    return buf.getvalue()


def collect_tree(src: Path, prefix: str = "") -> list[tuple[str, bytes]]:
    """(prefix/relative path, bytes) for each regular file under `src`, skipping IGNORED names."""
    if not src.is_dir():
        return []
    out = []
    for p in sorted(src.rglob("*")):
        rel = p.relative_to(src)
        if p.is_file() and not p.is_symlink() and not IGNORED.intersection(rel.parts):
            out.append(((PurePosixPath(prefix) / rel.as_posix()).as_posix(), p.read_bytes()))
    return out


def tar_members(data: bytes) -> dict[str, bytes]:
    """Regular files in a tar, by name (symlinks and devices are left out)."""
    out = {}
    with tarfile.open(fileobj=io.BytesIO(data)) as tf:
        for m in tf.getmembers():
            if m.isreg():
                f = tf.extractfile(m)
                if f is not None:
                    out[m.name] = f.read()
    return out


def strip_prefix(members: dict[str, bytes], prefix: str) -> dict[str, bytes]:
    """Members under `prefix/`, renamed relative to it."""
    cut = prefix.rstrip("/") + "/"
    return {k[len(cut) :]: v for k, v in members.items() if k.startswith(cut)}
