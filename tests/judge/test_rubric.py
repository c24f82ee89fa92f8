"""The rubric rules on literal inputs: the quote rule stops invented evidence, the majority
decides, a keyword-stuffed document earns only what it quotes, and kappa is Cohen's."""

import asyncio
import math
from pathlib import Path

import pytest

from harness import stats
from harness.errors import TaskSpecError
from harness.judge import JudgeAnswer, load_rubric, score_rubric
from harness.judge.ask import ask_rubric
from harness.judge.calibration import agreement, load_labels, pairs_of
from harness.judge.model import ANSWER_TOOL, ModelJudge
from harness.judge.rubric import quote_found
from harness.judge.scripted import ScriptedJudge
from harness.models.base import ModelTurn, Usage

DOC = """# Catalog cache

Reads go through a read-through Redis cache with a 30 s TTL.
Writes invalidate the product key   after the commit, so readers see at most
30 seconds of staleness.
"""
RUBRIC = """
deliverable = "DESIGN.md"

[[criterion]]
id = "invalidation"
question = "Does the plan invalidate cached entries when the data changes?"
evidence = "A sentence saying which write invalidates which key, and when."
offline_pattern = "invalidate"

[[criterion]]
id = "staleness"
question = "Does the plan state the staleness bound readers may see?"
evidence = "A number of seconds (or a version rule) bounding stale reads."
offline_pattern = "staleness"

[[criterion]]
id = "stampede"
question = "Does the plan prevent a cache stampede on a hot key's expiry?"
evidence = "Request coalescing, locking or early refresh for hot keys."
offline_pattern = "stampede|coalesc"
"""


def rubric_file(tmp_path: Path, text: str = RUBRIC) -> Path:
    p = tmp_path / "rubric.toml"
    p.write_text(text)
    return p


def test_quotes_must_be_in_the_document_and_long_enough() -> None:
    assert quote_found("Writes invalidate the product key after the commit", DOC)  # re-wrapped
    assert not quote_found("Writes invalidate the category key", DOC)  # invented
    assert not quote_found("Redis", DOC)  # too short to prove anything
    assert not quote_found("", DOC)


def test_majority_over_samples_with_invented_quotes_dropped(tmp_path: Path) -> None:
    rubric = load_rubric(rubric_file(tmp_path))
    real = JudgeAnswer(True, "readers see at most 30 seconds of staleness")
    invented = JudgeAnswer(True, "hot keys are refreshed early to avoid a stampede")
    answers = {
        "invalidation": [real, JudgeAnswer(False, ""), real],  # 2 of 3
        "staleness": [real, JudgeAnswer(False, "")],  # a tie is no
        "stampede": [invented, invented, invented],  # the quote rule: no
    }
    result = score_rubric(rubric, answers, DOC)
    met = {c.id: c.met for c in result.criteria}
    assert met == {"invalidation": True, "staleness": False, "stampede": False}
    assert result.criteria[2].rejected_quotes == 3 and result.criteria[2].quote == ""
    assert result.score == pytest.approx(1 / 3)


def test_keyword_stuffing_earns_only_what_it_can_quote(tmp_path: Path) -> None:
    rubric = load_rubric(rubric_file(tmp_path))
    stuffed = "stampede coalescing invalidate staleness TTL replicas sharding " * 20
    judge = ScriptedJudge(
        table={
            c.question: JudgeAnswer(True, "we coalesce requests to stop a stampede on hot keys")
            for c in rubric.criterion
        }
    )
    judged = asyncio.run(ask_rubric(judge, rubric, stuffed, samples=3))
    assert judged.result.score == 0.0  # every yes rested on a quote the document lacks
    assert judge.calls == 9


def test_scripted_judge_quotes_the_line_it_matched(tmp_path: Path) -> None:
    rubric = load_rubric(rubric_file(tmp_path))
    judge = ScriptedJudge(patterns={c.question: c.offline_pattern for c in rubric.criterion})
    judged = asyncio.run(ask_rubric(judge, rubric, DOC, samples=1))
    met = {c.id: (c.met, c.quote) for c in judged.result.criteria}
    assert met["invalidation"] == (
        True,
        "Writes invalidate the product key   after the commit, so readers see at most",
    )
    assert met["stampede"] == (False, "")
    assert judged.judge_id == "scripted"


class _Client:
    model_id = "anthropic/judge-model"

    def __init__(self, blocks: list[dict]) -> None:
        self.blocks, self.seen = blocks, []

    async def generate(
        self, *, system: str, messages: list, tools: list, max_tokens: int
    ) -> ModelTurn:
        self.seen.append((system, messages, tools))
        return ModelTurn(self.blocks, "tool_use", Usage(100, 10), self.model_id)

    async def close(self) -> None:
        return None


def test_model_judge_forces_one_tool_and_counts_its_tokens(tmp_path: Path) -> None:
    rubric = load_rubric(rubric_file(tmp_path))
    quote = "Reads go through a read-through Redis cache with a 30 s TTL."
    client = _Client(
        [{"type": "tool_use", "id": "t", "name": "answer", "input": {"met": True, "quote": quote}}]
    )
    judged = asyncio.run(ask_rubric(ModelJudge(client), rubric, DOC, samples=3))
    assert judged.usage == Usage(900, 90)  # 3 criteria x 3 samples, apart from the agent's
    _system, messages, tools = client.seen[0]
    assert tools == [ANSWER_TOOL] and DOC in messages[0]["content"]
    assert all(c.met for c in judged.result.criteria)


def test_model_judge_without_a_valid_answer_says_no() -> None:
    client = _Client([{"type": "text", "text": "yes, clearly"}])
    a = asyncio.run(
        ModelJudge(client).answer(question="q" * 10, evidence="e" * 10, deliverable=DOC)
    )
    assert (a.met, a.note) == (False, "the judge gave no valid answer")


def test_bad_rubrics_name_the_file_and_the_fix(tmp_path: Path) -> None:
    with pytest.raises(TaskSpecError, match=r"rubric.toml: criterion: .*fix the rubric"):
        load_rubric(rubric_file(tmp_path, 'deliverable = "x"\ncriterion = []\n'))
    twice = RUBRIC + (
        '[[criterion]]\nid = "stampede"\nquestion = "again and again?"\n'
        'evidence = "the same evidence"\n'
    )
    with pytest.raises(TaskSpecError, match="ids repeat"):
        load_rubric(rubric_file(tmp_path, twice))
    with pytest.raises(TaskSpecError, match=r"Extra inputs"):
        load_rubric(rubric_file(tmp_path, RUBRIC + "\nweights = 1\n"))


def test_cohen_kappa_matches_a_worked_example() -> None:
    # 50 items: both yes 20, a yes b no 5, a no b yes 10, both no 15 (a textbook example):
    # p_o = 0.7, p_e = 0.5 * 0.6 + 0.5 * 0.4 = 0.5, kappa = 0.4
    pairs = [(True, True)] * 20 + [(True, False)] * 5 + [(False, True)] * 10 + [(False, False)] * 15
    assert stats.cohen_kappa(pairs) == pytest.approx(0.4)
    assert stats.cohen_kappa([(True, True), (False, False)]) == 1.0
    assert stats.cohen_kappa([(True, False), (False, True)]) == pytest.approx(-1.0)
    assert stats.cohen_kappa([(True, True)] * 3) == 1.0  # one answer everywhere, agreed
    assert math.isnan(stats.cohen_kappa([]))
    a = agreement(pairs)
    assert (a.n, a.accuracy, a.ok) == (50, 0.7, False)


def test_labelled_sets_are_checked_against_the_rubric(tmp_path: Path) -> None:
    rubric = load_rubric(rubric_file(tmp_path))
    folder = tmp_path / "calibration"
    folder.mkdir()
    entries = []
    for i, good in enumerate([True] * 3 + [False] * 3):
        (folder / f"d{i}.md").write_text(DOC)
        labels = ", ".join(f"{c.id} = {'true' if good else 'false'}" for c in rubric.criterion)
        entries.append(
            f'[[design]]\nfile = "d{i}.md"\ngood = {str(good).lower()}\nlabels = {{ {labels} }}\n'
        )
    (folder / "labels.toml").write_text("\n".join(entries))
    labels = load_labels(folder, rubric)
    judged = asyncio.run(
        ask_rubric(
            ScriptedJudge(patterns={c.question: c.offline_pattern for c in rubric.criterion}),
            rubric,
            DOC,
            samples=1,
        )
    )
    # sorted by criterion id: invalidation, staleness, stampede
    assert pairs_of(labels.design[0], judged.result) == [(True, True), (True, True), (True, False)]

    (folder / "labels.toml").write_text("\n".join(entries[:5]))
    with pytest.raises(TaskSpecError, match="at least 3 good and 3 flawed"):
        load_labels(folder, rubric)
    (folder / "labels.toml").write_text(
        entries[0].replace("stampede = true, ", "").replace(", stampede = true", "")
    )
    with pytest.raises(TaskSpecError, match="label exactly the rubric's criteria"):
        load_labels(folder, rubric)
