"""Pure text helpers shared by the tools: `cat -n` windows and output truncation."""

from dataclasses import dataclass

MAX_LINE_CHARS = 2000
"""Longer lines are cut in Read and Grep output."""


@dataclass(frozen=True)
class LineWindow:
    """Lines `first`..`last` (1-based, inclusive) of a text with `total` lines, numbered."""

    text: str
    first: int
    last: int
    total: int


def split_lines(text: str) -> list[str]:
    """Lines without terminators; a final newline does not start an extra empty line."""
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return [line.removesuffix("\r") for line in lines]


def cut_line(line: str, limit: int = MAX_LINE_CHARS) -> str:
    if len(line) <= limit:
        return line
    return f"{line[:limit]}... [line truncated, {len(line) - limit} more characters]"


def number_lines(text: str, offset: int, limit: int) -> LineWindow:
    """`limit` lines from 1-based line `offset`, `cat -n` style: number in 6 columns, TAB, line."""
    lines = split_lines(text)
    start = max(offset, 1) - 1
    chosen = lines[start : start + limit]
    body = "\n".join(f"{start + i + 1:>6}\t{cut_line(line)}" for i, line in enumerate(chosen))
    return LineWindow(text=body, first=start + 1, last=start + len(chosen), total=len(lines))


def truncate_middle(text: str, limit: int) -> str:
    """`text` if it fits in `limit` characters, else its head and tail around a marker."""
    if len(text) <= limit:
        return text
    half = limit // 2
    dropped = len(text) - 2 * half
    return (
        f"{text[:half]}\n\n... [{dropped} characters truncated] ...\n\n{text[len(text) - half :]}"
    )


def truncate_head(text: str, limit: int, hint: str) -> str:
    """The first `limit` characters of `text`, with a note saying what was cut and what to do."""
    if len(text) <= limit:
        return text
    return f"{text[:limit]}\n\n... [{len(text) - limit} more characters truncated; {hint}]"
