// The framed briefing may still be being prepared (202, minutes for a very large network).
// A sandboxed frame ignores its own <meta http-equiv="refresh">, so this page asks again
// every few seconds and shows the briefing as soon as it is ready.
(function () {
  "use strict";
  var frame = document.querySelector(".report-frame");
  if (!frame || !window.fetch) { return; }
  var waited = false, tries = 0;
  function check() {
    fetch(frame.src, { method: "HEAD", credentials: "same-origin" }).then(function (response) {
      if (response.status === 200) {
        if (waited) { frame.src = frame.src; }
        return;
      }
      waited = true;
      if (++tries < 240) { setTimeout(check, 5000); }
    }).catch(function () { /* offline or stopped: the frame's own note still says what happens */ });
  }
  check();
}());
