/* Drawing pieces of the timeline: SVG elements, the mark of an event by its date precision,
   the legend, and the hover box. Every piece of data goes in as text. Needs common.js. */
"use strict";

var SVG_NS = "http://www.w3.org/2000/svg";

function svgEl(tag, attrs, parent) {
  var node = document.createElementNS(SVG_NS, tag);
  Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
  if (parent) parent.appendChild(node);
  return node;
}

/* The mark of one laid-out item in a row `row` pixels high: a point for a day, a bar for a
   week or month, a pale bar for a year, a dashed bar for an approximate interval. */
function drawMark(g, it, fill, row) {
  var cy = it.y + row / 2, p = it.ev.precision;
  if (it.point) return svgEl("circle", { class: "mark", cx: it.x0 + 6, cy: cy, r: 5.5, fill: fill, stroke: "#fff", "stroke-width": 1.5 }, g);
  var attrs = { class: "mark", x: it.x0, y: cy - 5, width: it.x1 - it.x0, height: 10, rx: 2, fill: fill };
  if (p === "year") { attrs["fill-opacity"] = 0.28; attrs.stroke = fill; attrs["stroke-width"] = 1.5; }
  if (p === "approximate") { attrs["fill-opacity"] = 0.12; attrs.stroke = fill; attrs["stroke-width"] = 1.5; attrs["stroke-dasharray"] = "4 3"; }
  return svgEl("rect", attrs, g);
}

function legendItem(box, icon, text) {
  var item = el("span", "item");
  item.appendChild(icon);
  item.appendChild(document.createTextNode(text));
  box.appendChild(item);
}

/* The legend: the marks of each precision, the bins of crowded lanes, the colour of each type. */
function drawLegend(box, types, colour) {
  var glyphs = [["day", "day: point"], ["week", "week / month: bar"], ["year", "year: pale bar"], ["approximate", "approximate: dashed"]];
  glyphs.forEach(function (g) {
    var icon = svgEl("svg", { width: 26, height: 14 });
    drawMark(icon, { ev: { precision: g[0] }, point: g[0] === "day", x0: 2, x1: 24, y: -4 }, "#57606a", 22);
    legendItem(box, icon, g[1]);
  });
  var bins = svgEl("svg", { width: 18, height: 14 });
  [[1, 8, 6], [6, 3, 11], [11, 6, 8]].forEach(function (r) { svgEl("rect", { x: r[0], y: r[1], width: 4, height: r[2], fill: "#6e7781" }, bins); });
  legendItem(box, bins, "crowded: counts (click to zoom)");
  types.forEach(function (t) {
    var icon = svgEl("svg", { width: 12, height: 12 });
    svgEl("rect", { width: 12, height: 12, rx: 2, fill: colour[t] }, icon);
    legendItem(box, icon, t);
  });
}

/* Show the hover box with a title and lines of text next to the mouse, inside the window. */
function showTip(tooltip, title, lines, mouse) {
  clear(tooltip);
  tooltip.appendChild(el("div", "title", title));
  tooltip.appendChild(el("div", null, lines.join("\n")));
  tooltip.hidden = false;
  tooltip.style.left = Math.min(mouse.clientX + 14, window.innerWidth - tooltip.offsetWidth - 8) + "px";
  tooltip.style.top = Math.min(mouse.clientY + 16, window.innerHeight - tooltip.offsetHeight - 8) + "px";
}
