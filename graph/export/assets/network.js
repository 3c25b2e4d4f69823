/* The network view's own behaviour, on top of a vis-network: hover text, details panel, search,
   filters by class and event type, legend, and physics switched off once the layout has
   stabilised. Needs common.js. Hover text is our own tooltip built with textContent;
   vis-network is never given a title. evkgNetwork(network, data, opts) sets up one view;
   opts.prefix prefixes the element ids it uses, opts.onSelect(node or null) hears of clicks. */
function evkgNetwork(network, data, opts) {
  opts = opts || {};
  function $(name) { return document.getElementById((opts.prefix || "") + name); }
  var info = {}, hidden = {}, panel = document.getElementById(opts.details || "details");
  var tooltip = document.getElementById(opts.tooltip || "tooltip"), container = network.body.container;
  var nodeSet = network.body.data.nodes, types = [];
  data.nodes.forEach(function (n) {
    info[n.id] = n;
    if (n.event) n.event.types.concat([n.event.type]).forEach(function (t) { if (types.indexOf(t) < 0) types.push(t); });
  });
  types.sort();
  var view = { network: network, hidden: hidden, stabilizedAt: null };

  function freeze() {
    network.setOptions({ physics: false });
    // pyvis' progress bar fades out over half a second: gone at once, it cannot veil the graph.
    var bar = document.getElementById("loadingBar");
    if (bar) bar.style.display = "none";
    container.setAttribute("data-stabilized", "true");
    document.body.setAttribute("data-stabilized", "true");
    view.stabilizedAt = performance.now();
  }
  network.once("stabilizationIterationsDone", freeze);
  // With no node to move, vis-network never starts a stabilisation, so no event comes.
  if (network.physics && network.physics.ready) freeze();

  function showEntity(n) {
    clear(panel);
    panel.appendChild(el("div", "kind", n.kind));
    panel.appendChild(el("h2", null, n.label));
    var dl = el("dl");
    addRow(dl, "Also known as", n.altLabels.join(", "));
    if (n.lat !== null && n.long !== null) addRow(dl, "Coordinates", n.lat.toFixed(3) + ", " + n.long.toFixed(3));
    addRow(dl, "Sources", String(n.sources));
    panel.appendChild(dl);
    panel.appendChild(el("h3", null, "Events (" + n.events.length + ")"));
    panel.appendChild(list(n.events, function (e) {
      // A link rather than a button: a button's label wraps as a block and loses the bullet.
      var span = el("span"), link = el("a", "link", e.label);
      link.href = "#";
      link.addEventListener("click", function (ev) { ev.preventDefault(); focus(e.id); });
      span.appendChild(link);
      span.appendChild(el("span", "role", " — " + e.role));
      return span;
    }));
  }

  function show(id) {
    var n = info[id];
    if (!n) return;
    if (n.event) showEventDetails(panel, n.event); else showEntity(n);
  }

  /* Select and centre on a node, and show its details; the onSelect hook hears of it unless silent. */
  function focus(id, silent) {
    if (!info[id]) return;
    network.selectNodes([id]);
    network.focus(id, { scale: Math.max(network.getScale(), opts.focusScale || 1), animation: false });
    show(id);
    if (opts.onSelect && !silent) opts.onSelect(info[id]);
  }

  network.on("click", function (params) {
    if (params.nodes.length) show(params.nodes[0]);
    if (opts.onSelect) opts.onSelect(params.nodes.length ? info[params.nodes[0]] : null);
  });
  network.on("hoverNode", function (params) {
    var n = info[params.node], box = container.getBoundingClientRect();
    clear(tooltip);
    tooltip.appendChild(el("div", "title", n.label));
    tooltip.appendChild(el("div", null, n.tip));
    tooltip.hidden = false;
    var x = box.left + params.pointer.DOM.x + 14, y = box.top + params.pointer.DOM.y + 16;
    tooltip.style.left = Math.min(x, window.innerWidth - tooltip.offsetWidth - 8) + "px";
    tooltip.style.top = y + "px";
  });
  network.on("blurNode", function () { tooltip.hidden = true; });
  network.on("dragStart", function () { tooltip.hidden = true; });
  container.addEventListener("mouseleave", function () { tooltip.hidden = true; });

  var count = $("count"), search = $("search"), typeSelect = $("type-filter"), shown = data.nodes.length;
  function showCount(found) {
    count.textContent = found ? found.length + " match" + (found.length === 1 ? "" : "es")
      : shown === data.nodes.length ? data.nodes.length + " nodes" : shown + " of " + data.nodes.length + " nodes";
  }
  function matches(q) {
    return q ? data.nodes.filter(function (n) { return !hidden[n.id] && n.label.toLowerCase().indexOf(q) >= 0; }) : null;
  }
  function onSearch() {
    var found = matches(search.value.trim().toLowerCase());
    network.selectNodes(found ? found.map(function (n) { return n.id; }) : []);
    showCount(found);
  }
  search.addEventListener("input", onSearch);
  search.addEventListener("keydown", function (e) {
    if (e.key !== "Enter") return;
    var found = matches(search.value.trim().toLowerCase()) || [];
    if (found.length === 1) focus(found[0].id);
    else if (found.length) { network.fit({ nodes: found.map(function (n) { return n.id; }), animation: false }); show(found[0].id); }
  });
  $("fit").addEventListener("click", function () { network.fit({ animation: false }); });

  /* Hide the nodes the class boxes and the type list leave out. With a type chosen, an actor or
     place stays only if it takes part in an event of that type. Edges of hidden nodes go too. */
  function groupOf(n) { return n.kind === "Event" ? "event" : n.kind === "Place" ? "place" : "actor"; }
  function applyFilter() {
    var show = { event: $("show-event").checked, actor: $("show-actor").checked, place: $("show-place").checked };
    var type = typeSelect.value, ofType = {}, changes = [];
    data.nodes.forEach(function (n) {
      if (n.event) ofType[n.id] = !type || n.event.type === type || n.event.types.indexOf(type) >= 0;
    });
    shown = 0;
    data.nodes.forEach(function (n) {
      var on = show[groupOf(n)] && (n.event ? ofType[n.id] : !type || n.events.some(function (e) { return ofType[e.id]; }));
      if (on) shown++;
      if (!on !== !!hidden[n.id]) { hidden[n.id] = !on; changes.push({ id: n.id, hidden: !on }); }
    });
    if (changes.length) nodeSet.update(changes);
    onSearch();
  }
  types.forEach(function (t) { var o = el("option", null, t); o.value = t; typeSelect.appendChild(o); });
  ["show-event", "show-actor", "show-place", "type-filter"].forEach(function (name) {
    $(name).addEventListener("change", applyFilter);
  });
  showCount(null);

  var SVGNS = "http://www.w3.org/2000/svg";
  var SHAPES = {
    dot: ["circle", { cx: 7, cy: 7, r: 6 }],
    square: ["rect", { x: 1.5, y: 1.5, width: 11, height: 11 }],
    triangle: ["polygon", { points: "7,1 13,12.5 1,12.5" }],
    triangleDown: ["polygon", { points: "1,1.5 13,1.5 7,13" }],
    diamond: ["polygon", { points: "7,0.5 13.5,7 7,13.5 0.5,7" }],
    hexagon: ["polygon", { points: "3.5,1 10.5,1 14,7 10.5,13 3.5,13 0,7" }],
    star: ["polygon", { points: "7,0.5 8.8,5 13.5,5.2 9.8,8.2 11,13 7,10.3 3,13 4.2,8.2 0.5,5.2 5.2,5" }]
  };
  var legend = $("legend");
  data.legend.forEach(function (item) {
    var span = el("span", "item"), icon = document.createElementNS(SVGNS, "svg"), shape = SHAPES[item.shape];
    icon.setAttribute("width", "14"); icon.setAttribute("height", "14");
    var glyph = document.createElementNS(SVGNS, shape[0]);
    Object.keys(shape[1]).forEach(function (k) { glyph.setAttribute(k, shape[1][k]); });
    glyph.setAttribute("fill", item.colour);
    icon.appendChild(glyph);
    span.appendChild(icon);
    span.appendChild(document.createTextNode(item.kind));
    legend.appendChild(span);
  });
  legend.appendChild(el("span", "item", "size: number of sources · edge label: role"));

  view.show = show;
  view.focus = focus;
  view.applyFilter = applyFilter;
  return view;
}
