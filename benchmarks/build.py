"""Benchmark the build at N practices against plain Material for MkDocs building the same text.

    python benchmarks/build.py [--sizes 100 1000 5000] [--repeat 3] [--output benchmarks/RESULTS-build.md]

For each N it generates N synthetic practices (benchmarks/synthetic.py) and measures, as the median of
--repeat runs, in fresh processes:

1. ``mkdocs build`` with the plugin (validation, practice pages, overview, facet pages, worksheets; PDF off);
2. the baseline: the same theme settings without the plugin, the same practices as ordinary Markdown pages
   (the same text, not in the nav);
3. ``praktijkbank check`` on the N files, and the time to merely parse their YAML with PyYAML's C loader;
4. peak memory of 1 and 2 and the overview page's size (raw and gzipped);
5. search: what a reader's first search transfers in Chromium (Pagefind; the largest of a few queries,
   ``benchmarks/search.py``), against the one index Material's search loads on the baseline site.

It prints a table with the ratios and writes it as Markdown to --output.
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


def fresh_build(project: Path) -> Run:
    """``mkdocs build`` into an empty site folder, as on a fresh clone (emptying a full one is not the build's work)."""
    shutil.rmtree(project / "site", ignore_errors=True)
    return timed([sys.executable, "-m", "mkdocs", "build", "-q", "--site-dir", str(project / "site")], project)


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


def measure(count: int, repeat: int) -> dict[str, float]:
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 5000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--output", type=Path, default=ROOT / "benchmarks" / "RESULTS-build.md")
    args = parser.parse_args()
    rows = []
    for count in args.sizes:
        rows.append(measure(count, args.repeat))
        print(table(rows[-1:]), flush=True)
    result = table(rows)
    print(result)
    args.output.write_text("# Build benchmark\n\nGenerated by `python benchmarks/build.py`; medians of "
                           f"{args.repeat} runs in fresh processes, plugin and plain Material in turn, each into an empty site folder."
                           f"\n\n{result}", encoding="utf-8")


if __name__ == "__main__":
    main()
