"""The viewer's own stylesheet and script, written beside the pages as files (the pages'
Content-Security-Policy allows no inline script or style). The script only ever puts data
into the page with textContent, and links only to the sample pages it was given."""

CSS = """
body{font-family:system-ui,sans-serif;margin:1.5rem;color:#222;max-width:1400px}
h1{font-size:1.4rem;margin:.3rem 0} h2{font-size:1.1rem;margin:1.4rem 0 .4rem;
 border-bottom:1px solid #ddd} h2 small,small{color:#666;font-weight:normal}
nav{font-size:.85rem;margin-bottom:.5rem}
table{border-collapse:collapse;margin:.5rem 0;font-size:.82rem}
th,td{border:1px solid #ddd;padding:.2rem .45rem;text-align:left;vertical-align:top}
th{background:#f4f4f4;position:sticky;top:0}
pre{white-space:pre-wrap;overflow-wrap:anywhere;margin:.2rem 0;font-size:.78rem;
 background:#f8f8f8;padding:.3rem .45rem;max-height:40rem;overflow:auto}
td pre{max-height:14rem;margin:0}
.badge{display:inline-block;border-radius:3px;padding:0 .35rem;font-size:.75rem;
 font-weight:600;color:#fff;background:#777}
.badge.ok{background:#2e7d32}.badge.bad{background:#c62828}.badge.warn{background:#ef6c00}
.badge.info{background:#1565c0}.badge.crit{background:#6a1b9a}
.warn{color:#8a4b00}.muted{color:#777}
.kv{display:grid;grid-template-columns:9rem 1fr;gap:.15rem .8rem;font-size:.88rem}
.kv dt{color:#666}.kv dd{margin:0}
.turn,.call,.result,.user,.end{border-left:3px solid #ccc;margin:.5rem 0;padding-left:.6rem}
.turn{border-color:#1565c0}.call{border-color:#90caf9;margin-left:1rem}
.result{border-color:#a5d6a7;margin-left:1rem}.result.error{border-color:#c62828}
.result.error pre{background:#fdecea}.end{border-color:#555}
.meta{font-size:.82rem;margin:.15rem 0}.arg .key{font-size:.75rem;color:#555}
.said pre{background:#eef4fb}
pre.diff span{display:block}.add{background:#e6f4ea}.del{background:#fdecea}
.hunk{color:#6a1b9a}.ctx{color:#444}
details{margin:.2rem 0}summary{cursor:pointer}
.filters{display:flex;gap:.8rem;flex-wrap:wrap;align-items:center;font-size:.85rem;
 margin:.5rem 0}
.pair{display:grid;grid-template-columns:1fr 1fr;gap:1rem}
.pair>div{min-width:0}
svg text{font-size:11px;font-family:system-ui,sans-serif}
figure{margin:1rem 0} figure img{max-width:100%;height:auto} figcaption{font-size:.85rem}
.delta-neg{color:#c62828;font-weight:600}.delta-pos{color:#2e7d32;font-weight:600}
"""

JS = r"""
(function () {
  "use strict";
  var body = document.body;
  var start = performance.now();
  var data = window.ARCHBENCH_SAMPLES;
  var target = document.getElementById("samples-body");
  var PAGE = 500;
  var SAFE_HREF = /^s\/[A-Za-z0-9._-]+\.html$/;

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    if (cls) { e.className = cls; }
    return e;
  }

  function fillSelect(id, values) {
    var select = document.getElementById(id);
    if (!select) { return; }
    values.slice().sort().forEach(function (v) {
      var o = el("option", v);
      o.value = v;
      select.appendChild(o);
    });
  }

  function distinct(col) {
    var seen = {};
    data.rows.forEach(function (r) { seen[r[col]] = true; });
    return Object.keys(seen);
  }

  function value(id) {
    var e = document.getElementById(id);
    return e ? e.value : "";
  }

  function matches(r, f) {
    var c = data.columns;
    if (f.status && r[c.status] !== f.status) { return false; }
    if (f.agent && r[c.agent] !== f.agent) { return false; }
    if (f.model && r[c.model] !== f.model) { return false; }
    if (f.runtime && r[c.runtime] !== f.runtime) { return false; }
    if (f.task && r[c.task].indexOf(f.task) < 0) { return false; }
    if (f.failed && !r[c.failed]) { return false; }
    return true;
  }

  function row(r) {
    var c = data.columns;
    var tr = el("tr");
    var link = el("a", r[c.task]);
    if (SAFE_HREF.test(r[c.href])) { link.setAttribute("href", r[c.href]); }
    var first = el("td");
    first.appendChild(link);
    tr.appendChild(first);
    data.shown.forEach(function (name) {
      var cell = el("td", r[c[name]]);
      if (name === "status" && r[c.failed]) { cell.className = "warn"; }
      tr.appendChild(cell);
    });
    return tr;
  }

  function render(limit) {
    var f = {
      status: value("f-status"), agent: value("f-agent"), model: value("f-model"),
      runtime: value("f-runtime"), task: value("f-task"),
      failed: document.getElementById("f-failed").checked
    };
    var hits = data.rows.filter(function (r) { return matches(r, f); });
    var frag = document.createDocumentFragment();
    hits.slice(0, limit).forEach(function (r) { frag.appendChild(row(r)); });
    target.replaceChildren(frag);
    var more = document.getElementById("more");
    var count = document.getElementById("count");
    count.textContent = hits.length + " of " + data.rows.length + " samples";
    more.hidden = hits.length <= limit;
    more.textContent = "show all " + hits.length;
    body.setAttribute("data-rows", String(Math.min(limit, hits.length)));
  }

  function fromHash() {
    var m = /^#task=(.*)$/.exec(window.location.hash);
    var task = document.getElementById("f-task");
    if (m && task) { task.value = decodeURIComponent(m[1]); }
  }

  if (target && data) {
    fillSelect("f-status", distinct(data.columns.status));
    fillSelect("f-agent", distinct(data.columns.agent));
    fillSelect("f-model", distinct(data.columns.model));
    fillSelect("f-runtime", distinct(data.columns.runtime));
    fromHash();
    ["f-status", "f-agent", "f-model", "f-runtime", "f-task", "f-failed"].forEach(function (id) {
      var e = document.getElementById(id);
      if (e) {
        e.addEventListener("input", function () { render(PAGE); });
        e.addEventListener("change", function () { render(PAGE); });
      }
    });
    window.addEventListener("hashchange", function () { fromHash(); render(PAGE); });
    document.getElementById("more").addEventListener("click", function () {
      render(data.rows.length);
    });
    render(PAGE);
  }
  body.setAttribute("data-render-ms", String(Math.round(performance.now() - start)));
  body.setAttribute("data-load-ms", String(Math.round(performance.now())));
  body.setAttribute("data-rendered", "ok");
})();
"""
