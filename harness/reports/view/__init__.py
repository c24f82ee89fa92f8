"""The viewer: a static site in a run folder that shows why each sample scored what it did
(conversation, workspace diff, every check), and a side-by-side view of two configurations.

Everything it shows is untrusted (the agent wrote the files, the tool output, the app log):
it is escaped, capped, and the pages allow no script but the viewer's own. Modules: records
(reading a run), tarread (workspace.tar, hostile), workspace (diffs), html/conversation/checks/
diff_html (rendering), sample_page/index_page/compare_page (pages), site (writing them).
"""

from harness.reports.view.site import Picks, ViewResult, build_compare, build_view, load_pair

__all__ = ["Picks", "ViewResult", "build_compare", "build_view", "load_pair"]
