/* The timeline view: events on a time axis in lanes (type, actor or place).
   Wheel zooms around the pointer, drag pans; a point is a day, a bar spans a week, month, year
   or an approximate interval. A crowded lane, whose marks would not fit in MAX_ROWS rows at this
   zoom, loses its labels (hover shows them); if still crowded it is drawn as bins of counts,
   and clicking a bin zooms into it. Only what is in view is laid
   out, so the cost of a frame follows what is on screen, not the size of the graph.
   Needs common.js, timeline_axis.js, timeline_draw.js and timeline_filter.js. evkgTimeline(data, opts) builds
   one view; opts.prefix prefixes the element ids it uses (a page may leave out any filter control),
   opts.onSelect(id) hears of events the user selects. */
function evkgTimeline(data, opts) {
  opts = opts || {};
  var GUTTER = opts.gutter || 180, AXIS = 28, ROW = 22, PAD = 6, CHAR = 6.3, MAX_LABEL = opts.maxLabel || 44;
  // A lane with more than FEW events in view and more than MAX_ROWS rows of them is crowded.
  var FEW = 16, MAX_ROWS = 8, BIN_ROWS = 2, MIN_BIN = 18, MAX_LANES = 40, MAX_UNDATED = 200, MIN_SPAN = 3;
  var PALETTE = ["#4e79a7", "#f28e2b", "#e15759", "#59a14f", "#b07aa1", "#76b7b2", "#edc948", "#9c755f", "#ff9da7", "#79706e"];
  var NONE = { type: "(no type)", actor: "(no actor)", place: "(no place)" };
  function $(name) { return document.getElementById((opts.prefix || "") + name); }

  var events = data.events, byId = {};
  var chart = $("chart"), panel = document.getElementById(opts.details || "details");
  var tooltip = document.getElementById(opts.tooltip || "tooltip");
  var state = {
    lanes: "type", query: "", type: "", actor: "", place: "", range: null, minSources: 0,
    view: [0, 1], selected: null, linked: null
  };
  var view = { state: state, lastRenderMs: 0, drawn: 0, bins: 0 };
  var bins = [], spans = [];

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

  function shorten(text, n) { return text.length > n ? text.slice(0, n - 1) + "…" : text; }
  function plural(n, noun) { return n + " " + noun + (n === 1 ? "" : "s"); }

  // Every filter at once (AND).
  function visible(e) { return inRange(e, state.range) && visibleAnyDate(e); }

  // Every filter but the date range: to count the undated events a range hides.
  function visibleAnyDate(e) {
    return e.sources.length >= state.minSources &&
      (!state.type || e.types.indexOf(state.type) >= 0 || e.type === state.type) &&
      hasEntity(e.actors, state.actor) && hasEntity(e.places, state.place) &&
      (!state.query || e.haystack.indexOf(state.query) >= 0);
  }

  function laneKeys(e) {
    var items = state.lanes === "type" ? [{ id: e.type, label: e.type }]
      : state.lanes === "actor" ? e.actors : e.places;
    return items.length ? items : [{ id: "", label: NONE[state.lanes] }];
  }

  /* Lanes of the dated events shown; past MAX_LANES the smallest are pooled into one. */
  function lanesOf(dated) {
    var lanes = {}, order = [];
    dated.forEach(function (e) {
      laneKeys(e).forEach(function (k) {
        if (!lanes[k.id]) { lanes[k.id] = { key: k.id, label: k.label, rank: k.id === "" ? 2 : 0, events: [] }; order.push(lanes[k.id]); }
        lanes[k.id].events.push(e);
      });
    });
    if (order.length > MAX_LANES) {
      order.sort(function (a, b) { return b.events.length - a.events.length || a.label.localeCompare(b.label, "en"); });
      var rest = order.splice(MAX_LANES - 1), seen = {}, other = { key: "\u0000other", rank: 1, events: [] };
      rest.forEach(function (lane) {
        lane.events.forEach(function (e) { if (!seen[e.id]) { seen[e.id] = true; other.events.push(e); } });
      });
      other.events.sort(function (a, b) { return a.t0 - b.t0 || a.t1 - b.t1; });
      other.label = "(" + rest.length + " other " + state.lanes + "s)";
      order.push(other);
    }
    order.sort(function (a, b) { return (a.rank - b.rank) || a.label.localeCompare(b.label, "en") || 0; });
    return order;
  }

  function fitTo(list) {
    var dated = list.filter(function (e) { return e.t0 !== null; });
    if (!dated.length) return false;
    var lo = Infinity, hi = -Infinity;
    dated.forEach(function (e) { lo = Math.min(lo, e.t0); hi = Math.max(hi, e.t1); });
    var span = Math.max(hi - lo, 14 * DAY), mid = (lo + hi) / 2;
    // Room on the right for the labels of the latest events.
    state.view = [mid - span * 0.54, mid + span * 0.72];
    return true;
  }

  function fit() {
    if (!fitTo(events.filter(visible)) && !fitTo(events)) state.view = [Date.UTC(2000, 0, 1), Date.UTC(2001, 0, 1)];
  }

  function drawItems(layer, lane) {
    lane.items.forEach(function (it) {
      var e = it.ev, cls = "ev" + (e.id === state.selected ? " selected" : "") + (state.linked && state.linked[e.id] ? " linked" : "");
      it.y = lane.y + PAD + it.row * ROW;
      var g = svgEl("g", { class: cls, "data-id": e.id }, layer);
      drawMark(g, it, colour[e.type], ROW);
      if (!it.text) return;
      var label = svgEl("text", { x: it.left ? it.x0 - 5 : it.inside ? GUTTER + 6 : it.x1 + 5, y: it.y + ROW / 2 + 4 }, g);
      if (it.left) label.setAttribute("text-anchor", "end");
      label.textContent = it.text;
    });
  }

  function drawSpan(layer, lane, right) {
    var linked = state.linked && lane.span.some(function (e) { return state.linked[e.id]; });
    var g = svgEl("g", { class: "span" + (linked ? " linked" : ""), "data-span": spans.length }, layer);
    spans.push(lane.span);
    svgEl("rect", { x: GUTTER - 4, y: lane.y + PAD + ROW / 2 - 6, width: right - GUTTER + 20, height: 12, rx: 2 }, g);
    svgEl("text", { x: GUTTER + 6, y: lane.y + PAD + ROW / 2 + 4 }, g).textContent = lane.span.length + " longer events span this whole view";
  }

  function drawBins(layer, lane, x, maxCount) {
    var base = lane.y + lane.h - PAD, hMax = lane.h - 2 * PAD - 12;
    var fill = state.lanes === "type" ? colour[lane.key] || "#6e7781" : "#6e7781";
    lane.bins.forEach(function (b) {
      var n = b.events.length, x0 = x(b.t0) + 1, w = Math.max(x(b.t1) - x(b.t0) - 2, 2);
      var h = Math.max(3, hMax * Math.sqrt(n / maxCount));
      var linked = state.linked ? b.events.filter(function (e) { return state.linked[e.id]; }).length : 0;
      var selected = b.events.some(function (e) { return e.id === state.selected; });
      var g = svgEl("g", { class: "bin" + (linked ? " linked" : "") + (selected ? " selected" : ""), "data-bin": bins.length, "data-count": n }, layer);
      bins.push(b);
      svgEl("rect", { class: "bar", x: x0, y: base - h, width: w, height: h, rx: 1.5, fill: fill }, g);
      if (linked) svgEl("rect", { class: "bar-linked", x: x0, y: base - h * linked / n, width: w, height: h * linked / n, rx: 1.5 }, g);
      if (w >= String(n).length * 6.5) svgEl("text", { x: x0 + w / 2, y: base - h - 3, "text-anchor": "middle" }, g).textContent = String(n);
    });
  }

  function render() {
    var started = performance.now();
    var width = Math.max(chart.clientWidth, 320), plotW = width - GUTTER - 12, right = GUTTER + plotW;
    var t0 = state.view[0], t1 = state.view[1], perPx = (t1 - t0) / plotW;
    var x = function (t) { return GUTTER + (t - t0) / perPx; };
    var shown = events.filter(visible);
    var dated = shown.filter(function (e) { return e.t0 !== null; });
    var undated = shown.filter(function (e) { return e.t0 === null; });
    var step = calendarStep(perPx, MIN_BIN);
    var maxRows = t1 - t0 <= 3 * DAY ? 1e6 : MAX_ROWS, lanes = lanesOf(dated), y = AXIS, maxCount = 1;
    lanes.forEach(function (lane) {
      var inView = lane.events.filter(function (e) { return e.t1 > t0 && e.t0 <= t1; });
      // Long events spanning the whole view are context: past MIN_SPAN they share one band.
      var spanning = inView.filter(function (e) { return e.precision !== "day" && e.t0 <= t0 && e.t1 >= t1; });
      lane.span = spanning.length >= MIN_SPAN ? spanning : null;
      var rest = lane.span ? inView.filter(function (e) { return spanning.indexOf(e) < 0; }) : inView;
      lane.items = rest.map(function (e) { return { ev: e }; });
      // Crowded: marks without labels (hover shows them); more crowded still: bins of counts.
      var limit = lane.items.length <= FEW ? Infinity : maxRows;
      var rows = layoutRows(lane.items, x, GUTTER, right, limit, CHAR, MAX_LABEL);
      if (rows === null) rows = layoutRows(lane.items, x, GUTTER, right, MAX_ROWS, CHAR, 0);
      if (rows !== null && lane.span) {
        rows += 1;
        lane.items.forEach(function (it) { it.row += 1; });
      }
      if (rows === null) {
        lane.items = null;
        lane.span = null;
        lane.bins = binEvents(inView, step);
        lane.bins.forEach(function (b) { maxCount = Math.max(maxCount, b.events.length); });
        rows = BIN_ROWS;
      }
      lane.y = y;
      lane.h = rows * ROW + 2 * PAD;
      y += lane.h;
    });
    var height = Math.max(y + 10, 140);

    var root = svgEl("svg", { width: width, height: height, role: "img", class: state.linked ? "linking" : "" });
    var clip = svgEl("clipPath", { id: (opts.prefix || "") + "plot" }, svgEl("defs", {}, root));
    svgEl("rect", { x: GUTTER, y: 0, width: plotW + 12, height: height }, clip);
    lanes.forEach(function (lane, i) {
      svgEl("rect", { class: "lane-bg" + (i % 2 ? " odd" : ""), x: 0, y: lane.y, width: width, height: lane.h }, root);
    });
    var clipRef = "url(#" + (opts.prefix || "") + "plot)", grid = svgEl("g", { "clip-path": clipRef }, root);
    var tickList = ticks(t0, t1, plotW);
    tickList.forEach(function (tk) { svgEl("line", { x1: x(tk.t), x2: x(tk.t), y1: AXIS - 6, y2: height }, svgEl("g", { class: "tick" }, grid)); });
    var marks = svgEl("g", { "clip-path": clipRef }, root);
    var drawn = 0;
    bins = [];
    spans = [];
    lanes.forEach(function (lane) {
      if (lane.span) drawSpan(marks, lane, right);
      if (lane.items) { drawItems(marks, lane); drawn += lane.items.length; } else drawBins(marks, lane, x, maxCount);
      var name = svgEl("text", { class: "lane-label", x: 12, y: lane.y + PAD + ROW / 2 + 4 }, root);
      name.textContent = shorten(lane.label, Math.floor((GUTTER - 20) / 7));
      svgEl("title", {}, name).textContent = lane.label;
      if (!lane.items) {
        svgEl("text", { class: "lane-note", x: 12, y: lane.y + PAD + ROW + 10 }, root).textContent =
          plural(lane.events.length, "event") + " · zoom in";
      }
    });
    svgEl("rect", { class: "axis-bg", x: 0, y: 0, width: width, height: AXIS - 4 }, root);
    tickList.forEach(function (tk) {
      svgEl("text", { x: x(tk.t) + 3, y: 16 }, svgEl("g", { class: "tick" }, root)).textContent = tickLabel(tk);
    });
    if (!dated.length) svgEl("text", { class: "lane-label", x: GUTTER, y: AXIS + 30 }, root).textContent = "No dated event matches.";
    clear(chart).appendChild(root);

    // Linked undated events first, so that a selection elsewhere shows them at the top.
    if (state.linked) undated = undated.filter(isLinked).concat(undated.filter(function (e) { return !isLinked(e); }));
    var list = clear($("undated"));
    undated.slice(0, MAX_UNDATED).forEach(function (e) {
      var li = el("li", (e.id === state.selected ? "selected" : "") + (state.linked && state.linked[e.id] ? " linked" : ""), e.label);
      li.setAttribute("data-id", e.id);
      li.style.borderLeftColor = colour[e.type];
      li.appendChild(el("span", "type", e.type));
      list.appendChild(li);
    });
    if (undated.length > MAX_UNDATED) list.appendChild(el("li", "more", "… and " + (undated.length - MAX_UNDATED) + " more: search or filter to narrow"));
    // A date range hides every undated event: say how many the other filters would have kept.
    var hidden = state.range ? events.filter(function (e) { return e.t0 === null && visibleAnyDate(e); }).length : 0;
    var note = hidden ? plural(hidden, "undated event") + " hidden by the date range" : "";
    if (note) list.appendChild(el("li", "more", note));
    $("undated-count").textContent = "(" + undated.length + ")";
    $("count").textContent = shown.length + " of " + events.length + " events" + (note ? " · " + note : "");
    view.drawn = drawn;
    view.bins = bins.length;
    view.lastRenderMs = performance.now() - started;
    return view;
  }

  function isLinked(e) { return state.linked !== null && state.linked[e.id] === true; }

  var pending = false;
  function schedule() {
    if (pending) return;
    pending = true;
    requestAnimationFrame(function () { pending = false; render(); });
  }

  function isDrawn(id) {
    return chart.querySelector('g.ev[data-id="' + CSS.escape(id) + '"]') !== null;
  }

  /* Bring a dated event into view: centre on it, then zoom in until its lane draws it as a mark. */
  function reveal(e) {
    if (e.t0 === null || !visible(e)) return render();
    var span = state.view[1] - state.view[0], mid = (e.t0 + e.t1) / 2;
    if (e.t1 < state.view[0] || e.t0 > state.view[1]) state.view = [mid - span / 2, mid + span / 2];
    render();
    for (var i = 0; i < 8 && !isDrawn(e.id) && span > 2 * DAY; i++) {
      span = Math.max(span / 4, 2 * DAY);
      state.view = [mid - span / 2, mid + span / 2];
      render();
    }
    return view;
  }

  function select(id, how) {
    var ev = byId[id];
    if (!ev) return;
    state.selected = id;
    showEventDetails(panel, ev);
    if (how && how.reveal) reveal(ev); else render();
    if (opts.onSelect && !(how && how.silent)) opts.onSelect(id);
  }

  /* Mark the events in `ids` (null: none) as linked to a selection elsewhere, and bring them
     into view: fitted to them with how.fit, else only when one of them is out of view. */
  function highlight(ids, how) {
    state.linked = null;
    if (ids && ids.length) {
      state.linked = {};
      ids.forEach(function (id) { state.linked[id] = true; });
      var linked = ids.map(function (id) { return byId[id]; }).filter(function (e) { return e && e.t0 !== null; });
      var out = linked.some(function (e) { return e.t1 < state.view[0] || e.t0 > state.view[1]; });
      if (out || (how && how.fit)) fitTo(linked);
    }
    render();
  }

  function showTooltip(ev, mouse) {
    var lines = [formatWhen(ev) + (formatBasis(ev) ? " — " + formatBasis(ev) : "")];
    if (ev.actors.length) lines.push("Actors: " + ev.actors.map(actorText).join(", "));
    if (ev.places.length) lines.push("Place: " + ev.places.map(function (p) { return p.label; }).join(", "));
    lines.push(ev.type + " · " + plural(ev.sources.length, "source"));
    showTip(tooltip, ev.label, lines, mouse);
  }

  function showBinTooltip(b, mouse) {
    var last = new Date(b.t1 - DAY).toISOString().slice(0, 10), first = new Date(b.t0).toISOString().slice(0, 10);
    showListTooltip(b.events, formatDay(first) + (first === last ? "" : " – " + formatDay(last)), "Click to zoom in.", mouse);
  }

  function showListTooltip(list, title, hint, mouse) {
    var lines = list.slice(0, 6).map(function (e) { return "• " + shorten(e.label, 60) + " (" + formatWhen(e) + ")"; });
    if (list.length > 6) lines.push("… and " + (list.length - 6) + " more");
    lines.push(hint);
    showTip(tooltip, title + ": " + plural(list.length, "event"), lines, mouse);
  }

  function plotWidth() { return chart.clientWidth - GUTTER - 12; }

  // Zoom around the pointer; keep the span between two days and four centuries.
  function zoomAt(at, factor) {
    var v = state.view, span = v[1] - v[0], next = Math.min(Math.max(span * factor, 2 * DAY), 400 * UNIT.year);
    state.view = [at - (at - v[0]) * next / span, at + (v[1] - at) * next / span];
  }
  chart.addEventListener("wheel", function (e) {
    e.preventDefault();
    var plotW = plotWidth(), v = state.view;
    var px = Math.min(Math.max(e.clientX - chart.getBoundingClientRect().left - GUTTER, 0), plotW);
    zoomAt(v[0] + px / plotW * (v[1] - v[0]), Math.exp(e.deltaY * 0.0015));
    schedule();
  }, { passive: false });

  var drag = null, dragged = false;
  chart.addEventListener("pointerdown", function (e) { drag = { x: e.clientX, view: state.view.slice(), id: e.pointerId }; dragged = false; });
  chart.addEventListener("pointermove", function (e) {
    if (drag) {
      var dx = e.clientX - drag.x;
      if (!dragged && Math.abs(dx) > 3) { dragged = true; chart.setPointerCapture(drag.id); chart.classList.add("dragging"); tooltip.hidden = true; }
      if (dragged) {
        var shift = dx / plotWidth() * (drag.view[1] - drag.view[0]);
        state.view = [drag.view[0] - shift, drag.view[1] - shift];
        schedule();
        return;
      }
    }
    var g = e.target.closest && e.target.closest(".ev, .bin, .span");
    if (!g) tooltip.hidden = true;
    else if (g.classList.contains("bin")) showBinTooltip(bins[+g.getAttribute("data-bin")], e);
    else if (g.classList.contains("span")) showListTooltip(spans[+g.getAttribute("data-span")], "Spanning this view", "Click to zoom out to them.", e);
    else showTooltip(byId[g.getAttribute("data-id")], e);
  });
  function endDrag() { drag = null; chart.classList.remove("dragging"); }
  chart.addEventListener("pointerup", endDrag);
  chart.addEventListener("pointercancel", endDrag);
  chart.addEventListener("pointerleave", function () { tooltip.hidden = true; });
  chart.addEventListener("click", function (e) {
    if (dragged) { dragged = false; return; }
    var g = e.target.closest(".ev, .bin, .span");
    if (!g) return;
    if (g.classList.contains("ev")) return select(g.getAttribute("data-id"));
    tooltip.hidden = true;
    if (g.classList.contains("span")) { fitTo(spans[+g.getAttribute("data-span")]); return render(); }
    var b = bins[+g.getAttribute("data-bin")], span = Math.max(b.t1 - b.t0, 2 * DAY) * 1.4, mid = (b.t0 + b.t1) / 2;
    state.view = [mid - span / 2, mid + span / 2];
    tooltip.hidden = true;
    render();
  });
  $("undated").addEventListener("click", function (e) {
    var li = e.target.closest("li[data-id]");
    if (li) select(li.getAttribute("data-id"));
  });

  var typeSelect = $("type-filter");
  types.forEach(function (t) { var o = el("option", null, t); o.value = t; typeSelect.appendChild(o); });
  $("search").addEventListener("input", function (e) { state.query = e.target.value.trim().toLowerCase(); schedule(); });
  $("lanes").addEventListener("change", function (e) { state.lanes = e.target.value; schedule(); });
  typeSelect.addEventListener("change", function (e) { state.type = e.target.value; schedule(); });
  $("min-sources").addEventListener("input", function (e) { state.minSources = +e.target.value || 0; schedule(); });
  $("fit").addEventListener("click", function () { fit(); schedule(); });
  bindFilters(state, $, events, function (refit) { if (refit) fit(); schedule(); });
  window.addEventListener("resize", schedule);

  drawLegend($("legend"), types, colour);
  fit();
  render();
  view.render = render;
  view.select = select;
  view.highlight = highlight;
  view.fit = function () { fit(); return render(); };
  view.zoomAt = function (at, factor) { zoomAt(at, factor); return render(); };
  return view;
}
