"""HTML building blocks for the viewer: every untrusted value goes through `text` (cleaned,
capped, escaped); pages carry a Content-Security-Policy that allows only the viewer's own
script and stylesheet files. Pure string building.
"""

import html
import json
import re
from collections.abc import Iterable
from typing import Any

CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; base-uri 'none'; "
    "form-action 'none'; frame-src 'none'; object-src 'none'"
)
"""No inline script, no event handler, no inline style, nothing fetched from elsewhere (the
only images are the run's plots, SVG files beside the index, in which no script runs)."""
TEXT_CHARS = 20_000
"""Characters of one block of untrusted text shown (a tool result, a file, a message)."""
_ANSI = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)?|[@-_])")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\x80-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _picture(m: re.Match[str]) -> str:
    code = ord(m.group())
    if code < 0x20:
        return chr(0x2400 + code)  # the Unicode control picture: NUL shows as ␀, ESC as ␛
    if code > 0xFF:  # a direction mark or override: shown, so it cannot reorder what is read
        return f"<U+{code:04X}>"
    return "\u2421" if code == 0x7F else "\ufffd"


def clean(value: object, limit: int = TEXT_CHARS) -> str:
    """Untrusted text made displayable (not yet escaped): ANSI sequences dropped, control
    characters and direction overrides shown as symbols, lone surrogates replaced, cut at
    `limit` with a note."""
    s = value if isinstance(value, str) else str(value)
    cut = len(s) - limit if len(s) > limit else 0
    s = _CONTROL.sub(_picture, _ANSI.sub("", s[:limit]))
    s = s.encode("utf-8", "replace").decode("utf-8")
    return s + (f"\n… {cut:,} more characters not shown" if cut else "")


def text(value: object, limit: int = TEXT_CHARS) -> str:
    """Untrusted text as escaped HTML (safe in element content and quoted attributes)."""
    return html.escape(clean(value, limit), quote=True)


def pre(value: object, limit: int = TEXT_CHARS, cls: str = "") -> str:
    klass = f' class="{cls}"' if cls else ""
    return f"<pre{klass}>{text(value, limit)}</pre>"


def as_json(value: Any, limit: int = TEXT_CHARS) -> str:
    """A JSON value shown as indented text (escaped)."""
    if isinstance(value, str):
        return pre(value, limit)
    try:
        dumped = json.dumps(value, indent=1, ensure_ascii=False, default=str)
    except (TypeError, ValueError):
        dumped = repr(value)
    return pre(dumped, limit)


def table(head: Iterable[str], rows: Iterable[Iterable[str]], cls: str = "") -> str:
    """A table whose cells are already HTML (escape them first)."""
    klass = f' class="{cls}"' if cls else ""
    h = "".join(f"<th>{c}</th>" for c in head)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    return f"<table{klass}><thead><tr>{h}</tr></thead><tbody>{body}</tbody></table>"


def badge(label: str, kind: str) -> str:
    """A small coloured label; `kind` is one of the viewer's CSS classes (ok, bad, warn, info)."""
    return f'<span class="badge {kind}">{text(label)}</span>'


def fold(summary: str, body: str, *, open_: bool = False) -> str:
    """A <details> section; `summary` and `body` are HTML."""
    return f"<details{' open' if open_ else ''}><summary>{summary}</summary>{body}</details>"


def number(value: float | int | None, digits: int = 3) -> str:
    if value is None:
        return "–"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int):
        return f"{value:,}"
    return f"{value:.{digits}f}"


def page(title: str, body: str, *, root: str, scripts: Iterable[str] = ()) -> str:
    """A whole page. `root` is the relative path to the site's folder ('' or '../');
    `scripts` are file names in it (the viewer's own)."""
    tags = "".join(f'<script src="{root}{html.escape(s)}"></script>' for s in scripts)
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
        '<meta name="referrer" content="no-referrer">'
        f'<meta name="viewport" content="width=device-width"><title>{text(title, 200)}</title>'
        f'<link rel="stylesheet" href="{root}viewer.css"></head><body>{body}{tags}</body></html>\n'
    )
