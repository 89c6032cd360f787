"""Benchmark the build at N practices against plain Material for MkDocs building the same text.

    python benchmarks/build.py [--sizes 100 1000 5000] [--repeat 3] [--pdf-repeat 1] [--no-pdf]
                               [--output benchmarks/RESULTS-build.md]

For each N it generates N synthetic practices (benchmarks/synthetic.py) and measures, as the median of
--repeat runs, in fresh processes:

1. ``mkdocs build`` with the plugin (validation, practice pages, overview, facet pages, worksheets; PDF off);
2. the baseline: the same theme settings without the plugin, the same practices as ordinary Markdown pages
   (the same text, not in the nav);
3. ``praktijkbank check`` on the N files, and the time to merely parse their YAML with PyYAML's C loader;
4. peak memory of 1 and 2 and the overview page's size (raw and gzipped);
5. search: what a reader's first search transfers in Chromium (Pagefind; the largest of a few queries,
   ``benchmarks/search.py``), against the one index Material's search loads on the baseline site.

Then, unless --no-pdf, the default settings, PDFs on (WeasyPrint must be installed), with the same practices:

6. a cold build: PDFs on and an empty PDF cache, as on a fresh clone (median of --pdf-repeat runs: at 5,000 one
   takes many minutes); the size of the PDFs in the site and in the cache folder;
7. a second build with one practice changed: PDFs on with the cache the previous build left (so one sheet is
   rendered; the script checks that exactly one new entry appears), against the same build with PDFs off, in turn,
   --repeat times (a different practice each time).

It prints the tables with the ratios and writes them as Markdown to --output.
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks import search  # noqa: E402
from benchmarks.synthetic import write_practices  # noqa: E402

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


@dataclass
class Run:
    seconds: float
    peak_mb: float


def timed(args: list[str], cwd: Path, allowed: tuple[int, ...] = (0,)) -> Run:
    """Run a command in a fresh process; wall time and the child's peak resident memory."""
    start = time.perf_counter()
    process = subprocess.Popen(args, cwd=cwd, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) not in allowed:
        raise SystemExit(f"{' '.join(args)} failed:\n{process.stderr.read().decode() if process.stderr else ''}")
    return Run(seconds, usage.ru_maxrss / 1024)


#: The settings beside mkdocs.yml in the plugin project that keep the defaults: PDFs on, the PDF cache in its place.
PDF_CONFIG = "mkdocs-pdf.yml"
PDF_SITE = "site-pdf"
PDF_CACHE = Path(".cache") / "praktijkbank" / "pdf"


def fresh_build(project: Path, config: str = "mkdocs.yml", site: str = "site") -> Run:
    """``mkdocs build`` into an empty site folder, as on a fresh clone (emptying a full one is not the build's work)."""
    shutil.rmtree(project / site, ignore_errors=True)
    return timed([sys.executable, "-m", "mkdocs", "build", "-q", "--config-file", str(project / config),
                  "--site-dir", str(project / site)], project)


def plain_markdown(practice: Path) -> str:
    """The same text as the practice page, as an ordinary Markdown page for the baseline."""
    text = practice.read_text(encoding="utf-8")
    _, front, body = text.split("---\n", 2)
    data = yaml.safe_load(front)
    lines = [f"# {data['titel']}", "", data["samenvatting"], ""]

    def emit(value: object, depth: int) -> None:
        if isinstance(value, dict):
            for key, item in value.items():
                lines.extend([f"{'#' * min(depth, 6)} {key}", ""])
                emit(item, depth + 1)
        elif isinstance(value, list):
            lines.extend(f"- {item if not isinstance(item, dict) else ' '.join(map(str, item.values()))}" for item in value)
            lines.append("")
        else:
            lines.extend([str(value), ""])

    emit({k: v for k, v in data.items() if k not in ("titel", "samenvatting")}, 2)
    return "\n".join(lines) + "\n" + body


def prepare(work: Path, count: int) -> tuple[Path, Path]:
    """A plugin project and a baseline project with the same practices."""
    plugin, baseline = work / "plugin", work / "baseline"
    for project in (plugin, baseline):
        shutil.copytree(ROOT / "docs", project / "docs")
        shutil.copytree(ROOT / "schema", project / "schema")
    shutil.copy(ROOT / "mkdocs.yml", plugin / "mkdocs.yml")
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    write_practices(plugin / "practices", count, ROOT / "schema" / "praktijkvoorbeeld.schema.json")
    config_text = config.replace("      worksheets_pdf: auto\n", "")
    (plugin / "mkdocs.yml").write_text(config_text.replace("  - praktijkbank:\n", "  - praktijkbank:\n      worksheets_pdf: false\n"),
                                       encoding="utf-8")
    (plugin / PDF_CONFIG).write_text(config, encoding="utf-8")  # the defaults: worksheets_pdf auto, the PDF cache on

    pages = baseline / "docs" / "praktijken"
    pages.mkdir()
    for practice in sorted((plugin / "practices").glob("*.md")):
        (pages / practice.name).write_text(plain_markdown(practice), encoding="utf-8")
    (pages / "index.md").write_text("# Praktijkvoorbeelden\n\n" + "\n".join(
        f"- [{p.stem}]({p.name})" for p in sorted(pages.glob("praktijk-*.md"))) + "\n", encoding="utf-8")
    plain = yaml.safe_load(config.split("\nplugins:")[0])  # everything above the plugins: same theme settings
    plain["plugins"] = [{"search": {"lang": "nl"}}]
    plain["nav"] = [{"Home": "index.md"}, {"Praktijkvoorbeelden": "praktijken/index.md"}]
    plain["not_in_nav"] = "/praktijken/praktijk-*.md\n"
    plain["validation"] = {"nav": {"omitted_files": "ignore", "not_found": "ignore"}, "links": {"not_found": "ignore"}}
    (baseline / "mkdocs.yml").write_text(yaml.safe_dump(plain, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return plugin, baseline


def parse_yaml_only(folder: Path) -> float:
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    start = time.perf_counter()
    for path in folder.glob("*.md"):
        text = path.read_text(encoding="utf-8")
        yaml.load(text.split("---\n", 2)[1], Loader=loader)  # CSafeLoader: the safe loader in C
    return time.perf_counter() - start


def sizes(path: Path) -> tuple[int, int]:
    raw = path.read_bytes()
    return len(raw), len(gzip.compress(raw, 9))


def edit(practice: Path, marker: str) -> None:
    """Change one practice the way a contributor would: its summary (on its page and its worksheet)."""
    _, front, body = practice.read_text(encoding="utf-8").split("---\n", 2)
    data = yaml.safe_load(front)
    data["samenvatting"] = f"Bijgewerkt ({marker}). {data['samenvatting']}"[:400].rstrip()
    practice.write_text("---\n" + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100) + "---\n" + body,
                        encoding="utf-8")


def folder_mb(folder: Path, pattern: str = "*") -> float:
    return sum(f.stat().st_size for f in folder.rglob(pattern) if f.is_file()) / 2**20


def measure_pdf(plugin: Path, repeat: int, pdf_repeat: int) -> dict[str, float]:
    """Default settings (PDFs on): cold builds with an empty PDF cache; then second builds with one changed practice,
    PDFs on with the warm cache against PDFs off, in turn."""
    cache = plugin / PDF_CACHE
    colds = []
    for _ in range(pdf_repeat):
        shutil.rmtree(cache, ignore_errors=True)
        colds.append(fresh_build(plugin, PDF_CONFIG, PDF_SITE))
    pdfs = sorted((plugin / PDF_SITE).rglob("*.pdf"))
    if not pdfs:
        raise SystemExit("the build with PDFs on made no PDFs: is WeasyPrint installed? (or run with --no-pdf)")
    site_mb, cache_mb = folder_mb(plugin / PDF_SITE, "*.pdf"), folder_mb(cache)
    practices = sorted((plugin / "practices").glob("*.md"))
    warm, off = [], []
    for number in range(repeat):
        edit(practices[number * len(practices) // repeat], f"meting {number}")
        before = {entry.name for entry in cache.glob("*.pdf")}
        runs = [(warm, PDF_CONFIG, PDF_SITE), (off, "mkdocs.yml", "site")]
        for runs_of, config, site in runs if number % 2 == 0 else runs[::-1]:  # in turn, so a busy moment hits both alike
            runs_of.append(fresh_build(plugin, config, site))
        new = {entry.name for entry in cache.glob("*.pdf")} - before
        if len(new) != 1:
            raise SystemExit(f"the second build with PDFs on rendered {len(new)} sheets, not the one that changed")
    return {
        "pdf_cold": statistics.median(r.seconds for r in colds), "pdf_cold_mb": max(r.peak_mb for r in colds),
        "pdfs": len(pdfs), "pdf_site_mb": site_mb, "pdf_cache_mb": cache_mb,
        "warm_on": statistics.median(r.seconds for r in warm), "warm_off": statistics.median(r.seconds for r in off),
        "warm_on_min": min(r.seconds for r in warm), "warm_on_max": max(r.seconds for r in warm),
        "warm_off_min": min(r.seconds for r in off), "warm_off_max": max(r.seconds for r in off),
        "warm_on_mb": max(r.peak_mb for r in warm),
    }


def measure(count: int, repeat: int, pdf_repeat: int = 1, pdf: bool = True) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        plugin, baseline = prepare(Path(tmp), count)
        builds, bases = [], []
        for _ in range(repeat):  # alternately, so that a busy moment on the machine hits both alike
            builds.append(fresh_build(plugin))
            bases.append(fresh_build(baseline))
        # Synthetic collections may hold near-duplicates (warnings), never errors: 0 is expected, 1 is tolerated.
        checks = [timed([sys.executable, "-m", "praktijkbank", "check", "practices"], plugin, (0, 1)) for _ in range(repeat)]
        parse = statistics.median(parse_yaml_only(plugin / "practices") for _ in range(repeat))
        overview_raw, overview_gz = sizes(plugin / "site" / "praktijken" / "index.html")
        bundle = plugin / "site" / search.BUNDLE
        bundle_kb = sum(f.stat().st_size for f in bundle.rglob("*") if f.is_file()) / 1024
        first = max(search.first_searches(plugin / "site"), key=lambda t: t.gzipped) if search.available() else None
        base_index_raw, base_index_gz = sizes(baseline / "site" / "search" / "search_index.json")
        pdf_row = measure_pdf(plugin, repeat, pdf_repeat) if pdf else {}
    build = statistics.median(r.seconds for r in builds)
    base = statistics.median(r.seconds for r in bases)
    return {
        "n": count, "build": build, "baseline": base, "ratio": build / base,
        "build_mb": max(r.peak_mb for r in builds), "baseline_mb": max(r.peak_mb for r in bases),
        "check": statistics.median(r.seconds for r in checks), "parse": parse,
        "overview_kb": overview_raw / 1024, "overview_gz_kb": overview_gz / 1024,
        "bundle_kb": bundle_kb,
        "first_kb": first.raw / 1024 if first else float("nan"), "first_gz_kb": first.gzipped / 1024 if first else float("nan"),
        "base_index_kb": base_index_raw / 1024, "base_index_gz_kb": base_index_gz / 1024,
        **pdf_row,
    }


def table(rows: list[dict[str, float]]) -> str:
    lines = [
        "| N | build with plugin | plain Material | ratio | peak memory (plugin / plain) | check | YAML parse only | "
        "overview HTML (gz) | first search (gz) | Pagefind bundle on disk | plain Material search index (gz) |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for r in rows:
        lines.append(
            f"| {int(r['n']):,} | {r['build']:.1f} s | {r['baseline']:.1f} s | {r['ratio']:.2f}× | "
            f"{r['build_mb']:.0f} / {r['baseline_mb']:.0f} MB | {r['check']:.2f} s | {r['parse']:.2f} s | "
            f"{r['overview_kb']:.0f} KB ({r['overview_gz_kb']:.0f} KB) | {r['first_kb']:.0f} KB ({r['first_gz_kb']:.0f} KB) | "
            f"{r['bundle_kb']:,.0f} KB | "
            f"{r['base_index_kb']:.0f} KB ({r['base_index_gz_kb']:.0f} KB) |"
        )
    if len(rows) > 1:
        lines.append("")
        for smaller, larger in itertools.pairwise(rows):
            lines.append(f"Growth {int(smaller['n']):,} → {int(larger['n']):,}: build ×{larger['build'] / smaller['build']:.2f} "
                         f"for ×{larger['n'] / smaller['n']:.0f} practices (plain Material: "
                         f"×{larger['baseline'] / smaller['baseline']:.2f}).")
    return "\n".join(lines) + "\n"


def pdf_table(rows: list[dict[str, float]]) -> str:
    """The default settings (PDFs on) beside PDFs off and plain Material; the second build with one change."""
    rows = [r for r in rows if "pdf_cold" in r]
    if not rows:
        return ""
    lines = [
        "| N | PDFs on, cold (empty PDF cache) | PDFs off | plain Material | PDFs on / off | PDFs on / plain Material | "
        "peak memory, PDFs on | PDFs in the site (= cache folder) | "
        "second build, one practice changed: PDFs on, warm cache | the same, PDFs off | ratio |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for r in rows:
        lines.append(
            f"| {int(r['n']):,} | {r['pdf_cold']:.1f} s | {r['build']:.1f} s | {r['baseline']:.1f} s | "
            f"{r['pdf_cold'] / r['build']:.2f}× | {r['pdf_cold'] / r['baseline']:.2f}× | {r['pdf_cold_mb']:,.0f} MB | "
            f"{int(r['pdfs']):,} files, {r['pdf_site_mb']:,.0f} MB ({r['pdf_cache_mb']:,.0f} MB) | "
            f"{r['warm_on']:.1f} s ({r['warm_on_min']:.1f}–{r['warm_on_max']:.1f}) | "
            f"{r['warm_off']:.1f} s ({r['warm_off_min']:.1f}–{r['warm_off_max']:.1f}) | {r['warm_on'] / r['warm_off']:.2f}× |"
        )
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 5000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--pdf-repeat", type=int, default=1, help="cold builds with PDFs on per size (minutes each at 5,000)")
    parser.add_argument("--no-pdf", action="store_true", help="leave out the builds with PDFs on")
    parser.add_argument("--output", type=Path, default=ROOT / "benchmarks" / "RESULTS-build.md")
    args = parser.parse_args()
    rows = []
    for count in args.sizes:
        rows.append(measure(count, args.repeat, args.pdf_repeat, not args.no_pdf))
        print(table(rows[-1:]), pdf_table(rows[-1:]), sep="\n", flush=True)
    result = table(rows)
    with_pdf = pdf_table(rows)
    print(result, with_pdf, sep="\n")
    text = ("# Build benchmark\n\nGenerated by `python benchmarks/build.py`; medians of "
            f"{args.repeat} runs in fresh processes, plugin and plain Material in turn, each into an empty site folder."
            f"\n\n{result}")
    if with_pdf:
        text += ("\n## The default settings: PDFs on\n\nCold: PDFs on with an empty PDF cache (median of "
                 f"{args.pdf_repeat}). Second build: one practice changed since the previous build (a different one each "
                 f"time), PDFs on with the PDF cache that build left, and PDFs off, in turn; medians of {args.repeat} with "
                 f"min–max.\n\n{with_pdf}")
    args.output.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
