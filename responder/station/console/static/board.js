// The dispatch board updates by itself: every 1.5 s it asks for the board's live part and
// swaps it in when it changed (the server answers 304 while nothing did).
(function () {
  "use strict";
  var region = document.getElementById("board-live");
  var stamp = document.getElementById("board-updated");
  if (!region) { return; }
  var tag = null;
  function tick() {
    var headers = tag ? { "If-None-Match": tag } : {};
    fetch("/console/board/live", { headers: headers, credentials: "same-origin",
                                   cache: "no-store" })
      .then(function (r) {
        if (r.redirected || r.status === 401 || r.status === 403) {
          window.location.reload(); return null;
        }
        if (r.status === 200) { tag = r.headers.get("ETag"); return r.text(); }
        return null;
      })
      .then(function (html) {
        if (html !== null && html !== undefined) {
          region.innerHTML = html;
          region.setAttribute("data-version", tag || "");
        }
        if (stamp) { stamp.textContent = new Date().toLocaleTimeString(); }
      })
      .catch(function () { if (stamp) { stamp.textContent = "offline, retrying"; } })
      .finally(function () { window.setTimeout(tick, 1500); });
  }
  window.setTimeout(tick, 1500);
}());
