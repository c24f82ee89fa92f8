"""A transcript as HTML: the system prompt folded, each model turn's text and thinking, each
tool call with its input and result, errors marked, per-turn tokens and timing.
"""

from typing import Any

from harness.reports.view.html import as_json, badge, fold, number, pre, text
from harness.reports.view.records import Event, Transcript

MAX_EVENTS = 3_000
PAGE_CHARS = 4_000_000
"""HTML characters of one conversation; the events after that are counted, not shown."""
TOOL_TEXT = 12_000
FOLD_LINES = 15
"""A tool argument this long (a file's content) is folded."""
BAD_STOPS = {"max_tokens", "refusal", "model_context_window_exceeded"}


def _usage(u: Any) -> str:
    if not isinstance(u, dict):
        return ""
    parts = [
        f"{label} {number(_int(u.get(key)))}"
        for key, label in (
            ("input_tokens", "in"),
            ("output_tokens", "out"),
            ("cache_read_input_tokens", "cache read"),
            ("cache_creation_input_tokens", "cache write"),
        )
        if _int(u.get(key))
    ]
    return " · ".join(parts)


def _int(v: Any) -> int:
    return v if isinstance(v, int) and not isinstance(v, bool) else 0


def _secs(v: Any) -> str:
    return f"{v:.1f} s" if isinstance(v, int | float) and not isinstance(v, bool) else ""


def _tool_input(name: Any, args: Any) -> str:
    """Each argument on its own: long strings (a file's content, a command) as blocks."""
    if not isinstance(args, dict):
        return as_json(args, TOOL_TEXT)
    rows = []
    for key, value in args.items():
        label = f'<span class="key">{text(key, 200)}</span>'
        if isinstance(value, str) and value.count("\n") >= FOLD_LINES:
            lines = f"{label} <small>{value.count(chr(10)) + 1} lines</small>"
            rows.append(f'<div class="arg">{fold(lines, pre(value, TOOL_TEXT))}</div>')
            continue
        body = pre(value, TOOL_TEXT) if isinstance(value, str) else as_json(value, TOOL_TEXT)
        rows.append(f'<div class="arg">{label}{body}</div>')
    return "".join(rows)


def _call(block: dict[str, Any]) -> str:
    name, ident = block.get("name", ""), block.get("id") or block.get("tool_use_id", "")
    return (
        f'<div class="call"><div class="meta">{badge("tool call", "info")} '
        f"<b>{text(name, 200)}</b> <small>{text(ident, 100)}</small></div>"
        f"{_tool_input(name, block.get('input'))}</div>"
    )


def _block(block: Any) -> str:
    if not isinstance(block, dict):
        return as_json(block)
    kind = block.get("type")
    if kind == "text":
        return f'<div class="said">{pre(block.get("text", ""))}</div>'
    if kind == "thinking":
        return fold('<span class="muted">thinking</span>', pre(block.get("thinking", "")))
    if kind == "redacted_thinking":
        return '<p class="muted">(redacted thinking)</p>'
    if kind == "tool_use":
        return _call(block)
    return fold(f"block {text(kind, 100)}", as_json(block))


def _turn(e: dict[str, Any]) -> str:
    stop = str(e.get("stop_reason", ""))
    mark = badge(stop, "bad") if stop in BAD_STOPS else f"<small>{text(stop, 100)}</small>"
    content = e.get("content")
    blocks = content if isinstance(content, list) else [content]
    return (
        f'<div class="turn"><div class="meta"><b>turn {text(e.get("turn", ""), 20)}</b> '
        f"{text(e.get('model', ''), 200)} {mark} <small>{text(_usage(e.get('usage')))} · "
        f"{_secs(e.get('duration'))}</small></div>{''.join(_block(b) for b in blocks)}</div>"
    )


def _result(e: dict[str, Any]) -> str:
    bad = e.get("is_error") is True
    content = e.get("content", "")
    shown, full = len(str(content)), _int(e.get("content_chars"))
    more = f" · {full:,} characters, the transcript kept {shown:,}" if full > shown else ""
    label = badge("error", "bad") if bad else badge("result", "ok")
    return (
        f'<div class="result{" error" if bad else ""}"><div class="meta">{label} '
        f"{text(e.get('name', ''), 200)} <small>{_secs(e.get('duration'))}{more}</small></div>"
        f"{pre(content, TOOL_TEXT)}</div>"
    )


def _end(e: dict[str, Any]) -> str:
    outcome = str(e.get("outcome", ""))
    kind = "ok" if outcome == "completed" else "bad"
    return (
        f'<div class="end"><div class="meta">{badge(f"agent ended: {outcome}", kind)} '
        f"{text(e.get('reason', ''), 2000)}</div><small>turns {text(e.get('turns', ''), 20)} · "
        f"tool calls {text(e.get('tool_calls', ''), 20)} (errors "
        f"{text(e.get('tool_errors', ''), 20)}) · {text(_usage(e.get('usage')))} · "
        f"{_secs(e.get('duration'))}</small></div>"
    )


def _request(e: dict[str, Any]) -> str:
    """A request the Claude Code runtime sent: what it added, folded (the turns and tool
    results it carries are shown by their own events)."""
    raw = e.get("messages")
    messages = raw if isinstance(raw, list) else []
    size = e.get("body_bytes")
    head = (
        f"request {text(e.get('request', ''), 20)} · {text(e.get('model_requested', ''), 200)}"
        f" · {len(messages)} new message(s)"
        + (f" · {size:,} bytes" if isinstance(size, int) else "")
    )
    parts = [fold(f'<span class="muted">{head}</span>', as_json(messages, TOOL_TEXT))]
    if isinstance(e.get("system"), str):
        parts.append(fold("system prompt as the runtime sent it", pre(e["system"], 200_000)))
    if isinstance(e.get("tools"), list):
        names = ", ".join(str(t) for t in e["tools"])
        parts.append(f'<p class="muted">tools offered: {text(names, 4000)}</p>')
    return f'<div class="request">{"".join(parts)}</div>'


def render_event(ev: Event, seen_calls: set[str]) -> str:
    if ev.problem:
        return (
            f'<div class="result error">{badge(f"line {ev.line}", "bad")} {text(ev.problem)}</div>'
        )
    e, kind = ev.data, ev.data.get("type")
    if kind == "model_turn":
        content = e.get("content")
        for b in content if isinstance(content, list) else []:
            if isinstance(b, dict) and b.get("type") == "tool_use":
                seen_calls.add(str(b.get("id", "")))
        return _turn(e)
    if kind == "tool_call":
        return "" if str(e.get("tool_use_id", "")) in seen_calls else _call(e)
    if kind == "tool_result":
        return _result(e)
    if kind == "model_request":
        return _request(e)
    if kind == "user_message":
        return f'<div class="user">{badge("user", "info")}{pre(e.get("content", ""))}</div>'
    if kind == "agent_end":
        return _end(e)
    return fold(f"event {text(kind, 100)}", as_json(e))


def render_conversation(t: Transcript, system_prompt: str | None, task_prompt: str | None) -> str:
    parts = []
    if system_prompt is not None:
        parts.append(fold("system prompt (the agent file)", pre(system_prompt, 200_000)))
    if task_prompt is not None:
        parts.append(fold("task prompt (the first user message)", pre(task_prompt, 200_000)))
    if t.note:
        parts.append(f'<p class="warn">{text(t.note)}</p>')
    seen: set[str] = set()
    size, shown = 0, 0
    for ev in t.events[:MAX_EVENTS]:
        if size > PAGE_CHARS:
            break
        parts.append(render_event(ev, seen))
        size, shown = size + len(parts[-1]), shown + 1
    if shown < len(t.events):
        parts.append(
            f'<p class="warn">{len(t.events) - shown:,} more events not shown (the page shows '
            f"{MAX_EVENTS:,} events or {PAGE_CHARS:,} characters at the most)</p>"
        )
    return f'<div class="conversation">{"".join(parts)}</div>'
