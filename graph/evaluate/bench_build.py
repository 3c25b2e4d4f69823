"""Benchmark: the whole build against spaCy's own parse of the same texts, in one run (issue 7).

For each size the input is the real corpora (``../shared/corpora/*.jsonl``, about 890 articles)
repeated until it has that many articles: copy ``N`` of a document has the id ``<id>#copyN`` and
its date shifted by ``N`` days. Copies keep their text word for word, so the build runs with
near-duplicate detection off (``Components.duplicates=None``): every copy is extracted and merged
as an article of its own, the worst case for the merge, and no copy is dropped as syndicated.

For each size, on the same texts:

* ``spacy_parse_s``: ``nlp.pipe`` over the texts with the build's model and batch size, docs
  consumed and dropped (nothing else); by default only at the largest size, where the ratio
  counts (``--baseline all``: at every size);
* ``build_s``: :func:`graph.pipeline.build` into a temporary folder (model loaded beforehand);
* ``ratio`` (build over parse), articles per second, peak resident memory of the process during
  that size's build (``VmHWM`` of ``/proc/self/status`` after resetting it through ``clear_refs``
  once the parse alone has let its texts go, which at 100,000 articles are half a GB the build
  never holds at once; where that is not allowed, ``ru_maxrss``, the peak since the process
  started);
* the exclusive time of each stage, taken by wrapping the pipeline's own functions from outside
  (graph.evaluate.stages; graph.pipeline and the modules it calls are not changed): ``read``,
  ``parse`` (time inside the ``nlp.pipe`` generator), ``extract`` (the extractor's own rules),
  ``dates`` (the date resolver), ``figures``, ``entities`` (EntityResolver calls in extraction and
  across articles), ``merge`` (combine: canonical keys and EventMerger), ``rdf_build`` (to_rdf),
  ``write_rdf`` (Turtle and TriG), ``export_views`` (timeline, network, explorer HTML), ``store``
  (waiting for the Oxigraph store, which loads on a thread while graph.trig, the pages and the
  cache are written, and putting it in place), ``cache`` (the build cache) and ``other`` (what is
  left: the build's own glue, fingerprinting the code);
* ``stage_<name>_rss_mb``: the most resident memory seen as that stage ended, which shows what
  each stage leaves held as the input grows.

Then ``scale_exponent``: ``b`` of ``build_s = a·n^b`` fitted by least squares on log-log over
the sizes run; ``ratio_to_spacy_parse``, ``articles_per_s`` and ``peak_rss_mb``, those of the
largest size. Last, the largest size is built again with ``--jobs`` processes (default 2: the
per-article work on worker processes, see graph.parallel; not instrumented): ``jobs_build_s`` and
``jobs_speedup``, the single-process build's time over it (a throughput ratio), and
``jobs_peak_tree_rss_mb``, the most resident memory of the build and its workers together
(sampled every 0.25 s: graph.evaluate.stages.PeakSampler). Output is
``name=value`` lines. Run by ``make bench``; not a test.

Expected time on this two-core machine (about 0.05 s an article for spaCy's parse and 0.06 s for
the build, single-process; the ``--jobs 2`` build adds about two thirds of the largest size's
build): the defaults (corpora, 2,000, 4,000) about 13 minutes; ``--sizes 1000,10000`` about 26
(``--jobs 1``: 19); 100,000 about 4 hours single-process (a ``--jobs 2`` build of 100,000 alone
took 98 minutes in session 9, with a peak of 3,995 MB across its two processes, see the README).
``--quick`` (100 and 300 articles) about a minute.
"""

from __future__ import annotations

import argparse
import gc
import inspect
import json
import math
import resource
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from graph.evaluate.stages import PeakSampler, StageClock, instrumented, resident_mb

__all__ = ["StageClock", "instrumented", "resident_mb", "fit_exponent", "main", "run", "scaled"]

ROOT = Path(__file__).resolve().parents[2]
CORPORA = ROOT.parent / "shared" / "corpora"
CORPUS_FILES = ("meantime_en.jsonl", "ecbplus_dev.jsonl")
STAGES = (
    "read", "parse", "extract", "dates", "figures", "entities", "merge",
    "rdf_build", "write_rdf", "export_views", "store", "cache",
)  # fmt: skip


def load_records(paths: Iterable[Path]) -> list[dict[str, Any]]:
    """The JSON objects of the JSONL files ``paths``, in order."""
    records: list[dict[str, Any]] = []
    for path in paths:
        with open(path, encoding="utf-8") as handle:
            records.extend(json.loads(line) for line in handle if line.strip())
    return records


def scaled(records: Sequence[dict[str, Any]], n: int) -> list[dict[str, Any]]:
    """``n`` records: ``records`` in order, then copies ``#copy1``, ``#copy2``, … of them, each
    copy's ``dct`` shifted by its number of days (an undated record, or one whose date is not
    ISO, keeps its ``dct``)."""
    import datetime as dt

    if not records:
        raise ValueError("no records to scale; allowed: at least one JSONL record")
    out: list[dict[str, Any]] = []
    for i in range(n):
        copy, record = divmod(i, len(records))
        rec = dict(records[record])
        if copy:
            rec["doc_id"] = f"{rec.get('doc_id', rec.get('id', record))}#copy{copy}"
            rec.pop("id", None)
            try:
                day = dt.date.fromisoformat(rec["dct"][:10]) + dt.timedelta(days=copy)
                rec["dct"] = day.isoformat()
            except (KeyError, TypeError, ValueError):
                pass  # undated, or a date the reader ignores ("03-02-2009"): copied as it is
        out.append({k: rec[k] for k in ("doc_id", "id", "dct", "url", "title", "text") if k in rec})
    return out


def write_jsonl(records: Iterable[dict[str, Any]], path: Path) -> Path:
    with open(path, "w", encoding="utf-8") as handle:
        for rec in records:
            handle.write(json.dumps(rec, ensure_ascii=False) + "\n")
    return path


def build_batch_size() -> int:
    """The batch size :func:`graph.pipeline.build` parses with (extract_articles' default)."""
    from graph.pipeline import extract_articles

    return int(inspect.signature(extract_articles).parameters["batch_size"].default)


def reset_peak_memory() -> str:
    """Reset the process's peak resident memory if Linux allows it; names the measure used."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
        return "VmHWM"
    except OSError:
        return "ru_maxrss"


def peak_memory_mb(method: str) -> float:
    if method == "VmHWM":
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux


@dataclass
class Measurement:
    """One size's figures."""

    articles: int
    spacy_parse_s: float | None
    build_s: float
    peak_rss_mb: float
    memory_method: str
    stages: dict[str, float] = field(default_factory=dict)
    #: Most resident memory seen at the end of each stage (MB).
    stage_rss_mb: dict[str, float] = field(default_factory=dict)

    @property
    def ratio(self) -> float | None:
        return self.build_s / self.spacy_parse_s if self.spacy_parse_s else None

    @property
    def articles_per_s(self) -> float:
        return self.articles / self.build_s


def measure(path: Path, components: Any, work_dir: Path, *, baseline: bool = True) -> Measurement:
    """spaCy's parse of the texts of the JSONL file ``path`` (if ``baseline``), then the
    instrumented build of it into a folder under ``work_dir``."""
    from graph.pipeline import build, read

    articles, _ = read([path])
    texts = [a.text for a in articles]
    del articles
    gc.collect()
    method = reset_peak_memory()
    spacy_s = None
    if baseline:
        start = time.perf_counter()
        for _doc in components.nlp.pipe(texts, batch_size=build_batch_size()):
            pass
        spacy_s = time.perf_counter() - start
    del texts
    gc.collect()
    if baseline:  # the texts the parse alone read are not the build's memory: measured afresh
        from graph.parallel import release_memory

        release_memory()
        method = reset_peak_memory()
    clock = StageClock(memory=True)
    with instrumented(components, clock) as timed:
        start = time.perf_counter()
        result = build([path], work_dir / f"build-{path.stem}", components=timed)
        build_s = time.perf_counter() - start
    stages = {name: clock.seconds.get(name, 0.0) for name in STAGES}
    stages["other"] = max(0.0, build_s - sum(stages.values()))
    rss = {name: clock.rss_mb[name] for name in STAGES if name in clock.rss_mb}
    return Measurement(result.articles, spacy_s, build_s, peak_memory_mb(method), method, stages, rss)


def fit_exponent(sizes: Sequence[float], seconds: Sequence[float]) -> float:
    """``b`` of ``t = a·n^b``, least squares on ``log t = log a + b log n``; needs two sizes."""
    if len(set(sizes)) < 2:
        raise ValueError(f"sizes {list(sizes)}: allowed are at least two different sizes")
    xs, ys = [math.log(n) for n in sizes], [math.log(t) for t in seconds]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum((x - mx) ** 2 for x in xs)


def report(size: int, m: Measurement) -> list[str]:
    p = f"size_{size}_"
    lines = [
        f"{p}articles={m.articles}",
        f"{p}build_s={m.build_s:.2f}",
        f"{p}articles_per_s={m.articles_per_s:.2f}",
        f"{p}peak_rss_mb={m.peak_rss_mb:.0f}",
    ]
    if m.spacy_parse_s is not None and m.ratio is not None:
        lines[1:1] = [f"{p}spacy_parse_s={m.spacy_parse_s:.2f}", f"{p}ratio={m.ratio:.3f}"]
    lines += [f"{p}stage_{name}_s={s:.2f}" for name, s in m.stages.items()]
    lines += [f"{p}stage_{name}_rss_mb={mb:.0f}" for name, mb in m.stage_rss_mb.items()]
    return lines


def run(
    records: Sequence[dict[str, Any]],
    sizes: Sequence[int],
    components: Any,
    work_dir: Path,
    *,
    warmup: int = 5,
    baseline: str = "largest",
    emit: Callable[[str], None] = print,
    jobs: int = 2,
) -> list[Measurement]:
    """Measure each of ``sizes`` (articles made from ``records``, smallest first), emitting
    ``name=value`` lines; spaCy's parse alone is timed at every size (``baseline="all"``) or
    only at the largest (``"largest"``). With ``jobs`` > 1 the largest size is built again on
    that many processes, for ``jobs_speedup``."""
    from graph.pipeline import build

    components = replace(components, duplicates=None)
    # Warm-up: lazy imports (rdflib plugins, the views, the store) and spaCy's first batches.
    warm = write_jsonl(scaled(records, min(warmup, len(records))), work_dir / "warmup.jsonl")
    build([warm], work_dir / "build-warmup", components=components)
    emit(f"batch_size={build_batch_size()}")
    emit("duplicates=off")
    out: list[Measurement] = []
    if baseline not in ("all", "largest"):
        raise ValueError(f"baseline {baseline!r}: allowed are 'all' and 'largest'")
    sizes = sorted(set(sizes))
    for size in sizes:
        path = write_jsonl(scaled(records, size), work_dir / f"n{size}.jsonl")
        m = measure(path, components, work_dir, baseline=baseline == "all" or size == sizes[-1])
        for line in report(size, m):
            emit(line)
        out.append(m)
    emit(f"peak_memory_method={out[-1].memory_method}")
    if len(out) > 1:
        emit(f"scale_exponent={fit_exponent([m.articles for m in out], [m.build_s for m in out]):.3f}")
    else:
        emit("scale_exponent=nan")
    last = out[-1]
    emit(f"ratio_to_spacy_parse={last.ratio:.3f}")  # the largest size always has its baseline
    emit(f"articles_per_s={last.articles_per_s:.2f}")
    emit(f"peak_rss_mb={last.peak_rss_mb:.0f}")
    if jobs > 1:
        with PeakSampler() as tree:
            start = time.perf_counter()
            build(
                [work_dir / f"n{sizes[-1]}.jsonl"], work_dir / "build-jobs", components=components, jobs=jobs
            )
            jobs_s = time.perf_counter() - start
        emit(f"jobs={jobs}")
        emit(f"jobs_build_s={jobs_s:.2f}")
        emit(f"jobs_speedup={last.build_s / jobs_s:.3f}")
        emit(f"jobs_peak_tree_rss_mb={tree.peak_mb:.0f}")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sizes",
        help="comma-separated article counts (default: the corpora, 2000, 4000; 'corpora' = all of them)",
        default="corpora,2000,4000",
    )
    parser.add_argument(
        "--baseline",
        choices=("largest", "all"),
        default="largest",
        help="time spaCy's parse alone at the largest size only (default) or at every size",
    )
    parser.add_argument("--quick", action="store_true", help="sizes 100,300: a check that it runs")
    parser.add_argument(
        "--jobs",
        type=int,
        default=2,
        metavar="N",
        help="build the largest size again on N processes, for jobs_speedup (default 2; 1: not)",
    )
    parser.add_argument("--corpora", type=Path, default=CORPORA, help="folder of the JSONL corpora")
    args = parser.parse_args(argv)
    paths = [args.corpora / name for name in CORPUS_FILES]
    missing = [str(p) for p in paths if not p.is_file()]
    if missing:
        parser.error(f"corpus files not found: {', '.join(missing)}; pass --corpora FOLDER")
    records = load_records(paths)
    spec = "100,300" if args.quick else args.sizes
    try:
        sizes = [len(records) if s.strip() == "corpora" else int(s) for s in spec.split(",")]
    except ValueError:
        parser.error(f"--sizes {spec!r}: allowed are positive integers or 'corpora', comma-separated")
    if any(n <= 0 for n in sizes):
        parser.error(f"--sizes {spec!r}: allowed are positive integers")
    from graph.pipeline import Components

    start = time.perf_counter()
    components = Components.load()
    with tempfile.TemporaryDirectory(prefix="evkg-bench-build-") as tmp:
        run(
            records,
            sizes,
            components,
            Path(tmp),
            baseline=args.baseline,
            jobs=args.jobs,
            emit=lambda line: print(line, flush=True),
        )
    print(f"total_run_s={time.perf_counter() - start:.0f}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
