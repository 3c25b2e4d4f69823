/* The network view's own behaviour, on top of pyvis' drawGraph(): hover text, details panel,
   search, legend, and physics switched off once the layout has stabilised. Needs common.js.
   Hover text is our own tooltip built with textContent; vis-network is never given a title. */
function evkgSetup(network) {
  var data = JSON.parse(document.getElementById("data").textContent);
  var info = {}, panel = document.getElementById("details"), tooltip = document.getElementById("tooltip");
  var container = document.getElementById("mynetwork");
  data.nodes.forEach(function (n) { info[n.id] = n; });

  function freeze() {
    network.setOptions({ physics: false });
    document.body.setAttribute("data-stabilized", "true");
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
      var span = el("span"), button = el("button", "link", e.label);
      button.type = "button";
      button.addEventListener("click", function () { focus(e.id); });
      span.appendChild(button);
      span.appendChild(el("span", "role", " — " + e.role));
      return span;
    }));
  }

  function show(id) {
    var n = info[id];
    if (!n) return;
    if (n.event) showEventDetails(panel, n.event); else showEntity(n);
  }

  function focus(id) {
    network.selectNodes([id]);
    network.focus(id, { scale: Math.max(network.getScale(), 1), animation: false });
    show(id);
  }

  network.on("click", function (params) {
    if (params.nodes.length) show(params.nodes[0]);
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

  var count = document.getElementById("count");
  function matches(q) {
    return q ? data.nodes.filter(function (n) { return n.label.toLowerCase().indexOf(q) >= 0; }) : [];
  }
  var search = document.getElementById("search");
  search.addEventListener("input", function () {
    var q = search.value.trim().toLowerCase(), found = matches(q);
    network.selectNodes(found.map(function (n) { return n.id; }));
    count.textContent = q ? found.length + " match" + (found.length === 1 ? "" : "es") : data.nodes.length + " nodes";
  });
  search.addEventListener("keydown", function (e) {
    if (e.key !== "Enter") return;
    var found = matches(search.value.trim().toLowerCase());
    if (found.length === 1) focus(found[0].id);
    else if (found.length) { network.fit({ nodes: found.map(function (n) { return n.id; }), animation: false }); show(found[0].id); }
  });
  document.getElementById("fit").addEventListener("click", function () { network.fit({ animation: false }); });
  count.textContent = data.nodes.length + " nodes";

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
  var legend = document.getElementById("legend");
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

  window.networkView = { network: network, show: show, focus: focus };
  return network;
}
