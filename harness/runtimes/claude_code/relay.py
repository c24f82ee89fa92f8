"""The model relay that runs inside the agent's sandbox (standard library only, no network).

Claude Code is pointed at http://127.0.0.1:PORT. Each HTTP request it makes is written to this
process's stdout as one JSON line; the harness reads it from the docker exec stream, answers
with JSON lines on stdin (a head, body chunks, an end), and the relay writes them back to the
connection. The sandbox keeps `network none`: the only way out is this process's own stdio,
and what it carries is answered by the harness's model bridge, never forwarded as is.

Frames, container -> host:  {"id": N, "method", "path", "headers": [[k, v]...], "body": b64}
Frames, host -> container:  {"id": N, "status", "headers"} | {"id": N, "data": b64}
                            | {"id": N, "end": true}
The first line on stdout is {"ready": PORT}. When stdin closes, the relay exits.
"""

import base64
import http.server
import json
import queue
import sys
import threading

MAX_BODY = 64 * 1024 * 1024
_HOP = {"connection", "content-length", "transfer-encoding", "keep-alive"}


class Relay:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.waiting: dict[int, queue.Queue[dict[str, object]]] = {}
        self.next_id = 0

    def send(self, frame: dict[str, object]) -> None:
        line = json.dumps(frame, separators=(",", ":")) + "\n"
        with self.lock:
            sys.stdout.write(line)
            sys.stdout.flush()

    def open(self) -> "tuple[int, queue.Queue[dict[str, object]]]":
        with self.lock:
            self.next_id += 1
            rid = self.next_id
            box: queue.Queue[dict[str, object]] = queue.Queue()
            self.waiting[rid] = box
        return rid, box

    def close(self, rid: int) -> None:
        with self.lock:
            self.waiting.pop(rid, None)

    def read_stdin(self) -> None:
        for line in sys.stdin:
            try:
                frame = json.loads(line)
                box = self.waiting.get(int(frame["id"]))
            except (ValueError, KeyError, TypeError):
                continue
            if box is not None:
                box.put(frame)
        with self.lock:  # the harness is gone: fail every open request, then stop
            boxes = list(self.waiting.values())
        for box in boxes:
            box.put({"status": 502, "headers": [], "gone": True})
        sys.exit(0)


RELAY = Relay()


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:
        pass

    def _relay(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_BODY:
            self.send_error(413, "request too large for the archbench relay")
            return
        body = self.rfile.read(length) if length else b""
        rid, box = RELAY.open()
        try:
            RELAY.send(
                {
                    "id": rid,
                    "method": self.command,
                    "path": self.path,
                    "headers": [[k, v] for k, v in self.headers.items()],
                    "body": base64.b64encode(body).decode(),
                }
            )
            self._answer(box)
        finally:
            RELAY.close(rid)

    def _answer(self, box: "queue.Queue[dict[str, object]]") -> None:
        head = box.get()
        self.send_response(int(head.get("status", 502)))  # type: ignore[call-overload]
        headers: list[list[str]] = head.get("headers") or []  # type: ignore[assignment]
        for key, value in headers:
            if str(key).lower() not in _HOP:
                self.send_header(str(key), str(value))
        self.send_header("Connection", "close")
        self.end_headers()
        self.close_connection = True
        if head.get("gone") or self.command == "HEAD":
            return
        while True:
            frame = box.get()
            if frame.get("end") or frame.get("gone"):
                return
            try:
                self.wfile.write(base64.b64decode(str(frame.get("data", ""))))
                self.wfile.flush()
            except OSError:
                return

    do_GET = do_POST = do_HEAD = do_PUT = do_DELETE = do_PATCH = _relay


def main() -> None:
    port = int(sys.argv[1]) if len(sys.argv) > 1 else 8788
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    RELAY.send({"ready": port})
    RELAY.read_stdin()


if __name__ == "__main__":
    main()
