"""The relay's transport: `relay.py` started in the sandbox with docker exec, its stdio carried
over the exec stream, each request it forwards answered by a handler (the Bridge).

The relay runs as an unprivileged user other than the agent's (the agent cannot signal or
replace it), from the image's read-only root; the exec stream is the sandbox's only way out.
"""

import asyncio
import base64
import contextlib
import json
import socket
import struct
import threading
from collections.abc import Awaitable, Callable, Iterator
from importlib import resources
from typing import Any

from docker.errors import APIError, DockerException

from harness.agent.claude_code.backends import Reply
from harness.agent.claude_code.bridge import RelayRequest
from harness.errors import SandboxError

RELAY_PATH = "/opt/claude-code/relay.py"
RELAY_PORT = 8788
RELAY_USER = "65534:65534"
READY_TIMEOUT = 30.0
CHUNK = 64 * 1024
INLINE_SEND = 16 * 1024
Handler = Callable[[RelayRequest], Awaitable[Reply]]


def relay_source() -> str:
    """The relay's text, as baked into the Claude Code image."""
    return (resources.files("harness.agent.claude_code") / "relay.py").read_text()


def parse_frames(buffer: bytes) -> tuple[list[tuple[int, bytes]], bytes]:
    """Docker's multiplexed exec stream -> [(stream 1|2, payload)], and the unparsed rest. Pure."""
    frames = []
    while len(buffer) >= 8:
        kind, size = buffer[0], struct.unpack(">I", buffer[4:8])[0]
        if len(buffer) < 8 + size:
            break
        frames.append((kind, buffer[8 : 8 + size]))
        buffer = buffer[8 + size :]
    return frames, buffer


def exec_frames(sock: Any) -> Iterator[tuple[int, bytes]]:
    """The (stream, payload) frames read from a docker exec socket until it closes."""
    raw = getattr(sock, "_sock", sock)
    buffer = b""
    while True:
        try:
            data = raw.recv(CHUNK)
        except OSError:
            return
        if not data:
            return
        frames, buffer = parse_frames(buffer + data)
        yield from frames


def parse_request(frame: dict[str, Any]) -> RelayRequest:
    """A relay request line (already JSON-decoded) -> RelayRequest. Pure; raises ValueError."""
    try:
        return RelayRequest(
            id=int(frame["id"]),
            method=str(frame["method"]),
            path=str(frame["path"]),
            headers={str(k).lower(): str(v) for k, v in frame.get("headers") or []},
            body=base64.b64decode(frame.get("body") or ""),
        )
    except (KeyError, TypeError, ValueError) as err:
        raise ValueError(f"malformed relay frame: {err}") from None


class ExecRelay:
    def __init__(self, client: Any, container_id: str, handler: Handler) -> None:
        self._client = client
        self._container_id = container_id
        self._handler = handler
        self._sock: Any = None
        self._raw: Any = None
        self._send_lock = threading.Lock()
        self._ready = threading.Event()
        self._tasks: set[asyncio.Task[None]] = set()
        self.stderr = bytearray()
        self.bad_frames = 0

    async def start(self) -> None:
        """Start the relay and wait until it listens; SandboxError if it does not."""
        loop = asyncio.get_running_loop()
        try:
            self._sock = await asyncio.to_thread(self._exec)
        except (APIError, DockerException) as err:
            raise SandboxError(f"model relay did not start: {err}") from None
        self._raw = getattr(self._sock, "_sock", self._sock)
        threading.Thread(target=self._read, args=(loop,), daemon=True).start()
        if not await asyncio.to_thread(self._ready.wait, READY_TIMEOUT):
            tail = bytes(self.stderr[-300:]).decode(errors="replace")
            raise SandboxError(f"model relay not ready within {READY_TIMEOUT:.0f} s: {tail}")

    def _exec(self) -> Any:
        api = self._client.api
        exec_id = api.exec_create(
            self._container_id,
            ["/usr/bin/python3", "-I", RELAY_PATH, str(RELAY_PORT)],
            stdin=True,
            user=RELAY_USER,
            workdir="/",
        )["Id"]
        return api.exec_start(exec_id, socket=True)

    def _read(self, loop: asyncio.AbstractEventLoop) -> None:
        lines = b""
        for kind, payload in exec_frames(self._sock):
            if kind == 2:
                self.stderr += payload[-4096:]
                continue
            lines += payload
            while b"\n" in lines:
                line, lines = lines.split(b"\n", 1)
                self._dispatch(line, loop)
        self._ready.set()  # unblock start() when the relay died before it was ready

    def _dispatch(self, line: bytes, loop: asyncio.AbstractEventLoop) -> None:
        try:
            frame = json.loads(line)
            if "ready" in frame:
                self._ready.set()
                return
            request = parse_request(frame)
        except ValueError:
            self.bad_frames += 1
            return
        loop.call_soon_threadsafe(self._spawn, request)

    def _spawn(self, request: RelayRequest) -> None:
        task = asyncio.get_running_loop().create_task(self._serve(request))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _serve(self, request: RelayRequest) -> None:
        """Answer one request: the head goes out with the first body chunk, the end with the
        last (one write each where the body comes at once, as a scripted answer does)."""
        rid = request.id
        pending: list[dict[str, Any]] = []
        try:
            reply = await self._handler(request)
            pending.append({"id": rid, "status": reply.status, "headers": reply.headers})
            async for chunk in reply.body:
                for i in range(0, len(chunk), CHUNK):
                    data = base64.b64encode(chunk[i : i + CHUNK]).decode()
                    pending.append({"id": rid, "data": data})
                await self._send(pending)
                pending = []
        except Exception as err:  # the bridge failed: answer 502 so Claude Code sees it
            if not pending or "status" not in pending[0]:
                pending = [{"id": rid, "status": 502, "headers": []}]
            pending[0]["error"] = f"{type(err).__name__}: {err}"[:300]
        with contextlib.suppress(OSError):
            await self._send([*pending, {"id": rid, "end": True}])

    async def _send(self, frames: list[dict[str, Any]]) -> None:
        if not frames:
            return
        data = "".join(json.dumps(f, separators=(",", ":")) + "\n" for f in frames).encode()
        if len(data) <= INLINE_SEND:
            self._send_blocking(data)  # a small write to a socket with room does not block
        else:
            await asyncio.to_thread(self._send_blocking, data)

    def _send_blocking(self, data: bytes) -> None:
        with self._send_lock:
            self._raw.sendall(data)

    async def close(self) -> None:
        self._ready.set()  # a start() still waiting (cancelled mid-way) lets its thread go
        for task in list(self._tasks):
            task.cancel()
        if self._raw is not None:
            with contextlib.suppress(OSError):
                self._raw.shutdown(socket.SHUT_WR)
            for each in (self._sock, self._raw):
                with contextlib.suppress(OSError):
                    each.close()
