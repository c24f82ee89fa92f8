"""OpenAICompatClient over an in-process fake transport: translation both ways, retries that
honour retry-after, and how final failures are classified."""

import asyncio
import json
from typing import Any

import httpx2
import pytest

from harness.errors import ModelAPIError
from harness.models.base import ContextWindowExceeded, FatalModelError
from harness.models.openai_compat import OpenAICompatClient, to_chat_messages, turn_from_chat

CONVERSATION = [
    {"role": "user", "content": "Build the API."},
    {
        "role": "assistant",
        "content": [
            {"type": "thinking", "thinking": "plan", "signature": "s"},
            {"type": "text", "text": "Writing it."},
            {
                "type": "tool_use",
                "id": "call_1",
                "name": "Write",
                "input": {"file_path": "/workspace/app/main.py", "content": "x"},
            },
        ],
    },
    {
        "role": "user",
        "content": [
            {"type": "tool_result", "tool_use_id": "call_1", "content": "denied", "is_error": True},
            {"type": "text", "text": "Go on."},
        ],
    },
]
TOOLS = [{"name": "Write", "description": "Write a file", "input_schema": {"type": "object"}}]


def reply(
    content: str | None = None, calls: list[dict[str, Any]] | None = None, finish: str = "stop"
) -> dict[str, Any]:
    message: dict[str, Any] = {"role": "assistant", "content": content}
    if calls:
        message["tool_calls"] = calls
    return {
        "model": "local-model",
        "choices": [{"index": 0, "message": message, "finish_reason": finish}],
        "usage": {"prompt_tokens": 11, "completion_tokens": 7},
    }


def test_conversation_translates_to_chat_messages() -> None:
    assert to_chat_messages("You are an architect.", CONVERSATION) == [
        {"role": "system", "content": "You are an architect."},
        {"role": "user", "content": "Build the API."},
        {
            "role": "assistant",
            "content": "Writing it.",
            "tool_calls": [
                {
                    "id": "call_1",
                    "type": "function",
                    "function": {
                        "name": "Write",
                        "arguments": json.dumps(
                            {"file_path": "/workspace/app/main.py", "content": "x"}
                        ),
                    },
                }
            ],
        },
        {"role": "tool", "tool_call_id": "call_1", "content": "ERROR: denied"},
        {"role": "user", "content": "Go on."},
    ]


def test_tool_call_reply_becomes_tool_use_blocks() -> None:
    call = {
        "id": "c9",
        "type": "function",
        "function": {"name": "Bash", "arguments": '{"command": "ls"}'},
    }
    turn = turn_from_chat(reply(None, [call], "tool_calls"))
    assert turn.content == [
        {"type": "tool_use", "id": "c9", "name": "Bash", "input": {"command": "ls"}}
    ]
    assert turn.stop_reason == "tool_use"
    assert (turn.usage.input_tokens, turn.usage.output_tokens) == (11, 7)
    assert turn_from_chat(reply("done", finish="length")).stop_reason == "max_tokens"


@pytest.mark.parametrize(
    "payload",
    [
        {"choices": []},
        {"model": "m"},
        reply(None, [{"id": "c", "function": {"name": "Bash", "arguments": "{not json"}}]),
        reply(None, [{"id": "c", "function": {"name": "Bash", "arguments": "[1, 2]"}}]),
    ],
)
def test_malformed_replies_are_model_errors(payload: dict[str, Any]) -> None:
    with pytest.raises(ModelAPIError, match="malformed chat-completions reply"):
        turn_from_chat(payload)


class Server:
    """A scripted chat-completions endpoint: each request pops the next (status, body, headers)."""

    def __init__(self, *responses: tuple[int, Any, dict[str, str]]) -> None:
        self.responses = list(responses)
        self.requests: list[dict[str, Any]] = []
        self.sleeps: list[float] = []

    def handle(self, request: httpx2.Request) -> httpx2.Response:
        self.requests.append(
            {
                "url": str(request.url),
                "auth": request.headers.get("authorization"),
                "body": json.loads(request.content),
            }
        )
        status, body, headers = self.responses.pop(0)
        if isinstance(body, Exception):
            raise body
        return httpx2.Response(status, json=body, headers=headers)

    def client(self, **kw: Any) -> OpenAICompatClient:
        async def sleep(s: float) -> None:
            self.sleeps.append(s)

        transport = httpx2.MockTransport(self.handle)
        return OpenAICompatClient(
            "local-model",
            base_url="http://llm.internal/v1",
            api_key="k",
            http_client=httpx2.AsyncClient(transport=transport),
            sleep=sleep,
            **kw,
        )


def generate(client: OpenAICompatClient) -> Any:
    async def go() -> Any:
        try:
            return await client.generate(
                system="sys", messages=CONVERSATION, tools=TOOLS, max_tokens=256
            )
        finally:
            await client.close()

    return asyncio.run(go())


def test_request_shape_and_success() -> None:
    server = Server((200, reply("All done."), {}))
    turn = generate(server.client())
    [req] = server.requests
    assert req["url"] == "http://llm.internal/v1/chat/completions"
    assert req["auth"] == "Bearer k"
    assert req["body"]["model"] == "local-model" and req["body"]["max_tokens"] == 256
    assert req["body"]["tools"][0]["function"]["name"] == "Write"
    assert turn.content == [{"type": "text", "text": "All done."}]


def test_429_retry_after_is_honoured() -> None:
    server = Server((429, {"error": "slow down"}, {"retry-after": "2"}), (200, reply("ok"), {}))
    assert generate(server.client()).content[0]["text"] == "ok"
    assert server.sleeps == [2.0]


def test_connection_errors_and_5xx_retry_then_give_up() -> None:
    down = httpx2.ConnectError("refused")
    server = Server(*[(0, down, {})] * 2, *[(503, {"e": 1}, {})] * 3)
    with pytest.raises(ModelAPIError, match="error 503"):
        generate(server.client(max_retries=4))
    assert len(server.requests) == 5 and len(server.sleeps) == 4


@pytest.mark.parametrize(
    ("status", "body", "error"),
    [
        (401, {"error": "bad key"}, FatalModelError),
        (403, {"error": "no access"}, FatalModelError),
        (400, {"error": "maximum context length is 8192 tokens"}, ContextWindowExceeded),
        (400, {"error": "bad request"}, ModelAPIError),
        (404, {"error": "no such model"}, ModelAPIError),
    ],
)
def test_final_failures_are_classified_without_retrying(
    status: int, body: dict[str, Any], error: type[Exception]
) -> None:
    server = Server((status, body, {}))
    with pytest.raises(error):
        generate(server.client())
    assert len(server.requests) == 1
