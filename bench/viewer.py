"""Time the viewer in headless Chromium: a drawn, still network at the real size and at 500,
2,000 and 5,000 SYNTHETIC actors, the frame rate while panning, and page latency over HTTP.

    .venv/bin/python bench/viewer.py                     # everything (builds three SYNTHETIC stores)
    .venv/bin/python bench/viewer.py --sizes 500         # the real graph and one synthetic size
    .venv/bin/python bench/viewer.py --requests 50       # a quicker latency run

For each graph a store is built (shipped data, or ``bench/synthetic_data.write(n, …)``, whose
names all start with "SYNTHETIC"), the app is started with waitress on a loopback port in a
child process (so the server has its own interpreter), and Playwright drives Debian's
``/usr/bin/chromium``:

- **drawn**: time from navigation start to the first picture after the view is fitted, when
  ``network.js`` marks ``<html data-network-drawn>``. The layout runs with physics off, so the
  picture is still from then on. "first" is the first load after the server starts (it
  computes the layout, once per app); "warm" the median of the following loads.
- **pan FPS**: redraws of the network per second during a scripted 2-second drag across the
  canvas (vis-network clears its canvas once per redraw; a counter added before the page's
  scripts records it), next to the browser's idle ``requestAnimationFrame`` rate, its ceiling.
  Above 1,000 actors the view hides edges while dragging (``hideEdgesOnDrag``), as a user sees it.
- **latency**: p50/p95 of ``/``, ``/actors``, ``/actors/<id>`` (the actor with the most
  relations) and ``/gaps`` on the shipped data, over ``--requests`` sequential requests on
  one kept-alive connection, after one warm-up request each.

Targets (issue 4): drawn ≤ 1 s for the real graph, ≤ 2 s and ≥ 30 FPS panning at 2,000
actors, p95 ≤ 100 ms.
"""

from __future__ import annotations

import argparse
import http.client
import json
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]
VIEWPORT = {"width": 1400, "height": 900}
PAGES = ("/", "/actors", "/actors/{top}", "/gaps")
TARGET_DRAWN = {"real": 1.0, 2000: 2.0}
TARGET_FPS = 30.0
TARGET_P95_MS = 100.0

# Records when the network canvas is cleared: vis-network clears it once at the start of every
# redraw. Added before the page's own scripts through the DevTools protocol, which the page's
# Content-Security-Policy does not govern; the app itself is unchanged.
DRAW_COUNTER = """
(() => {
  const clear = CanvasRenderingContext2D.prototype.clearRect;
  window.__draws = [];
  CanvasRenderingContext2D.prototype.clearRect = function () {
    window.__draws.push(performance.now());
    return clear.apply(this, arguments);
  };
})();
"""
# Counts animation frames for a while: the rate at which this browser can draw at all.
FRAME_RATE = """
(seconds) => new Promise((done) => {
  let frames = 0;
  const start = performance.now();
  (function tick(now) {
    if (now - start >= seconds * 1000) { done(frames * 1000 / (now - start)); return; }
    frames++;
    requestAnimationFrame(tick);
  })(start);
})
"""


def build_store(data: Path, store: Path) -> float:
    """Build the store of ``data`` into ``store``; the seconds it took."""
    from graph.build.ingest import build
    from graph.settings import Settings

    start = time.perf_counter()
    build(Settings(data_dir=data, store_dir=store))
    return time.perf_counter() - start


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """The viewer on one store, served by waitress in a child process on a loopback port."""

    def __init__(self, data: Path, store: Path):
        self.port = free_port()
        self.process = subprocess.Popen([sys.executable, str(Path(__file__).resolve()), "--serve", str(data),
                                         str(store), str(self.port)], cwd=REPO)
        self.base = f"http://127.0.0.1:{self.port}"
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.5):
                    return
            except OSError:
                time.sleep(0.1)
        self.close()
        raise RuntimeError("the viewer did not start within 60 s")

    def close(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)


def serve(data: str, store: str, port: str) -> None:
    """The child process: the app on ``store`` with waitress (``--serve``)."""
    import logging

    import waitress

    from graph.settings import Settings
    from webapp import create_app

    app = create_app(Settings(data_dir=Path(data), store_dir=Path(store)))
    logging.getLogger("waitress.queue").setLevel(logging.ERROR)  # "task queue depth" is not news here
    waitress.serve(app, host="127.0.0.1", port=int(port), threads=4, _quiet=True)


def drawn_seconds(page, url: str) -> tuple[float, float]:
    """(seconds to the drawn network, seconds to the end of the HTML response) of one load."""
    page.goto(url, wait_until="commit")
    page.wait_for_selector("html[data-network-drawn]", timeout=180_000)
    drawn = float(page.get_attribute("html", "data-network-drawn"))
    response_end = page.evaluate("performance.getEntriesByType('navigation')[0].responseEnd")
    return drawn / 1000, response_end / 1000


def pan_fps(page, seconds: float = 2.0) -> float:
    """Redraws of the network per second while the canvas is dragged across and back for
    ``seconds``, mouse events sent as fast as the browser takes them."""
    box = page.locator("#network canvas").bounding_box()
    x, y = box["x"] + box["width"] * 0.3, box["y"] + box["height"] * 0.5
    page.mouse.move(x, y)
    page.mouse.down()
    start = page.evaluate("performance.now()")
    began = time.perf_counter()
    while (elapsed := time.perf_counter() - began) < seconds:
        share = elapsed / seconds
        offset = box["width"] * 0.4 * (share * 2 if share < 0.5 else 2 - share * 2)
        page.mouse.move(x + offset, y + offset * 0.3)
    end = page.evaluate("performance.now()")
    page.mouse.up()
    draws = page.evaluate(f"window.__draws.filter((t) => t >= {start} && t <= {end}).length")
    return draws * 1000 / (end - start)


def network_figures(base: str, loads: int, fps: bool) -> dict[str, float]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport=VIEWPORT)
        page.add_init_script(DRAW_COUNTER)
        first, _ = drawn_seconds(page, base + "/network")
        warm = [drawn_seconds(page, base + "/network") for _ in range(loads)]
        nodes = page.evaluate("JSON.parse(document.getElementById('network-data').textContent).nodes.length")
        figures = {"first": first, "warm": statistics.median(w[0] for w in warm),
                   "html": statistics.median(w[1] for w in warm), "nodes": nodes}
        if fps:
            figures["fps_idle"] = page.evaluate(FRAME_RATE, 2)
            figures["fps_pan"] = pan_fps(page)
        browser.close()
    return figures


def latency(base: str, requests: int) -> dict[str, tuple[float, float]]:
    """p50 and p95 in milliseconds per page."""
    host, port = base.removeprefix("http://").split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=60)

    def get(path: str) -> bytes:
        connection.request("GET", path)
        response = connection.getresponse()
        body = response.read()
        if response.status != 200:
            raise RuntimeError(f"{path}: HTTP {response.status}")
        return body

    top = json.loads(get("/actors.json?_sort=-relations"))["rows"][0]["id"]
    out = {}
    for pattern in PAGES:
        path = pattern.format(top=top)
        get(path)
        times = []
        for _ in range(requests):
            start = time.perf_counter()
            get(path)
            times.append((time.perf_counter() - start) * 1000)
        times.sort()
        out[path] = (statistics.median(times), times[min(len(times) - 1, int(round(0.95 * len(times))) - 1)])
    connection.close()
    return out


def table(header: list[str], rows: list[list[str]]) -> str:
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(header)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(c.rjust(w) if i else c.ljust(w) for i, (c, w) in enumerate(zip(r, widths, strict=True)))
              for r in rows]
    return "\n".join(lines)


def verdict(value: float, target: float | None, above: bool = False) -> str:
    if target is None:
        return ""
    return "ok" if (value >= target if above else value <= target) else "MISSED"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[500, 2000, 5000],
                        help="SYNTHETIC graph sizes (actors)")
    parser.add_argument("--requests", type=int, default=200, help="requests per page for the latency")
    parser.add_argument("--loads", type=int, default=3, help="warm loads of the network per graph")
    parser.add_argument("--serve", nargs=3, metavar=("DATA", "STORE", "PORT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        serve(*args.serve)
        return
    from bench.synthetic_data import write

    network_rows, latency_rows = [], []
    with tempfile.TemporaryDirectory(prefix="harzgraph-viewer-bench-") as tmp:
        graphs = [("real", REPO / "data")]
        graphs += [(n, write(n, Path(tmp) / f"data-{n}")) for n in args.sizes]
        for size, data in graphs:
            store = Path(tmp) / f"store-{size}"
            built = build_store(data, store)
            server = Server(data, store)
            try:
                figures = network_figures(server.base, args.loads, fps=size == 2000 or size == "real")
                if size == "real":
                    for path, (p50, p95) in latency(server.base, args.requests).items():
                        latency_rows.append([path, f"{p50:.1f}", f"{p95:.1f}", verdict(p95, TARGET_P95_MS)])
            finally:
                server.close()
            label = "real (shipped data)" if size == "real" else f"{size:,} SYNTHETIC"
            target = TARGET_DRAWN.get(size)
            row = [label, f"{figures['nodes']:,}", f"{built:.1f}", f"{figures['first']:.2f}",
                   f"{figures['warm']:.2f}", f"{figures['html']:.2f}", verdict(figures["warm"], target)]
            if "fps_pan" in figures:
                row += [f"{figures['fps_pan']:.0f}", f"{figures['fps_idle']:.0f}",
                        verdict(figures["fps_pan"], TARGET_FPS if size == 2000 else None, above=True)]
            else:
                row += ["", "", ""]
            network_rows.append(row)
            print(f"measured {label}", file=sys.stderr, flush=True)
    print("Network view in headless Chromium (seconds from navigation start to the drawn, still picture)")
    print(table(["graph", "actors drawn", "build s", "first s", "warm s", "html s", "warm ≤ target",
                 "pan FPS", "rAF FPS", "pan ≥ 30"], network_rows))
    print("\nactors drawn: a view keeps the 2,500 best connected above that and says so. first: the first load"
          " after the server starts (it lays the graph out once); warm: median of the next loads; html: end of"
          " the HTML response. pan FPS: redraws per second while dragging; rAF FPS: the browser's frame rate"
          " when idle (its ceiling).")
    print(f"\nLatency over HTTP, {args.requests} sequential requests per page (shipped data, ms)")
    print(table(["page", "p50", "p95", "p95 ≤ 100"], latency_rows))


if __name__ == "__main__":
    main()
