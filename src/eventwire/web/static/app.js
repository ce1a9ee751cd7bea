// eventwire page: events and incidents tables, timeline, map, incident and article views over the REST API.
// Every text from the database goes into the page through textContent / createTextNode: article
// text, titles, snippets and codes are data, never markup.
"use strict";

(function () {
  const PAGE = 50;
  const INC_PAGE = 20;
  const MAP_LIMIT = 5000;
  const KINDS = ["trigger", "actor", "target", "location", "date", "count", "source", "quote", "label"];
  const KIND_NAMES = { location: "place" };
  const SVG = "http://www.w3.org/2000/svg";
  const state = { offset: 0, total: 0, incOffset: 0, incTotal: 0, params: new URLSearchParams() };

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

  // -- incidents table ----------------------------------------------------------------------------

  function dates(first, last) {
    if (!first) return "undated";
    return last && last !== first ? first + " – " + last : first;
  }

  function killed(range) {
    if (!Array.isArray(range)) return "";
    return range[0] === range[1] ? String(range[0]) : range[0] + "–" + range[1];
  }

  function renderIncidents(data) {
    const body = $("incidents").tBodies[0];
    clear(body);
    for (const inc of data.incidents) {
      const tr = el("tr");
      tr.dataset.id = inc.id;
      tr.appendChild(el("td", dates(inc.first_date, inc.last_date)));
      tr.appendChild(el("td", inc.plover_type || "?"));
      tr.appendChild(el("td", [inc.place, inc.country].filter(Boolean).join(" ")));
      tr.appendChild(el("td", inc.articles, "sources"));
      tr.appendChild(el("td", killed(inc.fatalities_range)));
      tr.appendChild(el("td", inc.disagree.join(", "), inc.disagree.length ? "differs" : ""));
      tr.appendChild(el("td", inc.title || inc.id));
      tr.addEventListener("click", () => openIncident(inc.id, tr));
      body.appendChild(tr);
    }
    state.incTotal = data.total;
    const last = Math.min(data.offset + data.incidents.length, data.total);
    $("inc-page").textContent = data.total ? `${data.offset + 1}–${last} of ${data.total}` : "no incidents";
    $("inc-prev").disabled = data.offset === 0;
    $("inc-next").disabled = last >= data.total;
  }

  async function loadIncidents() {
    renderIncidents(await getJSON("/api/incidents", withParams({ limit: INC_PAGE, offset: state.incOffset })));
  }

  // -- timeline ---------------------------------------------------------------------------------

  function renderDays(data) {
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

  // Points come as short arrays (/api/events/points): [lat, lon, article_id, seq, date, type, country].
  function renderMap(data) {
    const box = $("dots");
    clear(box);
    for (const [lat, lon, articleId, seq, date, type, country] of data.points) {
      const dot = svg("circle", { cx: (lon + 180).toFixed(3), cy: (90 - lat).toFixed(3), r: 2 });
      const tip = svg("title");
      tip.textContent = [date || "undated", type || "?", country || ""].join(" · ");
      dot.appendChild(tip);
      dot.addEventListener("click", () => openArticle(articleId, seq));
      box.appendChild(dot);
    }
    $("map-note").textContent = `(${data.points.length}${data.more ? " first" : ""} placed events)`;
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

  // -- one incident: sources, timeline, disagreements ---------------------------------------------

  function linkButton(text, onClick) {
    const button = el("button", text, "link");
    button.type = "button";
    button.addEventListener("click", onClick);
    return button;
  }

  function renderSources(inc, names) {
    const box = $("inc-sources");
    clear(box);
    for (const s of inc.sources) {
      const item = el("li");
      item.dataset.article = s.article_id;
      item.appendChild(linkButton(s.title || s.article_id, () => openArticle(s.article_id)));
      item.appendChild(document.createTextNode(" · " + [s.outlet, s.published].filter(Boolean).join(" · ")));
      if (s.joined) {
        const why = `joined with ${names[s.joined.joined] || s.joined.joined} (score ${s.joined.score}` +
          (s.joined.shared && s.joined.shared.length ? "; shared: " + s.joined.shared.slice(0, 4).join(", ") : "") + ")";
        item.appendChild(el("div", why, "why"));
      }
      box.appendChild(item);
    }
  }

  function renderTimeline(inc, names) {
    const box = $("inc-timeline");
    clear(box);
    const d = inc.disagreements;
    const datesDiffer = new Set(d.dates.map((x) => x.article_id));
    const killedDiffer = new Set(d.fatalities.map((r) => r.best)).size > 1;
    for (const r of inc.timeline) {
      const item = el("li");
      item.dataset.article = r.article_id;
      const e = r.event;
      const when = e ? (e.date || "?") + (e.date_inferred ? "*" : "") : r.published || "?";
      item.appendChild(el("span", when + " ", datesDiffer.has(r.article_id) ? "when differs" : "when"));
      item.appendChild(el("span", (names[r.article_id] || r.article_id) + ": ", "who"));
      if (!e) {
        item.appendChild(document.createTextNode("no event coded"));
      } else {
        item.appendChild(document.createTextNode(`${e.type || "?"}${e.mode ? "/" + e.mode : ""} “${e.trigger || ""}”`));
        const bits = [e.place && "in " + e.place, e.actor && "by " + e.actor].filter(Boolean);
        if (bits.length) item.appendChild(document.createTextNode(" " + bits.join(", ")));
        if (e.fatalities) item.appendChild(el("span", ` ${e.fatalities.best} killed`, killedDiffer ? "differs" : ""));
        if (e.injured) item.appendChild(document.createTextNode(`, ${e.injured.best} injured`));
      }
      box.appendChild(item);
    }
  }

  function renderDisagreements(inc, names) {
    const box = $("inc-disagreements");
    clear(box);
    const d = inc.disagreements;
    const who = (id) => names[id] || id;
    for (const [key, word] of [["fatalities", "killed"], ["injured", "injured"]]) {
      if (new Set(d[key].map((r) => r.best)).size < 2) continue;
      const item = el("li", word + ": ");
      item.dataset.kind = key;
      d[key].forEach((r, i) => {
        if (i) item.appendChild(document.createTextNode("; "));
        item.appendChild(el("span", String(r.best), "differs"));
        item.appendChild(document.createTextNode(` (“${r.text}”, ${who(r.article_id)})`));
      });
      box.appendChild(item);
    }
    for (const [key, word] of [["dates", "dates"], ["actors", "actors"]]) {
      if (!d[key].length) continue;
      const item = el("li", word + ": " + d[key].map((x) => `${x.value} (${who(x.article_id)})`).join("; "));
      item.dataset.kind = key;
      box.appendChild(item);
    }
    if (!box.children.length) box.appendChild(el("li", "none: the sources agree on what they both report", "muted"));
  }

  async function openIncident(id, row) {
    try {
      const inc = await getJSON("/api/incidents/" + encodeURIComponent(id));
      for (const tr of document.querySelectorAll("#incidents tbody tr.selected")) tr.classList.remove("selected");
      if (row) row.classList.add("selected");
      const names = {};
      for (const s of inc.sources) names[s.article_id] = s.outlet || s.title || s.article_id;
      $("inc-title").textContent = inc.title || inc.id;
      $("inc-meta").textContent = [inc.plover_type, [inc.place, inc.country].filter(Boolean).join(" "),
        dates(inc.first_date, inc.last_date), `${inc.articles} source${inc.articles === 1 ? "" : "s"}`, inc.id]
        .filter(Boolean).join(" · ");
      renderSources(inc, names);
      renderTimeline(inc, names);
      renderDisagreements(inc, names);
      const section = $("incident");
      section.dataset.id = inc.id;
      section.hidden = false;
      section.scrollIntoView({ block: "nearest" });
    } catch (err) {
      showError(err.message);
    }
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
      const incident = $("art-incident");
      clear(incident);
      incident.hidden = !art.incident;
      if (art.incident) {
        incident.appendChild(document.createTextNode("part of incident "));
        incident.appendChild(linkButton(art.incident, () => openIncident(art.incident)));
      }
      renderEvents(art.result);
      renderText(art.text, art.spans);
      $("article").dataset.id = art.id;
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
    const select = $("filters").elements.type;
    for (const [scheme, label] of [["plover", "PLOVER"], ["acled", "ACLED"]]) {
      const data = await getJSON("/api/stats/types", new URLSearchParams({ scheme }));
      const group = el("optgroup");
      group.label = label;
      for (const t of data.types) {
        if (t.type === "(none)") continue;
        const option = el("option", `${t.type} (${t.count})`);
        option.value = t.type;
        group.appendChild(option);
      }
      select.appendChild(group);
    }
  }

  async function applyFilters() {
    state.params = filterParams();
    state.offset = 0;
    state.incOffset = 0;
    showError("");
    document.body.classList.add("loading");
    try {
      const [page, daily, map, incidents] = await Promise.all([
        getJSON("/api/events", withParams({ limit: PAGE, offset: 0 })),
        getJSON("/api/stats/daily", state.params),
        getJSON("/api/events/points", withParams({ limit: MAP_LIMIT })),
        getJSON("/api/incidents", withParams({ limit: INC_PAGE, offset: 0 })),
      ]);
      renderTable(page);
      renderDays(daily);
      renderMap(map);
      renderIncidents(incidents);
    } catch (err) {
      showError(err.message);
    } finally {
      document.body.classList.remove("loading");
      document.body.dataset.query = state.params.toString();
    }
  }

  function turn(delta) {
    state.offset = Math.max(0, Math.min(state.offset + delta, Math.max(state.total - 1, 0)));
    loadPage().catch((err) => showError(err.message));
  }

  function turnIncidents(delta) {
    state.incOffset = Math.max(0, Math.min(state.incOffset + delta, Math.max(state.incTotal - 1, 0)));
    loadIncidents().catch((err) => showError(err.message));
  }

  document.addEventListener("DOMContentLoaded", () => {
    renderLegend();
    renderMapFrame();
    loadOutlines().catch((err) => showError("map outlines: " + err.message));
    $("filters").addEventListener("submit", (event) => { event.preventDefault(); applyFilters(); });
    $("filters").addEventListener("reset", () => setTimeout(applyFilters, 0));
    $("prev").addEventListener("click", () => turn(-PAGE));
    $("next").addEventListener("click", () => turn(PAGE));
    $("inc-prev").addEventListener("click", () => turnIncidents(-INC_PAGE));
    $("inc-next").addEventListener("click", () => turnIncidents(INC_PAGE));
    $("close").addEventListener("click", () => { $("article").hidden = true; });
    $("inc-close").addEventListener("click", () => { $("incident").hidden = true; });
    loadTypes().catch((err) => showError(err.message));
    applyFilters();
  });
})();
