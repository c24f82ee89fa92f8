"""Shared helpers for the webhook-sender hidden tests (imported, never collected).

Importing this module starts one HTTP sink in the prober on the port of WEBHOOK_SINK_BASE_URL;
the service reaches it as WEBHOOK_SINK_BASE_URL. Each test uses its own path, with a scripted
list of answers (a status code, or "hang" to answer only after WEBHOOK_TIMEOUT_SECONDS + 1 s),
and the sink records every request it receives on that path.
"""

import hashlib
import hmac
import os
import threading
import time
import uuid
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

import httpx

BASE_URL = os.environ.get("BASE_URL", "http://app:8000")
SINK_BASE = os.environ.get("WEBHOOK_SINK_BASE_URL", "http://prober:9100").rstrip("/")
MAX_ATTEMPTS = int(os.environ.get("WEBHOOK_MAX_ATTEMPTS", "4"))
RETRY_BASE = float(os.environ.get("WEBHOOK_RETRY_BASE_SECONDS", "0.2"))
TIMEOUT = float(os.environ.get("WEBHOOK_TIMEOUT_SECONDS", "1"))


@dataclass(frozen=True)
class Received:
    at: float
    headers: dict[str, str]
    body: bytes


_LOCK = threading.Lock()
_PLANS: dict[str, list[object]] = {}
_RECEIVED: dict[str, list[Received]] = {}


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        path = self.path.split("?", 1)[0]
        headers = {k.lower(): v for k, v in self.headers.items()}
        with _LOCK:
            _RECEIVED.setdefault(path, []).append(Received(time.time(), headers, body))
            plan = _PLANS.get(path, [])
            step = plan.pop(0) if len(plan) > 1 else (plan[0] if plan else 200)
        if step == "hang":
            time.sleep(TIMEOUT + 1.0)
            step = 200
        payload = b'{"ok": true}'
        try:
            self.send_response(int(step))  # type: ignore[arg-type]
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)
        except OSError:
            pass  # the sender gave up (timeout) and closed the connection

    def log_message(self, *args: object) -> None:
        pass


def _start_sink() -> None:
    port = urlsplit(SINK_BASE).port or 80
    server = ThreadingHTTPServer(("0.0.0.0", port), _Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()


_start_sink()


def sink(*plan: object) -> tuple[str, str]:
    """A new sink path answering with `plan` (the last step repeats); returns (path, url)."""
    path = f"/hook/{uuid.uuid4().hex}"
    with _LOCK:
        _PLANS[path] = list(plan) or [200]
    return path, SINK_BASE + path


def received(path: str) -> list[Received]:
    with _LOCK:
        return list(_RECEIVED.get(path, []))


def wait_received(path: str, count: int, timeout: float = 15.0) -> list[Received]:
    deadline = time.monotonic() + timeout
    while True:
        got = received(path)
        if len(got) >= count or time.monotonic() > deadline:
            return got
        time.sleep(0.05)


def new_secret() -> str:
    return "whsec_" + uuid.uuid4().hex


def subscribe(client: httpx.Client, url: str, types: list[str], secret: str) -> dict:
    r = client.post("/subscriptions", json={"url": url, "event_types": types, "secret": secret})
    assert r.status_code == 201, (r.status_code, r.text)
    return r.json()


def publish(client: httpx.Client, event_type: str, data: dict) -> dict:
    r = client.post("/events", json={"type": event_type, "data": data})
    assert r.status_code == 202, (r.status_code, r.text)
    return r.json()


def deliveries(client: httpx.Client, event_id: str) -> list[dict]:
    r = client.get(f"/events/{event_id}/deliveries")
    assert r.status_code == 200, (r.status_code, r.text)
    return r.json()


def wait_delivery_final(client: httpx.Client, event_id: str, timeout: float = 15.0) -> dict:
    deadline = time.monotonic() + timeout
    while True:
        log = deliveries(client, event_id)
        assert len(log) == 1, log
        if log[0]["status"] in ("succeeded", "failed") or time.monotonic() > deadline:
            return log[0]
        time.sleep(0.05)


def valid_signature(secret: str, request: Received) -> bool:
    timestamp = request.headers.get("x-webhook-timestamp", "")
    expected = hmac.new(secret.encode(), timestamp.encode() + b"." + request.body, hashlib.sha256)
    given = request.headers.get("x-signature", "")
    return hmac.compare_digest(given, "sha256=" + expected.hexdigest())


def unique_type(label: str = "order") -> str:
    return f"{label}.{uuid.uuid4().hex[:10]}"
