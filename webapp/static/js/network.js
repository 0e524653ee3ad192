/* harzgraph network view: draws the nodes and edges the server chose, at the positions the
   server computed (physics off, so the picture is still at once). Every text goes in as
   text: labels are drawn on the canvas, tooltips are plain strings (vis-network 9 shows them
   with innerText), and the side panel is built with textContent only. */
(function () {
  "use strict";

  var container = document.getElementById("network");
  if (!document.getElementById("network-data") || !container || !window.vis) { return; }
  document.documentElement.classList.add("js");
  var form = document.getElementById("network-form");
  var panel = document.getElementById("panel");
  var data, text, nodeColours, edgeStyles, byId, dimOthers;
  var phone = window.matchMedia("(max-width: 700px)");

  function readData() {
    data = JSON.parse(document.getElementById("network-data").textContent);
    text = data.text;
    nodeColours = {};
    data.legend.nodes.forEach(function (row) { nodeColours[row.key] = row.color; });
    edgeStyles = {};
    data.legend.edges.forEach(function (row) { edgeStyles[row.key] = row; });
    byId = {};
    data.nodes.forEach(function (node) { byId[node.id] = node; });
    dimOthers = Boolean(data.path);
  }

  function fade(hex, alpha) {
    var value = parseInt(hex.slice(1), 16);
    return "rgba(" + ((value >> 16) & 255) + "," + ((value >> 8) & 255) + "," + (value & 255) + "," + alpha + ")";
  }

  function shorten(label) {
    return label.length > 34 ? label.slice(0, 32) + "…" : label;
  }

  function nodeTooltip(node) {
    var lines = [node.label, [node.kind_label, node.district_label || node.state_label].filter(Boolean).join(" · "),
      text["network.panel.links"] + ": " + node.degree];
    return lines.join("\n");
  }

  function edgeTooltip(edge) {
    var lines = [byId[edge.from].label + " — " + byId[edge.to].label, edge.relation_labels.join(", ")];
    if (edge.via.length) { lines.push(text["network.edge.via"] + ": " + edge.via.join(", ")); }
    if (edge.years.length) { lines.push(text["network.edge.years"] + ": " + edge.years.join(", ")); }
    lines.push(text.evidence + ": " + edge.confidence_label);
    lines.push(text["col.sources"] + ":");
    edge.sources.slice(0, 6).forEach(function (url) { lines.push("  " + url); });
    if (edge.sources.length > 6) { lines.push("  … +" + (edge.sources.length - 6)); }
    return lines.join("\n");
  }

  function nodeKey(node) {
    var value = data.color_by === "state" ? node.state : (data.color_by === "community" ? node.community : node.kind);
    return value === null || value === undefined ? "" : String(value);
  }

  function nodeSize(node) {
    return data.size_by === "betweenness" ? 1 + Math.sqrt(node.betweenness) * 20 : Math.sqrt(node.degree + 1);
  }

  function visNodes() { return data.nodes.map(function (node) {
    var key = nodeKey(node);
    var colour = nodeColours[key] || "#9e9e9e";
    var faded = dimOthers && !node.on_path;
    var marked = node.match || node.focus || node.on_path;
    return {
      id: node.id, label: faded ? undefined : shorten(node.label), x: node.x, y: node.y,
      value: nodeSize(node),
      title: nodeTooltip(node),
      color: {
        background: faded ? fade(colour, 0.25) : colour,
        border: marked ? "#1f2428" : (faded ? "rgba(255,255,255,0.3)" : "#ffffff"),
        highlight: { background: colour, border: "#1f2428" },
        hover: { background: colour, border: "#1f2428" }
      },
      borderWidth: marked ? 3 : 1,
      font: { color: faded ? "#b9b9b9" : "#1f2428" }
    };
  }); }

  function visEdges() { var edges = data.edges.map(function (edge) {
    var style = edgeStyles[edge.primary] || { color: "#9e9e9e", dashes: null };
    var faded = dimOthers && !edge.on_path;
    return {
      id: edge.id, from: edge.from, to: edge.to, title: edgeTooltip(edge),
      color: {
        color: edge.on_path ? "#1f2428" : style.color, opacity: faded ? 0.12 : (edge.on_path ? 1 : 0.55),
        highlight: "#1f2428", hover: "#1f2428"
      },
      dashes: edge.on_path ? false : (style.dashes || false),
      // Directed relations (supplies, member of …) point at their object.
      arrows: { to: { enabled: edge.arrows_to.indexOf(edge.to) >= 0, scaleFactor: 0.5 },
        from: { enabled: edge.arrows_to.indexOf(edge.from) >= 0, scaleFactor: 0.5 } },
      width: edge.on_path ? 4 : Math.min(1 + edge.weight * 0.6, 4)
    };
  });

  // Suggested partnerships (?_suggest=1): dashed, with the reasons as a plain-text tooltip.
  var SUGGESTED = "#c2185b";
  (data.suggestions || []).forEach(function (s) {
    var faded = dimOthers && !s.pair;
    edges.push({
      id: "suggested|" + s.from + "|" + s.to, from: s.from, to: s.to,
      title: text["network.suggest.tooltip"].replace("{rank}", s.rank) + "\n" + s.reasons,
      color: { color: SUGGESTED, opacity: faded ? 0.15 : 0.85, highlight: SUGGESTED, hover: SUGGESTED },
      dashes: [8, 6], width: s.pair ? 3 : 2
    });
  });
  return edges; }

  // Touch: one finger scrolls the page, two fingers zoom and pan the drawing; the "move"
  // toggle lets one finger pan it too. A mouse always drags the drawing.
  var moveToggle = document.getElementById("network-move");

  function options(count) {
    var few = count <= 60;
    var large = count > 1000;
    return {
      physics: false,
      layout: { improvedLayout: false },
      interaction: { hover: true, tooltipDelay: 120, hideEdgesOnDrag: large, hideEdgesOnZoom: large, keyboard: false,
        dragView: true, zoomView: true },
      nodes: {
        shape: "dot",
        // Few actors: name them all. Many: the largest hubs keep a readable label at every
        // zoom (relabel below); the others appear when zooming in.
        scaling: { min: 5, max: 26, label: { enabled: false, drawThreshold: few ? 4 : 8 } },
        font: { size: 12, face: "system-ui, sans-serif", strokeWidth: 3, strokeColor: "rgba(255,255,255,0.85)" }
      },
      edges: { smooth: false, selectionWidth: 1.5, hoverWidth: 0.5 }
    };
  }

  var HUBS = phone.matches ? 6 : 10;
  var hubSize = {};

  // The labels of the HUBS best connected actors are drawn 14 px high on screen at any zoom.
  function relabel() {
    var scale = network.getScale();
    var updates = Object.keys(hubSize).map(function (id) {
      return { id: id, font: { size: Math.max(12, 14 / scale) } };
    });
    if (updates.length) { network.body.data.nodes.update(updates); }
  }

  // The best connected actors first, leaving out one whose name would overlap a name already
  // chosen (hubs crowd the centre: their labels ran into one another). Once the network is
  // drawn and fitted, the test is made on the screen, where the names are 14 px high.
  function pickHubs(onScreen) {
    hubSize = {};
    var placed = data.nodes.filter(function (node) { return node.degree > 0 && isFinite(node.x) && isFinite(node.y); });
    placed.sort(function (a, b) { return b.degree - a.degree; });
    if (!onScreen) {
      placed.slice(0, HUBS).forEach(function (node) { hubSize[node.id] = true; });
      return;
    }
    var positions = network.getPositions(placed.map(function (n) { return n.id; }));
    var chosen = [];
    for (var i = 0; i < placed.length && chosen.length < HUBS; i++) {
      var node = placed[i];
      var at = network.canvasToDOM(positions[node.id]);
      var box = { x: at.x, y: at.y, half: (shorten(node.label) || "").length * 4 + 4 };
      var clash = chosen.some(function (c) { return Math.abs(c.x - box.x) < c.half + box.half && Math.abs(c.y - box.y) < 20; });
      if (!clash) { chosen.push(box); hubSize[node.id] = true; }
    }
  }

  readData();
  pickHubs();
  var network = new vis.Network(container, { nodes: new vis.DataSet(visNodes()), edges: new vis.DataSet(visEdges()) },
    options(data.nodes.length));

  function setQuery(name, value) {
    var url = new URL(window.location.href);
    if (value) { url.searchParams.set(name, value); } else { url.searchParams.delete(name); }
    window.history.replaceState(null, "", url.toString());
    if (form) {
      var hidden = form.querySelector("input[type=hidden][name='" + name + "']");
      if (value && !hidden) {
        hidden = document.createElement("input");
        hidden.type = "hidden";
        hidden.name = name;
        form.appendChild(hidden);
      }
      if (hidden) { if (value) { hidden.value = value; } else { hidden.remove(); } }
    }
  }

  function urlWith(changes) {
    var url = new URL(window.location.href);
    Object.keys(changes).forEach(function (name) {
      if (changes[name] === null) { url.searchParams.delete(name); } else { url.searchParams.set(name, changes[name]); }
    });
    return url.pathname + url.search;
  }

  function element(tag, content, className) {
    var el = document.createElement(tag);
    if (content !== undefined && content !== null) { el.textContent = String(content); }
    if (className) { el.className = className; }
    return el;
  }

  function link(href, content, className) {
    var a = element("a", content, className);
    a.href = href;
    return a;
  }

  function listOf(title, values) {
    var fragment = document.createDocumentFragment();
    if (!values.length) { return fragment; }
    fragment.appendChild(element("h3", title, "small-heading"));
    var ul = element("ul");
    values.slice(0, 10).forEach(function (value) { ul.appendChild(element("li", value)); });
    if (values.length > 10) { ul.appendChild(element("li", "… +" + (values.length - 10))); }
    fragment.appendChild(ul);
    return fragment;
  }

  function showPanel(id, moveFocus) {
    var node = byId[id];
    if (!node || !panel) { return; }
    panel.replaceChildren();
    var close = element("button", "×", "close");
    close.type = "button";
    close.title = text["network.panel.close"];
    close.setAttribute("aria-label", text["network.panel.close"]);
    close.addEventListener("click", function () { hidePanel(true); });
    panel.appendChild(close);
    var heading = element("h2", node.label);
    heading.tabIndex = -1;
    panel.appendChild(heading);
    var dl = element("dl");
    [[text["facet.kind"], node.kind_label], [text["facet.district"], node.district_label || text.none],
      [text["facet.state"], node.state_label || text.none], [text.evidence, node.confidence_label],
      [text["network.panel.links"], node.degree]].forEach(function (pair) {
      dl.appendChild(element("dt", pair[0]));
      dl.appendChild(element("dd", pair[1]));
    });
    panel.appendChild(dl);
    var actions = element("div", null, "panel-actions");
    actions.appendChild(link(data.profile_url.replace("ACTOR-ID", encodeURIComponent(node.id)),
      text["network.panel.profile"], "button"));
    actions.appendChild(link(urlWith({ focus: node.id, _sel: node.id }), text["network.panel.focus"], "button secondary"));
    var pathButton = element("button", text["network.panel.path_from"], "secondary button");
    pathButton.type = "button";
    pathButton.addEventListener("click", function () {
      var from = document.getElementById("net-from");
      var to = document.getElementById("net-to");
      if (from && to) { openDrawer(); from.value = node.id; to.focus(); }
    });
    actions.appendChild(pathButton);
    panel.appendChild(actions);
    panel.appendChild(listOf(text["facet.stage"], node.stages));
    panel.appendChild(listOf(text["facet.material"], node.materials));
    panel.appendChild(listOf(text["facet.competency"], node.competencies));
    // Each link is a button that moves the selection to the actor at its other end.
    var links = data.edges.filter(function (edge) { return edge.from === id || edge.to === id; });
    if (links.length) {
      panel.appendChild(element("h3", text["network.panel.links"] + " (" + links.length + ")", "small-heading"));
      var ul = element("ul", null, "panel-links");
      links.forEach(function (edge) {
        var other = byId[edge.from === id ? edge.to : edge.from];
        var li = element("li");
        var button = element("button", other.label, "link");
        button.type = "button";
        button.setAttribute("data-select", other.id);
        li.appendChild(button);
        li.appendChild(document.createTextNode(" · " + edge.relation_labels.join(", ")));
        ul.appendChild(li);
      });
      panel.appendChild(ul);
    }
    panel.hidden = false;
    markRow(id);
    network.selectNodes([id]);
    setQuery("_sel", id);
    if (phone.matches) {
      // The panel is a bottom sheet: keep the chosen actor in the visible upper part.
      network.focus(id, { scale: Math.max(network.getScale(), 0.8), offset: { x: 0, y: -container.clientHeight * 0.25 },
        animation: { duration: 250 } });
    }
    if (moveFocus) { heading.focus(); }
  }

  // The nodes table follows the drawing's selection.
  function markRow(id) {
    document.querySelectorAll(".network-nodes tr.selected").forEach(function (row) {
      row.classList.remove("selected");
      row.querySelector("[data-select]").removeAttribute("aria-current");
    });
    var link = id && document.querySelector(".network-nodes [data-select='" + CSS.escape(id) + "']");
    if (link) { link.setAttribute("aria-current", "true"); link.closest("tr").classList.add("selected"); }
  }

  function hidePanel(moveFocus) {
    markRow(null);
    if (panel) { panel.hidden = true; }
    network.unselectAll();
    setQuery("_sel", null);
    if (moveFocus) { container.focus(); }
  }

  network.on("click", function (event) {
    if (event.nodes.length) { showPanel(event.nodes[0], false); } else if (!event.edges.length) { hidePanel(false); }
  });
  network.on("doubleClick", function (event) {
    if (event.nodes.length) {
      window.location.href = data.profile_url.replace("ACTOR-ID", encodeURIComponent(event.nodes[0]));
    }
  });

  // Any element with data-select (matches, table rows, the panel's links) selects that actor.
  document.addEventListener("click", function (event) {
    var target = event.target.closest ? event.target.closest("[data-select]") : null;
    if (!target || !byId[target.getAttribute("data-select")]) { return; }
    event.preventDefault();
    var id = target.getAttribute("data-select");
    if (!phone.matches) { network.focus(id, { scale: Math.max(network.getScale(), 1.0), animation: { duration: 300 } }); }
    showPanel(id, true);
    if (!phone.matches || !panel.contains(target)) { container.scrollIntoView({ block: "nearest" }); }
  });
  panel.addEventListener("keydown", function (event) {
    if (event.key === "Escape") { hidePanel(true); }
  });
  container.tabIndex = 0;

  // The fit button brings the whole view back; the move toggle lets one finger pan.
  var fit = document.getElementById("network-fit");
  if (fit) { fit.addEventListener("click", function () { network.fit({ animation: { duration: 300 } }); }); }
  if (moveToggle) {
    moveToggle.addEventListener("change", function () { container.classList.toggle("moving", moveToggle.checked); });
  }
  // A finger drags the drawing only with the toggle on; a mouse or pen always does.
  container.addEventListener("pointerdown", function (event) {
    var drag = event.pointerType !== "touch" || Boolean(moveToggle && moveToggle.checked);
    network.setOptions({ interaction: { dragView: drag } });
  }, true);
  // The drawing as it is now, as a PNG file (on white, at the screen's pixel density).
  var png = document.getElementById("network-png");
  if (png) {
    png.addEventListener("click", function () {
      var source = container.querySelector("canvas");
      var copy = document.createElement("canvas");
      copy.width = source.width;
      copy.height = source.height;
      var context = copy.getContext("2d");
      context.fillStyle = "#ffffff";
      context.fillRect(0, 0, copy.width, copy.height);
      context.drawImage(source, 0, 0);
      var a = document.createElement("a");
      a.href = copy.toDataURL("image/png");
      a.download = "harzgraph-network.png";
      document.body.appendChild(a);
      a.click();
      a.remove();
    });
  }
  // The whole view as an SVG file: lines, dots and the hubs' names, built as DOM nodes (names
  // go in as text, so XMLSerializer escapes them).
  var svgButton = document.getElementById("network-svg");
  if (svgButton) {
    svgButton.addEventListener("click", function () {
      var NS = "http://www.w3.org/2000/svg";
      var positions = network.getPositions();
      var ids = Object.keys(positions);
      if (!ids.length) { return; }
      var xs = ids.map(function (id) { return positions[id].x; });
      var ys = ids.map(function (id) { return positions[id].y; });
      var pad = 60;
      var box = [Math.min.apply(null, xs) - pad, Math.min.apply(null, ys) - pad];
      var width = Math.max.apply(null, xs) - box[0] + pad;
      var height = Math.max.apply(null, ys) - box[1] + pad;
      var svg = document.createElementNS(NS, "svg");
      svg.setAttribute("xmlns", NS);
      svg.setAttribute("viewBox", [box[0], box[1], width, height].map(Math.round).join(" "));
      svg.setAttribute("width", Math.round(width));
      svg.setAttribute("height", Math.round(height));
      var title = document.createElementNS(NS, "title");
      title.textContent = document.getElementById("network-describe").textContent;
      svg.appendChild(title);
      var white = document.createElementNS(NS, "rect");
      [["x", box[0]], ["y", box[1]], ["width", width], ["height", height], ["fill", "#ffffff"]].forEach(function (a) {
        white.setAttribute(a[0], a[1]);
      });
      svg.appendChild(white);
      network.body.data.edges.get().forEach(function (edge) {
        var a = positions[edge.from], b = positions[edge.to];
        if (!a || !b) { return; }
        var line = document.createElementNS(NS, "line");
        [["x1", a.x], ["y1", a.y], ["x2", b.x], ["y2", b.y], ["stroke", edge.color.color], ["stroke-opacity", 0.6],
          ["stroke-width", edge.width || 1]].forEach(function (attr) { line.setAttribute(attr[0], attr[1]); });
        if (edge.dashes) { line.setAttribute("stroke-dasharray", (edge.dashes.join ? edge.dashes : [6, 4]).join(" ")); }
        svg.appendChild(line);
      });
      network.body.data.nodes.get().forEach(function (node) {
        var at = positions[node.id];
        var shape = network.body.nodes[node.id] && network.body.nodes[node.id].shape;
        var circle = document.createElementNS(NS, "circle");
        [["cx", at.x], ["cy", at.y], ["r", (shape && shape.radius) || 6], ["fill", node.color.background],
          ["stroke", "#ffffff"]].forEach(function (attr) { circle.setAttribute(attr[0], attr[1]); });
        var tip = document.createElementNS(NS, "title");
        tip.textContent = byId[node.id].label;
        circle.appendChild(tip);
        svg.appendChild(circle);
        if (hubSize[node.id]) {
          var label = document.createElementNS(NS, "text");
          [["x", at.x], ["y", at.y - 12], ["text-anchor", "middle"], ["font-size", 14], ["font-family", "sans-serif"],
            ["paint-order", "stroke"], ["stroke", "#ffffff"], ["stroke-width", 3]].forEach(function (attr) {
            label.setAttribute(attr[0], attr[1]);
          });
          label.textContent = byId[node.id].label;
          svg.appendChild(label);
        }
      });
      var text = new XMLSerializer().serializeToString(svg);
      var a = document.createElement("a");
      a.href = URL.createObjectURL(new Blob([text], { type: "image/svg+xml" }));
      a.download = "harzgraph-network.svg";
      document.body.appendChild(a);
      a.click();
      a.remove();
    });
  }
  document.querySelectorAll("[data-needs-script]").forEach(function (el) { el.hidden = false; });

  // On a phone the filters sit in a drawer.
  var drawer = document.getElementById("network-controls");
  var opener = document.querySelector("[data-drawer-open]");
  function openDrawer() {
    if (!phone.matches || !drawer) { return; }
    drawer.classList.add("open");
    if (opener) { opener.setAttribute("aria-expanded", "true"); }
    var first = drawer.querySelector("input, select, button");
    if (first) { first.focus(); }
  }
  function closeDrawer() {
    if (!drawer || !drawer.classList.contains("open")) { return; }
    drawer.classList.remove("open");
    if (opener) { opener.setAttribute("aria-expanded", "false"); opener.focus(); }
  }
  if (opener) { opener.addEventListener("click", function () { if (phone.matches) { openDrawer(); } else { drawer.querySelector("input").focus(); } }); }
  document.querySelectorAll("[data-drawer-close]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", closeDrawer);
  });
  if (drawer) { drawer.addEventListener("keydown", function (event) { if (event.key === "Escape") { closeDrawer(); } }); }

  function largestGroup() {
    var neighbours = {};
    data.nodes.forEach(function (node) { neighbours[node.id] = []; });
    data.edges.forEach(function (edge) { neighbours[edge.from].push(edge.to); neighbours[edge.to].push(edge.from); });
    var seen = {}, best = [];
    data.nodes.forEach(function (node) {
      if (seen[node.id]) { return; }
      var group = [], stack = [node.id];
      seen[node.id] = true;
      while (stack.length) {
        var id = stack.pop();
        group.push(id);
        neighbours[id].forEach(function (other) { if (!seen[other]) { seen[other] = true; stack.push(other); } });
      }
      if (group.length > best.length) { best = group; }
    });
    return best;
  }

  function initialView() {
    var pair = (data.suggestions || []).filter(function (s) { return s.pair; })[0];
    if (data.path) {
      network.fit({ nodes: data.path, animation: false, maxZoomLevel: 1.2 });
    } else if (pair) {
      network.fit({ nodes: [pair.from, pair.to], animation: false, maxZoomLevel: 1.2 });
      network.selectNodes([pair.from, pair.to]);
    } else if (data.matches.length && data.matches.length <= 30) {
      network.fit({ nodes: data.matches, animation: false, maxZoomLevel: 1.2 });
      network.selectNodes(data.matches);
    } else if (phone.matches) {
      // A narrow screen: fit the largest connected group, the rest is a swipe away.
      network.fit({ nodes: largestGroup(), animation: false, maxZoomLevel: 1.2 });
    } else {
      network.fit({ animation: false, maxZoomLevel: 1.2 });
    }
    if (data.selected && byId[data.selected]) {
      network.selectNodes([data.selected]);
      showPanel(data.selected, false);
    } else if (panel) {
      panel.hidden = true;
    }
    pickHubs(true);
    relabel();
  }
  network.on("zoom", relabel);

  // A filter applied in place (instant.js) brings new data: draw it without a reload.
  document.addEventListener("instant:updated", function () {
    readData();
    pickHubs();
    network.setOptions(options(data.nodes.length));
    network.setData({ nodes: new vis.DataSet(visNodes()), edges: new vis.DataSet(visEdges()) });
    container.setAttribute("aria-label", document.getElementById("network-describe").textContent);
    initialView();
  });

  // Where the drawing looks (centre and zoom) after each redraw: tests and bench read it.
  network.on("afterDrawing", function () {
    var at = network.getViewPosition();
    container.setAttribute("data-view", [Math.round(at.x), Math.round(at.y), network.getScale().toFixed(3)].join(","));
  });

  // Fit once the canvas has its final size (the first drawing comes after layout).
  network.once("afterDrawing", function () {
    initialView();
    // Mark the page once the fitted picture is drawn (bench/viewer.py waits for this).
    network.once("afterDrawing", function () {
      document.documentElement.setAttribute("data-network-drawn", String(Math.round(performance.now())));
    });
    network.redraw();
  });
}());
