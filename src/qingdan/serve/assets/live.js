/* qingdan serve: the page reloads itself when the registry changed. Only in pages that `qingdan serve`
   answers with, never in the published site. The server announces each new state of the site over
   server-sent events; a page showing another state than the announced one reloads (the first message
   comes on connecting, so a change made while the page loaded is not missed). */
(function () {
  "use strict";
  var panel = document.getElementById("qingdan-serve");
  if (!panel || !window.EventSource) { return; }
  var shown = panel.getAttribute("data-generation");
  var events = new EventSource("/_events");
  events.onmessage = function (event) {
    if (event.data !== shown) {
      events.close();
      window.location.reload();
    }
  };
})();
