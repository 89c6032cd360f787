"""Measure the overview at scale in real Chromium: transfer size, and the time one filter change takes.

    python benchmarks/filter.py [--count 1000] [--repeat 20]

Builds a site with N synthetic practices in a temporary folder, serves it on loopback, and in headless
Chromium times every filter change from the input event until the browser has laid out the result.
Prints a small table; the figures are recorded in benchmarks/RESULTS.md.
"""

from __future__ import annotations

import argparse
import gzip
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from tests.helpers.browser import CHROMIUM, CHROMIUM_ARGS, serve_directory  # noqa: E402
from synthetic import write_practices  # noqa: E402

MEASURE = """
async ([selector, repeat]) => {
  const box = document.querySelector(selector);
  const script = [], total = [];
  for (let i = 0; i < repeat; i++) {
    await new Promise(r => setTimeout(r, 50));
    const start = performance.now();
    box.click();                                  // dispatches the change event; the filter runs synchronously
    const afterScript = performance.now();
    document.body.getBoundingClientRect();        // force style and layout of the new result
    total.push(performance.now() - start);
    script.push(afterScript - start);
  }
  return [script, total];
}
"""


def build(count: int, work: Path) -> Path:
    for name in ("docs", "schema"):
        shutil.copytree(ROOT / name, work / name)
    shutil.copy(ROOT / "mkdocs.yml", work / "mkdocs.yml")
    write_practices(work / "practices", count, ROOT / "schema" / "praktijkvoorbeeld.schema.json")
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "--site-dir", str(work / "site")], cwd=work, check=True)
    return work / "site"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        site = build(args.count, Path(tmp))
        html = (site / "praktijken" / "index.html").read_bytes()
        script = (site / "assets" / "praktijkbank" / "praktijkbank.js").read_bytes()
        with serve_directory(site) as url, sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.goto(url + "praktijken/", wait_until="networkidle")
            checkbox = "fieldset[data-facet='thema'] input"
            script_times, times = page.evaluate(MEASURE, [checkbox, args.repeat])
            page.fill("#pb-zoek", "")
            text_times = []
            for word in ("wijk", "wijkteam", "wijkteam samen", "", "buurt"):
                text_times.append(page.evaluate(
                    "w => { const s = performance.now(); const i = document.querySelector('#pb-zoek'); i.value = w;"
                    " i.dispatchEvent(new Event('input', {bubbles: true})); document.body.getBoundingClientRect();"
                    " return performance.now() - s; }", word))
            browser.close()
    print(f"practices: {args.count}")
    print(f"overview HTML: {len(html) / 1024:.0f} KB raw, {len(gzip.compress(html, 9)) / 1024:.0f} KB gzipped; "
          f"filter script {len(gzip.compress(script, 9)) / 1024:.1f} KB gzipped")
    print(f"checkbox change: median {statistics.median(times):.1f} ms, max {max(times):.1f} ms over {len(times)} changes "
          f"(script alone: median {statistics.median(script_times):.1f} ms)")
    print(f"text filter: median {statistics.median(text_times):.1f} ms, max {max(text_times):.1f} ms")


if __name__ == "__main__":
    main()
