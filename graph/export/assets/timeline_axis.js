/* The timeline's arithmetic, without any DOM: time-axis ticks, calendar bins, and the layout of
   marks in rows. Used by timeline.js. */
"use strict";

var DAY = 864e5;
var STEPS = [[1, "day"], [2, "day"], [7, "day"], [14, "day"], [1, "month"], [2, "month"], [3, "month"], [6, "month"],
  [1, "year"], [2, "year"], [5, "year"], [10, "year"], [25, "year"], [50, "year"], [100, "year"]];
var UNIT = { day: DAY, month: 30.44 * DAY, year: 365.25 * DAY };

/* The first calendar step whose width on screen is at least `minPx` pixels. */
function calendarStep(perPx, minPx) {
  return STEPS.filter(function (s) { return s[0] * UNIT[s[1]] / perPx >= minPx; })[0] || STEPS[STEPS.length - 1];
}

/* The start of the step containing `t` (weeks count from the epoch, a Thursday; months and
   years from the start of the year or century). */
function stepFloor(t, step) {
  var n = step[0], unit = step[1], d = new Date(t), y = d.getUTCFullYear(), m = d.getUTCMonth();
  if (unit === "day") return Math.floor(t / (n * DAY)) * n * DAY;
  if (unit === "month") return Date.UTC(y, m - m % n, 1);
  return Date.UTC(y - ((y % n) + n) % n, 0, 1);
}

function stepNext(t, step) {
  var n = step[0], unit = step[1], c = new Date(t);
  if (unit === "day") return t + n * DAY;
  if (unit === "month") return Date.UTC(c.getUTCFullYear(), c.getUTCMonth() + n, 1);
  return Date.UTC(c.getUTCFullYear() + n, 0, 1);
}

/* Axis ticks between t0 and t1 for a plot `plotW` pixels wide, at least 95 px apart. */
function ticks(t0, t1, plotW) {
  var step = calendarStep((t1 - t0) / plotW, 95), out = [];
  var t = step[1] === "day" ? Math.floor(t0 / DAY) * DAY : stepFloor(t0, step);
  for (var guard = 0; t <= t1 && guard < 400; guard++) {
    if (t >= t0) out.push({ t: t, unit: step[1] });
    t = step[1] === "day" ? t + step[0] * DAY : stepNext(t, step);
  }
  return out;
}

function tickLabel(tick) {
  return formatDay(new Date(tick.t).toISOString().slice(0, 10), tick.unit);
}

/* Rows for the marks of one lane so that no two marks or labels overlap, or null when more
   than `maxRows` rows would be needed. Each item gets point/x0/x1/text/left/inside/row; `x`
   maps time to pixels, `gutter` and `right` bound the plot; labels are cut to `maxLabel`
   characters, and left out when `maxLabel` is 0. */
function layoutRows(items, x, gutter, right, maxRows, charW, maxLabel) {
  var ends = [];
  for (var i = 0; i < items.length; i++) {
    var it = items[i], e = it.ev, point = e.precision === "day" || e.t1 - e.t0 <= DAY;
    it.point = point;
    it.x0 = point ? x(e.t0 + DAY / 2) - 6 : x(e.t0);
    it.x1 = point ? it.x0 + 12 : Math.max(x(e.t1), it.x0 + 6);
    it.text = !maxLabel ? "" : e.label.length > maxLabel ? e.label.slice(0, maxLabel - 1) + "…" : e.label;
    // A label that would run off the right edge goes left of its mark, if there is room.
    var w = it.text ? 6 + it.text.length * charW : 0, start = it.x0, end = it.x1 + w;
    it.left = end > right && it.x0 - w >= gutter;
    // A bar running past both edges of the view: its label goes at the left edge, over the bar.
    it.inside = !it.point && !it.left && end > right && it.x0 < gutter;
    if (it.left) { start = it.x0 - w; end = it.x1; }
    if (it.inside) end = Math.max(it.x1, gutter + w);
    var row = 0;
    while (row < ends.length && ends[row] > start - 8) row++;
    if (row >= maxRows) return null;
    ends[row] = end;
    it.row = row;
  }
  return Math.max(1, ends.length);
}

/* Events counted in calendar bins of `step` (an event falls in the bin of its middle day).
   Returns bins in time order: {t0, t1, events: [...]}. */
function binEvents(events, step) {
  var bins = {}, keys = [];
  events.forEach(function (e) {
    var mid = e.t0 + Math.floor((e.t1 - e.t0) / 2 / DAY) * DAY, b = stepFloor(mid, step);
    if (!bins[b]) { bins[b] = { t0: b, t1: stepNext(b, step), events: [] }; keys.push(b); }
    bins[b].events.push(e);
  });
  keys.sort(function (a, b) { return a - b; });
  return keys.map(function (k) { return bins[k]; });
}
