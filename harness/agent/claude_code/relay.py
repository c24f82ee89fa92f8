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

One thread, asyncio: the relay starts no thread or process per request, so an agent that
exhausts the sandbox's process limit (a fork bomb) does not take the relay down with it.
"""

import asyncio
import base64
import http
import json
import sys
from typing import Any

MAX_BODY = 64 * 1024 * 1024
MAX_HEAD = 64 * 1024
_HOP = {"connection", "content-length", "transfer-encoding", "keep-alive"}
Frame = dict[str, Any]


class Relay:
    def __init__(self) -> None:
        self.waiting: dict[int, asyncio.Queue[Frame]] = {}
        self.next_id = 0

    def send(self, frame: Frame) -> None:
        sys.stdout.buffer.write(json.dumps(frame, separators=(",", ":")).encode() + b"\n")
        sys.stdout.buffer.flush()

    async def serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            request = await read_request(reader)
            if request is None:
                writer.write(b"HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n")
            else:
                await self.relay(request, writer)
        except (OSError, asyncio.IncompleteReadError, asyncio.LimitOverrunError, ValueError):
            pass
        finally:
            writer.close()

    async def relay(self, request: Frame, writer: asyncio.StreamWriter) -> None:
        self.next_id += 1
        rid = self.next_id
        box: asyncio.Queue[Frame] = asyncio.Queue()
        self.waiting[rid] = box
        try:
            self.send({"id": rid, **request})
            head = await box.get()
            status = int(head.get("status", 502))
            lines = [f"HTTP/1.1 {status} {_phrase(status)}"]
            lines += [f"{k}: {v}" for k, v in head.get("headers") or [] if k.lower() not in _HOP]
            lines += ["Connection: close", "", ""]
            writer.write("\r\n".join(lines).encode("latin-1", "replace"))
            while not (head.get("gone") or request["method"] == "HEAD"):
                frame = await box.get()
                if frame.get("end") or frame.get("gone"):
                    break
                writer.write(base64.b64decode(str(frame.get("data", ""))))
                await writer.drain()
            await writer.drain()
        finally:
            self.waiting.pop(rid, None)

    async def read_stdin(self) -> None:
        loop = asyncio.get_running_loop()
        reader = asyncio.StreamReader(limit=2 * MAX_BODY)
        await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(reader), sys.stdin)
        while line := await reader.readline():
            try:
                frame = json.loads(line)
                box = self.waiting.get(int(frame["id"]))
            except (ValueError, KeyError, TypeError):
                continue
            if box is not None:
                box.put_nowait(frame)
        for box in list(self.waiting.values()):  # the harness is gone: fail what is open
            box.put_nowait({"status": 502, "headers": [], "gone": True})


async def read_request(reader: asyncio.StreamReader) -> Frame | None:
    """One HTTP/1.1 request (Content-Length or chunked body) as a frame, None if malformed."""
    raw = await reader.readuntil(b"\r\n\r\n")
    if len(raw) > MAX_HEAD:
        return None
    first, *rest = raw.decode("latin-1").split("\r\n")
    parts = first.split(" ")
    if len(parts) != 3:
        return None
    headers = [line.split(":", 1) for line in rest if ":" in line]
    pairs = [[k.strip(), v.strip()] for k, v in headers]
    by_name = {k.lower(): v for k, v in pairs}
    if by_name.get("transfer-encoding", "").lower() == "chunked":
        body = await read_chunked(reader)
    else:
        length = int(by_name.get("content-length") or 0)
        if length > MAX_BODY:
            return None
        body = await reader.readexactly(length) if length else b""
    return {
        "method": parts[0],
        "path": parts[1],
        "headers": pairs,
        "body": base64.b64encode(body).decode(),
    }


async def read_chunked(reader: asyncio.StreamReader) -> bytes:
    body = b""
    while True:
        size = int((await reader.readline()).split(b";")[0].strip() or b"0", 16)
        if size == 0:
            await reader.readline()
            return body
        if len(body) + size > MAX_BODY:
            raise ValueError("request body too large")
        body += await reader.readexactly(size)
        await reader.readline()


def _phrase(status: int) -> str:
    try:
        return http.HTTPStatus(status).phrase
    except ValueError:
        return "Status"


async def main(port: int) -> None:
    relay = Relay()
    server = await asyncio.start_server(relay.serve, "127.0.0.1", port, limit=MAX_HEAD * 2)
    relay.send({"ready": port})
    async with server:
        await relay.read_stdin()


if __name__ == "__main__":
    asyncio.run(main(int(sys.argv[1]) if len(sys.argv) > 1 else 8788))
