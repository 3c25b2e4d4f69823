/* The timeline's filters by actor, by place and by a date range: pure functions over the page's
   events (t0/t1 in ms as timeline.js sets them, t1 exclusive, null when undated), the filling of a
   select list with names (as text), and the wiring of the page's controls. Used by timeline.js;
   needs common.js and timeline_axis.js (DAY). */
"use strict";

/* The actors (key "actors") or places (key "places") of `events`, each once, as
   {id, label, count}: sorted by label, then id, so that the same data gives the same list. */
function entityOptions(events, key) {
  var seen = Object.create(null), out = [];
  events.forEach(function (e) {
    e[key].forEach(function (x) {
      if (!seen[x.id]) { seen[x.id] = { id: x.id, label: x.label, count: 0 }; out.push(seen[x.id]); }
      seen[x.id].count += 1;
    });
  });
  out.sort(function (a, b) { return a.label.localeCompare(b.label, "en") || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0); });
  return out;
}

/* Append one <option> per entry of `options` to `select`: the name and its number of events as
   text, the id as value. */
function fillOptions(select, options) {
  options.forEach(function (o) {
    var option = el("option", null, o.label + " (" + o.count + ")");
    option.value = o.id;
    select.appendChild(option);
  });
}

/* The range of days from `from` to `to` ("YYYY-MM-DD", both included; either may be empty for
   no bound) as {t0, t1} in ms with t1 exclusive; null when both are empty. Bounds given the
   wrong way round are swapped. */
function dateRange(from, to) {
  if (!from && !to) return null;
  if (from && to && from > to) { var swap = from; from = to; to = swap; }
  return { t0: from ? parseDay(from) : -Infinity, t1: to ? parseDay(to) + DAY : Infinity };
}

/* Whether event `e` overlaps `range` (from dateRange); every event does when there is no range,
   and an undated one never does when there is one. */
function inRange(e, range) {
  return range === null || (e.t0 !== null && e.t0 < range.t1 && e.t1 > range.t0);
}

/* Whether `items` (an event's actors or places) hold the one with this id; true when `id` is empty. */
function hasEntity(items, id) {
  return !id || items.some(function (x) { return x.id === id; });
}

/* Wire the actor, place and date-range controls of a timeline, and the button clearing every
   filter, to `state`: `$(name)` finds a control (a page may leave any out: it then has no such
   filter), `changed(refit)` redraws, fitting the view to what is shown when `refit`. */
function bindFilters(state, $, events, changed) {
  function on(name, type, handler) {
    var node = $(name);
    if (node) node.addEventListener(type, handler);
    return node;
  }
  var actors = on("actor-filter", "change", function (e) { state.actor = e.target.value; changed(false); });
  var places = on("place-filter", "change", function (e) { state.place = e.target.value; changed(false); });
  if (actors) fillOptions(actors, entityOptions(events, "actors"));
  if (places) fillOptions(places, entityOptions(events, "places"));
  // A new range brings its events into view.
  function setRange() {
    state.range = dateRange($("date-from") ? $("date-from").value : "", $("date-to") ? $("date-to").value : "");
    changed(true);
  }
  on("date-from", "change", setRange);
  on("date-to", "change", setRange);
  on("clear-filters", "click", function () {
    ["search", "type-filter", "actor-filter", "place-filter", "date-from", "date-to"].forEach(function (name) {
      if ($(name)) $(name).value = "";
    });
    if ($("min-sources")) $("min-sources").value = "0";
    state.query = state.type = state.actor = state.place = "";
    state.range = null;
    state.minSources = 0;
    changed(true);
  });
}
