"""Load-probe setup: a fast stand-in pricing upstream (a detached process in the prober, so it
outlives this setup and serves a second probe too) and the SKUs the mix asks for."""

import os
import socket
import subprocess
import sys
import time
import uuid

import httpx

UPSTREAM = r'''
import json, sys, uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

class H(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def log_message(self, *a):
        pass
    def reply(self, status, body):
        raw = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(raw)))
        self.end_headers()
        self.wfile.write(raw)
    def do_GET(self):
        sku = self.path.rsplit("/", 1)[-1]
        self.reply(200, {"sku": sku, "price_cents": 100 + len(sku), "currency": "EUR"})
    def do_POST(self):
        n = int(self.headers.get("Content-Length") or 0)
        body = json.loads(self.rfile.read(n) or b"{}")
        self.reply(200, {"quote_id": uuid.uuid4().hex, "total_cents": 123 * int(body.get("quantity", 1))})

class Server(ThreadingHTTPServer):
    request_queue_size = 256  # the default backlog of 5 drops connection bursts

s = Server(("0.0.0.0", int(sys.argv[1])), H)
s.daemon_threads = True
s.serve_forever()
'''


def _listening(port: int) -> bool:
    with socket.socket() as s:
        s.settimeout(0.5)
        return s.connect_ex(("127.0.0.1", port)) == 0


def setup(base_url: str) -> dict[str, object]:
    url = os.environ.get("UPSTREAM_URL", "http://prober:9300")
    port = int(url.rsplit(":", 1)[1].split("/")[0])
    if not _listening(port):
        subprocess.Popen(  # noqa: S603 - our own stand-in upstream
            [sys.executable, "-c", UPSTREAM, str(port)],
            start_new_session=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while not _listening(port) and time.monotonic() < deadline:
            time.sleep(0.1)
    skus = [f"load-{uuid.uuid4().hex[:8]}" for _ in range(50)]
    with httpx.Client(base_url=base_url, timeout=30) as c:
        deadline = time.monotonic() + 10  # the breaker may still be open from earlier probes
        while c.get(f"/products/{skus[0]}/price").status_code != 200:
            if time.monotonic() > deadline:
                raise RuntimeError("the service cannot reach the stand-in upstream")
            time.sleep(0.5)
    return {"sku": skus}
