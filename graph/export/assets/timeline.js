/* The timeline view: events on a time axis in lanes (type, actor or place).
   Wheel zooms around the pointer, drag pans; a point is a day, a bar spans a week, month, year
   or an approximate interval. Needs common.js. */
(function () {
  var DAY = 864e5, GUTTER = 180, AXIS = 28, ROW = 22, PAD = 6, CHAR = 6.3, MAX_LABEL = 44;
  var PALETTE = ["#4e79a7", "#f28e2b", "#e15759", "#59a14f", "#b07aa1", "#76b7b2", "#edc948", "#9c755f", "#ff9da7", "#79706e"];
  var SVG = "http://www.w3.org/2000/svg";
  var STEPS = [[1, "day"], [2, "day"], [7, "day"], [14, "day"], [1, "month"], [2, "month"], [3, "month"], [6, "month"],
    [1, "year"], [2, "year"], [5, "year"], [10, "year"], [25, "year"], [50, "year"], [100, "year"]];
  var UNIT = { day: DAY, month: 30.44 * DAY, year: 365.25 * DAY };
  var NONE = { type: "(no type)", actor: "(no actor)", place: "(no place)" };

  var data = JSON.parse(document.getElementById("data").textContent);
  var events = data.events, byId = {};
  var chart = document.getElementById("chart"), panel = document.getElementById("details");
  var tooltip = document.getElementById("tooltip");
  var state = { lanes: "type", query: "", type: "", minSources: 0, view: [0, 1], selected: null };

  var types = [];
  events.forEach(function (e) {
    byId[e.id] = e;
    e.t0 = e.begin ? parseDay(e.begin) : null;
    e.t1 = e.end ? parseDay(e.end) + DAY : null;
    e.haystack = [e.label, e.types.join(" ")].concat(
      e.actors.map(function (a) { return a.label; }), e.places.map(function (p) { return p.label; }), e.quotes
    ).join(" ").toLowerCase();
    e.types.concat([e.type]).forEach(function (t) { if (types.indexOf(t) < 0) types.push(t); });
  });
  types.sort();
  var colour = {};
  types.forEach(function (t, i) { colour[t] = PALETTE[i % PALETTE.length]; });

  function svg(tag, attrs, parent) {
    var node = document.createElementNS(SVG, tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (parent) parent.appendChild(node);
    return node;
  }

  function shorten(text, n) { return text.length > n ? text.slice(0, n - 1) + "…" : text; }

  function visible(e) {
    return e.sources.length >= state.minSources &&
      (!state.type || e.types.indexOf(state.type) >= 0 || e.type === state.type) &&
      (!state.query || e.haystack.indexOf(state.query) >= 0);
  }

  function laneKeys(e) {
    var items = state.lanes === "type" ? [{ id: e.type, label: e.type }]
      : state.lanes === "actor" ? e.actors : e.places;
    return items.length ? items : [{ id: "", label: NONE[state.lanes] }];
  }

  function fit() {
    var dated = events.filter(function (e) { return e.t0 !== null && visible(e); });
    if (!dated.length) dated = events.filter(function (e) { return e.t0 !== null; });
    if (!dated.length) { state.view = [Date.UTC(2000, 0, 1), Date.UTC(2001, 0, 1)]; return; }
    var lo = Math.min.apply(null, dated.map(function (e) { return e.t0; }));
    var hi = Math.max.apply(null, dated.map(function (e) { return e.t1; }));
    var span = Math.max(hi - lo, 14 * DAY), mid = (lo + hi) / 2;
    // Room on the right for the labels of the latest events.
    state.view = [mid - span * 0.54, mid + span * 0.72];
  }

  function ticks(t0, t1, plotW) {
    var perPx = (t1 - t0) / plotW;
    var step = STEPS.filter(function (s) { return s[0] * UNIT[s[1]] / perPx >= 95; })[0] || STEPS[STEPS.length - 1];
    var n = step[0], unit = step[1], d = new Date(t0), y = d.getUTCFullYear(), m = d.getUTCMonth(), out = [];
    var t = unit === "day" ? Date.UTC(y, m, d.getUTCDate()) : unit === "month" ? Date.UTC(y, m - m % n, 1) : Date.UTC(y - y % n, 0, 1);
    for (var guard = 0; t <= t1 && guard < 400; guard++) {
      if (t >= t0) out.push({ t: t, unit: unit });
      var c = new Date(t);
      t = unit === "day" ? t + n * DAY : unit === "month" ? Date.UTC(c.getUTCFullYear(), c.getUTCMonth() + n, 1)
        : Date.UTC(c.getUTCFullYear() + n, 0, 1);
    }
    return out;
  }

  function tickLabel(tick) {
    var iso = new Date(tick.t).toISOString().slice(0, 10);
    return formatDay(iso, tick.unit);
  }

  /* Lay events out in lanes; inside a lane, greedy rows so that no two marks or labels overlap. */
  function layout(dated, x, right) {
    var lanes = {}, order = [];
    dated.forEach(function (e) {
      laneKeys(e).forEach(function (k) {
        if (!lanes[k.id]) { lanes[k.id] = { label: k.label, none: k.id === "", items: [] }; order.push(lanes[k.id]); }
        lanes[k.id].items.push({ ev: e });
      });
    });
    order.sort(function (a, b) { return (a.none - b.none) || a.label.localeCompare(b.label, "en") || 0; });
    var y = AXIS;
    order.forEach(function (lane) {
      var ends = [];
      lane.items.forEach(function (it) {
        var e = it.ev, point = e.precision === "day" || e.t1 - e.t0 <= DAY;
        it.point = point;
        it.x0 = point ? x(e.t0 + DAY / 2) - 6 : x(e.t0);
        it.x1 = point ? it.x0 + 12 : Math.max(x(e.t1), it.x0 + 6);
        it.text = shorten(e.label, MAX_LABEL);
        // A label that would run off the right edge goes left of its mark, if there is room.
        var w = 6 + it.text.length * CHAR, start = it.x0, end = it.x1 + w;
        it.left = end > right && it.x0 - w >= GUTTER;
        // A bar running past both edges of the view: its label goes at the left edge, over the bar.
        it.inside = !it.point && !it.left && end > right && it.x0 < GUTTER;
        if (it.left) { start = it.x0 - w; end = it.x1; }
        if (it.inside) end = Math.max(it.x1, GUTTER + w);
        var row = 0;
        while (row < ends.length && ends[row] > start - 8) row++;
        ends[row] = end;
        it.row = row;
      });
      lane.y = y;
      lane.h = Math.max(1, ends.length) * ROW + 2 * PAD;
      y += lane.h;
    });
    return { lanes: order, height: y };
  }

  function drawMark(g, it, fill) {
    var e = it.ev, cy = it.y + ROW / 2, p = e.precision;
    if (it.point) return svg("circle", { class: "mark", cx: it.x0 + 6, cy: cy, r: 5.5, fill: fill, stroke: "#fff", "stroke-width": 1.5 }, g);
    var attrs = { class: "mark", x: it.x0, y: cy - 5, width: it.x1 - it.x0, height: 10, rx: 2, fill: fill };
    if (p === "year") { attrs["fill-opacity"] = 0.28; attrs.stroke = fill; attrs["stroke-width"] = 1.5; }
    if (p === "approximate") { attrs["fill-opacity"] = 0.12; attrs.stroke = fill; attrs["stroke-width"] = 1.5; attrs["stroke-dasharray"] = "4 3"; }
    return svg("rect", attrs, g);
  }

  function render() {
    var width = Math.max(chart.clientWidth, 320), plotW = width - GUTTER - 12;
    var t0 = state.view[0], t1 = state.view[1];
    var x = function (t) { return GUTTER + (t - t0) / (t1 - t0) * plotW; };
    var shown = events.filter(visible);
    var dated = shown.filter(function (e) { return e.t0 !== null; });
    var undated = shown.filter(function (e) { return e.t0 === null; });
    var lay = layout(dated, x, GUTTER + plotW), height = Math.max(lay.height + 10, 140);

    var root = svg("svg", { width: width, height: height, role: "img" });
    var clip = svg("clipPath", { id: "plot" }, svg("defs", {}, root));
    svg("rect", { x: GUTTER, y: 0, width: plotW + 12, height: height }, clip);
    lay.lanes.forEach(function (lane, i) {
      svg("rect", { class: "lane-bg" + (i % 2 ? " odd" : ""), x: 0, y: lane.y, width: width, height: lane.h }, root);
    });
    var grid = svg("g", { "clip-path": "url(#plot)" }, root);
    var tickList = ticks(t0, t1, plotW);
    tickList.forEach(function (tk) { svg("line", { x1: x(tk.t), x2: x(tk.t), y1: AXIS - 6, y2: height }, svg("g", { class: "tick" }, grid)); });
    var marks = svg("g", { "clip-path": "url(#plot)" }, root);
    lay.lanes.forEach(function (lane) {
      lane.items.forEach(function (it) {
        it.y = lane.y + PAD + it.row * ROW;
        var g = svg("g", { class: "ev" + (it.ev.id === state.selected ? " selected" : ""), "data-id": it.ev.id }, marks);
        drawMark(g, it, colour[it.ev.type]);
        var label = svg("text", { x: it.left ? it.x0 - 5 : it.inside ? GUTTER + 6 : it.x1 + 5, y: it.y + ROW / 2 + 4 }, g);
        if (it.left) label.setAttribute("text-anchor", "end");
        label.textContent = it.text;
      });
      var name = svg("text", { class: "lane-label", x: 12, y: lane.y + PAD + ROW / 2 + 4 }, root);
      name.textContent = shorten(lane.label, 26);
      svg("title", {}, name).textContent = lane.label;
    });
    svg("rect", { class: "axis-bg", x: 0, y: 0, width: width, height: AXIS - 4 }, root);
    tickList.forEach(function (tk) {
      var label = svg("text", { x: x(tk.t) + 3, y: 16 }, svg("g", { class: "tick" }, root));
      label.textContent = tickLabel(tk);
    });
    if (!dated.length) svg("text", { class: "lane-label", x: GUTTER, y: AXIS + 30 }, root).textContent = "No dated event matches.";
    clear(chart).appendChild(root);

    var list = clear(document.getElementById("undated"));
    undated.forEach(function (e) {
      var li = el("li", e.id === state.selected ? "selected" : null, e.label);
      li.setAttribute("data-id", e.id);
      li.style.borderLeftColor = colour[e.type];
      li.appendChild(el("span", "type", e.type));
      list.appendChild(li);
    });
    document.getElementById("undated-count").textContent = "(" + undated.length + ")";
    document.getElementById("count").textContent = shown.length + " of " + events.length + " events";
  }

  var pending = false;
  function schedule() {
    if (pending) return;
    pending = true;
    requestAnimationFrame(function () { pending = false; render(); });
  }

  function select(id) {
    var ev = byId[id];
    if (!ev) return;
    state.selected = id;
    showEventDetails(panel, ev);
    render();
  }

  function showTooltip(ev, mouse) {
    clear(tooltip);
    tooltip.appendChild(el("div", "title", ev.label));
    var lines = [formatWhen(ev) + (formatBasis(ev) ? " — " + formatBasis(ev) : "")];
    if (ev.actors.length) lines.push("Actors: " + ev.actors.map(actorText).join(", "));
    if (ev.places.length) lines.push("Place: " + ev.places.map(function (p) { return p.label; }).join(", "));
    lines.push(ev.type + " · " + ev.sources.length + (ev.sources.length === 1 ? " source" : " sources"));
    tooltip.appendChild(el("div", null, lines.join("\n")));
    tooltip.hidden = false;
    var left = Math.min(mouse.clientX + 14, window.innerWidth - tooltip.offsetWidth - 8);
    tooltip.style.left = left + "px";
    tooltip.style.top = (mouse.clientY + 16) + "px";
  }

  function legend() {
    var box = document.getElementById("legend");
    var glyphs = [["day", "day: point"], ["week", "week / month: bar"], ["year", "year: pale bar"], ["approximate", "approximate: dashed"]];
    glyphs.forEach(function (g) {
      var item = el("span", "item"), icon = svg("svg", { width: 26, height: 14 });
      drawMark(icon, { ev: { precision: g[0] }, point: g[0] === "day", x0: 2, x1: 24, y: -4 }, "#57606a");
      item.appendChild(icon);
      item.appendChild(document.createTextNode(g[1]));
      box.appendChild(item);
    });
    types.forEach(function (t) {
      var item = el("span", "item"), icon = svg("svg", { width: 12, height: 12 });
      svg("rect", { width: 12, height: 12, rx: 2, fill: colour[t] }, icon);
      item.appendChild(icon);
      item.appendChild(document.createTextNode(t));
      box.appendChild(item);
    });
  }

  // Zoom around the pointer; keep the span between two days and four centuries.
  chart.addEventListener("wheel", function (e) {
    e.preventDefault();
    var plotW = chart.clientWidth - GUTTER - 12, v = state.view, span = v[1] - v[0];
    var px = Math.min(Math.max(e.clientX - chart.getBoundingClientRect().left - GUTTER, 0), plotW);
    var at = v[0] + px / plotW * span;
    var next = Math.min(Math.max(span * Math.exp(e.deltaY * 0.0015), 2 * DAY), 400 * UNIT.year);
    state.view = [at - (at - v[0]) * next / span, at + (v[1] - at) * next / span];
    schedule();
  }, { passive: false });

  var drag = null, dragged = false;
  chart.addEventListener("pointerdown", function (e) { drag = { x: e.clientX, view: state.view.slice(), id: e.pointerId }; dragged = false; });
  chart.addEventListener("pointermove", function (e) {
    if (drag) {
      var dx = e.clientX - drag.x;
      if (!dragged && Math.abs(dx) > 3) { dragged = true; chart.setPointerCapture(drag.id); chart.classList.add("dragging"); tooltip.hidden = true; }
      if (dragged) {
        var shift = dx / (chart.clientWidth - GUTTER - 12) * (drag.view[1] - drag.view[0]);
        state.view = [drag.view[0] - shift, drag.view[1] - shift];
        schedule();
        return;
      }
    }
    var g = e.target.closest && e.target.closest(".ev");
    if (g) showTooltip(byId[g.getAttribute("data-id")], e); else tooltip.hidden = true;
  });
  function endDrag() { drag = null; chart.classList.remove("dragging"); }
  chart.addEventListener("pointerup", endDrag);
  chart.addEventListener("pointercancel", endDrag);
  chart.addEventListener("pointerleave", function () { tooltip.hidden = true; });
  chart.addEventListener("click", function (e) {
    if (dragged) { dragged = false; return; }
    var g = e.target.closest(".ev");
    if (g) select(g.getAttribute("data-id"));
  });
  document.getElementById("undated").addEventListener("click", function (e) {
    var li = e.target.closest("li");
    if (li) select(li.getAttribute("data-id"));
  });

  var typeSelect = document.getElementById("type-filter");
  types.forEach(function (t) { var o = el("option", null, t); o.value = t; typeSelect.appendChild(o); });
  document.getElementById("search").addEventListener("input", function (e) { state.query = e.target.value.trim().toLowerCase(); schedule(); });
  document.getElementById("lanes").addEventListener("change", function (e) { state.lanes = e.target.value; schedule(); });
  typeSelect.addEventListener("change", function (e) { state.type = e.target.value; schedule(); });
  document.getElementById("min-sources").addEventListener("input", function (e) { state.minSources = +e.target.value || 0; schedule(); });
  document.getElementById("fit").addEventListener("click", function () { fit(); schedule(); });
  window.addEventListener("resize", schedule);

  legend();
  fit();
  render();
  window.timelineView = { state: state, render: render, select: select };
})();
