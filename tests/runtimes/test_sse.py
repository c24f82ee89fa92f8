"""The Messages API stream both ways: a message -> events -> bytes -> the same message."""

import json

from harness.agent.claude_code.sse import MessageAccumulator, encode_message, message_events

MESSAGE = {
    "id": "msg_1",
    "type": "message",
    "role": "assistant",
    "model": "m",
    "content": [
        {"type": "thinking", "thinking": "hmm", "signature": "sig"},
        {"type": "text", "text": "Writing a file."},
        {
            "type": "tool_use",
            "id": "toolu_1",
            "name": "Write",
            "input": {"file_path": "/a", "content": "é\n"},
        },
    ],
    "stop_reason": "tool_use",
    "stop_sequence": None,
    "usage": {"input_tokens": 120, "output_tokens": 33, "cache_read_input_tokens": 7},
}


def test_events_follow_the_api_order() -> None:
    names = [name for name, _ in message_events(MESSAGE)]
    assert names[0] == "message_start" and names[-2:] == ["message_delta", "message_stop"]
    assert names.count("content_block_start") == 3 == names.count("content_block_stop")
    start = message_events(MESSAGE)[0][1]["message"]
    assert start["content"] == [] and start["stop_reason"] is None


def test_a_message_survives_the_round_trip_in_any_chunking() -> None:
    data = encode_message(MESSAGE)
    for size in (1, 7, 64, len(data)):
        acc = MessageAccumulator()
        for i in range(0, len(data), size):
            acc.feed(data[i : i + size])
        assert acc.message["content"] == MESSAGE["content"]
        assert acc.message["stop_reason"] == "tool_use"
        assert acc.message["usage"]["output_tokens"] == 33
        assert acc.message["usage"]["input_tokens"] == 120


def test_crlf_streams_and_error_events_are_understood() -> None:
    data = encode_message({**MESSAGE, "content": [{"type": "text", "text": "hi"}]})
    error = {"type": "error", "error": {"type": "overloaded_error", "message": "busy"}}
    data += f"event: error\ndata: {json.dumps(error)}\n\n".encode()
    acc = MessageAccumulator()
    acc.feed(data.replace(b"\n", b"\r\n"))
    assert acc.message["content"] == [{"type": "text", "text": "hi"}]
    assert acc.error == {"type": "overloaded_error", "message": "busy"}
