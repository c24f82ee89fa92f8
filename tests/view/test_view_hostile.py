"""Everything the viewer shows is untrusted. A hostile sample (script tags and event handlers
in file names, tool output, check names and the app log; javascript: links; ANSI escapes; a
1 MB line; NUL bytes; invalid UTF-8) renders as text: the HTML holds no tag or attribute it
did not write itself, nothing is written outside the run's view folder, and headless chromium
loads the pages with the viewer's own script running and nothing else (no console message)."""

import re
import tarfile
from html.parser import HTMLParser
from pathlib import Path

import pytest
from view_fixtures import (
    chromium,
    dump_dom,
    functional,
    make_run,
    sample,
    transcript,
    workspace_tar,
    write_sample,
)

from harness.reports.view import Picks, build_compare, build_view, load_pair
from harness.reports.view.records import sample_slug
from harness.results.log import SampleRecord

PWN = "document.body.setAttribute('data-pwned','1')"
PAYLOADS = [
    f"<script>{PWN}</script>",
    f'<img src=x onerror="{PWN}">',
    f'<svg onload="{PWN}"></svg>',
    f'<a href="javascript:{PWN}">click</a>',
    "[click](javascript:alert(1))",
    f'</pre></td></table><iframe src="javascript:{PWN}"></iframe>',
    "\x1b[31mred\x1b[0m \x1b]0;title\x07 NUL:\x00 bell:\x07",
]
HOSTILE = "\n".join(PAYLOADS)
BIG_LINE = "A" * 1_000_000
SVG = '<svg id="score-grid" xmlns="http://www.w3.org/2000/svg" width="636" height="52" role="img">'
ALLOWED_TAGS = {
    "html", "head", "meta", "title", "link", "body", "script", "nav", "a", "h1", "h2", "h3",
    "ul", "li", "section", "p", "b", "small", "span", "div", "pre", "code", "table", "thead",
    "tbody", "tr", "th", "td", "details", "summary", "dl", "dt", "dd", "br", "label", "select",
    "option", "input", "button", "noscript", "svg", "rect", "text", "figure", "figcaption",
    "img",
}  # fmt: skip


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))


def assert_only_our_markup(html: str) -> None:
    parser = _Tags()
    parser.feed(html)
    for tag, attrs in parser.tags:
        assert tag in ALLOWED_TAGS, tag
        for name, value in attrs:
            assert not name.startswith("on"), (tag, name)
            assert name != "style", tag
            if name in ("href", "src"):
                assert value and not value.lower().startswith(("javascript:", "data:", "http"))
        if tag == "script":
            assert dict(attrs).get("src", "").endswith(("/viewer.js", "viewer.js", "samples.js"))
        if tag == "svg":
            assert dict(attrs).get("id") == "score-grid"
        if tag == "img":  # only the run's own plots, files beside the index
            assert re.fullmatch(r"plots/(category|tasks|cost)\.svg", dict(attrs).get("src") or "")
        if tag == "meta":
            assert dict(attrs).get("http-equiv") in (None, "Content-Security-Policy")
    assert "\x00" not in html and "\x1b" not in html


def hostile_run(root: Path) -> tuple[Path, SampleRecord]:
    run_dir = make_run(root, [])
    s = sample(reason=HOSTILE, model="evil<b>model")
    events = transcript(HOSTILE + "\n" + BIG_LINE, error=True)
    events[0]["content"][1]["text"] = HOSTILE
    events[0]["content"][2]["input"] = {"command": HOSTILE, HOSTILE: 1}
    g = functional(failed_message=HOSTILE)
    g["checks"][1]["name"] = f'<svg onload="{PWN}">'
    files = {
        f'<img src=x onerror="{PWN}">.py': HOSTILE.encode(),
        "bad-utf8.py": b"ok \xff\xfe\xc3 end\n",
        "binary.bin": b"\x00\x01\x02" * 100,
        "big.py": BIG_LINE.encode(),
        "app/main.py": HOSTILE.encode(),
    }
    folder = write_sample(run_dir, s, events=events, graders={"functional": g},
                          tar=workspace_tar(files), app_log=HOSTILE)  # fmt: skip
    with open(folder / "transcript.jsonl", "ab") as f:
        f.write(b'{"type": "user_message", "content": "bad \xff\xfe utf8 \\ud800"}\n')
        f.write(b"not json <script>" + PWN.encode() + b"</script>\n")
    secret = root / "secret.txt"
    secret.write_text("TOPSECRET")
    with tarfile.open(folder / "workspace.tar", "a") as tf:
        for name, kind, target in [
            ("workspace/../../escaped.py", tarfile.REGTYPE, ""),
            (f"{root}/absolute.py", tarfile.REGTYPE, ""),
            ("workspace/leak", tarfile.SYMTYPE, str(secret)),
            ("workspace/hard", tarfile.LNKTYPE, str(secret)),
            ("workspace/null", tarfile.CHRTYPE, ""),
        ]:
            info = tarfile.TarInfo(name)
            info.type, info.linkname = kind, target
            tf.addfile(info)
    return run_dir, s


def test_a_hostile_sample_renders_as_text(tmp_path: Path) -> None:
    run_dir, s = hostile_run(tmp_path)
    before = {p for p in tmp_path.rglob("*")}

    build_view(run_dir)

    created = {p for p in tmp_path.rglob("*")} - before
    assert created and all(run_dir / "view" in p.parents or p == run_dir / "view" for p in created)
    assert not any("TOPSECRET" in p.read_text() for p in created if p.is_file())
    page = (run_dir / "view" / "s" / f"{sample_slug(s)}.html").read_text()
    for html in (page, (run_dir / "view" / "index.html").read_text()):
        assert_only_our_markup(html)
    assert "&lt;script&gt;document.body.setAttribute(&#x27;data-pwned&#x27;" in page
    assert "&lt;img src=x onerror=&quot;" in page
    assert "javascript:alert(1)" in page  # shown as text, never as a link
    assert "NUL:\u2400" in page and "red" in page and "[31m" not in page
    assert "bad \ufffd\ufffd utf8" in page and "ok \ufffd\ufffd\ufffd end" in page
    assert "binary, 300 bytes" in page
    assert "more characters not shown" in page
    assert len(page) < 3_000_000
    assert "line 7" in page and "not JSON" in page
    assert "escaped.py&#x27;: a name outside the workspace" in page
    assert "symbolic link to" in page and "hard link to" in page and "special file" in page
    data = (run_dir / "view" / "samples.js").read_text()
    assert "<" not in data and "\\u003cscript>" in data


@pytest.fixture
def hostile_site(tmp_path: Path) -> list[Path]:
    run_dir, s = hostile_run(tmp_path)
    build_view(run_dir)
    compare = build_compare(load_pair(run_dir, run_dir, Picks()))
    task_page = next((compare.index.parent / "t").glob("*.html"))
    page = run_dir / "view" / "s" / f"{sample_slug(s)}.html"
    return [run_dir / "view" / "index.html", page, compare.index, task_page]


def test_chromium_runs_only_the_viewers_script_on_hostile_pages(hostile_site: list[Path]) -> None:
    for path in hostile_site:
        proc = dump_dom(path.as_uri())

        assert proc.returncode == 0, proc.stderr[-2000:]
        body = re.search(r"<body[^>]*>", proc.stdout)
        assert body and 'data-rendered="ok"' in body.group(), path  # our script ran
        assert "data-pwned" not in body.group(), path  # nothing else did
        assert not re.search(r"<iframe\b", proc.stdout), path
        imgs = re.findall(r"<img\b[^>]*>", proc.stdout)  # only the run's own plots
        assert all(re.search(r'src="plots/(category|tasks|cost)\.svg"', i) for i in imgs), imgs
        assert re.findall(r"<svg\b[^>]*>", proc.stdout) in ([], [SVG]), path  # only our grid
        console = [line for line in proc.stderr.splitlines() if "CONSOLE" in line]
        assert console == [], (path, console)  # no CSP violation: nothing tried to run


def test_the_index_draws_its_rows_in_the_browser(hostile_site: list[Path]) -> None:
    proc = dump_dom(hostile_site[0].as_uri())

    assert 'data-rows="1"' in proc.stdout
    assert "<td>evil&lt;b&gt;model</td>" in proc.stdout


def test_screenshots_of_index_failed_sample_and_side_by_side_stay_in_the_run_folder(
    hostile_site: list[Path],
) -> None:
    index, failed, side_by_side, _ = hostile_site
    for name, page in (("index", index), ("failed-sample", failed), ("side-by-side", side_by_side)):
        shot = index.parent / f"screenshot-{name}.png"

        proc = chromium(f"--screenshot={shot}", "--window-size=1280,900", page.as_uri())

        assert proc.returncode == 0, proc.stderr[-2000:]
        assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 10_000


def test_a_huge_transcript_and_workspace_give_a_page_of_bounded_size(tmp_path: Path) -> None:
    run_dir = make_run(tmp_path, [])
    s = sample()
    turn = transcript()[2]
    events = [{**turn, "content": f"{i} " + "y" * 11_990} for i in range(3_000)]
    files = {
        f"f{i:03d}.py": b"".join(b"line %d of many\n" % j for j in range(2_500)) for i in range(300)
    }
    write_sample(run_dir, s, events=events, tar=workspace_tar(files))

    build_view(run_dir)

    page = (run_dir / "view" / "s" / f"{sample_slug(s)}.html").read_text()
    assert len(page) < 12_000_000
    assert "more events not shown" in page
    assert "not shown: the page&#x27;s 4,000,000 characters are spent" in page
    assert "f299.py" in page  # every file is still listed


def test_the_index_filters_by_the_task_in_its_address(tmp_path: Path) -> None:
    samples = [sample(), sample(epoch=2), sample(task="jwt", status="model_error", score=None)]
    index = build_view(make_run(tmp_path, samples)).index

    every = dump_dom(index.as_uri()).stdout
    one = dump_dom(index.as_uri() + "#task=jwt").stdout

    assert 'data-rows="3"' in every and "3 of 3 samples" in every
    assert 'data-rows="1"' in one and "1 of 3 samples" in one
