"""Task-specific probes: deliveries are verifiably signed, and a subscriber cannot bounce the
service to another target with a redirect (SSRF past the creation-time guard)."""

import sys
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

import pytest

sys.path.insert(0, "/grader/tests")  # the functional suite's helpers

from helpers import (  # noqa: E402
    SINK_BASE,
    new_secret,
    publish,
    sink,
    subscribe,
    unique_type,
    valid_signature,
    wait_received,
)

REDIRECT_PORT = (urlsplit(SINK_BASE).port or 80) + 1
REDIRECT_BASE = f"{urlsplit(SINK_BASE).scheme}://{urlsplit(SINK_BASE).hostname}:{REDIRECT_PORT}"
_HITS: list[str] = []
_LOCK = threading.Lock()


class _Redirector(BaseHTTPRequestHandler):
    """/bounce/<x> answers 307 to /internal/<x>; every request is recorded."""

    protocol_version = "HTTP/1.1"

    def _handle(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        if length:
            self.rfile.read(length)
        with _LOCK:
            _HITS.append(self.path)
        if self.path.startswith("/bounce/"):
            target = "/internal/" + self.path.removeprefix("/bounce/")
            self.send_response(307)
            self.send_header("Location", REDIRECT_BASE + target)
        else:
            self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_GET = do_POST = _handle

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def redirector():
    server = ThreadingHTTPServer(("0.0.0.0", REDIRECT_PORT), _Redirector)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield
    server.shutdown()


@pytest.mark.probe("TS-redirect-ssrf", cwe=918, critical=False)
def test_deliveries_do_not_follow_redirects(client, redirector):
    tag = uuid.uuid4().hex
    etype = unique_type("probe")
    subscribe(client, f"{REDIRECT_BASE}/bounce/{tag}", [etype], new_secret())
    publish(client, etype, {"probe": tag})
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        with _LOCK:
            if f"/bounce/{tag}" in _HITS:
                break
        time.sleep(0.05)
    else:
        pytest.skip("precondition: the delivery never reached the subscriber")
    time.sleep(1.5)
    with _LOCK:
        followed = [p for p in _HITS if p == f"/internal/{tag}"]
    assert not followed, "the service followed the subscriber's redirect to another URL"


@pytest.mark.probe("TS-delivery-signature", cwe=345, critical=False)
def test_deliveries_carry_a_verifiable_signature(client):
    secret = new_secret()
    path, url = sink(200)
    etype = unique_type("probe")
    subscribe(client, url, [etype], secret)
    publish(client, etype, {"probe": uuid.uuid4().hex})
    got = wait_received(path, 1)
    if not got:
        pytest.skip("precondition: no delivery arrived")
    assert valid_signature(secret, got[0]), "the delivery's X-Signature does not verify"
