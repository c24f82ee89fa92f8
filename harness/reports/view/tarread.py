"""Reads a sample's workspace.tar as hostile input: in memory, never extracted, with caps on
the entries read, the bytes kept per file and overall, and a bound on every single read.
Whatever is left out is listed with the reason. Links, devices and names that climb out
(`..`, absolute) are listed, never followed.
"""

import io
import tarfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Literal

from harness.archive import IGNORED


@dataclass(frozen=True)
class TarCaps:
    entries: int = 20_000
    """Entries read at the most; the rest of the archive is not looked at."""
    files: int = 2_000
    """Files listed at the most."""
    file_bytes: int = 256 * 1024
    """Bytes kept of one file (its head)."""
    total_bytes: int = 16 * 1024 * 1024
    """Bytes kept over the whole archive."""
    single_read: int = 1024 * 1024
    """The largest one read the tar parser may ask for (a pax header claiming 1 GB fails)."""


MemberKind = Literal["file", "link", "other"]


@dataclass(frozen=True)
class Member:
    path: str
    kind: MemberKind
    size: int
    data: bytes | None = None
    """The file's bytes (its head when `size` is larger); None when not read."""
    note: str = ""
    """Why the content is not shown, or what the link points at."""

    @property
    def truncated(self) -> bool:
        return self.data is not None and len(self.data) < self.size


@dataclass
class Workspace:
    """The files of one snapshot, by path relative to the workspace."""

    files: dict[str, Member] = field(default_factory=dict)
    left_out: list[str] = field(default_factory=list)
    """One line per entry or group of entries not shown, with the reason."""
    error: str = ""
    """Why the archive could not be read (missing, damaged); what was read before is kept."""


class _TooLarge(Exception):
    pass


class _BoundedReader(io.RawIOBase):
    """A file whose single reads are capped: the tar parser never allocates what a header
    claims beyond the cap."""

    def __init__(self, f: io.BufferedReader, cap: int) -> None:
        self._f, self._cap = f, cap

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def read(self, n: int | None = -1) -> bytes:
        if n is None or n < 0 or n > self._cap:
            raise _TooLarge(f"a header asked for {n} bytes")
        return self._f.read(n)

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        return self._f.seek(offset, whence)

    def tell(self) -> int:
        return self._f.tell()


def unsafe_name(name: str) -> bool:
    """Absolute, climbing (`..`) or otherwise odd names are never used as paths. Pure."""
    return name.startswith("/") or "\\" in name or "\0" in name or ".." in name.split("/")


class _Reader:
    def __init__(self, caps: TarCaps, prefix: str) -> None:
        self.caps, self.prefix = caps, prefix
        self.ws = Workspace()
        self.kept = 0
        self.skipped: dict[str, int] = {}

    def skip(self, why: str) -> None:
        self.skipped[why] = self.skipped.get(why, 0) + 1

    def add(self, tf: tarfile.TarFile, m: tarfile.TarInfo) -> None:
        name = m.name
        if m.isdir() or name.rstrip("/") == self.prefix.rstrip("/"):
            return
        if unsafe_name(name) or not name.startswith(self.prefix):
            self.ws.left_out.append(f"{name!r}: a name outside the workspace, not used")
            return
        rel = name[len(self.prefix) :]
        if IGNORED.intersection(PurePosixPath(rel).parts):
            return self.skip("caches (__pycache__, .pytest_cache, ...)")
        if len(self.ws.files) >= self.caps.files:
            return self.skip(f"files beyond the first {self.caps.files:,}")
        self.ws.files[rel] = self.member(tf, m, rel)

    def member(self, tf: tarfile.TarFile, m: tarfile.TarInfo, rel: str) -> Member:
        if m.issym() or m.islnk():
            what = "symbolic link" if m.issym() else "hard link"
            return Member(rel, "link", 0, note=f"{what} to {m.linkname!r}, not followed")
        if not m.isreg():
            return Member(rel, "other", 0, note="a device, fifo or other special file, not read")
        room = min(self.caps.file_bytes, self.caps.total_bytes - self.kept, m.size)
        if room < min(m.size, 1):
            return Member(rel, "file", m.size, note="not read: the viewer's byte budget is spent")
        f = tf.extractfile(m)
        data = f.read(room) if f is not None else b""
        self.kept += len(data)
        return Member(rel, "file", m.size, data)

    def finish(self) -> Workspace:
        for why, n in sorted(self.skipped.items()):
            self.ws.left_out.append(f"{n:,} {why}: not shown")
        return self.ws


def read_workspace(
    path: Path, caps: TarCaps | None = None, prefix: str = "workspace/"
) -> Workspace:
    """The snapshot's files under `prefix`, within `caps`. Never raises on a bad archive."""
    reader = _Reader(caps or TarCaps(), prefix)
    if not path.is_file():
        reader.ws.error = f"{path.name} is missing (the sample ended before its snapshot)"
        return reader.ws
    entries = 0
    with open(path, "rb") as raw:
        try:
            with tarfile.open(
                fileobj=_BoundedReader(raw, reader.caps.single_read),
                mode="r:",
            ) as tf:
                for m in tf:
                    entries += 1
                    if entries > reader.caps.entries:
                        reader.ws.left_out.append(
                            f"the archive has more than {reader.caps.entries:,} entries; "
                            "the rest were not read"
                        )
                        break
                    reader.add(tf, m)
                    tf.members.clear()  # type: ignore[attr-defined]  # keep no index of entries
        except (tarfile.TarError, _TooLarge, OSError, ValueError) as e:
            reader.ws.error = f"the archive is damaged after {entries:,} entries ({e})"
    return reader.finish()
