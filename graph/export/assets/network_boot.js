/* The stand-alone network page: pyvis' drawGraph() hands its network here. */
function evkgSetup(network) {
  window.networkView = evkgNetwork(network, readData("data"));
  return network;
}
