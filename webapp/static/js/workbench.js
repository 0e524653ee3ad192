/* harzgraph SPARQL workbench: the editor (CodeMirror 6 with SPARQL highlighting and completion
   of our prefixes, classes, properties and concepts), running a query against /sparql, the
   result in four views, downloads in every format, and the query kept in the address. Reads
   its data from <script id="wb-data" type="application/json">; no inline script (CSP). */
(function () {
  "use strict";

  var dataElement = document.getElementById("wb-data");
  if (!dataElement || !window.HGViews) { return; }
  var data = JSON.parse(dataElement.textContent);
  var V = window.HGViews;
  var CM = window.HGCodeMirror;
  var $ = function (id) { return document.getElementById(id); };
  var form = $("wb-form"), textarea = $("wb-query"), status = $("wb-status"), resultBox = $("wb-result");
  var TABULAR = ["json", "xml", "csv", "tsv"], GRAPH = ["turtle", "ntriples", "jsonld"];
  var KEYWORDS = ["SELECT", "DISTINCT", "WHERE", "OPTIONAL", "FILTER", "UNION", "MINUS", "GRAPH", "BIND", "VALUES",
    "GROUP BY", "ORDER BY", "HAVING", "LIMIT", "OFFSET", "ASK", "CONSTRUCT", "DESCRIBE", "PREFIX", "BASE", "COUNT",
    "SUM", "AVG", "MIN", "MAX", "SAMPLE", "GROUP_CONCAT", "SEPARATOR", "DESC", "ASC", "EXISTS", "NOT EXISTS",
    "LANG", "LANGMATCHES", "STR", "CONTAINS", "STRSTARTS", "REGEX", "LCASE", "UCASE", "COALESCE", "IF", "BOUND",
    "isIRI", "isLiteral", "YEAR", "NOW", "ROUND", "CONCAT", "REPLACE", "STRAFTER", "STRBEFORE", "AS", "a"];

  var state = { result: null, fits: null, view: null, chart: data.chart, form: null, running: null };
  var plurals = new Intl.PluralRules(data.lang === "de" ? "de-DE" : "en-GB");
  var ctx = {
    prefixes: data.prefixes, idBase: data.id_base, idPath: data.id_path, profilePath: data.profile_path,
    lang: data.lang, projection: data.projection, mapSize: data.map_size,
    say: function (key, values, count) {
      var text = data.text[key] || key;
      if (typeof text === "object") {  // plural forms: the CLDR category of the count picks one
        text = (count === 0 && text["=0"]) || text[plurals.select(count || 0)] || text.other;
      }
      Object.keys(values || {}).forEach(function (name) { text = text.split("{" + name + "}").join(values[name]); });
      return text;
    }
  };

  /* ---- editor ---- */
  var editor = null;

  function completions(context) {
    var word = context.matchBefore(/\??[A-Za-z\u00C0-\u024F_][\w\u00C0-\u024F-]*:?[\w.-]*|\?/);
    if (!word || (word.from === word.to && !context.explicit)) { return null; }
    if (word.text.charAt(0) === "?") {
      var seen = {};
      (editor.state.doc.toString().match(/\?[A-Za-z_]\w*/g) || []).forEach(function (v) { seen[v] = true; });
      return { from: word.from, options: Object.keys(seen).map(function (v) { return { label: v, type: "variable" }; }) };
    }
    var options = Object.keys(data.prefixes).map(function (prefix) {
      return { label: prefix + ":", type: "namespace", detail: data.prefixes[prefix], boost: 1 };
    });
    var types = { "class": "class", property: "property", concept: "constant" };
    data.terms.forEach(function (term) {
      options.push({ label: term.label, type: types[term.kind] || "variable",
        detail: (term.detail ? term.detail + " · " : "") + ctx.say("sparql.kind." + term.kind) });
      /* A concept is found by its German and English labels too ("Batter" → material:batteries). */
      if (word.text.indexOf(":") < 0) {
        (term.names || []).forEach(function (name) {
          options.push({ label: name, apply: term.label, type: types[term.kind] || "variable",
            detail: "→ " + term.label, boost: -2 });
        });
      }
    });
    if (word.text.indexOf(":") < 0) {
      KEYWORDS.forEach(function (k) { options.push({ label: k, type: "keyword", boost: -1 }); });
    }
    return { from: word.from, options: options, validFor: /^[\w\u00C0-\u024F:.-]*$/ };
  }

  /* The editor lives in a shadow root: CodeMirror then adopts its styles as constructed style
     sheets, which the Content-Security-Policy (style-src 'self') allows; in the document itself
     it would add <style> elements, which the policy refuses. */
  var THEME = {
    "&": { maxHeight: "26rem", minHeight: "12rem", fontSize: "0.88rem", backgroundColor: "#ffffff" },
    ".cm-scroller": { fontFamily: "ui-monospace, 'DejaVu Sans Mono', Menlo, Consolas, monospace", lineHeight: "1.45" },
    "&.cm-focused": { outline: "2px solid #e3eef2" },
    ".cm-gutters": { backgroundColor: "#faf9f6", color: "#9aa5ab", borderRight: "1px solid #ece9e1" },
    ".cm-tooltip-autocomplete ul li[aria-selected]": { backgroundColor: "#17607a" },
    ".cm-completionDetail": { color: "#5f6a72", fontStyle: "normal", marginLeft: "0.8em" }
  };

  function makeEditor() {
    if (!CM) { return; }
    var host = $("wb-editor");
    var root = host.attachShadow ? host.attachShadow({ mode: "open" }) : null;
    editor = new CM.EditorView({
      parent: root || host,
      root: root || document,
      state: CM.EditorState.create({
        doc: textarea.value,
        extensions: [
          CM.keymap.of([{ key: "Mod-Enter", run: function () { run(); return true; } }, CM.indentWithTab]),
          CM.basicSetup,
          CM.StreamLanguage.define(CM.sparql),
          CM.autocompletion({ override: [completions], activateOnTyping: true, maxRenderedOptions: 60 }),
          CM.EditorView.lineWrapping,
          CM.EditorView.theme(THEME),
          CM.EditorView.contentAttributes.of({ "aria-label": data.text["sparql.editor"] || "SPARQL" }),
          CM.EditorView.updateListener.of(function (update) {
            if (update.docChanged) { textarea.value = update.state.doc.toString(); }
          })
        ]
      })
    });
    textarea.hidden = true;
    host.hidden = false;
    $("wb-run-hint").hidden = false;
    $("wb-format").hidden = true;  // the downloads below the result replace it
  }

  function queryText() { return editor ? editor.state.doc.toString() : textarea.value; }

  function setQuery(text) {
    textarea.value = text;
    if (editor) {
      editor.dispatch({ changes: { from: 0, to: editor.state.doc.length, insert: text } });
      editor.dispatch(CM.setDiagnostics(editor.state, []));
    }
  }

  /* The parser counts columns in characters (code points), from 1; the editor in UTF-16 units.
     It reports where it stopped, often just after the offending word: the marker covers the
     word at or before that place. */
  function markError(line, column, message) {
    if (!editor || !line) { return; }
    var doc = editor.state.doc;
    var at = doc.line(Math.min(Math.max(line, 1), doc.lines));
    var offset = Array.from(at.text).slice(0, Math.max(column - 1, 0)).join("").length;
    var from = Math.min(at.from + offset, at.to);
    var to = from;
    var text = at.text, i = from - at.from;
    if (i >= text.length || /\s/.test(text.charAt(i))) {
      while (i > 0 && /\s/.test(text.charAt(i - 1))) { i -= 1; }
      var end = i;
      while (i > 0 && !/\s/.test(text.charAt(i - 1))) { i -= 1; }
      from = at.from + i; to = at.from + end;
    } else {
      var j = i;
      while (j < text.length && !/\s/.test(text.charAt(j))) { j += 1; }
      to = at.from + j;
    }
    if (to <= from) { to = Math.min(from + 1, doc.length); }
    editor.dispatch(CM.setDiagnostics(editor.state, [{ from: from, to: Math.max(to, from), severity: "error", message: message }]));
    editor.dispatch({ selection: { anchor: from }, scrollIntoView: true });
  }

  /* ---- the address ---- */
  function pageUrl(query) {
    var params = new URLSearchParams();
    if (query) { params.set("query", query); }
    if (state.chart) { params.set("_chart", state.chart); }
    if (data.lang !== "de") { params.set("lang", data.lang); }
    return data.endpoint + "?" + params.toString();
  }

  function downloadUrl(query, format) {
    var params = new URLSearchParams();
    params.set("query", query);
    params.set("format", format);
    // A spreadsheet opens CSV/TSV: ask for the formula-safe file (cells such as "=…" quoted).
    if (format === "csv" || format === "tsv") { params.set("_download", "spreadsheet"); }
    return data.endpoint + "?" + params.toString();
  }

  /* ---- running ---- */
  function run() {
    var query = queryText();
    if (!query.trim()) { return; }
    if (state.running) { state.running.abort(); }
    var controller = new AbortController();
    state.running = controller;
    history.replaceState(null, "", pageUrl(query));
    status.textContent = ctx.say("sparql.running");
    status.className = "wb-status running";
    $("wb-run").disabled = true;
    var started = performance.now();
    fetch(data.endpoint, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded",
        "Accept": "application/sparql-results+json, application/n-triples;q=0.9, application/json;q=0.1" },
      body: new URLSearchParams({ query: query }).toString(),
      signal: controller.signal
    }).then(function (response) {
      return response.text().then(function (body) { return { response: response, body: body }; });
    }).then(function (answer) {
      if (state.running !== controller) { return; }
      var ms = Math.round(performance.now() - started);
      if (!answer.response.ok) { showError(answer.response, answer.body); return; }
      var type = (answer.response.headers.get("Content-Type") || "").split(";")[0];
      var result = type === "application/n-triples" ? parseNTriples(answer.body) : parseJson(JSON.parse(answer.body));
      result.truncated = answer.response.headers.get("X-Harzgraph-Truncated");
      result.ms = answer.response.headers.get("X-Harzgraph-Elapsed-Ms") || ms;
      show(result, query);
    }).catch(function (error) {
      if (error && error.name === "AbortError") { return; }
      showError(null, ctx.say("sparql.error.network"));
    }).then(function () {
      if (state.running === controller) { state.running = null; $("wb-run").disabled = false; }
    });
  }

  function parseJson(body) {
    if (typeof body.boolean === "boolean") { return { ask: body.boolean, vars: [], rows: [] }; }
    return { vars: body.head.vars, rows: body.results.bindings };
  }

  /* N-Triples, one triple a line, into rows of subject/predicate/object terms. */
  var NT_TERM = /\s*(?:<((?:[^>\\]|\\.)*)>|_:(\S+?)(?=[\s.])|"((?:[^"\\]|\\.)*)"(?:@([A-Za-z0-9-]+)|\^\^<([^>]*)>)?)/y;

  function unescape(text) {
    return text.replace(/\\(?:u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|(.))/g, function (m, u, bigU, c) {
      if (u || bigU) { return String.fromCodePoint(parseInt(u || bigU, 16)); }
      return { t: "\t", b: "\b", n: "\n", r: "\r", f: "\f" }[c] || c;
    });
  }

  function parseNTriples(body) {
    var rows = [];
    body.split("\n").forEach(function (line) {
      if (!line.trim() || line.trim().charAt(0) === "#") { return; }
      NT_TERM.lastIndex = 0;
      var terms = [];
      for (var i = 0; i < 3; i++) {
        var m = NT_TERM.exec(line);
        if (!m) { return; }
        if (m[1] !== undefined) { terms.push({ type: "uri", value: unescape(m[1]) }); }
        else if (m[2] !== undefined) { terms.push({ type: "bnode", value: m[2] }); }
        else {
          var term = { type: "literal", value: unescape(m[3]) };
          if (m[4]) { term["xml:lang"] = m[4]; }
          if (m[5]) { term.datatype = m[5]; }
          terms.push(term);
        }
      }
      rows.push({ subject: terms[0], predicate: terms[1], object: terms[2] });
    });
    return { vars: ["subject", "predicate", "object"], rows: rows, graph: true };
  }

  function show(result, query) {
    state.result = result;
    resultBox.hidden = false;
    document.querySelector(".wb-views").hidden = false;
    $("wb-error").hidden = true;
    var notice = $("wb-notice");
    var n = result.rows.length;
    var count = ctx.say(result.graph ? "sparql.triples" : "sparql.rows", { n: V.format(n, ctx) }, n);
    status.textContent = (result.ask === undefined ? count + " " : "") + ctx.say("sparql.elapsed", { ms: V.format(result.ms, ctx) });
    status.className = "wb-status done";
    notice.hidden = !result.truncated;
    notice.textContent = result.truncated ? ctx.say("sparql.truncated." + result.truncated, { n: V.format(n, ctx) }) : "";
    downloads(query, result.graph ? GRAPH : TABULAR);
    if (result.ask !== undefined) {
      state.fits = { table: true };
      var box = $("wb-view-table");
      box.textContent = "";
      box.appendChild(V.el("p", "wb-ask wb-ask-" + result.ask, ctx.say(result.ask ? "sparql.ask.true" : "sparql.ask.false")));
      tabs();
      select("table");
      return;
    }
    state.fits = V.fit(result);
    V.table($("wb-view-table"), result, ctx);
    if (!n) { $("wb-view-table").appendChild(V.el("p", "wb-empty", ctx.say("sparql.empty"))); }
    tabs();
    var wanted = state.chart && state.fits[state.chart] ? state.chart : "table";
    select(wanted);
  }

  function downloads(query, formats) {
    var box = $("wb-downloads");
    box.textContent = ctx.say("sparql.download") + " ";
    formats.forEach(function (name, i) {
      var link = V.el("a", null, name === "ntriples" ? "N-Triples" : name === "jsonld" ? "JSON-LD" :
        name === "turtle" ? "Turtle" : name.toUpperCase());
      link.href = downloadUrl(query, name);
      link.setAttribute("download", "harzgraph-result." + { json: "srj", xml: "srx", csv: "csv", tsv: "tsv",
        turtle: "ttl", ntriples: "nt", jsonld: "jsonld" }[name]);
      link.className = "wb-download";
      link.dataset.format = name;
      if (i) { box.appendChild(document.createTextNode(" · ")); }
      box.appendChild(link);
    });
  }

  function tabs() {
    Array.prototype.forEach.call(document.querySelectorAll(".wb-view-tab"), function (tab) {
      var fits = Boolean(state.fits[tab.dataset.view]);
      tab.disabled = !fits;
      tab.title = fits ? "" : ctx.say("sparql.view.unfit");
    });
  }

  function select(view) {
    state.view = view;
    if (!state.result) { return; }  /* after a failed query there is nothing to show */
    Array.prototype.forEach.call(document.querySelectorAll(".wb-view-tab"), function (tab) {
      tab.setAttribute("aria-selected", String(tab.dataset.view === view));
    });
    ["table", "bar", "network", "map"].forEach(function (name) { $("wb-view-" + name).hidden = name !== view; });
    var spec = state.fits[view];
    if (view === "bar") { V.bar($("wb-view-bar"), state.result, spec, ctx); }
    if (view === "network") { V.network($("wb-network"), $("wb-network-note"), state.result, spec, ctx); }
    if (view === "map") { V.map($("wb-points"), $("wb-map-note"), state.result, spec, ctx); }
  }

  function showError(response, body) {
    /* The last result is gone: a view tab clicked now must show nothing, not the old rows. */
    state.result = null;
    state.fits = {};
    tabs();
    resultBox.hidden = false;
    document.querySelector(".wb-views").hidden = true;
    ["table", "bar", "network", "map"].forEach(function (name) { $("wb-view-" + name).hidden = true; });
    $("wb-notice").hidden = true;
    $("wb-downloads").textContent = "";
    var box = $("wb-error");
    box.hidden = false;
    box.textContent = "";
    var message = body, where = null;
    if (response) {
      try {
        var parsed = JSON.parse(body);
        message = parsed.error;
        where = parsed.errors && parsed.errors[0];
      } catch (e) { message = body; }
      if (response.status === 429) {
        message = ctx.say("sparql.busy", { s: response.headers.get("Retry-After") || "1" }) + " " + message;
      }
    }
    box.appendChild(V.el("strong", null, ctx.say("sparql.error") + (response ? " (" + response.status + ")" : "")));
    if (where && where.line) {
      box.appendChild(V.el("span", "wb-error-at", " · " + ctx.say("sparql.error.at", where)));
      markError(where.line, where.column, message);
    }
    box.appendChild(V.el("p", null, message));
    status.textContent = "";
    status.className = "wb-status failed";
  }

  /* ---- wiring ---- */
  function chooseExample(link) {
    var example = null;
    data.examples.forEach(function (e) { if (e.name === link.dataset.example) { example = e; } });
    if (!example) { return false; }
    Array.prototype.forEach.call(document.querySelectorAll("[data-example]"), function (a) {
      if (a === link) { a.setAttribute("aria-current", "true"); } else { a.removeAttribute("aria-current"); }
    });
    $("wb-current").hidden = false;
    $("wb-current-title").textContent = example.title;
    $("wb-current-description").textContent = example.description;
    state.chart = example.chart === "table" ? null : example.chart;
    setQuery(example.text);
    run();
    return true;
  }

  form.addEventListener("submit", function (event) {
    if (form.elements.format.value) { textarea.value = queryText(); return; }
    event.preventDefault();
    run();
  });
  Array.prototype.forEach.call(document.querySelectorAll("[data-example]"), function (link) {
    link.addEventListener("click", function (event) {
      if (event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) { return; }
      if (chooseExample(link)) { event.preventDefault(); }
    });
  });
  Array.prototype.forEach.call(document.querySelectorAll(".wb-view-tab"), function (tab) {
    tab.addEventListener("click", function () {
      if (tab.disabled) { return; }
      state.chart = tab.dataset.view === "table" ? null : tab.dataset.view;
      history.replaceState(null, "", pageUrl(queryText()));
      select(tab.dataset.view);
    });
  });
  var copy = $("wb-copy");
  copy.hidden = false;
  copy.addEventListener("click", function () {
    var url = new URL(pageUrl(queryText()), window.location.href).href;
    var done = function () { status.textContent = ctx.say("sparql.copied"); };
    if (navigator.clipboard) { navigator.clipboard.writeText(url).then(done, function () { window.prompt("", url); }); }
    else { window.prompt("", url); }
  });

  makeEditor();
  if (data.autorun) { run(); }
}());
