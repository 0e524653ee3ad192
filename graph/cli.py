"""The ``harzgraph`` command: build, validate, stats, query, export (and gaps, report, serve)."""

from __future__ import annotations

import errno
import json
import logging
import re
import sys
from pathlib import Path

import click

from graph import store as store_mod
from graph.build import ingest
from graph.errors import HarzgraphError, ImportFailed
from graph.settings import Settings
from graph.tables import Table

_STEPS = ("read", "check", "map", "load", "optimize", "shacl", "derive", "swap")

data_option = click.option("--data", "data_dir", type=click.Path(path_type=Path),
                           help="Data folder (CSV files) or .xlsx workbook [default: data/ or $HARZGRAPH_DATA].")
store_option = click.option("--store", "store_dir", type=click.Path(path_type=Path),
                            help="Store folder [default: ~/.local/share/harzgraph/store or $HARZGRAPH_STORE].")
format_option = click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]),
                             default="table", show_default=True)


def _settings(data_dir: Path | None = None, store_dir: Path | None = None, sparql_url: str | None = None) -> Settings:
    return Settings.from_env(data_dir=data_dir, store_dir=store_dir, sparql_url=sparql_url)


log = logging.getLogger("harzgraph")


def failure_message(exc: BaseException) -> str:
    """One line a person can act on, for any failure of a command (never a traceback)."""
    if isinstance(exc, HarzgraphError):
        return str(exc)
    if isinstance(exc, OSError):
        where = f"{exc.filename}: " if exc.filename else ""
        reason = {errno.ENOSPC: "no space left on the disk; free some space and run it again",
                  errno.EDQUOT: "the disk quota is exhausted; free some space and run it again",
                  errno.EROFS: "the file system is read-only; choose a writable folder (--store, --out)",
                  errno.EACCES: "permission denied", errno.EPERM: "permission denied",
                  errno.ENOENT: "no such file or folder",
                  errno.EISDIR: "is a folder, not a file"}.get(_errno(exc), exc.strerror or str(exc))
        return f"{where}{reason}"
    if isinstance(exc, MemoryError):
        return "out of memory"
    return (f"internal error ({type(exc).__name__}: {str(exc)[:300]}); this is a bug in harzgraph: "
            "run the command again with -v to see where it happened, and report it")


class _Guarded(click.Group):
    """The command group that turns every failure into one clear line on stderr and exit
    status 2 (data problems found by build/validate exit 1 with their list)."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except BrokenPipeError:  # output piped into a program that stopped reading (| head)
            sys.stderr.close()
            ctx.exit(0)
        except Exception as exc:  # noqa: BLE001 — the one generic place: no traceback ever
            log.debug("details", exc_info=True)
            click.echo(f"error: {failure_message(exc)}", err=True)
            ctx.exit(2)


@click.group(cls=_Guarded)
@click.option("-v", "--verbose", is_flag=True, help="Log what happens (and show where an internal error happened).")
def main(verbose: bool) -> None:
    """harzgraph: the knowledge graph of the Harz region's circular-economy (WEEE) actors."""
    logging.basicConfig(level=logging.DEBUG if verbose else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s")


def _progress(total: int):
    from tqdm import tqdm

    bar = tqdm(total=total, unit="step", file=sys.stderr, leave=False,
               disable=not sys.stderr.isatty())

    def step(name: str) -> None:
        bar.set_description(name)
        bar.update(1)

    return bar, step


def _report_failure(exc: ImportFailed) -> None:
    errors = [p for p in exc.problems if p.severity == "error"]
    click.echo(f"{len(errors)} problem(s) found; nothing was changed:", err=True)
    for problem in exc.problems:
        click.echo(f"  {problem}", err=True)


@main.command()
@data_option
@store_option
@click.option("--publish", "publish_url", metavar="URL",
              help="Also write the new version to this SPARQL 1.1 Graph Store Protocol endpoint "
                   "(a new named graph, then the pointer switched), e.g. http://localhost:7878/store.")
def build(data_dir: Path | None, store_dir: Path | None, publish_url: str | None) -> None:
    """Read, check and load the data into a new store version, then swap it in."""
    from graph import derived
    from graph.sparql import remote

    settings = _settings(data_dir, store_dir)
    if settings.edits_path.is_dir():  # an apply from the browser cut short: finish it first
        from graph.edit.changesets import recover

        recover(settings)
    bar, step = _progress(len(_STEPS))
    try:
        report = ingest.build(settings, progress=step, derive=derived.write_all)
    except ImportFailed as exc:
        bar.close()
        _report_failure(exc)
        sys.exit(1)
    bar.close()
    for warning in report.warnings:
        click.echo(f"  {warning}", err=True)
    counts = ", ".join(f"{n} {name}" for name, n in report.records.items())
    timing = ", ".join(f"{k} {v:.2f}s" for k, v in report.seconds.items())
    click.echo(f"Built {report.triples} triples from {counts}.\nStore: {report.version}\nTime: {timing}")
    if publish_url:
        if not remote.is_remote(publish_url):
            raise click.BadParameter("an http:// or https:// URL", param_hint="--publish")
        graph = remote.publish(store_mod.open_read_only(settings.store_dir), publish_url, report.version.name)
        click.echo(f"Published as <{graph}> at {publish_url}")


@main.command()
@data_option
def validate(data_dir: Path | None) -> None:
    """Check the data (columns, values, references, SHACL) without touching the store."""
    settings = _settings(data_dir)
    try:
        report = ingest.validate(settings)
    except ImportFailed as exc:
        _report_failure(exc)
        sys.exit(1)
    for warning in report.warnings:
        click.echo(f"  {warning}", err=True)
    click.echo(f"OK: {sum(report.records.values())} records, {report.triples} triples, "
               f"{len(report.warnings)} warning(s).")


@main.command()
@store_option
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.option("--lang", type=click.Choice(["de", "en"]), default="de", show_default=True)
def stats(store_dir: Path | None, fmt: str, lang: str) -> None:
    """Counts: actors by kind, district and state; relations by type; sources."""
    from graph.stats import stats as compute

    tables = compute(store_mod.open_read_only(_settings(store_dir=store_dir).store_dir), lang=lang)
    if fmt == "json":
        click.echo(json.dumps({k: t.rows for k, t in tables.items()}, ensure_ascii=False, indent=2))
        return
    for name, table in tables.items():
        click.echo(f"\n== {name.replace('_', ' ')} ==\n{table.to_text()}")


@main.command()
@store_option
@format_option
@click.argument("sparql_or_file")
def query(store_dir: Path | None, fmt: str, sparql_or_file: str) -> None:
    """Run a read-only SPARQL SELECT query (text, or a path to a .rq file).

    The prefixes of docs/DATA-MODEL.md (hg:, actor:, org:, schema:, skos: …) are predeclared.
    """
    from graph.namespaces import PREFIXES
    from graph.sparql.runner import run_query_table

    text = sparql_or_file
    if not text.lstrip().upper().startswith(("SELECT", "PREFIX", "ASK", "BASE", "#", "CONSTRUCT", "DESCRIBE")) \
            and Path(text).is_file():
        text = Path(text).read_text(encoding="utf-8")
    settings = _settings(store_dir=store_dir)
    table = run_query_table(settings.store_dir, text, settings=settings, prefixes=PREFIXES)
    _print_table(table, fmt)


def _print_table(table, fmt: str) -> None:
    if fmt == "csv":
        click.echo(table.to_csv(), nl=False)
    elif fmt == "json":
        click.echo(table.to_json())
    else:
        click.echo(table.to_text())
        if table.truncated:
            click.echo("(truncated at the row limit)", err=True)


@main.command()
@store_option
@click.option("--format", "fmt", required=True,
              type=click.Choice(["ttl", "nq", "jsonld", "xlsx", "csv", "graphml", "gexf"]))
@click.option("--out", type=click.Path(path_type=Path),
              help="Output file (a folder for csv); standard output for text formats when omitted.")
def export(store_dir: Path | None, fmt: str, out: Path | None) -> None:
    """Export the graph as RDF, as the editable tables (xlsx/csv) or as a network file."""
    from graph import export as exporter

    store = store_mod.open_read_only(_settings(store_dir=store_dir).store_dir)
    if fmt in exporter.RDF_FORMATS:
        # Streamed to the file or to stdout as Oxigraph writes it, never held whole in memory.
        exporter.export_rdf(store, fmt, out or sys.stdout.buffer)
        sys.stdout.buffer.flush()
        return
    if fmt in exporter.TABLE_FORMATS:
        tables = exporter.tables_from_store(store)
        if fmt == "xlsx":
            target = exporter.write_workbook(tables, out or Path("harzgraph.xlsx"))
            click.echo(f"Wrote {target}", err=True)
        else:
            written = exporter.write_csv_folder(tables, out or Path("harzgraph-export"))
            click.echo(f"Wrote {len(written)} files to {written[0].parent}", err=True)
        return
    from graph.network import collaboration_graph, write_network

    target = write_network(collaboration_graph(store), fmt, out or Path(f"harzgraph.{fmt}"))
    click.echo(f"Wrote {target}", err=True)


@main.command()
@store_option
@click.option("--state", help="Only rows about this state (name or key, e.g. Thüringen or 16).")
@click.option("--district", help="Only rows about this district (name or Kreisschlüssel).")
@click.option("--material", help="Only rows about this material (notation or label, e.g. tantalum).")
@click.option("--competency", help="Only rows about actors with this competency (e.g. research).")
@click.option("--kind", help="partners only: the pairs with an actor of this kind (e.g. recycler).")
@click.option("--with-funders", is_flag=True, help="partners only: suggest funders too (never by default).")
@click.option("--without-public", is_flag=True, help="partners only: leave out funders and public bodies.")
@format_option
@click.argument("analysis", type=click.Choice(
    ["partners", "chains", "brokers", "borders", "communities", "periphery", "materials", "collection",
     "training"]))
def gaps(store_dir: Path | None, state: str | None, district: str | None, material: str | None,
         competency: str | None, kind: str | None, with_funders: bool, without_public: bool, fmt: str,
         analysis: str) -> None:
    """Collaboration-gap analyses: ranked, explained findings (hypotheses, with reasons)."""
    from graph.views.findings import gap_table

    store = store_mod.open_read_only(_settings(store_dir=store_dir).store_dir)
    table = gap_table(store, analysis, state=state, district=district, material=material, competency=competency,
                      kind=kind, with_funders=with_funders, without_public=without_public)
    if fmt == "table":
        keep = [c for c in table.columns if not c.startswith(("actor", "reasons_en")) and c not in
                ("ties", "link_actors", "cut_off", "bridges", "actors_by_stage")]
        table = Table(keep, table.rows, notes=table.notes)
    _print_table(table, fmt)


@main.command()
@store_option
@click.option("--district", help="Only this district (name or Kreisschlüssel, e.g. Goslar or 03153).")
@click.option("--lever", "levers", multiple=True, metavar="NAME=COUNT",
              help="Add a lever, e.g. container=10 or drive-through=4 (repeatable; see data/collection_levers.csv).")
@click.option("--lang", type=click.Choice(["de", "en"]), default="en", show_default=True)
@format_option
def scenario(store_dir: Path | None, district: str | None, levers: tuple[str, ...], lang: str, fmt: str) -> None:
    """Collection scenarios: WEEE generated, collected, target (85 % of generated), rate and gap
    per district, with levers added as low–high ranges (docs/COLLECTION.md)."""
    from graph.views.collection import collection_view, default_features, scenario_text

    store = store_mod.open_read_only(_settings(store_dir=store_dir).store_dir)
    view = collection_view(store, district=district, lever_args=levers, lang=lang, features=default_features())
    if fmt == "csv":
        click.echo(view["table"].to_csv(), nl=False)
    elif fmt == "json":
        click.echo(json.dumps({k: v for k, v in view.items() if k != "table"}, ensure_ascii=False, indent=2))
    else:
        click.echo(scenario_text(view, lang))


@main.command()
@store_option
@click.option("--lang", type=click.Choice(["de", "en"]), default="de", show_default=True)
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path),
              help="Output file [default: harzgraph-bericht.html, or harzgraph-report.html with --lang en].")
@click.option("--district", help="A briefing for this district (name or Kreisschlüssel, e.g. Goslar).")
@click.option("--state", help="A briefing for this state (name or key, e.g. Thüringen or 16).")
@click.option("--material", help="About this material and its narrower ones (e.g. Batterien or batteries).")
@click.option("--competency", help="About this competency and its narrower ones (e.g. research).")
def report(store_dir: Path | None, lang: str, out: Path | None, district: str | None, state: str | None,
           material: str | None, competency: str | None) -> None:
    """Write the printable briefing for decision makers: one self-contained HTML file."""
    from graph.report.briefing import build_report, selection_from_terms

    store = store_mod.open_read_only(_settings(store_dir=store_dir).store_dir)
    selection = selection_from_terms(store, district=district, state=state, material=material, competency=competency)
    target = out or Path("harzgraph-bericht.html" if lang == "de" else "harzgraph-report.html")
    target.write_text(build_report(store, lang=lang, selection=selection), encoding="utf-8")
    click.echo(f"Wrote {target}", err=True)


@main.command("diff")
@format_option
@click.argument("old", type=click.Path(path_type=Path))
@click.argument("new", type=click.Path(path_type=Path))
def diff_command(old: Path, new: Path, fmt: str) -> None:
    """Records added, removed and changed, field by field, between OLD and NEW.

    Each is a data folder, an .xlsx workbook, a store folder (its current version) or one
    store version (STORE/versions/<stamp>, STORE/previous).
    """
    from graph.diff import diff, summary

    table = diff(old, new)
    _print_table(table, fmt)
    if fmt == "table":
        counts = summary(table)
        click.echo(f"{counts['added']} added, {counts['removed']} removed, {counts['changed']} changed", err=True)


@main.group()
def users() -> None:
    """Accounts of editors and reviewers for editing in the browser (kept beside the store)."""


edits_option = click.option("--edits", "edits_dir", type=click.Path(path_type=Path),
                            help="Editing state folder [default: edits/ beside the store, or $HARZGRAPH_EDITS].")


def _edit_settings(store_dir: Path | None, edits_dir: Path | None) -> Settings:
    return Settings.from_env(store_dir=store_dir, edits_dir=edits_dir)


@users.command("add")
@store_option
@edits_option
@click.option("--role", type=click.Choice(["editor", "reviewer"]), required=True)
@click.argument("name")
def users_add(store_dir: Path | None, edits_dir: Path | None, role: str, name: str) -> None:
    """Create (or reset) the account NAME; the password is asked for, or read from stdin."""
    from graph.edit.accounts import add_user

    if sys.stdin.isatty():
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True, err=True)
    else:
        password = sys.stdin.readline().rstrip("\r\n")
    add_user(_edit_settings(store_dir, edits_dir), name, role, password)
    click.echo(f"Account {name} ({role}) saved.", err=True)


@users.command("list")
@store_option
@edits_option
def users_list(store_dir: Path | None, edits_dir: Path | None) -> None:
    """The accounts and their roles."""
    from graph.edit.accounts import list_users

    click.echo(Table(["name", "role"], list_users(_edit_settings(store_dir, edits_dir))).to_text())


@users.command("remove")
@store_option
@edits_option
@click.argument("name")
def users_remove(store_dir: Path | None, edits_dir: Path | None, name: str) -> None:
    """Delete the account NAME."""
    from graph.edit.accounts import remove_user

    remove_user(_edit_settings(store_dir, edits_dir), name)
    click.echo(f"Account {name} removed.", err=True)


@main.command()
@store_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8080, type=int, show_default=True)
@click.option("--sparql", "sparql_url", metavar="URL",
              help="Read the graph from this SPARQL 1.1 query endpoint (published with 'build --publish') "
                   "instead of the store folder [$HARZGRAPH_SPARQL].")
def serve(store_dir: Path | None, host: str, port: int, sparql_url: str | None) -> None:
    """Start the viewer (waitress) on the built graph: http://HOST:PORT/."""
    from graph.sparql.remote import RemoteStore, is_remote
    from webapp.serve import serve as run_server

    settings = _settings(store_dir=store_dir, sparql_url=sparql_url)
    # A clear error before listening if nothing is built (or published) yet.
    if settings.sparql_url:
        if not is_remote(settings.sparql_url):
            raise click.BadParameter("an http:// or https:// URL", param_hint="--sparql")
        RemoteStore(settings.sparql_url).current_graph()
    else:
        store_mod.current_path(settings.store_dir)
    click.echo(f"harzgraph viewer: http://{host}:{port}/  (Ctrl+C stops it)", err=True)
    run_server(settings, host, port)


def run() -> None:
    """Entry point that turns our own errors into one clear line and exit status 2."""
    try:
        main(standalone_mode=True)
    except HarzgraphError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(2)


def _errno(exc: OSError) -> int | None:
    """The error number, also from Oxigraph's errors, which carry it only in their text
    ("No space left on device (os error 28)")."""
    if exc.errno is not None:
        return exc.errno
    found = re.search(r"\(os error (\d+)\)", str(exc))
    return int(found.group(1)) if found else None


if __name__ == "__main__":  # python -m graph.cli (the benchmarks start the server so)
    run()
