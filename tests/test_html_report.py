"""The HTML report renders in a real headless browser (Debian's chromium): it loads with no
console errors, its plots are drawn, and a screenshot lands in the run folder."""

import html
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from test_report import RUN, SAMPLES, sample

from harness.reports.html_report import MAX_PLOT_WIDTH, category_bars
from harness.reports.report import write_report
from harness.results.log import ResultsWriter, TaskInfo

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def chromium(*args: str) -> subprocess.CompletedProcess[str]:
    assert CHROMIUM, "chromium is not installed: apt-get install chromium (.ci/run does)"
    return subprocess.run(
        [
            CHROMIUM,
            "--headless=new",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--enable-logging=stderr",
            "--v=0",
            *args,
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture
def report(tmp_path: Path) -> Path:
    writer = ResultsWriter(tmp_path / "run")
    writer.write_run(RUN)
    for record in [*SAMPLES, sample("books", "claude", score=0.7, cost=1.5)]:
        writer.append_sample(record)
    return write_report(writer.run_dir).html


def test_html_report_renders_with_plots_and_no_console_errors(report: Path) -> None:
    proc = chromium("--dump-dom", report.as_uri())

    assert proc.returncode == 0, proc.stderr[-2000:]
    dom = proc.stdout
    assert 'data-rendered="ok"' in dom
    assert 'data-plots="3"' in dom
    assert 'data-marks="0"' not in dom
    for plot in ("category-scores", "task-heatmap", "cost-vs-score"):
        assert f'id="{plot}"' in dom
    console = [line for line in proc.stderr.splitlines() if "CONSOLE" in line]
    assert [line for line in console if "rror" in line or "Uncaught" in line] == []


def test_screenshot_is_saved_in_the_run_folder(report: Path) -> None:
    shot = report.parent / "report.png"

    proc = chromium(f"--screenshot={shot}", "--window-size=1280,1600", report.as_uri())

    assert proc.returncode == 0, proc.stderr[-2000:]
    assert shot.stat().st_size > 10_000
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_html_escapes_task_text(tmp_path: Path) -> None:
    writer = ResultsWriter(tmp_path / "run")
    writer.write_run(RUN)
    writer.append_sample(sample("<script>alert(1)</script>", "oracle", score=1.0))

    text = write_report(writer.run_dir).html.read_text()

    assert "<script>alert(1)</script>" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text


def test_html_fits_a_1280_px_window_with_many_categories(tmp_path: Path) -> None:
    tasks = [TaskInfo(id=f"t{i}", content_hash="h", category=f"category-{i % 14}", difficulty=1)
             for i in range(34)]  # fmt: skip
    writer = ResultsWriter(tmp_path / "run")
    writer.write_run(RUN.model_copy(update={"tasks": tasks}))
    for i in range(34):
        for model in ("oracle", "noop"):
            writer.append_sample(sample(f"t{i}", model, score=1.0 if model == "oracle" else 0.4))
    page = write_report(writer.run_dir).html

    proc = chromium("--window-size=1280,1600", "--dump-dom", page.as_uri())

    scroll = re.search(r'data-scroll-width="(\d+)"', proc.stdout)
    client = re.search(r'data-client-width="(\d+)"', proc.stdout)
    assert scroll and client, proc.stdout[-2000:]
    assert 1200 <= int(client.group(1)) <= 1280
    assert int(scroll.group(1)) <= int(client.group(1))  # nothing sticks out sideways


def test_category_chart_is_never_wider_than_the_page() -> None:
    import pandas as pd

    cat = pd.DataFrame(
        [
            {"category": f"c{i}", "agent": "a", "model": m, "mean_score": 0.5,
             "ci95": "[0.1, 0.9]", "ci95_low": 0.1, "ci95_high": 0.9}
            for i in range(30)
            for m in ("x", "y")
        ]
    ).set_index(["category", "agent", "model"])  # fmt: skip

    svg = category_bars(cat)

    assert int(re.search(r'width="(\d+)"', svg).group(1)) <= MAX_PLOT_WIDTH  # type: ignore[union-attr]
    assert svg.count('class="errbar"') == 60


def test_html_has_the_markdown_sections_explanations_and_header(tmp_path: Path) -> None:
    second = RUN.agent.model_copy(update={"label": "arch@fedc", "sha256": "f" * 64})
    agents = [RUN.agent.model_copy(update={"label": "arch@0123"}), second]
    writer = ResultsWriter(tmp_path / "run")
    writer.write_run(RUN.model_copy(update={"agents": agents}))
    for record in SAMPLES:
        writer.append_sample(record)
    paths = write_report(writer.run_dir)
    md, page = paths.markdown.read_text(), paths.html.read_text()

    titles = [line[3:] for line in md.splitlines() if line.startswith("## ")]
    assert titles == [
        "How samples ended",
        "Overall",
        "Per configuration",
        "Per category",
        "Per task",
        "Dimensions counted as 0 or without a value",
        "Samples",
    ]
    for title in titles:
        assert f"<h2>{html.escape(title)}</h2>" in page
    assert html.escape("critical check counts twice") in page
    assert "<dt>agent</dt><dd>arch@0123 (agents/a.md" in page
    assert "<dt>agent</dt><dd>arch@fedc (agents/a.md" in page
    assert "`" not in page.split("<h2>")[0]  # no Markdown in the header
    assert '<td class="text">never ready</td>' in page and "nan" not in page
