"""The scriptable mock pricing upstream (served inside the prober) and test helpers.

Imported by every test module; the server starts once per test session on 0.0.0.0:9300, which the
service reaches as UPSTREAM_URL=http://prober:9300.
"""

import json
import os
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx

PORT = int(os.environ.get("UPSTREAM_URL", "http://prober:9300").rsplit(":", 1)[1].split("/")[0])
TIMEOUT = float(os.environ.get("UPSTREAM_TIMEOUT_SECONDS", "0.3"))
RETRIES = int(os.environ.get("UPSTREAM_RETRIES", "2"))
THRESHOLD = int(os.environ.get("BREAKER_FAILURE_THRESHOLD", "3"))
COOLDOWN = float(os.environ.get("BREAKER_COOLDOWN_SECONDS", "1.0"))
SLOW_SECONDS = 6.0


class Upstream:
    """Mode: ok | error (500) | slow (answers after SLOW_SECONDS) | reset (closes the socket).
    `fail_next` failures (500) are served before the mode applies."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.mode = "ok"
        self.fail_next = 0
        self.calls: list[tuple[str, str]] = []
        self.prices: dict[str, int] = {}

    def set(self, mode: str, fail_next: int = 0) -> None:
        with self.lock:
            self.mode, self.fail_next = mode, fail_next

    def count(self, method: str | None = None, path_part: str = "") -> int:
        with self.lock:
            return sum(
                1 for m, p in self.calls if (method is None or m == method) and path_part in p
            )

    def price_of(self, sku: str) -> int:
        with self.lock:
            return self.prices.setdefault(sku, 100 + (hash(sku) % 9000))


UPSTREAM = Upstream()


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args: object) -> None:
        pass

    def _reply(self, status: int, body: dict) -> None:
        raw = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(raw)))
        self.end_headers()
        self.wfile.write(raw)

    def _handle(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = json.loads(self.rfile.read(length) or b"{}") if length else {}
        up = UPSTREAM
        with up.lock:
            sku_tag = f"#sku={body.get('sku')}" if self.command == "POST" else ""
            up.calls.append((self.command, self.path + sku_tag))
            if up.fail_next > 0:
                up.fail_next -= 1
                mode = "error"
            else:
                mode = up.mode
        if mode == "error":
            self._reply(500, {"error": "internal upstream failure"})
            return
        if mode == "reset":
            self.close_connection = True
            self.connection.close()
            return
        if mode == "slow":
            time.sleep(SLOW_SECONDS)
        parts = self.path.strip("/").split("/")
        if self.command == "GET" and len(parts) == 2 and parts[0] == "prices":
            sku = parts[1]
            if sku.startswith("missing-"):
                self._reply(404, {"error": "unknown sku"})
                return
            self._reply(200, {"sku": sku, "price_cents": up.price_of(sku), "currency": "EUR"})
        elif self.command == "POST" and self.path == "/quotes":
            total = up.price_of(body["sku"]) * int(body["quantity"])
            self._reply(200, {"quote_id": uuid.uuid4().hex, "total_cents": total})
        else:
            self._reply(404, {"error": "no route"})

    do_GET = _handle
    do_POST = _handle


def _start() -> None:
    server = ThreadingHTTPServer(("0.0.0.0", PORT), _Handler)  # noqa: S104 - the prober's own port
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()


_start()


def new_sku() -> str:
    return f"sku-{uuid.uuid4().hex[:10]}"


def ensure_closed(client: httpx.Client) -> None:
    """Heal the upstream and wait until the service's breaker lets a call through again."""
    UPSTREAM.set("ok")
    deadline = time.monotonic() + COOLDOWN * 3 + 3
    while time.monotonic() < deadline:
        sku = new_sku()
        before = UPSTREAM.count("GET", sku)
        r = client.get(f"/products/{sku}/price")
        if r.status_code == 200 and UPSTREAM.count("GET", sku) > before:
            return
        time.sleep(COOLDOWN / 4)
    raise AssertionError("the service's breaker did not close again after the upstream healed")


def warm(client: httpx.Client, sku: str) -> dict:
    """A fresh price for `sku`, so the service has something cached."""
    r = client.get(f"/products/{sku}/price")
    assert r.status_code == 200, (r.status_code, r.text)
    return r.json()
