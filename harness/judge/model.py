"""A judge backed by a ModelClient (anthropic/..., openai/...): one forced tool call per
criterion, `answer {met, quote}`. The prompt and its version are recorded in run.json."""

from dataclasses import dataclass

from harness.judge.base import JudgeAnswer
from harness.models.base import ModelClient

PROMPT_VERSION = "judge-v1"
SYSTEM = """You review a backend design document against one yes/no criterion.
Answer with the `answer` tool only. Say met=true only when the document itself contains the
evidence the criterion asks for, and put in `quote` an exact, contiguous passage copied from
the document that shows it (a sentence or a table row; at least a few words). A quote that is
not in the document counts as no. If the evidence is missing, vague or wrong, say met=false
with an empty quote. Judge what is written, not what the author may have meant."""
ANSWER_TOOL = {
    "name": "answer",
    "description": "Your verdict on the criterion.",
    "input_schema": {
        "type": "object",
        "properties": {
            "met": {"type": "boolean"},
            "quote": {"type": "string", "description": "Exact passage from the document."},
        },
        "required": ["met", "quote"],
    },
}
MAX_TOKENS = 1024


def judge_message(question: str, evidence: str, deliverable: str) -> str:
    """The user turn: the criterion, what counts as evidence, the document. Pure."""
    return (
        f"Criterion: {question}\nEvidence that counts: {evidence}\n\n"
        f"<document>\n{deliverable}\n</document>"
    )


@dataclass
class ModelJudge:
    client: ModelClient
    spec: str = ""
    """The --judge spec it was opened from (prices and records use it)."""

    @property
    def judge_id(self) -> str:
        return self.spec or self.client.model_id

    async def answer(self, *, question: str, evidence: str, deliverable: str) -> JudgeAnswer:
        turn = await self.client.generate(
            system=SYSTEM,
            messages=[{"role": "user", "content": judge_message(question, evidence, deliverable)}],
            tools=[ANSWER_TOOL],
            max_tokens=MAX_TOKENS,
        )
        call = next((b for b in turn.content if b.get("type") == "tool_use"), None)
        given = call.get("input") if call else None
        if not isinstance(given, dict) or not isinstance(given.get("met"), bool):
            return JudgeAnswer(False, "", turn.usage, note="the judge gave no valid answer")
        quote = given.get("quote")
        return JudgeAnswer(given["met"], quote if isinstance(quote, str) else "", turn.usage)
