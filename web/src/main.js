// durand's dashboard: one set of filters, kept in the URL, drives the map,
// the timeline, the actor network and the event table; a row or a map
// circle opens the event with its evidence highlighted in the sentences it
// came from. The escalation view reads the same filters: pick two sides and
// it shows who answers whom, the event study and the excitation matrix.
import * as maplibregl from "maplibre-gl";
import uPlot from "uplot";
import cytoscape from "cytoscape";
import { refreshEscalation, sideOptions } from "./escalation.js";

// Colours by PLOVER type (ColorBrewer-like, distinct on a light map).
const TYPE_COLOURS = {
  ASSAULT: "#d62728", FIGHT: "#ff7f0e", COERCE: "#8c564b", SEIZE: "#e377c2", THREATEN: "#9467bd",
  ACCUSE: "#7f7f7f", PROTEST: "#17becf", SANCTION: "#bcbd22", MOBILIZE: "#2ca02c", AGREE: "#1f77b4",
  CONSULT: "#aec7e8", SUPPORT: "#98df8a", COOPERATE: "#c5b0d5", AID: "#c49c94", RETREAT: "#dbdb8d",
  REQUEST: "#9edae5", REJECT: "#f7b6d2", CONCEDE: "#c7c7c7", OTHER: "#555555",
};
// Only own keys: a type named "constructor" must not reach Object's.
const colour = (t) => (Object.hasOwn(TYPE_COLOURS, t) ? TYPE_COLOURS[t] : "#555555");
const FILTERS = ["from", "to", "actor", "type", "dataset", "text", "min_confidence"];
const MAP_LIMIT = 5000; // markers: /api/points, no bodies
const TABLE_LIMIT = 200; // rows: /api/events, whole events (a page of 1,000 cost five times the server time)

// Test hooks: the browser test reads what was drawn from here.
const state = (window.durand = { mapReady: false, polygons: 0, markers: 0, rows: 0, loads: 0, detail: null,
  rendered: (layer) => (map.getLayer(layer) ? map.queryRenderedFeatures({ layers: [layer] }).length : 0) });

const form = document.getElementById("filters");
const sides = document.getElementById("sides");
// SIDE_PARAMS are the escalation view's own settings, kept in the URL too.
const SIDE_PARAMS = ["a", "b", "coarsest"];
let view = new URLSearchParams(location.search).get("view") === "escalation" ? "escalation" : "events";

function filtersFromURL() {
  const p = new URLSearchParams(location.search);
  for (const k of FILTERS) if (form.elements[k]) form.elements[k].value = p.get(k) || "";
}

function currentFilters() {
  const p = new URLSearchParams();
  for (const k of FILTERS) {
    const v = (form.elements[k].value || "").trim();
    if (v) p.set(k, v);
  }
  return p;
}

async function api(path, params) {
  const url = params ? `${path}?${params}` : path;
  const r = await fetch(url);
  if (!r.ok) {
    let msg = r.statusText;
    try { msg = (await r.json()).error; } catch (_) { /* not JSON */ }
    throw new Error(`${url}: ${msg}`);
  }
  return r.json();
}

function setFilter(name, value) {
  form.elements[name].value = value;
  refresh();
}

// ---- map ---------------------------------------------------------------

const map = new maplibregl.Map({
  container: "map",
  style: { version: 8, sources: {}, layers: [{ id: "bg", type: "background", paint: { "background-color": "#e8edf2" } }] },
  center: [68.5, 32.5], zoom: 4.3, attributionControl: false,
});
map.addControl(new maplibregl.NavigationControl({ showCompass: false }), "top-right");
map.addControl(new maplibregl.AttributionControl({ customAttribution: "Boundaries: geoBoundaries (CC0/public domain)" }));

const mapLoaded = new Promise((resolve) => map.on("load", resolve));

async function loadBoundaries() {
  await mapLoaded;
  const [a1, p1, a2, p2] = await Promise.all(["afg_adm1", "pak_adm1", "afg_adm2", "pak_adm2"].map((n) => api(`/api/boundaries/${n}`)));
  const adm1 = { type: "FeatureCollection", features: [...a1.features, ...p1.features] };
  const adm2 = { type: "FeatureCollection", features: [...a2.features, ...p2.features] };
  map.addSource("adm1", { type: "geojson", data: adm1 });
  map.addSource("adm2", { type: "geojson", data: adm2 });
  map.addLayer({ id: "adm1-fill", type: "fill", source: "adm1", paint: { "fill-color": "#fbfbf8", "fill-opacity": 1 } });
  map.addLayer({ id: "adm2-line", type: "line", source: "adm2", paint: { "line-color": "#c9ced6", "line-width": 0.5 } });
  map.addLayer({ id: "adm1-line", type: "line", source: "adm1", paint: { "line-color": "#8a94a3", "line-width": 1.1 } });
  map.on("click", "adm1-fill", (e) => {
    if (map.queryRenderedFeatures(e.point, { layers: ["events-points", "events-clusters"] }).length) return;
    const name = e.features[0].properties.name;
    new maplibregl.Popup().setLngLat(e.lngLat).setText(name).addTo(map);
  });
  state.polygons = adm1.features.length + adm2.features.length;
}

// eventsGeoJSON turns /api/points into map features.
function eventsGeoJSON(points) {
  const features = [];
  for (const p of points) {
    if (p.lat === 0 && p.lon === 0) continue;
    features.push({ type: "Feature", geometry: { type: "Point", coordinates: [p.lon, p.lat] },
      properties: { id: p.id, type: p.type, fatalities: Math.max(p.fatalities, 0), label: `${p.date || "undated"} · ${p.type} · ${p.place || ""}` } });
  }
  return { type: "FeatureCollection", features };
}

let eventsLayerAdded = false;
async function drawEvents(events) {
  await mapLoaded;
  const data = eventsGeoJSON(events);
  if (!eventsLayerAdded) {
    map.addSource("events", { type: "geojson", data, cluster: true, clusterRadius: 36, clusterMaxZoom: 9,
      clusterProperties: { fatalities: ["+", ["get", "fatalities"]] } });
    map.addLayer({ id: "events-clusters", type: "circle", source: "events", filter: ["has", "point_count"],
      paint: { "circle-color": "#334155", "circle-opacity": 0.75, "circle-stroke-color": "#fff", "circle-stroke-width": 1,
        "circle-radius": ["interpolate", ["linear"], ["get", "point_count"], 2, 10, 50, 18, 500, 28] } });
    map.addLayer({ id: "events-points", type: "circle", source: "events", filter: ["!", ["has", "point_count"]],
      paint: { "circle-color": ["match", ["get", "type"], ...Object.entries(TYPE_COLOURS).flat(), "#555555"],
        "circle-opacity": 0.85, "circle-stroke-color": "#fff", "circle-stroke-width": 1,
        "circle-radius": ["interpolate", ["linear"], ["get", "fatalities"], 0, 4, 10, 8, 50, 14, 200, 22] } });
    map.on("click", "events-clusters", async (e) => {
      const f = e.features[0];
      const zoom = await map.getSource("events").getClusterExpansionZoom(f.properties.cluster_id);
      map.easeTo({ center: f.geometry.coordinates, zoom });
    });
    map.on("click", "events-points", (e) => openDetail(e.features[0].properties.id));
    map.on("mouseenter", "events-points", (e) => { map.getCanvas().style.cursor = "pointer"; map.getCanvas().title = e.features[0].properties.label; });
    map.on("mouseleave", "events-points", () => { map.getCanvas().style.cursor = ""; map.getCanvas().title = ""; });
    eventsLayerAdded = true;
  } else {
    map.getSource("events").setData(data);
  }
  state.markers = data.features.length;
}

// legend names the types shown. Types are stored text (an import may hold
// anything), so they go in as text, never as HTML.
function legend(types) {
  const key = (label, c) => {
    const span = document.createElement("span");
    span.style.setProperty("--c", c);
    span.textContent = label;
    return span;
  };
  document.getElementById("legend").replaceChildren(...types.map((t) => key(t, colour(t))),
    key("nearby events grouped (size by count; click to zoom in)", "#334155"));
}

// ---- timeline ----------------------------------------------------------

let plot = null;
function drawTimeline(series) {
  const el = document.getElementById("timeline");
  const periods = [...new Set(series.buckets.map((b) => b.period))].sort();
  const types = [...new Set(series.buckets.map((b) => b.key))].sort();
  if (plot) { plot.destroy(); plot = null; }
  el.innerHTML = "";
  if (!periods.length) { el.innerHTML = '<p class="empty">No dated events match.</p>'; return; }
  const idx = new Map(periods.map((p, i) => [p, i]));
  const xs = periods.map((p) => Date.parse(p) / 1000);
  const counts = types.map(() => new Array(periods.length).fill(0));
  for (const b of series.buckets) counts[types.indexOf(b.key)][idx.get(b.period)] = b.events;
  // Stack: each series is drawn as the cumulative sum up to it.
  const stacked = [];
  let acc = new Array(periods.length).fill(0);
  for (const c of counts) { acc = acc.map((v, i) => v + c[i]); stacked.push(acc.slice()); }
  const bars = uPlot.paths.bars({ size: [0.9, 40] });
  const opts = {
    width: el.clientWidth, height: Math.max(120, el.clientHeight - 10),
    cursor: { drag: { x: true, y: false, setScale: false } },
    select: { show: true },
    legend: { show: false },
    scales: { x: { time: true } },
    axes: [{}, { size: 40 }],
    series: [{}, ...types.map((t, i) => ({ label: t, stroke: colour(t), fill: colour(t), paths: bars, points: { show: false } })).reverse()],
    hooks: { setSelect: [(u) => {
      if (u.select.width < 3) return;
      const from = new Date(u.posToVal(u.select.left, "x") * 1000);
      const to = new Date(u.posToVal(u.select.left + u.select.width, "x") * 1000);
      form.elements.from.value = from.toISOString().slice(0, 10);
      form.elements.to.value = to.toISOString().slice(0, 10);
      refresh();
    }] },
  };
  // Draw the largest cumulative series first so smaller ones sit on top.
  plot = new uPlot(opts, [xs, ...stacked.reverse()], el);
  legend(types);
}

// ---- network -----------------------------------------------------------

let cy = null;
function drawNetwork(net) {
  const el = document.getElementById("network");
  const nodes = net.nodes.slice(0, 25); // the most active: more is a hairball
  const keep = new Set(nodes.map((n) => n.id));
  const edges = net.edges.filter((e) => keep.has(e.source) && keep.has(e.target) && e.source !== e.target);
  const max = Math.max(1, ...nodes.map((n) => n.events));
  const maxE = Math.max(1, ...edges.map((e) => e.events));
  const elements = [
    ...nodes.map((n) => ({ data: { id: n.id, label: n.id.length <= 9 ? n.id : shorten(n.name, 18), name: n.name, size: 16 + 34 * Math.sqrt(n.events / max) } })),
    ...edges.map((e) => ({ data: { id: `${e.source}>${e.target}`, source: e.source, target: e.target, w: 1 + 7 * (e.events / maxE), n: e.events } })),
  ];
  if (cy) cy.destroy();
  cy = cytoscape({
    container: el, elements, wheelSensitivity: 0.3,
    style: [
      { selector: "node", style: { "background-color": "#4b5e78", label: "data(label)", "font-size": 10, color: "#1d232b",
        "text-valign": "bottom", "text-margin-y": 3, width: "data(size)", height: "data(size)" } },
      { selector: "edge", style: { width: "data(w)", "line-color": "#9aa8ba", "target-arrow-color": "#9aa8ba",
        "target-arrow-shape": "triangle", "curve-style": "bezier", opacity: 0.8 } },
    ],
    layout: { name: "cose", animate: false, nodeRepulsion: 9000, idealEdgeLength: 90, randomize: false },
  });
  cy.on("tap", "node", (e) => setFilter("actor", e.target.id()));
  cy.on("mouseover", "node", (e) => { el.title = `${e.target.id()}: ${e.target.data("name")}`; });
}

// ---- table and detail --------------------------------------------------

const shorten = (s, n) => (s.length > n ? s.slice(0, n - 1) + "…" : s);
const placeText = (p) => [...new Set([p.locality, p.name, p.admin2, p.admin1, p.country].filter(Boolean))].join(", ");
// Everything stored is text from reports and imports: what goes into
// innerHTML goes through esc, and links only to the web.
const webURL = (u) => /^https?:\/\//i.test(u || "");
const esc = (s) => String(s ?? "").replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c]));
const actors = (as) => as.map((a) => a.code).join(", ") || "—";
function killed(c) {
  if (c.best != null) return String(c.best);
  if (c.low != null) return `${c.low}–${c.high ?? "?"}`;
  return "";
}

function drawTable(events) {
  const body = document.querySelector("#events tbody");
  body.innerHTML = events.slice(0, TABLE_LIMIT).map((e) => `<tr data-id="${esc(e.id)}">
    <td>${esc(e.date.start || "undated")}</td>
    <td><span class="type" style="--c:${colour(e.type)}">${esc(e.type)}</span></td>
    <td>${esc(actors(e.source))} → ${esc(actors(e.target))}</td>
    <td>${esc(e.place ? [...new Set([e.place.name, e.place.admin1, e.place.country].filter(Boolean))].join(", ") : "—")}</td>
    <td class="num">${esc(killed(e.fatalities))}</td>
    <td>${esc(e.origin ? e.origin.dataset.toUpperCase() : "report")}</td></tr>`).join("");
  state.rows = Math.min(events.length, TABLE_LIMIT);
  document.getElementById("table-count").textContent = events.length >= TABLE_LIMIT ? `latest ${TABLE_LIMIT} shown` : `${events.length} events`;
}

document.querySelector("#events tbody").addEventListener("click", (e) => {
  const tr = e.target.closest("tr");
  if (tr) openDetail(tr.dataset.id);
});

// highlight marks the evidence spans inside a sentence.
function highlight(ctx, evidence) {
  const spans = evidence.filter((v) => v.doc === ctx.doc && v.start >= ctx.start && v.end <= ctx.end)
    .sort((a, b) => a.start - b.start || b.end - a.end);
  // The sentence is text; spans are byte offsets. Work on UTF-8 bytes.
  const bytes = new TextEncoder().encode(ctx.text);
  const dec = new TextDecoder();
  let out = "", at = 0;
  for (const v of spans) {
    const s = v.start - ctx.start, t = v.end - ctx.start;
    if (s < at) continue; // overlapping: keep the first
    out += esc(dec.decode(bytes.slice(at, s)));
    out += `<mark data-field="${esc(v.field)}" title="${esc(v.field)}">${esc(dec.decode(bytes.slice(s, t)))}</mark>`;
    at = t;
  }
  return out + esc(dec.decode(bytes.slice(at)));
}

async function openDetail(id) {
  document.querySelectorAll("#events tr.selected").forEach((tr) => tr.classList.remove("selected"));
  document.querySelector(`#events tr[data-id="${CSS.escape(id)}"]`)?.classList.add("selected");
  const d = await api(`/api/events/${encodeURIComponent(id)}`);
  const e = d.event;
  const p = e.place;
  const docs = new Map(d.documents.map((x) => [x.id, x]));
  const ctx = d.context.map((c) => {
    const doc = docs.get(c.doc);
    return `<div class="evidence">${highlight(c, e.evidence)}<div class="doc-meta">${doc && webURL(doc.url) ? `<a href="${esc(doc.url)}" target="_blank" rel="noopener noreferrer">${esc(doc.title || doc.url)}</a>` : esc(doc?.title || doc?.url || c.doc)}${doc?.published ? ` · ${esc(doc.published)}` : ""} · bytes ${esc(c.start)}–${esc(c.end)}</div></div>`;
  }).join("");
  const origin = e.origin ? `<dt>Record</dt><dd>${esc(e.origin.dataset.toUpperCase())} ${esc(e.origin.record)}</dd>` : "";
  const notes = e.notes ? `<div class="evidence">${esc(e.notes)}<div class="doc-meta">the dataset's own description</div></div>` : "";
  document.getElementById("detail-body").innerHTML = `
    <h3><span class="type" style="--c:${colour(e.type)}">${esc(e.type)}</span> ${esc(e.mode || "")} ${esc(p ? "in " + (p.name || p.admin1 || p.country) : "")}</h3>
    <div class="doc-meta">${esc(e.acled_type || "")}${e.acled_subtype ? " / " + esc(e.acled_subtype) : ""}${e.cameo ? " · CAMEO " + esc(e.cameo) : ""}</div>
    <dl>
      <dt>Date</dt><dd>${esc(e.date.start || "unknown")}${e.date.end && e.date.end !== e.date.start ? " to " + esc(e.date.end) : ""} (${esc(e.date.precision)})</dd>
      <dt>Source</dt><dd>${e.source.map((a) => `${esc(a.name)} <code>${esc(a.code)}</code>`).join("; ") || "—"}</dd>
      <dt>Target</dt><dd>${e.target.map((a) => `${esc(a.name)} <code>${esc(a.code)}</code>`).join("; ") || "—"}</dd>
      <dt>Place</dt><dd>${p ? `${esc(placeText(p))} (${esc(p.precision)}, ${p.lat.toFixed(3)}, ${p.lon.toFixed(3)})` : "—"}${p && p.locality ? `<br><small>“${esc(p.locality)}” is not in the gazetteer: the point is ${esc(p.name)}'s</small>` : ""}</dd>
      <dt>Killed</dt><dd>${esc(killed(e.fatalities) || "not reported")}</dd>
      <dt>Injured</dt><dd>${esc(killed(e.injured) || "not reported")}</dd>
      <dt>Modality</dt><dd>${esc(e.modality)}${e.claimed_by ? " by " + esc(e.claimed_by.name) : ""}</dd>
      <dt>Confidence</dt><dd>${e.confidence.toFixed(2)}<span class="conf"><i style="width:${Math.round(e.confidence * 100)}%"></i></span></dd>
      <dt>Reports</dt><dd>${esc(e.sources)}</dd>${origin}
    </dl>
    ${ctx ? "<h4>Evidence</h4>" + ctx : ""}${notes}`;
  document.getElementById("detail").hidden = false;
  state.detail = { id, marks: document.querySelectorAll("#detail mark").length };
}

document.getElementById("close-detail").addEventListener("click", () => { document.getElementById("detail").hidden = true; });
document.addEventListener("keydown", (e) => { if (e.key === "Escape") document.getElementById("detail").hidden = true; });

// ---- filters and refresh ----------------------------------------------

async function fillSelects() {
  const [net, series] = await Promise.all([api("/api/network"), api("/api/series", "interval=year&by=type")]);
  // Values from the URL may name options that do not exist yet: add them.
  const url = new URLSearchParams(location.search);
  const fill = (sel, values, label) => {
    const keep = url.get(sel.name) || sel.value;
    for (const v of values) sel.add(new Option(label(v), v));
    if (keep && ![...sel.options].some((o) => o.value === keep)) sel.add(new Option(keep, keep));
    sel.value = keep;
  };
  const names = new Map(net.nodes.map((n) => [n.id, n.name]));
  fill(form.elements.actor, net.nodes.slice(0, 60).map((n) => n.id), (id) => `${id} — ${names.get(id)}`);
  fill(form.elements.type, [...new Set(series.buckets.map((b) => b.key))].sort(), (t) => t);
  const heads = sideOptions(net).slice(0, 60);
  for (const [k, def] of [["a", heads.includes("PAK") ? "PAK" : heads[0]], ["b", heads.includes("TTP") ? "TTP" : heads[1]]]) {
    const sel = sides.elements[k];
    for (const v of heads) sel.add(new Option(v, v));
    const want = url.get(k) || def || "";
    if (want && !heads.includes(want)) sel.add(new Option(want, want));
    sel.value = want;
  }
  if (url.get("coarsest")) sides.elements.coarsest.value = url.get("coarsest");
  sides.elements.keep_overlapping.checked = url.get("keep_overlapping") === "true";
}

// showView shows the events view or the escalation view.
function showView(v) {
  view = v;
  document.getElementById("events-view").hidden = v !== "events";
  document.getElementById("escalation-view").hidden = v !== "escalation";
  for (const b of document.querySelectorAll("#views button")) b.setAttribute("aria-pressed", String(b.dataset.view === v));
  if (v === "events") map.resize();
}

let seq = 0;
async function refresh() {
  const params = currentFilters();
  const shown = new URLSearchParams(params);
  if (view === "escalation") {
    shown.set("view", "escalation");
    for (const k of SIDE_PARAMS) if (sides.elements[k].value) shown.set(k, sides.elements[k].value);
    if (sides.elements.keep_overlapping.checked) shown.set("keep_overlapping", "true");
  }
  history.replaceState(null, "", shown.toString() ? `?${shown}` : location.pathname);
  const mine = ++seq;
  const summary = document.getElementById("summary");
  summary.textContent = "Loading…";
  if (view === "escalation") {
    await refreshEscalation(api, params, sides, state);
    if (mine === seq) summary.textContent = `Escalation: ${sides.elements.a.value} and ${sides.elements.b.value}`;
    return;
  }
  try {
    const evParams = new URLSearchParams(params);
    evParams.set("limit", TABLE_LIMIT);
    evParams.set("order", "desc");
    const ptParams = new URLSearchParams(params);
    ptParams.set("limit", MAP_LIMIT);
    ptParams.set("order", "desc");
    const serParams = new URLSearchParams(params);
    serParams.set("interval", "month");
    serParams.set("by", "type");
    const [page, points, series, net] = await Promise.all([api("/api/events", evParams), api("/api/points", ptParams),
      api("/api/series", serParams), api("/api/network", params)]);
    if (mine !== seq) return; // a newer refresh is under way
    drawTable(page.events);
    await drawEvents(points.points);
    drawTimeline(series);
    drawNetwork(net);
    const n = series.buckets.reduce((s, b) => s + b.events, 0);
    const k = series.buckets.reduce((s, b) => s + b.fatalities, 0);
    summary.textContent = `${n.toLocaleString()} dated events, ${k.toLocaleString()} killed`;
    state.loads++;
  } catch (err) {
    summary.textContent = String(err.message || err);
  }
}

form.addEventListener("change", refresh);
sides.addEventListener("change", refresh);
sides.addEventListener("submit", (e) => { e.preventDefault(); refresh(); });
document.getElementById("swap").addEventListener("click", () => {
  const a = sides.elements.a.value;
  sides.elements.a.value = sides.elements.b.value;
  sides.elements.b.value = a;
  refresh();
});
for (const b of document.querySelectorAll("#views button")) b.addEventListener("click", () => { showView(b.dataset.view); refresh(); });
form.addEventListener("submit", (e) => { e.preventDefault(); refresh(); });
// HTMLFormElement.prototype.reset, not form.reset: a control named or
// identified "reset" would shadow the method (the Clear button was, and
// Clear threw "form.reset is not a function").
document.getElementById("clear").addEventListener("click", () => { HTMLFormElement.prototype.reset.call(form); for (const k of FILTERS) form.elements[k].value = ""; refresh(); });
window.addEventListener("resize", () => { if (plot) plot.setSize({ width: document.getElementById("timeline").clientWidth, height: plot.height }); });

filtersFromURL();
showView(view);
loadBoundaries().then(() => { state.mapReady = true; }).catch((e) => { document.getElementById("summary").textContent = String(e); });
fillSelects().then(refresh);
