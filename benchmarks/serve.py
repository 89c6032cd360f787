"""Benchmark `mkdocs serve`: how long after saving one practice does the contributor see the change?

    python benchmarks/serve.py [--sizes 1000] [--repeat 5] [--pdf] [--profile [--profile-stats FILE]]
                               [--output benchmarks/RESULTS-serve.md]

For each N it generates N synthetic practices (the project of ``benchmarks/build.py``'s ``prepare()``; PDFs off
unless --pdf) and starts ``mkdocs serve`` on a free loopback port. Once the first build is served it edits one
practice --repeat times (a new, unique marker in its ``samenvatting``; a different file each time) and measures
from the write until

- the browser is told to reload: MkDocs' live-reload long poll (``/livereload/<epoch>/<id>``) answers with a newer
  epoch, which is what makes an open page reload;
- the practice's page (``/praktijken/<slug>/``) is served with the marker (the server holds requests while it
  rebuilds, so this is the moment the reloaded page can show it).

From MkDocs' log it also takes when the change was noticed ("Detected file changes": the file watcher polls) and
the build time MkDocs reports ("Documentation built in X seconds"). Finally it times one cold ``mkdocs build`` of
the same project in a fresh process, for the ratio rebuild / cold build. Medians are reported with min–max.

--profile also reproduces one serve rebuild in this process, the way ``mkdocs serve`` does it (the config is
loaded again for every rebuild; plugins that define ``on_startup`` are the same instances throughout, so the
plugin's caches survive), and lists the top cumulative entries of the plugin's own code and of MkDocs, Material,
Markdown and Jinja.
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import io
import os
import pstats
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.build import ENV, prepare, timed  # noqa: E402

#: MkDocs's lines, in English or as the plugin puts them in Dutch (mkdocs_messages.py).
BUILT = re.compile(r"(?:Documentation built in|De site is gebouwd in) ([0-9.]+) (?:seconds|seconden)")
DETECTED = re.compile(r"Detected file changes|Er is een bestand gewijzigd")
EPOCH = re.compile(rb"livereload\((\d+),\s*(\d+)\)")
START_TIMEOUT = 1800.0  # the first build at 5,000 practices takes minutes on a slow machine
CHANGE_TIMEOUT = 600.0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def fetch(url: str, timeout: float = 120) -> bytes | None:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.read()
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
        return None


def wait_for(condition: Callable[[], bool], seconds: float, interval: float = 0.05) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(interval)
    return False


@dataclass
class Log:
    """MkDocs' log lines, each with the time (perf_counter) it was read."""

    lines: list[tuple[float, str]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def follow(self, stream: io.BufferedReader) -> None:
        for raw in iter(stream.readline, b""):
            with self.lock:
                self.lines.append((time.perf_counter(), raw.decode("utf-8", "replace").rstrip()))

    def after(self, start: float) -> list[tuple[float, str]]:
        with self.lock:
            return [(t, line) for t, line in self.lines if t >= start]

    def text(self) -> str:
        with self.lock:
            return "\n".join(line for _, line in self.lines)


@contextlib.contextmanager
def serving(project: Path) -> Iterator[tuple[str, Log]]:
    """``mkdocs serve`` in its own process group; always stopped, with its temporary site folder removed."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=project, env=ENV, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        start_new_session=True,
    )
    log = Log()
    assert process.stderr is not None
    reader = threading.Thread(target=log.follow, args=(process.stderr,), daemon=True)
    reader.start()
    try:
        yield f"http://127.0.0.1:{port}/", log
    finally:
        stop(process)
        reader.join(timeout=10)


def stop(process: subprocess.Popen[bytes]) -> None:
    """Ctrl-C first (serve then removes its temporary site folder), then SIGKILL for the whole group."""
    for sig, grace in ((signal.SIGINT, 30), (signal.SIGKILL, 10)):
        if process.poll() is not None:
            break
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, sig)
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(timeout=grace)
    with contextlib.suppress(ProcessLookupError):  # anything the server may have started
        os.killpg(process.pid, signal.SIGKILL)


def edit(practice: Path, marker: str) -> None:
    """Put the marker at the start of the summary; the file stays valid (same fields, summary ≤ 400 characters)."""
    _, front, body = practice.read_text(encoding="utf-8").split("---\n", 2)
    data = yaml.safe_load(front)
    data["samenvatting"] = f"Bijgewerkt, kenmerk {marker}. {data['samenvatting']}"[:400].rstrip()
    text = "---\n" + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100) + "---\n" + body
    practice.write_text(text, encoding="utf-8")


@dataclass
class Change:
    visible: float  # write → the page is served with the marker
    reload: float | None  # write → the live-reload poll answers with a newer epoch
    detected: float | None  # write → "Detected file changes"
    built: float | None  # MkDocs' "Documentation built in X seconds" for this rebuild


def long_poll(base: str, page: bytes, result: dict[str, float]) -> threading.Thread:
    """What an open page does: poll /livereload/<epoch>/<id> until the answer is newer; record when."""
    match = EPOCH.search(page)
    if match is None:
        raise SystemExit("the served page has no live-reload script; is livereload off?")
    epoch, request = int(match[1]), int(match[2])

    def poll() -> None:
        deadline = time.monotonic() + CHANGE_TIMEOUT
        while time.monotonic() < deadline:
            answer = fetch(f"{base}livereload/{epoch}/{request}", timeout=90)
            if answer is not None and float(answer) > epoch:
                result["reload"] = time.perf_counter()
                return
            if answer is None:
                time.sleep(0.2)

    thread = threading.Thread(target=poll, daemon=True)
    thread.start()
    return thread


def change_once(base: str, log: Log, practice: Path, number: int) -> Change:
    url = f"{base}praktijken/{practice.stem}/"
    before = fetch(url)
    if before is None:
        raise SystemExit(f"{url} is not served:\n{log.text()[-3000:]}")
    marker = f"meting{number}x{uuid.uuid4().hex[:10]}"
    signals: dict[str, float] = {}
    poller = long_poll(base, before, signals)
    time.sleep(0.2)  # let the long poll reach the server before the change
    start = time.perf_counter()
    edit(practice, marker)
    if not wait_for(lambda: marker.encode() in (fetch(url) or b""), CHANGE_TIMEOUT):
        raise SystemExit(f"the change to {practice.name} did not appear within {CHANGE_TIMEOUT:.0f} s:\n{log.text()[-3000:]}")
    visible = time.perf_counter() - start
    poller.join(timeout=30)
    wait_for(lambda: any(BUILT.search(line) for _, line in log.after(start)), 10)  # the log line may trail the page
    lines = log.after(start)
    detected = next((t - start for t, line in lines if DETECTED.search(line)), None)
    built = next((float(m[1]) for _, line in lines if (m := BUILT.search(line))), None)
    reload = signals["reload"] - start if "reload" in signals else None
    return Change(visible, reload, detected, built)


def measure(count: int, repeat: int, pdf: bool, profile: bool, stats_path: Path | None = None) -> tuple[dict[str, float], str]:
    with tempfile.TemporaryDirectory(prefix="praktijkbank-serve-") as tmp:
        project, _ = prepare(Path(tmp), count)
        if pdf:
            config = project / "mkdocs.yml"
            config.write_text(config.read_text(encoding="utf-8").replace("worksheets_pdf: false", "worksheets_pdf: true"),
                              encoding="utf-8")
        practices = sorted((project / "practices").glob("*.md"))
        changes: list[Change] = []
        with serving(project) as (base, log):
            start = time.perf_counter()
            if not wait_for(lambda: fetch(base + "praktijken/", timeout=10) is not None, START_TIMEOUT, interval=0.5):
                raise SystemExit(f"mkdocs serve did not serve the site within {START_TIMEOUT:.0f} s:\n{log.text()[-3000:]}")
            first = time.perf_counter() - start
            first_built = next((float(m[1]) for _, line in log.after(0) if (m := BUILT.search(line))), None)
            for number in range(repeat):
                # A different practice each time, spread over the collection; a pause lets the watcher settle.
                changes.append(change_once(base, log, practices[(number * 7919) % len(practices)], number))
                time.sleep(1.0)
        cold = timed([sys.executable, "-m", "mkdocs", "build", "-q", "--site-dir", str(project / "site")], project)
        report = profile_rebuild(project, practices[-2:], stats_path=stats_path) if profile else ""

    def median(values: list[float | None]) -> float:
        present = [v for v in values if v is not None]
        return statistics.median(present) if present else float("nan")

    visible = [c.visible for c in changes]
    row = {
        "n": count, "repeat": repeat, "visible": median(list(visible)), "visible_min": min(visible), "visible_max": max(visible),
        "reload": median([c.reload for c in changes]), "detected": median([c.detected for c in changes]),
        "built": median([c.built for c in changes]), "first": first, "first_built": first_built or float("nan"),
        "cold": cold.seconds,
    }
    row["ratio"] = row["visible"] / row["cold"]
    return row, report


# -- profile of one rebuild, in process ------------------------------------------------------------------------

OWN = ("plugins/praktijkbank/", "site-packages/praktijkbank/")
LIBRARIES = ("site-packages/mkdocs/", "site-packages/material/", "site-packages/markdown/", "site-packages/jinja2/",
             "site-packages/pymdownx/")


# Events MkDocs runs inside its per-page phases; every other event runs once per build, at the top level.
PAGE_EVENTS = {"_populate_page": ("pre_page", "page_read_source", "page_markdown", "page_content"),
               "_build_page": ("page_context", "post_page")}
PHASES = {"_populate_page": "Markdown → HTML, every page (`_populate_page`)",
          "_build_page": "theme template, every page (`_build_page`)"}
# Parts of the rebuild timed too, when they exist (the plugin changes; a missing one is skipped), with the event of
# the plugin's or the MkDocs phase (or "other") they run inside.
PROBES = (("praktijkbank.plugin.events", None, "load_practices", "files", "load and validate the practices (file cache)"),
          ("praktijkbank.pages.renderer", "Renderer", "practice_page", "files", "practice pages' Markdown"),
          ("praktijkbank.site", "SiteBuild", "_worksheets", "files", "worksheets"),
          ("markdown.preprocessors", "HtmlBlockPreprocessor", "run", "_populate_page", "Markdown: parse raw HTML blocks"),
          ("mkdocs.structure.pages", "_RawHTMLPreprocessor", "run", "_populate_page", "MkDocs: parse raw HTML for anchors"),
          ("mkdocs.utils", None, "clean_directory", "other", "empty the site folder"),
          ("mkdocs.structure.files", "Files", "copy_static_files", "other", "copy static files"))


class Timers:
    """Wall time per plugin event, per MkDocs page phase and per plugin part, without a profiler's overhead."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self.calls: dict[str, int] = {}

    def wrap(self, label: str, function: Callable[..., object]) -> Callable[..., object]:
        def timed_call(*args: object, **kwargs: object) -> object:
            start = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                self.seconds[label] = self.seconds.get(label, 0.0) + time.perf_counter() - start
                self.calls[label] = self.calls.get(label, 0) + 1

        return timed_call

    def plugin_events(self, config: object) -> None:
        plugins = config.plugins  # type: ignore[attr-defined]
        for event, methods in plugins.events.items():
            methods[:] = [self.wrap(f"event:{event}:{plugins._event_origins.get(m, '?')}", m) for m in methods]

    @contextlib.contextmanager
    def patched(self, targets: list[tuple[object, str, str]]) -> Iterator[None]:
        originals = [(owner, name, getattr(owner, name)) for owner, name, _ in targets]
        try:
            for owner, name, label in targets:
                setattr(owner, name, self.wrap(label, getattr(owner, name)))
            yield
        finally:
            for owner, name, original in originals:
                setattr(owner, name, original)

    def report(self, total: float) -> list[str]:
        """A nested table: top-level parts, with the events and plugin parts that run inside them."""
        rows = ["| part of the rebuild | seconds | calls |", "| --- | --- | --- |"]

        def row(label: str, key: str, depth: int) -> None:
            if self.seconds.get(key, 0.0) >= 0.005:
                rows.append(f"| {'&emsp;' * depth}{label} | {self.seconds[key]:.2f} | {self.calls[key]:,} |")

        def events(names: tuple[str, ...], depth: int) -> None:
            for key in sorted((k for k in self.seconds if k.startswith("event:") and k.split(":")[1] in names),
                              key=lambda k: -self.seconds[k]):
                _, event, plugin = key.split(":", 2)
                row(f"{plugin}: on_{event}", key, depth)
                for probe in sorted(k for k in self.seconds if k.startswith(f"probe:{event}:") and plugin == "praktijkbank"):
                    row(probe.split(":", 2)[2], probe, depth + 1)

        nested = {e for names in PAGE_EVENTS.values() for e in names}
        top = sorted({k.split(":")[1] for k in self.seconds if k.startswith("event:")} - nested)
        row("load the config again (`load_config`)", "config", 0)
        events(tuple(top), 0)
        def probes_in(parent: str) -> None:
            for probe in sorted((k for k in self.seconds if k.startswith(f"probe:{parent}:")), key=lambda k: -self.seconds[k]):
                row(probe.split(":", 2)[2], probe, 1)

        for phase, label in PHASES.items():
            row(label, phase, 0)
            events(PAGE_EVENTS[phase], 1)
            probes_in(phase)
        accounted = sum(v for k, v in self.seconds.items()
                        if k in ("config", *PHASES) or (k.startswith("event:") and k.split(":")[1] in top))
        rows.append(f"| everything else (emptying the site folder, reading files, nav, copying static files) | "
                    f"{total - accounted:.2f} | |")
        probes_in("other")
        rows.append(f"| **total** | **{total:.2f}** | |")
        return rows


def probes() -> list[tuple[object, str, str]]:
    import importlib

    found = []
    for module_name, owner_name, name, event, label in PROBES:
        try:
            module = importlib.import_module(module_name)
            owner = getattr(module, owner_name) if owner_name else module
            getattr(owner, name)
        except (ImportError, AttributeError) as exc:  # a probe of code that moved: say so, never leave a row out quietly
            raise SystemExit(f"profile probe {module_name}.{owner_name + '.' if owner_name else ''}{name} not found ({exc}); "
                             "update PROBES in benchmarks/serve.py") from exc
        found.append((owner, name, f"probe:{event}:{label}"))
    return found


def profile_rebuild(project: Path, practices: list[Path], top: int = 15, stats_path: Path | None = None) -> str:
    """Serve's rebuild, reproduced in process: after a first build, edit one practice, load the config again and build.

    The first rebuild is timed without a profiler (per plugin event, per MkDocs page phase, per plugin part), the
    second is profiled with cProfile.
    """
    import logging

    from mkdocs.commands import build as mkdocs_build
    from mkdocs.config import load_config

    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    serve_url = "http://127.0.0.1:8000/"
    cwd = Path.cwd()
    os.chdir(project)
    timers = Timers()
    try:
        with tempfile.TemporaryDirectory(prefix="mkdocs_") as site_dir:

            def get_config():  # as mkdocs/commands/serve.py does for every rebuild
                config = load_config(config_file=str(project / "mkdocs.yml"), site_dir=site_dir)
                config.site_url = serve_url
                return config

            config = get_config()
            config.plugins.on_startup(command="serve", dirty=False)
            first_plugins = dict(config.plugins)
            mkdocs_build.build(config, serve_url=serve_url)

            edit(practices[0], f"profiel{uuid.uuid4().hex[:10]}")
            with timers.patched([(mkdocs_build, name, name) for name in PHASES] + probes()):
                start = time.perf_counter()
                config = timers.wrap("config", get_config)()
                timers.plugin_events(config)
                mkdocs_build.build(config, serve_url=serve_url)
                timed_total = time.perf_counter() - start
            kept = sorted(name for name, plugin in config.plugins.items() if first_plugins.get(name) is plugin)
            plugin = config.plugins["praktijkbank"]
            hits = getattr(getattr(getattr(plugin, "caches", None), "files", None), "hits", None)

            edit(practices[1], f"profiel{uuid.uuid4().hex[:10]}")
            profiler = cProfile.Profile()
            start = time.perf_counter()
            profiler.enable()
            config = get_config()
            mkdocs_build.build(config, serve_url=serve_url)
            profiler.disable()
            profiled_total = time.perf_counter() - start
            config.plugins.on_shutdown()
    finally:
        os.chdir(cwd)

    if stats_path is not None:
        profiler.dump_stats(str(stats_path))
    stats = pstats.Stats(profiler)
    entries = []
    for (filename, line, name), (_, calls, _tottime, cumtime, _) in stats.stats.items():  # type: ignore[attr-defined]
        entries.append((cumtime, calls, filename.replace("\\", "/"), line, name))
    entries.sort(reverse=True)

    def section(title: str, parts: tuple[str, ...]) -> list[str]:
        rows = [f"**{title}**, under cProfile", "", "| cumulative | calls | function |", "| --- | --- | --- |"]
        chosen = [e for e in entries if any(p in e[2] for p in parts)][:top]
        for cumtime, calls, filename, line, name in chosen:
            short = filename.split("site-packages/")[-1].split("plugins/")[-1]
            rows.append(f"| {cumtime:.2f} s | {calls:,} | `{short}:{line}` {name} |")
        return [*rows, ""]

    lines = [
        f"One rebuild after editing one practice, reproduced in process as `mkdocs serve` does it (config loaded again, "
        f"then `build()`): {timed_total:.1f} s without a profiler, {profiled_total:.1f} s under cProfile (whose overhead "
        "inflates the many small calls of Jinja and Markdown most; use the first table for seconds, the profile for where). "
        f"Plugin instances kept across rebuilds: {', '.join(kept) or 'none'}; the plugin's file cache had {hits} hits.",
        "",
        "**Wall time per part, without a profiler**; indented rows run inside the row above them",
        "",
        *timers.report(timed_total),
        "",
        *section("The plugin's own code (plugins/praktijkbank)", OWN),
        *section("MkDocs, Material, Markdown, Jinja", LIBRARIES),
    ]
    return "\n".join(lines)


def table(rows: list[dict[str, float]]) -> str:
    lines = [
        "| N | change visible (median) | min – max | reload signal | change noticed | MkDocs' build time | "
        "first serve build | cold `mkdocs build` | visible / cold |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for r in rows:
        lines.append(
            f"| {int(r['n']):,} | {r['visible']:.1f} s | {r['visible_min']:.1f} – {r['visible_max']:.1f} s | {r['reload']:.1f} s | "
            f"{r['detected']:.2f} s | {r['built']:.1f} s | {r['first_built']:.1f} s | {r['cold']:.1f} s | {r['ratio']:.2f}× |"
        )
    return "\n".join(lines) + "\n"


def revision() -> str:
    result = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=False)
    dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no", "--", "plugins"],
                           cwd=ROOT, capture_output=True, text=True, check=False)
    commit = result.stdout.strip() or "unknown"
    return commit + (" (with uncommitted changes in plugins/)" if dirty.stdout.strip() else "")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--pdf", action="store_true", help="keep worksheet PDFs on (worksheets_pdf: true); default off")
    parser.add_argument("--profile", action="store_true", help="also profile one rebuild in process (largest N)")
    parser.add_argument("--profile-stats", type=Path, help="also write the rebuild's raw cProfile data here (pstats)")
    parser.add_argument("--output", type=Path, default=ROOT / "benchmarks" / "RESULTS-serve.md")
    args = parser.parse_args()
    rows, report = [], ""
    for index, count in enumerate(args.sizes):
        last = index == len(args.sizes) - 1
        row, profiled = measure(count, args.repeat, args.pdf, args.profile and last, args.profile_stats)
        rows.append(row)
        report = profiled or report
        print(table(rows[-1:]), flush=True)
    result = table(rows)
    print(result)
    if report:
        print(report)
    header = (
        "# Serve benchmark\n\n"
        f"Generated by `python benchmarks/serve.py` on commit {revision()}: the time from saving one practice "
        "until `mkdocs serve` serves the changed page, medians of "
        f"{args.repeat} edits (a different practice each time), PDFs {'on' if args.pdf else 'off'}.\n\n"
        "*Change visible*: write → the practice page is served with the new text (the server holds requests while it "
        "rebuilds). *Reload signal*: write → the live-reload poll of an open page answers, so the browser reloads. "
        "*Change noticed*: write → MkDocs logs \"Detected file changes\" (its file watcher polls every 0.5 s). "
        "*MkDocs' build time*: what it logs for that rebuild (without loading the config). *Cold build*: one "
        "`mkdocs build` in a fresh process.\n\n"
    )
    args.output.write_text(header + result + (f"\n## Profile of one rebuild\n\n{report}\n" if report else ""), encoding="utf-8")


if __name__ == "__main__":
    main()
