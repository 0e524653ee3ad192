/* harzgraph network view: draws the nodes and edges the server chose, at the positions the
   server computed (physics off, so the picture is still at once). Every text goes in as
   text: labels are drawn on the canvas, tooltips are plain strings (vis-network 9 shows them
   with innerText), and the side panel is built with textContent only. */
(function () {
  "use strict";

  var dataElement = document.getElementById("network-data");
  var container = document.getElementById("network");
  if (!dataElement || !container || !window.vis) { return; }
  var data = JSON.parse(dataElement.textContent);
  var text = data.text;
  var form = document.getElementById("network-form");
  var panel = document.getElementById("panel");

  var nodeColours = {};
  data.legend.nodes.forEach(function (row) { nodeColours[row.key] = row.color; });
  var edgeStyles = {};
  data.legend.edges.forEach(function (row) { edgeStyles[row.key] = row; });
  var byId = {};
  data.nodes.forEach(function (node) { byId[node.id] = node; });
  var dimOthers = Boolean(data.path);

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

  var nodes = data.nodes.map(function (node) {
    var key = data.color_by === "state" ? (node.state || "") : node.kind;
    var colour = nodeColours[key] || "#9e9e9e";
    var faded = dimOthers && !node.on_path;
    var marked = node.match || node.focus || node.on_path;
    return {
      id: node.id, label: faded ? undefined : shorten(node.label), x: node.x, y: node.y,
      value: Math.sqrt(node.degree + 1),
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
  });

  var edges = data.edges.map(function (edge) {
    var style = edgeStyles[edge.primary] || { color: "#9e9e9e", dashes: null };
    var faded = dimOthers && !edge.on_path;
    return {
      id: edge.id, from: edge.from, to: edge.to, title: edgeTooltip(edge),
      color: {
        color: edge.on_path ? "#1f2428" : style.color, opacity: faded ? 0.12 : (edge.on_path ? 1 : 0.55),
        highlight: "#1f2428", hover: "#1f2428"
      },
      dashes: edge.on_path ? false : (style.dashes || false),
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

  var large = nodes.length > 1000;
  var few = nodes.length <= 60;
  var network = new vis.Network(container, { nodes: new vis.DataSet(nodes), edges: new vis.DataSet(edges) }, {
    physics: false,
    layout: { improvedLayout: false },
    interaction: { hover: true, tooltipDelay: 120, hideEdgesOnDrag: large, hideEdgesOnZoom: large, keyboard: false },
    nodes: {
      shape: "dot",
      // Few actors: name them all. Many: name the hubs, the rest appear when zooming in.
      scaling: { min: 5, max: 26, label: few ? { enabled: true, min: 11, max: 15, drawThreshold: 4, maxVisible: 16 }
        : { enabled: true, min: 8, max: 18, drawThreshold: 11, maxVisible: 18 } },
      font: { size: 12, face: "system-ui, sans-serif", strokeWidth: 3, strokeColor: "rgba(255,255,255,0.85)" }
    },
    edges: { smooth: false, selectionWidth: 1.5, hoverWidth: 0.5 }
  });

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

  function showPanel(id) {
    var node = byId[id];
    if (!node || !panel) { return; }
    panel.replaceChildren();
    var close = element("button", "×", "close");
    close.type = "button";
    close.title = text["network.panel.close"];
    close.setAttribute("aria-label", text["network.panel.close"]);
    close.addEventListener("click", hidePanel);
    panel.appendChild(close);
    panel.appendChild(element("h2", node.label));
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
      if (from && to) { from.value = node.id; to.focus(); }
    });
    actions.appendChild(pathButton);
    panel.appendChild(actions);
    panel.appendChild(listOf(text["facet.stage"], node.stages));
    panel.appendChild(listOf(text["facet.material"], node.materials));
    panel.appendChild(listOf(text["facet.competency"], node.competencies));
    var links = data.edges.filter(function (edge) { return edge.from === id || edge.to === id; }).map(function (edge) {
      var other = byId[edge.from === id ? edge.to : edge.from];
      return other.label + " · " + edge.relation_labels.join(", ");
    });
    panel.appendChild(listOf(text["network.panel.links"] + " (" + links.length + ")", links));
    panel.hidden = false;
    setQuery("_sel", id);
  }

  function hidePanel() {
    if (panel) { panel.hidden = true; }
    network.unselectAll();
    setQuery("_sel", null);
  }

  network.on("click", function (event) {
    if (event.nodes.length) { showPanel(event.nodes[0]); } else if (!event.edges.length) { hidePanel(); }
  });
  network.on("doubleClick", function (event) {
    if (event.nodes.length) {
      window.location.href = data.profile_url.replace("ACTOR-ID", encodeURIComponent(event.nodes[0]));
    }
  });

  document.querySelectorAll("[data-select]").forEach(function (button) {
    button.addEventListener("click", function () {
      var id = button.getAttribute("data-select");
      network.selectNodes([id]);
      network.focus(id, { scale: 1.2, animation: { duration: 300 } });
      showPanel(id);
    });
  });

  if (form) {
    form.addEventListener("change", function (event) {
      var name = event.target.name;
      if (name === "from" || name === "to") {
        var from = form.elements.from.value;
        var to = form.elements.to.value;
        if (Boolean(from) !== Boolean(to)) { return; }
      }
      if (name === "q") { return; }
      form.submit();
    });
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
    } else {
      network.fit({ animation: false, maxZoomLevel: 1.2 });
    }
    if (data.selected && byId[data.selected]) {
      network.selectNodes([data.selected]);
      showPanel(data.selected);
    }
  }
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
