// The escalation view: for two sides and the dashboard's filters, who
// answers whom and how fast (/api/escalation/retaliation), side B's events
// around side A's actions against it (/api/escalation/eventstudy, drawn as
// SVG), and the excitation matrix of a Hawkes fit (/api/escalation/hawkes).
// Codes, filters and the servers' messages are stored or typed text: they
// go into the page as text nodes, never as HTML.

const SVG = "http://www.w3.org/2000/svg";

// h makes an element; strings and numbers among the children become text.
function h(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === "class") e.className = v;
    else if (k === "style") e.style.cssText = v;
    else e.setAttribute(k, v);
  }
  for (const c of children.flat()) if (c != null) e.append(c instanceof Node ? c : String(c));
  return e;
}

// s makes an SVG element.
function s(tag, attrs, text) {
  const e = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, String(v));
  if (text != null) e.textContent = String(text);
  return e;
}

const pct = (v) => (v == null ? "n/a" : `${(100 * v).toFixed(1)}%`);
const num = (v, d = 2) => (v == null ? "n/a" : Math.abs(v) >= 100 ? v.toFixed(0) : v.toFixed(d));
const days = (v) => (v == null ? "n/a" : v === 1 ? "1 day" : `${num(v, v % 1 ? 1 : 0)} days`);
const pval = (p) => (p == null ? "n/a" : p < 0.001 ? "< 0.001" : p.toFixed(3));

// heads are the sides the network shows: the first part of each code.
export function sideOptions(net) {
  const n = new Map();
  for (const node of net.nodes) {
    const head = node.id.split(".")[0];
    if (head) n.set(head, (n.get(head) || 0) + node.events);
  }
  return [...n.entries()].sort((x, y) => y[1] - x[1]).map(([k]) => k);
}

// ---- retaliation ---------------------------------------------------------

function retaliationTable(title, r) {
  const row = (label, x, interval) => h("tr", null,
    h("td", null, label), h("td", { class: "num" }, x.answered),
    h("td", { class: x.p != null && x.p < 0.05 ? "num sig" : "num" }, pct(x.share)),
    h("td", { class: "num" }, interval ? `${pct(x.low)}–${pct(x.high)}` : "—"),
    h("td", { class: "num" }, pct(x.null_mean)), h("td", { class: "num" }, `${pct(x.null_low)}–${pct(x.null_high)}`),
    h("td", { class: "num" }, pval(x.p)));
  return h("div", null,
    h("h3", null, title),
    h("p", { class: "analysis-note" }, `${r.events} events, ${r.answers} answering events; ${r.observed} observed a full window.`),
    h("table", { class: "retaliation" },
      h("thead", null, h("tr", null, ...["within", "answered", "share", "95% interval", "null mean", "null 95% band", "p"].map((t) => h("th", null, t)))),
      h("tbody", null, row("same day", r.same_day, false), ...r.shares.map((x) => row(days(x.days), x, true)))),
    h("p", { class: "analysis-note" }, `Median lag ${days(r.median_lag)} (95% interval ${days(r.median_low)} to ${days(r.median_high)}); ${r.unanswered} never answered in the period.`));
}

function drawRetaliation(el, ans) {
  const r = ans.result;
  el.replaceChildren(
    retaliationTable(`${r.a}→${r.b} events answered by ${r.b}→${r.a}`, r.forward),
    retaliationTable(`${r.b}→${r.a} events answered by ${r.a}→${r.b}`, r.backward));
  return el.querySelectorAll("tbody tr").length;
}

// ---- event study -----------------------------------------------------------

// drawEventStudy draws the outcome's mean rate at each period from the
// shock beside the placebos' mean and 95% band; it returns the points drawn.
function drawEventStudy(el, ans) {
  const st = ans.result.study;
  const unit = st.step === 7 ? "week" : "day";
  const W = 560, H = 300, m = { l: 48, r: 12, t: 12, b: 40 };
  const pts = st.profile.filter((p) => p.rate != null);
  const xs = st.profile.map((p) => p.offset);
  const top = Math.max(1e-9, ...st.profile.flatMap((p) => [p.rate ?? 0, p.null_high ?? 0])) * 1.1;
  const x0 = Math.min(...xs), x1 = Math.max(...xs);
  const X = (v) => m.l + ((v - x0) / Math.max(1, x1 - x0)) * (W - m.l - m.r);
  const Y = (v) => H - m.b - (v / top) * (H - m.t - m.b);
  const svg = s("svg", { viewBox: `0 0 ${W} ${H}`, role: "img", "aria-label": "event study" });
  const band = st.profile.filter((p) => p.null_low != null && p.null_high != null);
  const poly = [...band.map((p) => `${X(p.offset)},${Y(p.null_high)}`), ...band.slice().reverse().map((p) => `${X(p.offset)},${Y(p.null_low)}`)].join(" ");
  svg.append(s("polygon", { points: poly, fill: "#cfd8e3", "fill-opacity": 0.7, class: "band" }));
  const line = (ps, key, attrs) => s("polyline", { points: ps.map((p) => `${X(p.offset)},${Y(p[key])}`).join(" "), fill: "none", ...attrs });
  svg.append(line(st.profile.filter((p) => p.null_mean != null), "null_mean", { stroke: "#64748b", "stroke-dasharray": "4 3", class: "null" }));
  svg.append(line(pts, "rate", { stroke: "#c2410c", "stroke-width": 2, class: "observed" }));
  svg.append(s("line", { x1: X(0), x2: X(0), y1: m.t, y2: H - m.b, stroke: "#1d232b", "stroke-dasharray": "2 2" }));
  svg.append(s("line", { x1: m.l, x2: W - m.r, y1: H - m.b, y2: H - m.b, stroke: "#8a94a3" }));
  svg.append(s("line", { x1: m.l, x2: m.l, y1: m.t, y2: H - m.b, stroke: "#8a94a3" }));
  const step = Math.max(1, Math.ceil((x1 - x0) / 10));
  for (let v = Math.ceil(x0 / step) * step; v <= x1; v += step) svg.append(s("text", { x: X(v), y: H - m.b + 14, "text-anchor": "middle", class: "tick" }, v));
  for (const f of [0, 0.5, 1]) svg.append(s("text", { x: m.l - 6, y: Y(top * f / 1.1) + 4, "text-anchor": "end", class: "tick" }, num(top * f / 1.1, 3)));
  svg.append(s("text", { x: (m.l + W - m.r) / 2, y: H - 6, "text-anchor": "middle" }, `${unit}s from the shock (0: the shock's ${unit}); orange: observed, grey: placebo mean and 95% band`));
  const d = st.diff;
  el.replaceChildren(svg, h("p", { class: "analysis-note" },
    `${st.used} shocks studied of ${st.shocks} (${st.overlapping} dropped for an earlier shock within the window, ${st.at_edge} at the edge). `,
    `Rate before ${num(st.before_rate, 3)}, after ${num(st.after_rate, 3)} per ${unit}: after − before ${num(d.value, 3)} (95% interval ${num(d.low, 3)} to ${num(d.high, 3)}; placebo band ${num(d.null_low, 3)} to ${num(d.null_high, 3)}; p ${pval(d.p)}). `,
    h("strong", null, verdict(st))));
  return pts.length;
}

// verdict reads the difference's interval in one sentence, as `durand
// analyze eventstudy` does.
function verdict(st) {
  if (st.used < 10) return `Only ${st.used} shocks were studied: too few to read a change from.`;
  if (st.diff.high != null && st.diff.high < 0) return "The outcome fell after the shocks beyond what placebo dates give: deterrence, on this measure.";
  if (st.diff.low != null && st.diff.low > 0) return "The outcome rose after the shocks beyond what placebo dates give: provocation, on this measure.";
  return "Placebo dates give a change this large as often: neither deterrence nor provocation is shown.";
}

// ---- Hawkes ------------------------------------------------------------------

// cellColour shades an effect: blue for excitation, red for inhibition.
function cellColour(v, max) {
  if (v == null) return "#f3f4f6";
  const a = Math.min(1, Math.abs(v) / max);
  return v >= 0 ? `rgba(31, 111, 235, ${0.1 + 0.5 * a})` : `rgba(220, 38, 38, ${0.1 + 0.5 * a})`;
}

// drawHawkes draws the excitation matrix in events per event (the
// answer's triggered: for the softplus link, at the affected side's base
// rate), the fit of each side, and the forecast.
function drawHawkes(el, ans) {
  const r = ans.result, f = r.fit;
  const names = f.names;
  const max = Math.max(1e-9, ...r.triggered.flat().map((e) => Math.abs(e.est ?? 0)));
  const est = (e) => [num(e.est, 3), h("small", null, e.lo == null ? "no interval" : `${num(e.lo, 3)} to ${num(e.hi, 3)}`)];
  const table = h("table", { class: "matrix" },
    h("thead", null, h("tr", null, h("th", null, "events of ↓ set off by one event of →"), ...names.map((n) => h("th", null, n)), h("th", null, "baseline /day"), h("th", null, "mean lag"), h("th", null, "fit (KS p)"))),
    h("tbody", null, ...names.map((n, i) => h("tr", null, h("th", null, n),
      ...r.triggered[i].map((e) => h("td", { class: "cell", style: `background:${cellColour(e.est, max)}` }, ...est(e))),
      h("td", { class: "cell" }, ...est(f.base_rate[i])),
      h("td", { class: "cell" }, f.beta[i].est ? days(1 / f.beta[i].est) : "n/a"),
      h("td", { class: "cell" }, pval(f.gof[i]?.p))))));
  const fc = r.forecast;
  el.replaceChildren(table,
    h("p", { class: "analysis-note" }, `${f.link} Hawkes process on ${f.events.join(" and ")} events; branching ratio ${num(f.branching.est, 2)}` +
      (f.branching.lo == null ? "" : ` (95% interval ${num(f.branching.lo, 2)} to ${num(f.branching.hi, 2)})`) + "."),
    h("p", { class: "analysis-note" }, `Expected in the ${r.horizon.days} days after ${r.to}: ` +
      fc.counts.map((c, i) => `${fc.names[i]} ${num(c.mean, 1)} events (95% interval ${num(c.lo, 1)} to ${num(c.hi, 1)})`).join(", ") + "."),
    ...(f.notes || []).map((n) => h("p", { class: "analysis-note" }, n)));
  return el.querySelectorAll("td.cell").length;
}

// ---- the view ----------------------------------------------------------------

// show runs one analysis into its panel: "Loading…", then the drawing or
// the server's reason for refusing, as text. It returns what draw returned,
// or 0.
async function show(api, id, path, params, draw) {
  const el = document.getElementById(id);
  const note = document.getElementById(`${id}-note`);
  note.textContent = "loading…";
  try {
    const ans = await api(path, params);
    const d = ans.data;
    note.textContent = `${d.kept.toLocaleString()} events read, ${d.first} to ${d.last}`;
    return { n: draw(el, ans) };
  } catch (err) {
    // api's message starts with the URL asked: the reason is what follows.
    let msg = String(err.message || err);
    if (msg.startsWith(path)) msg = msg.slice(msg.indexOf(": ") + 2);
    note.textContent = "";
    el.replaceChildren(h("p", { class: "analysis-error" }, msg));
    return { n: 0, error: msg };
  }
}

// refreshEscalation runs the three analyses for the sides chosen and the
// filters, and records in state what each drew.
export async function refreshEscalation(api, filters, sides, state) {
  const a = sides.elements.a.value, b = sides.elements.b.value;
  const base = new URLSearchParams(filters);
  base.set("coarsest", sides.elements.coarsest.value);
  if (!a || !b || a === b) {
    for (const id of ["retaliation", "eventstudy", "hawkes"]) {
      document.getElementById(id).replaceChildren(h("p", { class: "analysis-error" }, "Pick two different sides."));
    }
    return;
  }
  const ret = new URLSearchParams(base);
  ret.set("a", a); ret.set("b", b);
  const es = new URLSearchParams(base);
  es.set("shock", `source=${a},target=${b}`); es.set("outcome", `source=${b}`);
  if (sides.elements.keep_overlapping.checked) es.set("keep_overlapping", "true");
  const hk = new URLSearchParams(base);
  hk.append("side", a); hk.append("side", b);
  document.querySelector("#eventstudy-panel h2").firstChild.textContent = `After ${a}'s actions against ${b}: ${b}'s events `;
  const [r, e, k] = await Promise.all([
    show(api, "retaliation", "/api/escalation/retaliation", ret, drawRetaliation),
    show(api, "eventstudy", "/api/escalation/eventstudy", es, drawEventStudy),
    show(api, "hawkes", "/api/escalation/hawkes", hk, drawHawkes)]);
  state.escalation = { loads: (state.escalation?.loads || 0) + 1, rows: r.n, points: e.n, cells: k.n,
    errors: [r.error, e.error, k.error].filter(Boolean) };
}
