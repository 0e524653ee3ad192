"""One view of the network as a single offline HTML file ("download this view as a file").

pyvis builds the network (nodes, edges, options); the page around it is our own template
(``templates/standalone_network.html``), not pyvis's: pyvis 0.3.2 loads vis-network and
bootstrap from a CDN, ours inlines vis-data and vis-network and forbids every request with a
Content-Security-Policy ``<meta>``, so the file works without a network and sends nothing.

Every text from the data reaches the page as JSON inside ``<script type="application/json">``
(Jinja's ``tojson`` writes ``<``, ``>``, ``&`` and ``'`` as escapes) or HTML-escaped; labels
are drawn on the canvas and tooltips are plain text, so a hostile name stays text.
"""

from __future__ import annotations

from pathlib import Path

from pyvis.network import Network

TEMPLATES = Path(__file__).parent / "templates"
TEMPLATE = "standalone_network.html"


def standalone_html(nodes: list[dict], edges: list[dict], *, title: str, description: str, lang: str,
                    scripts: list[Path], words: dict[str, str]) -> str:
    """The HTML text of a standalone network file.

    Parameters
    ----------
    nodes : dicts with ``id``, ``label``, ``x``, ``y``, ``color``, ``size`` and ``title``
        (a plain-text tooltip).
    edges : dicts with ``from``, ``to``, ``color``, ``title``, ``dashes`` and ``arrows``
        (``"to"`` for a directed relation, ``""`` otherwise).
    title, description : the file's heading and the sentence below it.
    lang : the document language (``de`` or ``en``).
    scripts : JavaScript files inlined in order (vis-data, then vis-network's peer build).
    words : the file's own words: ``legend``, ``source``, ``made``.
    """
    net = Network(height="100%", width="100%", directed=False, cdn_resources="in_line", heading=title)
    for node in nodes:
        net.add_node(node["id"], label=node["label"], color=node["color"], x=node["x"], y=node["y"],
                     size=node["size"], title=node["title"])
    for edge in edges:
        net.add_edge(edge["from"], edge["to"], color=edge["color"], title=edge["title"],
                     dashes=edge.get("dashes") or False, arrows=edge.get("arrows") or "")
    net.set_options(_OPTIONS)
    net.set_template_dir(str(TEMPLATES), TEMPLATE)
    net.templateEnv.autoescape = True
    net.templateEnv.globals.update(
        lang=lang, description=description, words=words,
        inline_scripts=[path.read_text(encoding="utf-8") for path in scripts])
    return net.generate_html()


_OPTIONS = """{
  "physics": {"enabled": false},
  "layout": {"improvedLayout": false},
  "interaction": {"hover": true, "tooltipDelay": 120, "navigationButtons": false, "keyboard": true},
  "nodes": {"shape": "dot", "font": {"size": 12, "face": "system-ui, sans-serif", "strokeWidth": 3,
            "strokeColor": "rgba(255,255,255,0.85)", "color": "#1f2428"}, "borderWidth": 1},
  "edges": {"smooth": false, "width": 1.2, "color": {"opacity": 0.6}}
}"""
