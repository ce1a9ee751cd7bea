// eventwire page: events table, timeline, map and article view over the REST API.
// Every text from the database goes into the page through textContent / createTextNode: article
// text, titles, snippets and codes are data, never markup.
"use strict";

(function () {
  const PAGE = 50;
  const MAP_LIMIT = 1000;
  const KINDS = ["trigger", "actor", "target", "location", "date", "count", "source", "quote", "label"];
  const KIND_NAMES = { location: "place" };
  const SVG = "http://www.w3.org/2000/svg";
  const state = { offset: 0, total: 0, params: new URLSearchParams() };

  const $ = (id) => document.getElementById(id);

  function el(tag, text, cls) {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (cls) node.className = cls;
    return node;
  }

  function svg(tag, attrs) {
    const node = document.createElementNS(SVG, tag);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, String(v));
    return node;
  }

  function clear(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
  }

  function showError(message) {
    const box = $("error");
    box.textContent = message || "";
    box.hidden = !message;
  }

  async function getJSON(path, params) {
    const url = params && [...params].length ? path + "?" + params.toString() : path;
    const response = await fetch(url, { headers: { Accept: "application/json" } });
    const body = await response.json().catch(() => ({}));
    if (!response.ok) {
      const detail = Array.isArray(body.detail)
        ? body.detail.map((d) => (d.loc || []).slice(-1).join("") + ": " + d.msg).join("; ")
        : body.detail;
      throw new Error(detail || response.status + " " + response.statusText);
    }
    return body;
  }

  function filterParams() {
    const params = new URLSearchParams();
    for (const [key, value] of new FormData($("filters"))) {
      if (String(value).trim()) params.set(key, String(value).trim());
    }
    return params;
  }

  function withParams(extra) {
    const params = new URLSearchParams(state.params);
    for (const [k, v] of Object.entries(extra)) params.set(k, String(v));
    return params;
  }

  const get = (obj, ...path) => path.reduce((node, key) => (node && typeof node === "object" ? node[key] : null), obj);

  function what(e) {
    let text = get(e, "plover", "type") || "?";
    if (get(e, "plover", "mode")) text += "/" + e.plover.mode;
    if (get(e, "acled", "sub_event_type")) text += " (" + e.acled.sub_event_type + ")";
    if (e.modality && e.modality !== "happened") text += " [" + e.modality + "]";
    return text;
  }

  // -- table ------------------------------------------------------------------------------------

  function renderTable(data) {
    const body = $("events").tBodies[0];
    clear(body);
    for (const row of data.events) {
      const e = row.event;
      const tr = el("tr");
      tr.appendChild(el("td", get(e, "date", "value") || ""));
      tr.appendChild(el("td", get(e, "location", "name") || get(e, "location", "text") || ""));
      tr.appendChild(el("td", what(e)));
      tr.appendChild(el("td", (get(e, "actor", "text") || "?") + " → " + (get(e, "target", "text") || "–")));
      tr.appendChild(el("td", get(e, "fatalities", "best") ?? ""));
      tr.appendChild(el("td", row.title || row.article_id));
      tr.addEventListener("click", () => openArticle(row.article_id, row.seq, tr));
      body.appendChild(tr);
    }
    state.total = data.total;
    const last = Math.min(data.offset + data.events.length, data.total);
    $("page").textContent = data.total ? `${data.offset + 1}–${last} of ${data.total}` : "no events";
    $("summary").textContent = `${data.total} events`;
    $("prev").disabled = data.offset === 0;
    $("next").disabled = last >= data.total;
  }

  async function loadPage() {
    renderTable(await getJSON("/api/events", withParams({ limit: PAGE, offset: state.offset })));
  }

  // -- timeline ---------------------------------------------------------------------------------

  function renderTimeline(data) {
    const box = $("timeline");
    clear(box);
    const W = 600, H = 120, pad = 14;
    const days = data.days;
    $("timeline-note").textContent = data.not_a_day ? `(${data.not_a_day} without a day date)` : "";
    if (!days.length) return;
    const t = (d) => Date.parse(d + "T00:00:00Z") / 86400000;
    const first = t(days[0].date), lastDay = t(days[days.length - 1].date);
    const span = Math.max(lastDay - first, 1);
    const max = Math.max(...days.map((d) => d.count));
    const width = Math.max(W / (span + 1), 2);
    for (const d of days) {
      const h = ((H - pad) * d.count) / max;
      const x = days.length === 1 ? W / 2 - width / 2 : ((t(d.date) - first) / span) * (W - width);
      const bar = svg("rect", { x: x.toFixed(2), y: (H - pad - h).toFixed(2), width: width.toFixed(2), height: h.toFixed(2) });
      const tip = svg("title");
      tip.textContent = `${d.date}: ${d.count} event${d.count === 1 ? "" : "s"}`;
      bar.appendChild(tip);
      bar.addEventListener("click", () => {
        const form = $("filters");
        form.elements.since.value = d.date;
        form.elements.until.value = d.date;
        applyFilters();
      });
      box.appendChild(bar);
    }
    for (const [label, anchor, x] of [[days[0].date, "start", 2], [days[days.length - 1].date, "end", W - 2]]) {
      const text = svg("text", { x, y: H - 2, "font-size": 10, "text-anchor": anchor, fill: "#555" });
      text.textContent = label;
      box.appendChild(text);
    }
  }

  // -- map (plain longitude/latitude projection) --------------------------------------------------

  // Country outlines (world-atlas, vendored) as SVG paths: x = lon + 180, y = 90 - lat.
  function ringPath(ring) {
    return "M" + ring.map(([lon, lat]) => (lon + 180).toFixed(2) + "," + (90 - lat).toFixed(2)).join("L") + "Z";
  }

  async function loadOutlines() {
    const box = $("outlines");
    if (typeof topojson === "undefined") return;
    const topo = await getJSON("/static/vendor/countries-110m.json");
    for (const feature of topojson.feature(topo, topo.objects.countries).features) {
      const geom = feature.geometry;
      if (!geom) continue;
      const polygons = geom.type === "Polygon" ? [geom.coordinates] : geom.type === "MultiPolygon" ? geom.coordinates : [];
      const shape = svg("path", { d: polygons.map((rings) => rings.map(ringPath).join("")).join(""), class: "country" });
      const tip = svg("title");
      tip.textContent = (feature.properties && feature.properties.name) || "";
      shape.appendChild(tip);
      box.appendChild(shape);
    }
  }

  function renderMapFrame() {
    const box = $("map");
    clear(box);
    box.appendChild(svg("rect", { x: 0, y: 0, width: 360, height: 180, class: "sea" }));
    for (let lon = 30; lon < 360; lon += 30) box.appendChild(svg("line", { x1: lon, y1: 0, x2: lon, y2: 180, class: "grid" }));
    for (let lat = 30; lat < 180; lat += 30) box.appendChild(svg("line", { x1: 0, y1: lat, x2: 360, y2: lat, class: "grid" }));
    box.appendChild(svg("g", { id: "outlines" }));
    box.appendChild(svg("g", { id: "dots" }));
  }

  function renderMap(data) {
    const box = $("dots");
    clear(box);
    let shown = 0;
    for (const row of data.events) {
      const lat = get(row.event, "location", "lat"), lon = get(row.event, "location", "lon");
      if (typeof lat !== "number" || typeof lon !== "number") continue;
      const dot = svg("circle", { cx: (lon + 180).toFixed(3), cy: (90 - lat).toFixed(3), r: 2 });
      const tip = svg("title");
      tip.textContent = `${get(row.event, "location", "name") || ""}: ${what(row.event)} — ${row.title || row.article_id}`;
      dot.appendChild(tip);
      dot.addEventListener("click", () => openArticle(row.article_id, row.seq));
      box.appendChild(dot);
      shown += 1;
    }
    const more = data.total > data.events.length ? ` of the first ${data.events.length}` : "";
    $("map-note").textContent = `(${shown} placed events${more})`;
  }

  // -- article with its evidence ------------------------------------------------------------------

  // Cut the text at every span boundary; each piece carries the kinds (and events) covering it.
  function segments(text, spans) {
    const cuts = new Set([0, text.length]);
    for (const s of spans) { cuts.add(s.start); cuts.add(s.end); }
    const points = [...cuts].sort((a, b) => a - b);
    const pieces = [];
    for (let i = 0; i + 1 < points.length; i++) {
      const a = points[i], b = points[i + 1];
      const covering = spans.filter((s) => s.start <= a && s.end >= b);
      pieces.push({ text: text.slice(a, b), spans: covering });
    }
    return pieces;
  }

  function renderText(text, spans) {
    const box = $("art-text");
    clear(box);
    for (const piece of segments(text, spans)) {
      if (!piece.spans.length) {
        box.appendChild(document.createTextNode(piece.text));
        continue;
      }
      const mark = el("span", piece.text);
      mark.className = [...new Set(piece.spans.map((s) => "ev-" + s.kind))].join(" ");
      mark.dataset.events = [...new Set(piece.spans.map((s) => s.event).filter((n) => n !== null))].join(" ");
      mark.title = [...new Set(piece.spans.map((s) => KIND_NAMES[s.kind] || s.kind))].join(", ");
      box.appendChild(mark);
    }
  }

  function focusEvent(seq) {
    const box = $("art-text");
    box.classList.toggle("focusing", seq !== null);
    for (const mark of box.querySelectorAll("span")) {
      mark.classList.toggle("focus", seq !== null && mark.dataset.events.split(" ").includes(String(seq)));
    }
    for (const item of $("art-events").children) item.classList.toggle("focus", item.dataset.seq === String(seq));
  }

  function renderEvents(result) {
    const box = $("art-events");
    clear(box);
    (result.events || []).forEach((e, seq) => {
      const parts = [what(e), "“" + (get(e, "trigger", "text") || "") + "”"];
      if (get(e, "actor", "text")) parts.push("by " + e.actor.text);
      if (get(e, "target", "text")) parts.push("on " + e.target.text);
      if (get(e, "location", "name")) parts.push("in " + e.location.name);
      if (get(e, "date", "value")) parts.push("(" + e.date.value + ")");
      if (get(e, "fatalities", "best") !== null) parts.push(e.fatalities.best + " killed");
      const item = el("div", `#${seq} ` + parts.join(" "), "event");
      item.dataset.seq = String(seq);
      item.addEventListener("click", () => focusEvent(item.classList.contains("focus") ? null : seq));
      box.appendChild(item);
    });
  }

  async function openArticle(id, seq, row) {
    try {
      const art = await getJSON("/api/articles/" + encodeURIComponent(id));
      for (const tr of document.querySelectorAll("tbody tr.selected")) tr.classList.remove("selected");
      if (row) row.classList.add("selected");
      $("art-title").textContent = art.title || "(no title)";
      const meta = $("art-meta");
      clear(meta);
      meta.appendChild(document.createTextNode([art.outlet, art.published, art.id].filter(Boolean).join(" · ") + " "));
      if (art.url && /^https?:\/\//i.test(art.url)) {
        const link = el("a", "source");
        link.href = art.url;
        link.rel = "noopener noreferrer";
        meta.appendChild(link);
      }
      renderEvents(art.result);
      renderText(art.text, art.spans);
      $("article").hidden = false;
      focusEvent(seq === undefined ? null : seq);
      $("article").scrollIntoView({ block: "nearest" });
    } catch (err) {
      showError(err.message);
    }
  }

  function renderLegend() {
    const box = $("legend");
    clear(box);
    for (const kind of KINDS) box.appendChild(el("span", KIND_NAMES[kind] || kind, "ev-" + kind));
  }

  // -- filters ----------------------------------------------------------------------------------

  async function loadTypes() {
    const data = await getJSON("/api/stats/types");
    const select = $("filters").elements.type;
    for (const t of data.types) {
      if (t.type === "(none)") continue;
      const option = el("option", `${t.type} (${t.count})`);
      option.value = t.type;
      select.appendChild(option);
    }
  }

  async function applyFilters() {
    state.params = filterParams();
    state.offset = 0;
    showError("");
    try {
      const [page, daily, map] = await Promise.all([
        getJSON("/api/events", withParams({ limit: PAGE, offset: 0 })),
        getJSON("/api/stats/daily", state.params),
        getJSON("/api/events", withParams({ limit: MAP_LIMIT, offset: 0 })),
      ]);
      renderTable(page);
      renderTimeline(daily);
      renderMap(map);
    } catch (err) {
      showError(err.message);
    }
  }

  function turn(delta) {
    state.offset = Math.max(0, Math.min(state.offset + delta, Math.max(state.total - 1, 0)));
    loadPage().catch((err) => showError(err.message));
  }

  document.addEventListener("DOMContentLoaded", () => {
    renderLegend();
    renderMapFrame();
    loadOutlines().catch((err) => showError("map outlines: " + err.message));
    $("filters").addEventListener("submit", (event) => { event.preventDefault(); applyFilters(); });
    $("filters").addEventListener("reset", () => setTimeout(applyFilters, 0));
    $("prev").addEventListener("click", () => turn(-PAGE));
    $("next").addEventListener("click", () => turn(PAGE));
    $("close").addEventListener("click", () => { $("article").hidden = true; });
    loadTypes().catch((err) => showError(err.message));
    applyFilters();
  });
})();
