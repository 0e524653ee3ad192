/* harzgraph: on a phone, the filters of a list page (/actors, /gaps) sit in a drawer. The page
   shows its results first; the button [data-drawer-open] (aria-controls names the drawer)
   opens the drawer and moves focus into it; the close button or Escape closes it and gives
   focus back to the button. Without JavaScript the button is hidden, and a link to the
   filters (below the results on a phone) takes its place. */
(function () {
  "use strict";

  document.documentElement.classList.add("js");
  var phone = window.matchMedia("(max-width: 700px)");
  document.querySelectorAll("[data-drawer-open]").forEach(function (opener) {
    var drawer = document.getElementById(opener.getAttribute("aria-controls"));
    if (!drawer) { return; }
    opener.hidden = false;

    function open() {
      drawer.classList.add("open");
      opener.setAttribute("aria-expanded", "true");
      var first = drawer.querySelector("input:not([type=hidden]), select, a[href]") ||
        drawer.querySelector("button:not([hidden])");
      if (first) { first.focus(); }
    }
    function close() {
      if (!drawer.classList.contains("open")) { return; }
      drawer.classList.remove("open");
      opener.setAttribute("aria-expanded", "false");
      opener.focus();
    }
    opener.addEventListener("click", function () {
      if (drawer.classList.contains("open")) { close(); } else { open(); }
    });
    drawer.querySelectorAll("[data-drawer-close]").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", close);
    });
    drawer.addEventListener("keydown", function (event) {
      if (event.key === "Escape") { close(); }
    });
    // Back at desktop width the filters are a sidebar again: nothing stays "open".
    phone.addEventListener("change", function () {
      if (!phone.matches && drawer.classList.contains("open")) {
        drawer.classList.remove("open");
        opener.setAttribute("aria-expanded", "false");
      }
    });
  });
}());
