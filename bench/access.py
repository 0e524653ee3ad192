"""What everyone gets from the viewer: axe-core (WCAG 2.1 A/AA) violations per page state, page
widths at a 390 px phone viewport, and what each page transfers (compressed, as on the wire).

    .venv/bin/python bench/access.py                       # shipped data, every page state
    .venv/bin/python bench/access.py --store /tmp/store    # an already built store
    .venv/bin/python bench/access.py --shots /tmp/shots    # also PNG screenshots of each state

The app runs with waitress on a loopback port in this process; Playwright drives Debian's
``/usr/bin/chromium``. A page state is (path, language, viewport width). The weight of a
page is the sum of the encoded body sizes of every response its load needed, with an empty
cache (a first visit), as Chromium reports them.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import threading
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]
WIDTHS = (1440, 390)
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def page_paths(top: str) -> list[str]:
    """The pages to check on a store whose best connected actor is ``top``."""
    return ["/", "/actors", f"/actors/{top}", "/network", f"/network?focus={top}&_sel={top}", "/map", "/gaps",
            "/chains", "/borders", "/brokers", "/report", "/sparql", f"/id/actor/{top}", "/no-such-page"]


def axe_violations(page) -> list[dict]:
    """axe-core's violations (WCAG 2.1 A and AA rules) on the page as it is now."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": TAGS}, "resultTypes": ["violations"]})
    return results.response["violations"]


def serve(app) -> tuple[str, object]:
    import logging

    import waitress

    logging.getLogger("waitress.queue").setLevel(logging.ERROR)

    server = waitress.create_server(app, host="127.0.0.1", port=0, threads=4)
    threading.Thread(target=server.run, daemon=True).start()
    return f"http://127.0.0.1:{server.effective_port}", server


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--store", type=Path, help="a built store (default: build the shipped data)")
    parser.add_argument("--shots", type=Path, help="folder for PNG screenshots of every state")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    from graph.build.ingest import build
    from graph.settings import Settings
    from graph.views.actors import actor_id
    from webapp import create_app
    from webapp.state import collaboration

    store = args.store
    if store is None:
        store = Path(tempfile.mkdtemp(prefix="harzgraph-access-")) / "store"
        build(Settings(data_dir=REPO / "data", store_dir=store))
    app = create_app(Settings(data_dir=REPO / "data", store_dir=store))
    with app.test_request_context("/"):
        G = collaboration()
        top = actor_id(max(G, key=lambda node: (G.degree(node), node)))
    base, server = serve(app)
    if args.shots:
        args.shots.mkdir(parents=True, exist_ok=True)
    total_nodes = total_states = 0
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        print(f"{'page':44} {'lang':4} {'width':>5} {'axe rules':>9} {'nodes':>5} {'scrollW':>7} {'KB':>7}")
        for width in WIDTHS:
            for lang in ("de", "en"):
                for path in page_paths(top):
                    context = browser.new_context(viewport={"width": width, "height": 900 if width > 600 else 844})
                    page = context.new_page()
                    sizes: list[int] = []
                    page.on("requestfinished", lambda request, sizes=sizes: sizes.append(
                        request.sizes()["responseBodySize"] + request.sizes()["responseHeadersSize"]))
                    url = base + path + ("&" if "?" in path else "?") + "lang=en" if lang == "en" else base + path
                    page.goto(url, wait_until="load")
                    page.wait_for_load_state("networkidle")
                    violations = axe_violations(page)
                    nodes = sum(len(v["nodes"]) for v in violations)
                    scroll_width = page.evaluate("document.documentElement.scrollWidth")
                    total_nodes += nodes
                    total_states += 1
                    rules = ",".join(v["id"] for v in violations)
                    print(f"{path[:44]:44} {lang:4} {width:5} {len(violations):9} {nodes:5} {scroll_width:7} "
                          f"{sum(sizes) / 1024:7.1f} {rules}")
                    if args.shots:
                        name = path.strip("/").replace("/", "_").replace("?", "_").replace("&", "_") or "home"
                        page.screenshot(path=str(args.shots / f"{name[:60]}-{lang}-{width}.png"))
                    context.close()
        browser.close()
    server.close()
    print(f"axe: {total_nodes} failing nodes across {total_states} page states")


if __name__ == "__main__":
    main()
