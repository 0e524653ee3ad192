/* harzgraph: filters that apply in place. A form marked data-instant is applied when the user
   changes a choice or submits it: the page at the form's URL is fetched, the parts of this page
   listed in data-instant-parts (ids) are replaced by the fetched ones, and the address becomes
   the new URL (history.pushState), so reload, back and sharing keep working. Focus stays where
   it was: only content changes, never the context (WCAG 3.2.2). The counts beside the form's
   choices are updated from the fetched page. A text field applies only on Enter. Without JavaScript the form is submitted as usual. */
(function () {
  "use strict";

  if (!document.querySelector("form[data-instant]") || !window.fetch || !window.DOMParser) { return; }
  var pending = null;
  var timer = null;

  function theForm() { return document.querySelector("form[data-instant]"); }

  function formUrl() {
    var form = theForm();
    var url = new URL(form.action, window.location.href);
    var data = new FormData(form);
    url.search = "";
    data.forEach(function (value, name) {
      var control = form.elements[name];
      var fallback = control && control.getAttribute ? control.getAttribute("data-default") : null;
      if (value !== "" && value !== fallback) { url.searchParams.append(name, value); }
    });
    return url;
  }

  function swap(html, withForm) {
    var fetched = new DOMParser().parseFromString(html, "text/html");
    var form = theForm();
    var parts = (form.getAttribute("data-instant-parts") || "").split(/\s+/).filter(Boolean);
    if (withForm && form.id) { parts.push(form.id); }
    parts.forEach(function (id) {
      var here = document.getElementById(id);
      var there = fetched.getElementById(id);
      if (here && there) { here.replaceWith(document.importNode(there, true)); }
    });
    if (!withForm) { updateCounts(form, fetched); }
    document.title = fetched.title;
    document.dispatchEvent(new CustomEvent("instant:updated"));
  }

  // The counts beside the choices ([data-count="facet=value"]) become those of the fetched view;
  // only their text changes, so the control the user just used keeps its focus.
  function updateCounts(form, fetched) {
    var there = fetched.getElementById(form.id);
    if (!there) { return; }
    var counts = {};
    there.querySelectorAll("[data-count]").forEach(function (span) {
      counts[span.getAttribute("data-count")] = span.textContent;
    });
    form.querySelectorAll("[data-count]").forEach(function (span) {
      var key = span.getAttribute("data-count");
      span.textContent = Object.prototype.hasOwnProperty.call(counts, key) ? counts[key] : "0";
    });
  }

  function load(url, push) {
    if (pending) { pending.abort(); }
    pending = new AbortController();
    document.documentElement.setAttribute("aria-busy", "true");
    return fetch(url.toString(), { signal: pending.signal, headers: { Accept: "text/html" } })
      .then(function (response) {
        if (!response.ok) { throw new Error(String(response.status)); }
        return response.text();
      })
      .then(function (html) {
        if (push) { window.history.pushState({ instant: true }, "", url.toString()); }
        swap(html, !push);
      })
      .catch(function (error) {
        if (error.name !== "AbortError") { window.location.assign(url.toString()); }
      })
      .finally(function () { document.documentElement.removeAttribute("aria-busy"); });
  }

  function apply() {
    window.clearTimeout(timer);
    timer = window.setTimeout(function () { load(formUrl(), true); }, 150);
  }

  document.addEventListener("submit", function (event) {
    if (event.target !== theForm()) { return; }
    event.preventDefault();
    window.clearTimeout(timer);
    load(formUrl(), true);
  });
  document.addEventListener("change", function (event) {
    var target = event.target;
    var form = theForm();
    if (!form || target.form !== form) { return; }
    if (target.type === "search" || target.type === "text") { return; }
    if (target.name === "from" || target.name === "to") {
      // A path needs both ends: wait for the second one.
      if (Boolean(form.elements.from.value) !== Boolean(form.elements.to.value)) { return; }
    }
    apply();
  });
  // A slider says its value while it moves ("all years" at its end).
  document.addEventListener("input", function (event) {
    var target = event.target;
    if (target.type !== "range" || !target.id) { return; }
    var said = target.value === target.getAttribute("data-default") ? target.getAttribute("data-all") : target.value;
    var output = document.getElementById(target.id + "-value");
    if (output) { output.textContent = said; }
    target.setAttribute("aria-valuetext", said);
  });
  window.addEventListener("popstate", function () { load(new URL(window.location.href), false); });
}());
