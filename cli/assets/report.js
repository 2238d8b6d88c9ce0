// antipasta's report page: everything is drawn from the snapshot embedded above (no network,
// no library). A squarified treemap, the worst functions, a file's detail, the baseline diff,
// and each metric's distribution against its threshold.
(function () {
  "use strict";
  const started = performance.now();
  const data = JSON.parse(document.getElementById("data").textContent);
  const snap = data.snapshot;
  const baseline = data.baseline;
  const files = snap.files;
  const thresholds = snap.thresholds || {};
  const el = (tag, attrs, ...children) => {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k === "class") e.className = v; else if (k === "text") e.textContent = v; else e.setAttribute(k, v);
    }
    for (const c of children) e.append(c);
    return e;
  };
  const fmt = (v) => v === undefined || v === null ? "-" : (Number.isInteger(v) ? String(v) : v.toFixed(2));
  const title = (m) => m.replace(/_/g, " ");

  // How bad a value is against its metric's threshold: under 1 passes, over 1 fails.
  function ratio(metric, value) {
    const t = thresholds[metric];
    if (!t || value === undefined || value === null) return null;
    if (t.direction === "min") return value <= 0 ? 2 : t.threshold / value;
    return t.threshold <= 0 ? (value > 0 ? 2 : 0) : value / t.threshold;
  }
  function colour(r) {
    if (r === null) return "#d8d8d8";
    if (r <= 0.5) return "#7cc47f";
    if (r <= 0.8) return "#c3d86b";
    if (r <= 1.0) return "#f0c45a";
    if (r <= 1.5) return "#ec8a4f";
    return "#d64545";
  }

  // Header and tiles.
  document.getElementById("root").textContent = snap.root;
  document.getElementById("meta").textContent =
    `${snap.generated_at} · antipasta ${snap.tool_version} · schema ${snap.schema_version}`;
  const functions = [];
  files.forEach((f, i) => {
    for (const [name, line, c1, c2] of f.functions || []) {
      const cyc = c1 === null ? undefined : c1, cog = c2 === null ? undefined : c2;
      const values = [cyc, cog].filter((v) => v !== undefined);
      if (!values.length) continue;
      const violating = (f.violations || []).some((v) => v.function === name);
      functions.push({ name, line, path: f.path, file: i, cyc, cog, score: Math.max(...values), violating });
    }
  });
  functions.sort((a, b) => b.score - a.score || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0) || (a.name < b.name ? -1 : 1));
  const tile = (label, value, cls) => el("div", { class: "tile " + (cls || "") }, el("b", { text: String(value) }), label);
  const s = snap.summary;
  document.getElementById("tiles").append(
    tile("files", s.total_files), tile("violations", s.total_violations, s.total_violations ? "worse" : "better"),
    tile("files with violations", s.files_with_violations), tile("functions", functions.length),
    tile("worst score", functions.length ? functions[0].score : "-"));

  // The treemap.
  const nodes = new Map(snap.treemap.map((n) => [n.id, Object.assign({ children: [] }, n)]));
  for (const n of nodes.values()) if (n.parent !== null && nodes.has(n.parent)) nodes.get(n.parent).children.push(n);
  const size = (n) => n.file_index !== undefined ? n.value : (n.aggregate ? n.aggregate.value : 0);
  const map = document.getElementById("treemap");
  const select = document.getElementById("metric");
  const metrics = ["cyclomatic_complexity", "cognitive_complexity", "maintainability_index",
    "halstead_volume", "halstead_difficulty", "halstead_effort"].filter((m) => thresholds[m]);
  for (const m of metrics) select.append(el("option", { value: m, text: title(m) }));
  function worstAspect(areas, sum, side) {
    let max = -Infinity, min = Infinity;
    for (const a of areas) { max = Math.max(max, a); min = Math.min(min, a); }
    const s2 = side * side, sum2 = sum * sum;
    return Math.max((s2 * max) / sum2, sum2 / (s2 * min));
  }
  // Squarified layout (Bruls, Huizing, van Wijk): rows along the shorter side, each row kept
  // while adding an item does not worsen its worst aspect ratio.
  function squarify(items, x, y, w, h, out) {
    items = items.filter((n) => size(n) > 0).sort((a, b) => size(b) - size(a));
    const total = items.reduce((t, n) => t + size(n), 0);
    if (!total) return;
    // A directory too small to show its files still holds them: every file has a cell.
    w = Math.max(w, 0.5); h = Math.max(h, 0.5);
    const scale = (w * h) / total;
    let i = 0;
    while (i < items.length) {
      const side = Math.min(w, h);
      let row = [items[i]], areas = [size(items[i]) * scale], sum = areas[0];
      let best = worstAspect(areas, sum, side), j = i + 1;
      while (j < items.length) {
        const a = size(items[j]) * scale;
        const next = worstAspect(areas.concat([a]), sum + a, side);
        if (next > best) break;
        row.push(items[j]); areas.push(a); sum += a; best = next; j++;
      }
      const thick = sum / side;
      let offset = 0;
      row.forEach((n, k) => {
        const len = areas[k] / thick;
        if (w >= h) out.push([n, x, y + offset, thick, len]); else out.push([n, x + offset, y, len, thick]);
        offset += len;
      });
      if (w >= h) { x += thick; w -= thick; } else { y += thick; h -= thick; }
      i = j;
    }
  }
  function drawTree(node, x, y, w, h) {
    const placed = [];
    squarify(node.children, x, y, w, h, placed);
    for (const [n, nx, ny, nw, nh] of placed) {
      if (n.file_index !== undefined) {
        const f = files[n.file_index];
        const cell = el("div", { class: "cell", "data-path": f.path, "data-index": String(n.file_index), title: `${f.path}: ${fmt(n.value)} lines` });
        Object.assign(cell.style, { left: nx + "px", top: ny + "px", width: nw + "px", height: nh + "px" });
        if (nw > 40 && nh > 14) cell.append(el("div", { class: "label", text: n.label }));
        const nv = (f.violations || []).length;
        if (nv && nw > 16 && nh > 12) cell.append(el("span", { class: "badge", text: String(nv) }));
        cell.addEventListener("click", () => showFile(n.file_index));
        map.append(cell);
      } else {
        const pad = nh > 30 && nw > 30 ? 12 : 0;
        const box = el("div", { class: "dir", "data-dir": n.id, title: n.id });
        Object.assign(box.style, { left: nx + "px", top: ny + "px", width: nw + "px", height: nh + "px" });
        if (pad) box.append(el("div", { class: "dlabel", text: n.label }));
        map.append(box);
        const border = nw > 4 && nh > 4 ? 1 : 0;
        drawTree(n, nx + border, ny + pad, nw - 2 * border, nh - pad - border);
      }
    }
  }
  function recolour() {
    const m = select.value;
    for (const cell of map.querySelectorAll(".cell")) {
      const f = files[Number(cell.dataset.index)];
      const r = ratio(m, f.metrics ? f.metrics[m] : undefined);
      cell.style.background = colour(r);
      cell.dataset.ratio = r === null ? "" : r.toFixed(3);
    }
  }
  const root = nodes.get(".");
  if (root) drawTree(root, 0, 0, map.clientWidth, map.clientHeight);
  select.addEventListener("change", recolour);
  recolour();

  // The worst functions, sortable and searchable.
  const worst = document.querySelector("#worst tbody");
  let sortKey = "score", ascending = false;
  function renderWorst() {
    const q = document.getElementById("search").value.toLowerCase();
    let rows = functions.map((f, i) => Object.assign({ rank: i + 1, location: `${f.path}:${f.line}` }, f))
      .filter((f) => !q || f.name.toLowerCase().includes(q) || f.path.toLowerCase().includes(q));
    const key = sortKey;
    rows.sort((a, b) => {
      const av = a[key] === undefined ? -Infinity : a[key], bv = b[key] === undefined ? -Infinity : b[key];
      const c = av < bv ? -1 : av > bv ? 1 : a.rank - b.rank;
      return ascending ? c : (av === bv ? c : -c);
    });
    worst.replaceChildren(...rows.slice(0, 50).map((f) => {
      const over = (m, v) => { const r = ratio(m, v); return r !== null && r > 1 ? "num over" : "num"; };
      const tr = el("tr", { "data-path": f.path, "data-name": f.name },
        el("td", { class: "num", text: String(f.rank) }), el("td", { class: "num", text: fmt(f.score) }),
        el("td", { class: over("cyclomatic_complexity", f.cyc), text: fmt(f.cyc) }),
        el("td", { class: over("cognitive_complexity", f.cog), text: fmt(f.cog) }),
        el("td", { text: f.name }), el("td", { text: f.location }));
      tr.addEventListener("click", () => showFile(f.file, f.name));
      return tr;
    }));
    for (const th of document.querySelectorAll("#worst th")) {
      th.classList.toggle("sorted", th.dataset.key === sortKey);
      th.classList.toggle("asc", th.dataset.key === sortKey && ascending);
    }
  }
  for (const th of document.querySelectorAll("#worst th")) {
    th.addEventListener("click", () => {
      if (sortKey === th.dataset.key) ascending = !ascending; else { sortKey = th.dataset.key; ascending = th.dataset.key === "name" || th.dataset.key === "location" || th.dataset.key === "rank"; }
      renderWorst();
    });
  }
  document.getElementById("search").addEventListener("input", renderWorst);
  renderWorst();

  // A file's detail.
  function showFile(index, focus) {
    const f = files[index];
    for (const c of map.querySelectorAll(".cell.selected")) c.classList.remove("selected");
    const cell = map.querySelector(`.cell[data-path="${CSS.escape(f.path)}"]`);
    if (cell) cell.classList.add("selected");
    const detail = document.getElementById("detail");
    const metricRows = Object.entries(f.metrics || {}).map(([m, v]) => {
      const r = ratio(m, v);
      return el("tr", {}, el("td", { text: title(m) }), el("td", { class: r !== null && r > 1 ? "num over" : "num", text: fmt(v) }));
    });
    const fnRows = (f.functions || []).map(([name, line, cyc, cog]) => el("tr", { class: name === focus ? "selected" : "" },
      el("td", { text: name }), el("td", { class: "num", text: String(line) }),
      el("td", { class: "num", text: fmt(cyc) }), el("td", { class: "num", text: fmt(cog) })));
    detail.replaceChildren(
      el("h3", { text: f.path, "data-file": f.path }),
      f.error ? el("p", { class: "violation", text: "error: " + f.error }) : "",
      el("table", {}, el("tbody", {}, ...metricRows)),
      el("table", {}, el("thead", {}, el("tr", {}, el("th", { text: "function" }), el("th", { text: "line" }),
        el("th", { text: "cyc" }), el("th", { text: "cog" }))), el("tbody", {}, ...fnRows)),
      ...(f.violations || []).map((v) => el("p", { class: "violation", text: v.message })));
  }

  // The baseline diff.
  if (baseline) {
    document.getElementById("baseline").hidden = false;
    document.getElementById("baseline-label").textContent =
      `${baseline.label} (${baseline.generated_at || "?"}, antipasta ${baseline.tool_version || "?"})`;
    document.getElementById("baseline-tiles").append(
      tile("new violations", baseline.violations_added, baseline.violations_added ? "worse" : ""),
      tile("resolved violations", baseline.violations_removed, baseline.violations_removed ? "better" : ""),
      tile("regressed functions", baseline.regressions.length, baseline.regressions.length ? "worse" : ""),
      tile("improved functions", baseline.improvements.length, baseline.improvements.length ? "better" : ""),
      tile("files added / removed", `${baseline.files_added.length} / ${baseline.files_removed.length}`));
    const fill = (id, rows, cls) => document.querySelector(`#${id} tbody`).replaceChildren(...rows.map((r) => {
      const tr = el("tr", { class: cls, "data-name": r.name, "data-path": r.path },
        el("td", { class: "num", text: (r.score_delta > 0 ? "+" : "") + fmt(r.score_delta) + (r.new_violation ? " *" : "") }),
        el("td", { class: "num", text: fmt(r.old_score) }), el("td", { class: "num", text: fmt(r.new_score) }),
        el("td", { text: r.name }), el("td", { text: r.line ? `${r.path}:${r.line}` : r.path }));
      const i = files.findIndex((f) => f.path === r.path);
      if (i >= 0) tr.addEventListener("click", () => showFile(i, r.name));
      return tr;
    }));
    fill("regressions", baseline.regressions, "regression");
    fill("improvements", baseline.improvements, "improvement");
  }

  // Each thresholded metric's values (per function for the complexities, per file for the
  // others) in twenty bins, with the threshold marked.
  const dists = document.getElementById("distributions");
  for (const m of metrics) {
    const perFunction = m === "cyclomatic_complexity" || m === "cognitive_complexity";
    const values = perFunction
      ? functions.map((f) => (m === "cyclomatic_complexity" ? f.cyc : f.cog)).filter((v) => v !== undefined)
      : files.map((f) => f.metrics && f.metrics[m]).filter((v) => typeof v === "number");
    if (!values.length) continue;
    const t = thresholds[m].threshold;
    const hi = Math.max(t * 1.5, ...values), bins = new Array(20).fill(0);
    for (const v of values) bins[Math.min(19, Math.floor((v / hi) * 20))]++;
    const top = Math.max(...bins);
    const bars = el("div", { class: "bars" }, ...bins.map((b, i) => {
      const lo = (i / 20) * hi;
      const over = thresholds[m].direction === "min" ? lo < t : lo >= t;
      const bar = el("div", { class: "bar" + (over ? " over" : ""), title: `${b} ${perFunction ? "functions" : "files"} from ${fmt(lo)}` });
      bar.style.height = (b ? Math.max(2, (b / top) * 100) : 0) + "%";
      return bar;
    }));
    const mark = el("div", { class: "thr", title: `threshold ${t}` });
    mark.style.left = Math.min(100, (t / hi) * 100) + "%";
    bars.append(mark);
    const failing = values.filter((v) => ratio(m, v) > 1).length;
    dists.append(el("div", { class: "dist", "data-metric": m }, el("h3", { text: title(m) }), bars,
      el("p", { class: "hint", text: `${values.length} ${perFunction ? "functions" : "files"}, ${failing} ${thresholds[m].direction === "min" ? "below" : "above"} ${t}` })));
  }
  document.body.dataset.renderMs = (performance.now() - started).toFixed(1);
  document.body.dataset.ready = "1";
})();
