/* The explorer: one timeline and one network over the same data, linked through their hooks.
   Needs common.js, timeline_axis.js, timeline.js, network.js and vis-network. */
(function () {
  var data = readData("data");
  var container = document.getElementById("nw-network");
  var network = new vis.Network(container, {
    nodes: new vis.DataSet(data.vis.nodes), edges: new vis.DataSet(data.vis.edges)
  }, data.vis.options);
  var timeline = null;

  // A node picked in the network: its event selected on the timeline, or an actor's or a
  // place's events lit up there; a click on empty space clears the light.
  function fromNetwork(node) {
    if (!node) { timeline.highlight(null); return; }
    if (node.event) {
      timeline.highlight([node.id]);
      timeline.select(node.id, { silent: true, reveal: true });
      return;
    }
    var ids = [];
    node.events.forEach(function (e) { if (ids.indexOf(e.id) < 0) ids.push(e.id); });
    timeline.state.selected = null;
    timeline.highlight(ids, { fit: true });
  }

  // An event picked on the timeline: selected and centred in the network. A light from the
  // network stays while the pick is one of its events.
  function fromTimeline(id) {
    if (timeline.state.linked && !timeline.state.linked[id]) timeline.highlight(null);
    networkView.focus(id, true);
  }

  var networkView = evkgNetwork(network, data, { prefix: "nw-", focusScale: 0.8, onSelect: fromNetwork });
  var events = data.nodes.filter(function (n) { return n.event; }).map(function (n) { return n.event; });
  timeline = evkgTimeline({ events: events }, { prefix: "tl-", gutter: 130, maxLabel: 32, onSelect: fromTimeline });
  window.network = network;
  window.explorer = { network: networkView, timeline: timeline };
})();
