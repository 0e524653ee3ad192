/* harzgraph SPARQL workbench: the four views of a result (table, bar chart, network, map).
   A result is {vars: [name], rows: [{name: term}]} with terms as in SPARQL JSON results
   ({type: "uri" | "literal" | "bnode", value, datatype, "xml:lang"}). Every text goes into the
   page as text (textContent, createTextNode, SVG <title>), never as markup. */
(function () {
  "use strict";

  var SVG = "http://www.w3.org/2000/svg";
  var XSD = "http://www.w3.org/2001/XMLSchema#";
  var NUMERIC = ["integer", "decimal", "double", "float", "int", "long", "short", "byte", "nonNegativeInteger",
    "positiveInteger", "negativeInteger", "nonPositiveInteger", "unsignedLong", "unsignedInt", "unsignedShort",
    "unsignedByte"].map(function (t) { return XSD + t; });
  var MAX_TABLE_ROWS = 1000;
  var MAX_BARS = 60;

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined && text !== null) { node.textContent = text; }
    return node;
  }

  function svg(tag, attrs) {
    var node = document.createElementNS(SVG, tag);
    Object.keys(attrs || {}).forEach(function (name) { node.setAttribute(name, attrs[name]); });
    return node;
  }

  function isNumber(term) {
    return Boolean(term) && term.type !== "uri" && term.type !== "bnode" && NUMERIC.indexOf(term.datatype) >= 0 &&
      isFinite(parseFloat(term.value));
  }

  function compact(iri, prefixes) {
    var best = null;
    Object.keys(prefixes).forEach(function (prefix) {
      var ns = prefixes[prefix];
      if (iri.indexOf(ns) === 0 && (best === null || ns.length > prefixes[best].length)) {
        var local = iri.slice(ns.length);
        if (/^[A-Za-z0-9_]([A-Za-z0-9_.-]*[A-Za-z0-9_-])?$/.test(local) || local === "") { best = prefix; }
      }
    });
    return best === null ? iri : best + ":" + iri.slice(prefixes[best].length);
  }

  /* Where a link to an IRI goes: our own IRIs to their page in this app, web addresses as they are. */
  function href(iri, ctx) {
    if (iri.indexOf(ctx.idBase) === 0) {
      var path = iri.slice(ctx.idBase.length).split("#")[0];
      var actor = /^actor\/([a-z0-9][a-z0-9-]*)$/.exec(path);
      return actor ? ctx.profilePath + actor[1] : ctx.idPath + path;
    }
    return /^https?:\/\//.test(iri) ? iri : null;
  }

  function termText(term, ctx) {
    if (!term) { return ""; }
    if (term.type === "uri") { return compact(term.value, ctx.prefixes); }
    if (term.type === "bnode") { return "_:" + term.value; }
    return term.value;
  }

  function cell(term, ctx) {
    var td = el("td");
    if (!term) { return td; }
    if (term.type === "uri") {
      var target = href(term.value, ctx);
      var text = compact(term.value, ctx.prefixes);
      var link = target ? el("a", null, text) : el("span", "wb-iri", text);
      if (target) {
        link.href = target;
        if (/^https?:/.test(target)) { link.rel = "noopener noreferrer nofollow"; }
      }
      link.title = term.value;
      td.appendChild(link);
    } else if (isNumber(term)) {
      td.className = "num";
      td.textContent = Number(term.value).toLocaleString(ctx.lang === "de" ? "de-DE" : "en-GB",
        { maximumFractionDigits: 6 });
      td.title = term.value;
    } else {
      td.appendChild(document.createTextNode(termText(term, ctx)));
      if (term["xml:lang"]) { td.appendChild(el("span", "wb-lang", "@" + term["xml:lang"])); }
      else if (term.datatype && term.datatype !== XSD + "string") {
        td.appendChild(el("span", "wb-lang", compact(term.datatype, ctx.prefixes)));
      }
    }
    return td;
  }

  function table(container, result, ctx) {
    container.textContent = "";
    var shown = result.rows.slice(0, MAX_TABLE_ROWS);
    if (result.rows.length > shown.length) {
      container.appendChild(el("p", "note", ctx.say("sparql.shown", { shown: fmt(shown.length, ctx), n: fmt(result.rows.length, ctx) }, result.rows.length)));
    }
    var wrap = el("div", "wb-table-wrap");
    var tbl = el("table", "data wb-table");
    var head = el("tr");
    head.appendChild(el("th", "wb-rownum", "#"));
    result.vars.forEach(function (name) { head.appendChild(el("th", null, name)); });
    tbl.appendChild(el("thead")).appendChild(head);
    var body = el("tbody");
    shown.forEach(function (row, i) {
      var tr = el("tr");
      tr.appendChild(el("td", "wb-rownum", String(i + 1)));
      result.vars.forEach(function (name) { tr.appendChild(cell(row[name], ctx)); });
      body.appendChild(tr);
    });
    tbl.appendChild(body);
    wrap.appendChild(tbl);
    container.appendChild(wrap);
  }

  function fmt(n, ctx) {
    return Number(n).toLocaleString(ctx.lang === "de" ? "de-DE" : "en-GB", { maximumFractionDigits: 2 });
  }

  function column(result, names) {
    for (var i = 0; i < names.length; i++) {
      if (result.vars.indexOf(names[i]) >= 0) { return names[i]; }
    }
    return null;
  }

  /* Which views fit the columns: bar (a text and a number column), network (source and target,
     or the triples of a graph), map (lat and lon). */
  function fit(result) {
    var out = { table: true, bar: null, network: null, map: null };
    if (!result.rows.length) { return out; }
    var numeric = result.vars.filter(function (name) {
      var bound = result.rows.filter(function (row) { return row[name]; });
      return bound.length > 0 && bound.every(function (row) { return isNumber(row[name]); });
    });
    var category = result.vars.filter(function (name) { return numeric.indexOf(name) < 0; })[0];
    var value = numeric.filter(function (name) { return !/^(lat|lon|long|latitude|longitude)$/.test(name); })[0];
    if (category && value) { out.bar = { category: category, value: value }; }
    var lat = column(result, ["lat", "latitude"]);
    var lon = column(result, ["lon", "long", "longitude"]);
    if (lat && lon && numeric.indexOf(lat) >= 0 && numeric.indexOf(lon) >= 0) {
      var label = result.vars.filter(function (name) { return name !== lat && name !== lon; })[0] || null;
      out.map = { lat: lat, lon: lon, label: label };
    }
    if (result.vars.indexOf("source") >= 0 && result.vars.indexOf("target") >= 0) {
      out.network = { source: "source", target: "target", sourceId: column(result, ["source_iri"]),
        targetId: column(result, ["target_iri"]) };
    } else if (result.graph) {
      out.network = { source: "subject", target: "object", sourceId: null, targetId: null, iriOnly: true };
    }
    return out;
  }

  function bar(container, result, spec, ctx) {
    container.textContent = "";
    var rows = result.rows.filter(function (row) { return row[spec.value]; }).slice(0, MAX_BARS);
    container.appendChild(el("p", "note", ctx.say("sparql.bar.note", { value: spec.value, category: spec.category })));
    var values = rows.map(function (row) { return parseFloat(row[spec.value].value); });
    var top = Math.max.apply(null, values.concat([0]));
    var width = 900, labelWidth = 330, barHeight = 22, gap = 6, valueWidth = 70;
    var height = rows.length * (barHeight + gap) + 10;
    var chart = svg("svg", { viewBox: "0 0 " + width + " " + height, "class": "wb-bar-chart", role: "img" });
    chart.appendChild(svg("title")).textContent = ctx.say("sparql.bar.note", { value: spec.value, category: spec.category });
    rows.forEach(function (row, i) {
      var y = i * (barHeight + gap) + 4;
      var label = termText(row[spec.category], ctx) || "–";
      var g = svg("g", { "class": "wb-bar" });
      var text = svg("text", { x: labelWidth - 8, y: y + barHeight * 0.7, "text-anchor": "end", "class": "wb-bar-label" });
      text.textContent = label.length > 44 ? label.slice(0, 42) + "…" : label;
      var length = top > 0 ? Math.max(values[i] / top * (width - labelWidth - valueWidth), values[i] > 0 ? 1 : 0) : 0;
      var rect = svg("rect", { x: labelWidth, y: y, width: Math.max(length, 0).toFixed(1), height: barHeight, rx: 2 });
      var number = svg("text", { x: labelWidth + Math.max(length, 0) + 6, y: y + barHeight * 0.7, "class": "wb-bar-value" });
      number.textContent = fmt(values[i], ctx);
      var tip = svg("title");
      tip.textContent = label + ": " + fmt(values[i], ctx);
      g.appendChild(tip);
      g.appendChild(text);
      g.appendChild(rect);
      g.appendChild(number);
      chart.appendChild(g);
    });
    container.appendChild(chart);
    container.appendChild(imageLinks(chart, ctx));
  }

  /* "Download the figure: Image (PNG) · Vector graphic (SVG)" under the bar chart. The chart is
     copied with its colours and fonts written into it (the page's CSS does not travel), as text
     the browser escapes (XMLSerializer); the PNG is that SVG drawn on a canvas at twice its size. */
  function imageLinks(chart, ctx) {
    var box = el("p", "figure-downloads");
    box.appendChild(el("span", null, ctx.say("figure.download") + ":"));
    [["png", ctx.say("figure.png")], ["svg", ctx.say("figure.svg")]].forEach(function (pair) {
      var button = el("button", "secondary", pair[1]);
      button.type = "button";
      button.setAttribute("data-figure", pair[0]);
      button.addEventListener("click", function () { saveChart(chart, pair[0]); });
      box.appendChild(button);
    });
    return box;
  }

  function standaloneSvg(chart) {
    var copy = chart.cloneNode(true);
    var box = chart.viewBox.baseVal;
    copy.setAttribute("xmlns", SVG);
    copy.setAttribute("width", box.width);
    copy.setAttribute("height", box.height);
    var originals = chart.querySelectorAll("rect, text");
    copy.querySelectorAll("rect, text").forEach(function (node, i) {
      var style = window.getComputedStyle(originals[i]);
      node.setAttribute("fill", style.fill);
      if (node.tagName === "text") {
        node.setAttribute("font-family", style.fontFamily);
        node.setAttribute("font-size", style.fontSize);
      }
    });
    var white = document.createElementNS(SVG, "rect");
    white.setAttribute("width", "100%");
    white.setAttribute("height", "100%");
    white.setAttribute("fill", "#ffffff");
    copy.insertBefore(white, copy.firstChild.nextSibling);
    return { text: new XMLSerializer().serializeToString(copy), width: box.width, height: box.height };
  }

  function saveAs(href, name) {
    var a = document.createElement("a");
    a.href = href;
    a.download = name;
    document.body.appendChild(a);
    a.click();
    a.remove();
  }

  function saveChart(chart, format) {
    var drawn = standaloneSvg(chart);
    if (format === "svg") {
      saveAs(URL.createObjectURL(new Blob([drawn.text], { type: "image/svg+xml" })), "harzgraph-chart.svg");
      return;
    }
    var image = new Image();
    image.onload = function () {
      var canvas = document.createElement("canvas");
      canvas.width = drawn.width * 2;
      canvas.height = drawn.height * 2;
      var context = canvas.getContext("2d");
      context.scale(2, 2);
      context.drawImage(image, 0, 0, drawn.width, drawn.height);
      saveAs(canvas.toDataURL("image/png"), "harzgraph-chart.png");
    };
    image.src = "data:image/svg+xml;charset=utf-8," + encodeURIComponent(drawn.text);
  }

  var network = null;
  var visLoading = null;

  /* vis-network is loaded only when a network view is first shown (its URLs, content-hashed,
     are on the container): the workbench does not carry it otherwise. */
  function loadVis(container) {
    if (window.vis) { return Promise.resolve(); }
    if (visLoading) { return visLoading; }
    var style = document.createElement("link");
    style.rel = "stylesheet";
    style.href = container.getAttribute("data-style");
    document.head.appendChild(style);
    visLoading = (container.getAttribute("data-scripts") || "").split(" ").filter(Boolean).reduce(function (done, src) {
      return done.then(function () {
        return new Promise(function (resolve, reject) {
          var script = document.createElement("script");
          script.src = src;
          script.onload = resolve;
          script.onerror = reject;
          document.head.appendChild(script);
        });
      });
    }, Promise.resolve());
    return visLoading;
  }

  function drawNetwork(container, note, result, spec, ctx) {
    if (network) { network.destroy(); network = null; }
    container.textContent = "";
    if (!window.vis) {
      loadVis(container).then(function () { if (window.vis) { drawNetwork(container, note, result, spec, ctx); } });
      return;
    }
    var nodes = {}, edges = {};
    function node(term, idTerm) {
      var id = (idTerm || term).value;
      if (!nodes[id]) {
        var label = termText(term, ctx);
        nodes[id] = { id: id, label: label.length > 34 ? label.slice(0, 32) + "…" : label, title: label, value: 1,
          iri: (idTerm || term).type === "uri" ? (idTerm || term).value : null };
      } else {
        nodes[id].value += 1;
      }
      return id;
    }
    result.rows.forEach(function (row) {
      var s = row[spec.source], t = row[spec.target];
      if (!s || !t || (spec.iriOnly && (t.type !== "uri" || s.type !== "uri"))) { return; }
      var from = node(s, spec.sourceId ? row[spec.sourceId] : null);
      var to = node(t, spec.targetId ? row[spec.targetId] : null);
      var key = from + "\u0000" + to;
      if (!edges[key]) {
        edges[key] = { id: key, from: from, to: to, arrows: "to",
          title: spec.iriOnly && row.predicate ? termText(row.predicate, ctx) : undefined };
      }
    });
    var edgeList = Object.keys(edges).map(function (k) { return edges[k]; });
    note.textContent = ctx.say("sparql.network.note", { n: fmt(edgeList.length, ctx), source: spec.source, target: spec.target }, edgeList.length);
    var data = { nodes: new window.vis.DataSet(Object.keys(nodes).map(function (k) { return nodes[k]; })),
      edges: new window.vis.DataSet(edgeList) };
    network = new window.vis.Network(container, data, {
      nodes: { shape: "dot", scaling: { min: 6, max: 26 }, color: { background: "#17607a", border: "#ffffff",
        highlight: { background: "#0d3f51", border: "#1f2428" } }, font: { size: 13, color: "#1f2428" } },
      edges: { color: { color: "#9aa5ab", highlight: "#1f2428" }, width: 1, smooth: false,
        arrows: { to: { enabled: true, scaleFactor: 0.5 } } },
      physics: { solver: "forceAtlas2Based", stabilization: { iterations: 250 } },
      interaction: { hover: true, tooltipDelay: 150 }
    });
    network.once("stabilizationIterationsDone", function () { network.setOptions({ physics: false }); });
    network.on("doubleClick", function (params) {
      if (params.nodes.length && nodes[params.nodes[0]].iri) {
        var target = href(nodes[params.nodes[0]].iri, ctx);
        if (target && target.charAt(0) === "/") { window.location.href = target; }
      }
    });
  }

  /* Points at the same place (actors of one locality) become one dot with their number. */
  function map(group, note, result, spec, ctx) {
    while (group.firstChild) { group.removeChild(group.firstChild); }
    var p = ctx.projection, placed = 0, unplaced = 0, places = {}, order = [];
    var width = ctx.mapSize[0], height = ctx.mapSize[1];
    result.rows.forEach(function (row) {
      var lat = row[spec.lat] && parseFloat(row[spec.lat].value);
      var lon = row[spec.lon] && parseFloat(row[spec.lon].value);
      if (!isFinite(lat) || !isFinite(lon)) { unplaced += 1; return; }
      var x = (lon - p.west) * p.factor * p.scale + p.padding;
      var y = (p.north - lat) * p.scale + p.padding;
      if (x < 0 || y < 0 || x > width || y > height) { unplaced += 1; return; }
      placed += 1;
      var key = x.toFixed(0) + "," + y.toFixed(0);
      if (!places[key]) { places[key] = { x: x, y: y, rows: [] }; order.push(key); }
      places[key].rows.push(row);
    });
    order.forEach(function (key) {
      var place = places[key], n = place.rows.length;
      var dot = svg("circle", { cx: place.x.toFixed(1), cy: place.y.toFixed(1), r: (5 + Math.sqrt(n) * 2.2).toFixed(1),
        "class": "actor-place wb-point" });
      var tip = svg("title");
      tip.textContent = place.rows.slice(0, 12).map(function (row) {
        return result.vars.filter(function (name) { return row[name] && name !== spec.lat && name !== spec.lon && row[name].type !== "uri"; })
          .slice(0, 3).map(function (name) { return termText(row[name], ctx); }).join(" · ");
      }).join("\n") + (n > 12 ? "\n… +" + (n - 12) : "");
      dot.appendChild(tip);
      var iri = n === 1 ? result.vars.map(function (name) { return place.rows[0][name]; })
        .filter(function (term) { return term && term.type === "uri" && href(term.value, ctx); })[0] : null;
      var target = iri ? href(iri.value, ctx) : null;
      var holder = target && target.charAt(0) === "/" ? svg("a", { href: target }) : svg("g", { "class": "wb-place" });
      holder.appendChild(dot);
      if (n > 1) {
        var count = svg("text", { x: place.x.toFixed(1), y: (place.y + 4).toFixed(1), "class": "actor-count" });
        count.textContent = String(n);
        holder.appendChild(count);
      }
      group.appendChild(holder);
    });
    note.textContent = ctx.say("sparql.map.placed", { n: fmt(placed, ctx) }, placed) +
      (unplaced ? " · " + ctx.say("sparql.map.unplaced", { n: fmt(unplaced, ctx) }, unplaced) : "");
  }

  window.HGViews = { fit: fit, table: table, bar: bar, network: drawNetwork, map: map, compact: compact,
    termText: termText, format: fmt, el: el };
}());
