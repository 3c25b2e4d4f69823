/* The stand-alone timeline page: one view over the page's data. */
window.timelineView = evkgTimeline(readData("data"));
