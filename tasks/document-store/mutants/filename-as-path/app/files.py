"""File handling: type sniffing, filename sanitising, bounded streaming to disk."""

import hashlib
import os
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO
from urllib.parse import quote

STORAGE_DIR = Path(os.environ.get("STORAGE_DIR", "/tmp/blobs"))
MAX_UPLOAD_BYTES = int(os.environ.get("MAX_UPLOAD_BYTES", str(10 * 1024 * 1024)))
CHUNK = 64 * 1024

MAGIC = (
    (b"%PDF-", "application/pdf"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
)
TEXT_CONTROL = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
NAME_CONTROL = re.compile(r"[\x00-\x1f\x7f\"]")


class TooLarge(Exception):
    pass


@dataclass
class StoredBlob:
    name: str
    path: Path
    size: int
    sha256: str
    head: bytes


def sniff(head: bytes, path: Path) -> str | None:
    """The content type decided by the bytes alone, or None if the type is not allowed."""
    for magic, ctype in MAGIC:
        if head.startswith(magic):
            return ctype
    if not head:
        return None
    data = path.read_bytes()
    if TEXT_CONTROL.search(data):
        return None
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    return "text/plain"


def sanitize_filename(raw: str | None) -> str:
    name = (raw or "").replace("\\", "/").rsplit("/", 1)[-1]
    name = NAME_CONTROL.sub("", unicodedata.normalize("NFC", name))
    name = name.strip().lstrip(".").strip()
    return name[:255] or "download"


def content_disposition(filename: str) -> str:
    fallback = "".join(c if 0x20 <= ord(c) < 0x7F else "_" for c in filename)
    fallback = fallback.replace("\\", "_").replace('"', "_")
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(filename, safe='')}"


def store(source: BinaryIO, relative: str) -> StoredBlob:
    """Copy an upload into STORAGE_DIR under a random name, hashing it; TooLarge past the limit."""
    STORAGE_DIR.mkdir(parents=True, exist_ok=True)
    name = relative
    path = STORAGE_DIR / name
    path.parent.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256()
    size = 0
    head = b""
    try:
        with path.open("wb") as out:
            while chunk := source.read(CHUNK):
                size += len(chunk)
                if size > MAX_UPLOAD_BYTES:
                    raise TooLarge
                if len(head) < 16:
                    head = (head + chunk)[:16]
                digest.update(chunk)
                out.write(chunk)
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    return StoredBlob(name=name, path=path, size=size, sha256=digest.hexdigest(), head=head)


def blob_path(name: str) -> Path:
    return STORAGE_DIR / name
