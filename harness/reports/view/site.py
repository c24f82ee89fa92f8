"""Writes the viewer into a run folder: view/index.html, view/samples.js, one page per sample
under view/s/, the viewer's own script and stylesheet, and side-by-side views under
view/vs-<base run>-<hash>/. Nothing is written elsewhere.
"""

from dataclasses import dataclass
from pathlib import Path

from harness.reports.compare import RunSide, load_side, prompt_diff
from harness.reports.view.assets import CSS, JS
from harness.reports.view.compare_page import (
    Side,
    pairs_by_task,
    render_compare_index,
    render_compare_task,
)
from harness.reports.view.index_page import render_index, samples_js
from harness.reports.view.records import RunView, file_name, read_view, sample_slug
from harness.reports.view.sample_page import PageLinks, render_sample
from harness.reports.view.workspace import starter_finder

VIEW_DIR = "view"


@dataclass(frozen=True)
class ViewResult:
    index: Path
    samples: int


def write_page(path: Path, html: str) -> None:
    path.write_text(html, encoding="utf-8", errors="replace")


def write_assets(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    write_page(folder / "viewer.css", CSS)
    write_page(folder / "viewer.js", JS)


def write_sample_pages(view: RunView, folder: Path, tasks_dir: Path | None) -> int:
    pages = folder / "s"
    pages.mkdir(parents=True, exist_ok=True)
    finder = starter_finder(view, tasks_dir)
    order = sorted(view.samples, key=lambda s: (s.task_id, s.agent, s.model, s.runtime, s.epoch))
    names = [f"{sample_slug(s)}.html" for s in order]
    for i, s in enumerate(order):
        links = PageLinks(
            root="../",
            prev=names[i - 1] if i > 0 else "",
            next=names[i + 1] if i + 1 < len(names) else "",
        )
        write_page(pages / names[i], render_sample(view, s, finder.starter(s.task_id), links))
    keep = set(names)
    for stale in pages.glob("*.html"):
        if stale.name not in keep:
            stale.unlink()
    return len(keep)


PLOTS_DIR = "plots"


def write_plots(run_dir: Path, folder: Path) -> list[tuple[str, str]]:
    """The report's plots as SVG files in the viewer's folder (drawn from the results log, as
    the report draws them); (file name relative to the index, caption) of each."""
    from harness.reports.html_report import report_plots, standalone_svg
    from harness.reports.report import by_configuration, results_df, tables

    df = by_configuration(results_df(run_dir))
    folder.mkdir(parents=True, exist_ok=True)
    shown = []
    for plot in report_plots(df, tables(df)) if not df.empty else []:
        (folder / f"{plot.name}.svg").write_text(standalone_svg(plot.svg))
        shown.append((f"{PLOTS_DIR}/{plot.name}.svg", plot.caption))
    return shown


def build_view(run_dir: Path, tasks_dir: Path | None = None) -> ViewResult:
    """Write (or rewrite) the run's viewer; ResultsError when it is not a results folder."""
    view = read_view(run_dir)
    folder = run_dir / VIEW_DIR
    write_assets(folder)
    count = write_sample_pages(view, folder, tasks_dir)
    write_page(folder / "samples.js", samples_js(view))
    index = folder / "index.html"
    report = (run_dir / "report.html").is_file()
    plots = write_plots(run_dir, folder / PLOTS_DIR)
    write_page(index, render_index(view, report_link=report, plots=plots))
    return ViewResult(index, count)


@dataclass(frozen=True)
class Picks:
    """Which configuration to take from each run, as `archbench compare` picks them."""

    base_model: str | None = None
    cand_model: str | None = None
    base_agent: str | None = None
    cand_agent: str | None = None
    base_runtime: str | None = None
    cand_runtime: str | None = None


@dataclass(frozen=True)
class SidePair:
    base: RunSide
    cand: RunSide
    base_dir: Path
    cand_dir: Path
    picks: Picks


def load_pair(base_dir: Path, cand_dir: Path, picks: Picks) -> SidePair:
    """Both arms, checked before anything is written (InputError names the flag to use)."""
    return SidePair(
        load_side(base_dir, picks.base_model, "base", picks.base_agent, picks.base_runtime),
        load_side(cand_dir, picks.cand_model, "cand", picks.cand_agent, picks.cand_runtime),
        base_dir,
        cand_dir,
        picks,
    )


def _side(run_dir: Path, side: RunSide) -> Side:
    configs = sorted({f"{s.agent}/{s.model}" for s in side.samples})
    runtimes = sorted({s.runtime for s in side.samples})
    if len(side.run.runtimes) > 1:
        configs = [f"{c} ({', '.join(runtimes)})" for c in configs]
    view = RunView(run_dir, side.run, side.samples)
    label = f"{side.run.run_id} {', '.join(configs)}"
    return Side(view, side.agent, label, run_dir / VIEW_DIR / "s")


def build_compare(pair: SidePair) -> ViewResult:
    """The side-by-side view, in the candidate's view folder (vs-<base>...). The links to
    full sample pages work once both runs' views are built."""
    base, cand = _side(pair.base_dir, pair.base), _side(pair.cand_dir, pair.cand)
    key = f"{pair.base_dir.resolve()}\0{pair.picks}"
    folder = pair.cand_dir / VIEW_DIR / file_name(f"vs-{pair.base.run.run_id}", key)
    (folder / "t").mkdir(parents=True, exist_ok=True)
    write_assets(pair.cand_dir / VIEW_DIR)
    pairs = pairs_by_task(base, cand)
    hrefs = {task: f"t/{file_name(task, task)}.html" for task in pairs}
    for task, ps in pairs.items():
        path = folder / hrefs[task]
        write_page(path, render_compare_task(base, cand, task, ps, path.parent))
    prompt = prompt_diff(pair.base.agent, pair.cand.agent)
    index = folder / "index.html"
    write_page(index, render_compare_index(base, cand, prompt, hrefs))
    return ViewResult(index, sum(len(ps) for ps in pairs.values()))
