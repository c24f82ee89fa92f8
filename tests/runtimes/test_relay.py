"""relay.py as it runs in the sandbox, here as a local subprocess: HTTP in, JSON lines out on
stdout, answers in on stdin, streamed back to the HTTP client. Plus the exec-stream parsers."""

import base64
import http.client
import json
import socket
import struct
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from harness.agent.claude_code import relay
from harness.agent.claude_code.exec_relay import parse_frames, parse_request


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_a_request_travels_out_and_its_streamed_answer_back() -> None:
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-I", str(Path(relay.__file__)), str(port)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
    )
    assert proc.stdin and proc.stdout
    try:
        assert json.loads(proc.stdout.readline()) == {"ready": port}
        result: dict[str, object] = {}

        def client() -> None:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            conn.request("POST", "/v1/messages?beta=true", body=b'{"a": 1}', headers={"x-k": "v"})
            response = conn.getresponse()
            result["status"] = response.status
            result["type"] = response.getheader("content-type")
            result["body"] = response.read()

        thread = threading.Thread(target=client)
        thread.start()
        frame = json.loads(proc.stdout.readline())
        request = parse_request(frame)
        assert (request.method, request.path, request.body) == (
            "POST",
            "/v1/messages?beta=true",
            b'{"a": 1}',
        )
        assert request.headers["x-k"] == "v"
        head = {"id": request.id, "status": 200, "headers": [["content-type", "text/event-stream"]]}
        lines = [head]
        lines += [
            {"id": request.id, "data": base64.b64encode(part).decode()}
            for part in (b"event: a\n", b"data: {}\n\n")
        ]
        lines.append({"id": request.id, "end": True})
        for line in lines:
            proc.stdin.write((json.dumps(line) + "\n").encode())
            proc.stdin.flush()
        thread.join(10)
        assert result == {
            "status": 200,
            "type": "text/event-stream",
            "body": b"event: a\ndata: {}\n\n",
        }
    finally:
        proc.stdin.close()
        code = proc.wait(10)
        proc.stdout.close()
    assert code == 0  # stdin closed: the relay ends by itself


def test_chunked_bodies_are_read_whole() -> None:
    import asyncio

    async def go() -> dict[str, object] | None:
        reader = asyncio.StreamReader()
        reader.feed_data(
            b"POST /v1/messages HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"
            b"5\r\nhello\r\n6;ext=1\r\n world\r\n0\r\n\r\n"
        )
        reader.feed_eof()
        return await relay.read_request(reader)

    frame = asyncio.run(go())
    assert frame is not None and base64.b64decode(str(frame["body"])) == b"hello world"


def test_docker_exec_frames_are_split_by_stream_and_size() -> None:
    data = b"\x01\x00\x00\x00" + struct.pack(">I", 3) + b"abc"
    data += b"\x02\x00\x00\x00" + struct.pack(">I", 2) + b"er"
    partial = b"\x01\x00\x00\x00" + struct.pack(">I", 10) + b"12345"
    frames, rest = parse_frames(data + partial)
    assert frames == [(1, b"abc"), (2, b"er")] and rest == partial


def test_a_malformed_relay_frame_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="malformed relay frame"):
        parse_request({"id": "x"})
