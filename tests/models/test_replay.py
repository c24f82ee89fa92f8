"""The replay model on a literal results folder."""

import asyncio
import json
from pathlib import Path

import pytest

from harness.errors import InputError
from harness.models.replay import ReplayClient, check_replay, recorded_turns, transcript_path
from harness.results.log import ResultsWriter

TURN = {
    "type": "model_turn",
    "model": "claude-x",
    "stop_reason": "tool_use",
    "usage": {"input_tokens": 5, "output_tokens": 2},
    "content": [{"type": "tool_use", "id": "t1", "name": "Bash", "input": {"command": "ls"}}],
}


@pytest.fixture
def source(tmp_path: Path) -> Path:
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from test_report import sample

    (tmp_path / "src").mkdir()
    w = ResultsWriter(tmp_path / "src")
    w.append_sample(sample("books", "anthropic/claude-x", score=1.0))
    path = transcript_path(w.run_dir, "books", 1, "anthropic/claude-x")
    path.parent.mkdir(parents=True)
    events = [
        {"type": "tool_call", "name": "Bash"},
        TURN,
        {**TURN, "stop_reason": "end_turn", "content": [{"type": "text", "text": "done"}]},
    ]
    path.write_text("\n".join(json.dumps(e) for e in events) + "\n{torn")
    return w.run_dir


def test_recorded_turns_in_order(source: Path) -> None:
    turns = recorded_turns(transcript_path(source, "books", 1, "anthropic/claude-x"))
    assert [t.stop_reason for t in turns] == ["tool_use", "end_turn"]
    assert turns[0].content[0]["input"] == {"command": "ls"}
    assert turns[0].usage.input_tokens == 5


def test_replay_serves_the_recording_then_ends(source: Path) -> None:
    client = ReplayClient(f"replay:{source}", "books", 1)

    async def three() -> list[str]:
        out = []
        for _ in range(3):
            turn = await client.generate(system="", messages=[], tools=[], max_tokens=10)
            out.append(turn.stop_reason)
        return out

    assert asyncio.run(three()) == ["tool_use", "end_turn", "end_turn"]
    assert client.model_id == f"replay:{source}"


def test_check_replay_names_missing_transcripts(source: Path) -> None:
    check_replay(f"replay:{source}", ["books"], 1)
    with pytest.raises(InputError, match=r"no recorded transcript for books/2, jwt/1"):
        check_replay(f"replay:{source}", ["books", "jwt"], 2)
    with pytest.raises(InputError, match=r"holds no samples\.jsonl"):
        check_replay(f"replay:{source / 'nope'}", ["books"], 1)


def test_a_model_is_picked_with_a_hash_when_the_run_has_several(source: Path) -> None:
    from test_report import sample

    from harness.models.replay import parse_spec

    assert parse_spec("replay:a/b#oracle") == (Path("a/b"), "oracle")
    assert parse_spec("replay:a/b") == (Path("a/b"), None)
    ResultsWriter(source).append_sample(sample("books", "noop", score=0.0))
    with pytest.raises(InputError, match=r"2 models .*pick one with replay:"):
        check_replay(f"replay:{source}", ["books"], 1)
    check_replay(f"replay:{source}#anthropic/claude-x", ["books"], 1)
    with pytest.raises(InputError, match="no samples of model 'gpt'"):
        check_replay(f"replay:{source}#gpt", ["books"], 1)
    client = ReplayClient(f"replay:{source}#anthropic/claude-x", "books", 1)
    assert client.model_id == f"replay:{source}#anthropic/claude-x"
    other_agent = sample("books", "anthropic/claude-x", score=1.0).model_copy(update={"agent": "b"})
    ResultsWriter(source).append_sample(other_agent)
    with pytest.raises(InputError, match="a replay needs a run of one agent file"):
        check_replay(f"replay:{source}#anthropic/claude-x", ["books"], 1)
