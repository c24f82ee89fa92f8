"""A workspace handed in from outside (a folder, a .tar or .tar.gz): read safely into memory,
checked, and made into the same snapshot tar a run grades.

Nothing is extracted to disk. Members named absolutely or with `..`, and links that point
out of the workspace, are refused; links inside it are replaced by the file they point at.
"""

import hashlib
import os
import posixpath
import tarfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from harness.archive import IGNORED, tar_files
from harness.errors import InputError

LEFT_OUT = IGNORED | {".git", ".venv", "venv", "node_modules"}
"""Folders never graded: caches, version control and local environments."""
MAX_FILES = 20_000
MAX_BYTES = 512 * 2**20
"""Caps on what is read (the sandbox's /workspace holds 512 MiB by default)."""


@dataclass(frozen=True)
class Workspace:
    """A submitted workspace: its regular files by relative path, and where they came from."""

    source: Path
    kind: str
    """folder or tar."""
    files: dict[str, bytes]

    @property
    def sha256(self) -> str:
        return files_hash(self.files)

    def snapshot(self) -> bytes:
        """The tar a run grades: every file under `workspace/`, owned by the sandbox's user."""
        return tar_files([(f"workspace/{k}", v) for k, v in sorted(self.files.items())], uid=1000)


def files_hash(files: dict[str, bytes]) -> str:
    """sha256 over sorted relative paths and bytes (as harness.tasks.spec.hash_tree). Pure."""
    h = hashlib.sha256()
    for name in sorted(files):
        h.update(name.encode() + b"\0" + files[name] + b"\0")
    return h.hexdigest()


def _left_out(rel: str) -> bool:
    return bool(LEFT_OUT.intersection(PurePosixPath(rel).parts))


def strip_top_folder(files: dict[str, bytes]) -> dict[str, bytes]:
    """An archive of one folder (`impl/app/...`, or a run's `workspace/...`) made relative to
    that folder; a workspace with `app/` at its top is left as it is. Pure."""
    tops = {name.split("/", 1)[0] for name in files}
    if len(tops) != 1 or any("/" not in name for name in files):
        return files
    top = tops.pop()
    inner = {name.split("/", 1)[1]: data for name, data in files.items()}
    if top == "app" or (top != "workspace" and not any(n.startswith("app/") for n in inner)):
        return files
    return inner


def _check_size(source: Path, count: int, size: int) -> None:
    if count > MAX_FILES or size > MAX_BYTES:
        raise InputError(
            f"{source}: more than {MAX_FILES} files or {MAX_BYTES // 2**20} MiB; "
            "hand in the workspace without data or environments"
        )


def _inside(name: str) -> str | None:
    """`name` normalised, or None when it is absolute or climbs out with `..`. Pure."""
    if name.startswith("/") or PurePosixPath(name).is_absolute():
        return None
    norm = posixpath.normpath(name)
    return None if norm == ".." or norm.startswith("../") else norm.removeprefix("./")


def _link_target(name: str, link: str) -> str | None:
    """Where a link member named `name` points, inside the archive; None when outside. Pure."""
    if link.startswith("/"):
        return None
    return _inside(posixpath.join(posixpath.dirname(name), link))


def _tar_entries(source: Path, tf: tarfile.TarFile) -> dict[str, bytes]:
    files: dict[str, bytes] = {}
    links: dict[str, str] = {}
    size = 0
    for m in tf:
        name = _inside(m.name)
        if name is None:
            raise InputError(
                f"{source}: member {m.name!r} lies outside the workspace; "
                "make the archive with relative paths"
            )
        if m.issym() or m.islnk():
            target = m.linkname if m.islnk() else _link_target(m.name, m.linkname)
            target = _inside(target) if target is not None else None
            if target is None:
                raise InputError(
                    f"{source}: link {m.name!r} points outside the workspace "
                    f"({m.linkname!r}); replace it with the file itself"
                )
            links[name] = target
        elif m.isreg() and not _left_out(name):
            size += m.size
            _check_size(source, len(files) + 1, size)
            data = tf.extractfile(m)
            files[name] = data.read() if data is not None else b""
    for name, target in links.items():
        if target in files and not _left_out(name):
            files[name] = files[target]
    return files


def _read_tar(source: Path) -> dict[str, bytes]:
    try:
        with tarfile.open(source, mode="r:*") as tf:
            files = _tar_entries(source, tf)
    except (tarfile.TarError, OSError, EOFError):
        raise InputError(
            f"{source}: not a workspace (neither a folder nor a readable tar); "
            "pass a folder, a .tar or a .tar.gz"
        ) from None
    return strip_top_folder(files)


def _read_folder(root: Path) -> dict[str, bytes]:
    real_root = root.resolve()
    files: dict[str, bytes] = {}
    size = 0
    for folder, dirs, names in os.walk(root):
        here = Path(folder)
        dirs[:] = [d for d in dirs if d not in LEFT_OUT]
        for name in [*names, *(d for d in dirs if (here / d).is_symlink())]:
            path = here / name
            rel = path.relative_to(root).as_posix()
            if path.is_symlink() and not path.resolve().is_relative_to(real_root):
                raise InputError(
                    f"{path}: a link pointing outside {root} ({os.readlink(path)}); "
                    "replace it with the file itself"
                )
            if path.is_file() and not _left_out(rel):
                size += path.stat().st_size
                _check_size(root, len(files) + 1, size)
                files[rel] = path.read_bytes()
    return files


def read_workspace(source: Path) -> Workspace:
    """The workspace at `source` (a folder, or a tar that may be compressed). Raises
    InputError naming the file and the fix when it is missing, unreadable, hostile or empty."""
    if not source.exists():
        raise InputError(f"{source}: no such file or folder; pass the workspace folder or tar")
    if source.is_dir():
        workspace = Workspace(source, "folder", _read_folder(source))
    else:
        workspace = Workspace(source, "tar", _read_tar(source))
    if not workspace.files:
        raise InputError(
            f"{source}: not a workspace (no files in it); pass the folder that holds app/"
        )
    return workspace
