/* Shared by the timeline and the network views: DOM building and the details panel.
   Every piece of data goes into the page as text (textContent / createTextNode), never as
   markup, and only http(s) URLs become links. */
"use strict";

var MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

function el(tag, className, text) {
  var node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined && text !== null) node.textContent = String(text);
  return node;
}

/* The JSON data the page carries in the application/json script element of this id. */
function readData(id) {
  return JSON.parse(document.getElementById(id).textContent);
}

function clear(node) {
  while (node.firstChild) node.removeChild(node.firstChild);
  return node;
}

function safeHref(url) {
  return typeof url === "string" && /^https?:\/\//i.test(url.trim()) ? url.trim() : null;
}

function parseDay(iso) {
  var p = iso.split("-");
  return Date.UTC(+p[0], +p[1] - 1, +p[2]);
}

function formatDay(iso, parts) {
  var p = iso.split("-"), day = String(+p[2]), month = MONTHS[+p[1] - 1];
  if (parts === "year") return p[0];
  if (parts === "month") return month + " " + p[0];
  return day + " " + month + " " + p[0];
}

/* The date of an event as people say it: "9 Nov 2022", "Sep 2022", "2014", "≈ 1 Nov – 10 Nov 2022". */
function formatWhen(ev) {
  if (!ev.begin) return "date unknown";
  if (ev.precision === "year") return formatDay(ev.begin, "year");
  if (ev.precision === "month") return formatDay(ev.begin, "month");
  var text = ev.begin === ev.end ? formatDay(ev.begin) : formatDay(ev.begin) + " – " + formatDay(ev.end);
  return ev.precision === "approximate" ? "≈ " + text : text;
}

/* How the date was obtained: the expression, and the anchor a relative one was resolved against. */
function formatBasis(ev) {
  if (!ev.begin) return "";
  var parts = [];
  if (ev.expression) parts.push("“" + ev.expression + "”");
  if (ev.basis === "relative") parts.push(ev.anchor ? "resolved against " + ev.anchor : "relative expression");
  else if (ev.basis === "explicit") parts.push("explicit date");
  if (ev.precision) parts.push(ev.precision + " precision");
  return parts.join(", ");
}

function formatNumber(x) {
  return x === null || x === undefined ? "" : Number(x).toLocaleString("en-US");
}

function formatFigure(f) {
  if (f.text) return f.text;
  var amount = f.value !== null ? formatNumber(f.value) : formatNumber(f.min) + "–" + formatNumber(f.max);
  return [f.qualifier, amount, f.unit].filter(Boolean).join(" ");
}

function actorText(a) {
  return a.label + " (" + a.roles.join(", ") + ")";
}

function addRow(dl, term, value) {
  if (value === null || value === undefined || value === "" || (value.length === 0)) return;
  dl.appendChild(el("dt", null, term));
  var dd = el("dd");
  if (typeof value === "string") dd.textContent = value;
  else dd.appendChild(value);
  dl.appendChild(dd);
}

function list(items, render) {
  var ul = el("ul");
  items.forEach(function (item) {
    var li = el("li");
    var content = render(item);
    if (typeof content === "string") li.textContent = content;
    else li.appendChild(content);
    ul.appendChild(li);
  });
  return ul;
}

function sourceItem(src) {
  var box = el("div", "source");
  var title = src.headline || src.identifier || src.id;
  var href = safeHref(src.url);
  var head = href ? el("a", "headline", title) : el("span", "headline", title);
  if (href) { head.href = href; head.rel = "noopener noreferrer"; head.target = "_blank"; }
  box.appendChild(head);
  var meta = [src.publisher, src.date ? formatDay(src.date) : null, src.identifier].filter(Boolean).join(" · ");
  if (meta) box.appendChild(el("div", "meta", meta));
  if (src.url && !href) box.appendChild(el("div", "meta", "URL (not a web link): " + src.url));
  src.sentences.forEach(function (s) { box.appendChild(el("blockquote", "evidence", s)); });
  return box;
}

/* Fill `panel` with everything known about one event. */
function showEventDetails(panel, ev) {
  clear(panel);
  panel.appendChild(el("div", "kind", ev.types.length ? ev.types.join(", ") : ev.type));
  panel.appendChild(el("h2", null, ev.label));
  var dl = el("dl");
  addRow(dl, "Date", formatWhen(ev));
  addRow(dl, "Resolved from", formatBasis(ev));
  addRow(dl, "Factuality", ev.factuality);
  addRow(dl, "Actors", ev.actors.length ? list(ev.actors, actorText) : null);
  addRow(dl, "Places", ev.places.length ? list(ev.places, function (p) {
    return p.lat !== null && p.long !== null ? p.label + " (" + p.lat.toFixed(3) + ", " + p.long.toFixed(3) + ")" : p.label;
  }) : null);
  addRow(dl, "About", ev.topic);
  addRow(dl, "According to", ev.accordingTo.join(", "));
  addRow(dl, "Quotes", ev.quotes.length ? list(ev.quotes, function (q) { return el("q", null, q); }) : null);
  addRow(dl, "Figures", ev.figures.length ? list(ev.figures, function (f) {
    return formatFigure(f) + (f.givenBy.length ? " — given by " + f.givenBy.join(", ") : "");
  }) : null);
  addRow(dl, "Mentions", String(ev.mentions));
  panel.appendChild(dl);
  panel.appendChild(el("h3", null, "Sources (" + ev.sources.length + ")"));
  ev.sources.forEach(function (src) { panel.appendChild(sourceItem(src)); });
}
