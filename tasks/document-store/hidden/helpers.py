"""Shared helpers for the document-store hidden tests (imported, never collected)."""

import os
import uuid
from urllib.parse import unquote

import httpx

MAX_UPLOAD_BYTES = int(os.environ.get("MAX_UPLOAD_BYTES", "262144"))
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + os.urandom(64)
PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n" + os.urandom(32)
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + os.urandom(64)


def user() -> dict[str, str]:
    return {"X-User": f"u-{uuid.uuid4().hex[:12]}"}


def text_bytes(size: int | None = None) -> bytes:
    base = f"plain text {uuid.uuid4().hex}\n".encode()
    if size is None:
        return base
    return (base * (size // len(base) + 1))[:size]


def upload(
    client: httpx.Client,
    headers: dict[str, str],
    content: bytes,
    filename: str = "notes.txt",
    ctype: str = "application/octet-stream",
    title: str | None = None,
) -> httpx.Response:
    data = {"title": title} if title is not None else None
    return client.post(
        "/documents", headers=headers, files={"file": (filename, content, ctype)}, data=data
    )


def uploaded(client: httpx.Client, headers: dict[str, str], content: bytes, **kw: object) -> dict:
    r = upload(client, headers, content, **kw)  # type: ignore[arg-type]
    assert r.status_code == 201, (r.status_code, r.text)
    return r.json()


def disposition_filename(value: str) -> str:
    """The filename a browser would use: filename* (RFC 5987) if present, else filename."""
    params = {}
    for part in value.split(";")[1:]:
        if "=" in part:
            k, v = part.strip().split("=", 1)
            params[k.strip().lower()] = v.strip()
    if "filename*" in params:
        enc = params["filename*"]
        charset, _, rest = enc.partition("'")
        _, _, encoded = rest.partition("'")
        return unquote(encoded, encoding=charset or "utf-8")
    return params.get("filename", "").strip('"')


def media(r: httpx.Response) -> str:
    return r.headers.get("content-type", "").split(";")[0].strip().lower()


def upload_raw_name(
    client: httpx.Client, headers: dict[str, str], content: bytes, filename: str
) -> httpx.Response:
    """Multipart upload with the filename bytes sent verbatim (httpx would percent-encode
    control characters)."""
    boundary = uuid.uuid4().hex
    body = (
        f"--{boundary}\r\n".encode()
        + b'Content-Disposition: form-data; name="file"; filename="'
        + filename.encode("utf-8")
        + b'"\r\nContent-Type: text/plain\r\n\r\n'
        + content
        + f"\r\n--{boundary}--\r\n".encode()
    )
    ctype = f"multipart/form-data; boundary={boundary}"
    return client.post("/documents", headers={**headers, "Content-Type": ctype}, content=body)
