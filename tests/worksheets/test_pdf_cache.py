"""The worksheet PDFs kept on disk between builds: reused when nothing changed, byte for byte as a cold build makes
them; a damaged entry is found, rendered again and never published; the folder holds the last build's PDFs only."""

from __future__ import annotations

import errno
import hashlib
import os
import re
import shutil
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from mkdocs.exceptions import PluginError
from praktijkbank.plugin.linkedfile import LinkedFile
from praktijkbank.worksheets import fonts, pdfcache
from praktijkbank.worksheets.pdf import PdfRenderer, render_pdf
from praktijkbank.worksheets.pdfcache import PdfCache

from tests.helpers import set_plugin_option, snapshot

pytest.importorskip("weasyprint")

Build = Callable[..., subprocess.CompletedProcess[str]]
PAGE = '<!doctype html><html lang="nl"><body><form><h1>{title}</h1><input type="text" name="naam"></form></body></html>'
PDF = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"


def entries(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.pdf"))


def name(key: str, pdf: bytes) -> str:
    return f"{key}.{hashlib.sha256(pdf).hexdigest()}.pdf"


# -- entries ---------------------------------------------------------------------------------------


def test_an_entry_is_the_pdf_named_by_its_key_and_checksum_written_whole(tmp_path: Path) -> None:
    cache = PdfCache(tmp_path / "pdf", "vingerafdruk")
    key = cache.key("<html>")
    path = cache.put(key, PDF)
    assert path == tmp_path / "pdf" / name(key, PDF) and path.read_bytes() == PDF  # just the PDF: the site can link to it
    assert cache.get(key) == path and cache.read(key) == PDF
    assert sorted(p.name for p in (tmp_path / "pdf").iterdir()) == sorted(["CACHEDIR.TAG", path.name])  # no temporary files
    assert (tmp_path / "pdf" / "CACHEDIR.TAG").read_text(encoding="utf-8").startswith("Signature: 8a477f597d28d172789f06886806bc55")
    assert cache.put(cache.key("<p>"), b"not a pdf") is None  # never stored: it could only be rejected later
    assert len(entries(tmp_path / "pdf")) == 1
    later = PdfCache(tmp_path / "pdf", "vingerafdruk")  # a later build finds it by its key
    assert later.get(key) == path


@pytest.mark.parametrize("damage", [
    lambda pdf: pdf[: len(pdf) // 2],  # cut short: a build stopped while writing (without os.replace)
    lambda pdf: pdf[:-1],  # one byte short
    lambda pdf: pdf + b"\n%%EOF\n",  # longer
    lambda pdf: pdf.replace(b"endobj", b"endobk"),  # same length, other bytes: the checksum differs
    lambda pdf: b"",
    lambda pdf: os.urandom(len(pdf)),  # garbage
    lambda pdf: b"%PDF-1.7 " + os.urandom(len(pdf)) + b" %%EOF",  # garbage that starts and ends like a PDF
])
def test_a_damaged_entry_is_rejected_and_removed(tmp_path: Path, damage: Callable[[bytes], bytes]) -> None:
    cache = PdfCache(tmp_path, "vingerafdruk")
    key = cache.key("<html>")
    path = cache.put(key, PDF)
    assert path is not None
    path.write_bytes(damage(PDF))
    later = PdfCache(tmp_path, "vingerafdruk")
    assert later.get(key) is None and later.read(key) is None
    assert later.rejected == 1 and not path.exists()


def test_an_entry_must_be_a_whole_pdf_even_with_a_matching_checksum(tmp_path: Path) -> None:
    cache = PdfCache(tmp_path, "vingerafdruk")
    for number, not_a_pdf in enumerate((b"<html>not a pdf</html>", PDF.replace(b"%%EOF", b"%%EOX"), b"%PDF-1.7 cut off")):
        key = cache.key(str(number))
        (tmp_path / name(key, not_a_pdf)).write_bytes(not_a_pdf)
        assert PdfCache(tmp_path, "vingerafdruk").get(key) is None
    key = cache.key("no final newline")
    (tmp_path / name(key, PDF.rstrip())).write_bytes(PDF.rstrip())  # a final newline after %%EOF is optional
    assert PdfCache(tmp_path, "vingerafdruk").read(key) == PDF.rstrip()


def test_the_key_covers_the_html_and_the_renderer(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    one, other = PdfCache(tmp_path, "a"), PdfCache(tmp_path, "b")
    assert one.key("<p>x</p>") != one.key("<p>y</p>")
    assert one.key("<p>x</p>") != other.key("<p>x</p>")
    base = pdfcache.fingerprint(b"pdf.py")
    assert pdfcache.fingerprint(b"pdf.py") == base
    assert pdfcache.fingerprint(b"pdf.py, changed") != base  # how pdf.py calls WeasyPrint
    real_version = pdfcache.importlib.metadata.version
    monkeypatch.setattr(pdfcache.importlib.metadata, "version",
                        lambda name: "999.0" if name == "weasyprint" else real_version(name))
    assert pdfcache.fingerprint(b"pdf.py") != base  # another WeasyPrint
    monkeypatch.undo()
    monkeypatch.setattr(pdfcache, "fonts", lambda: b"/usr/share/fonts/another.ttf")
    assert pdfcache.fingerprint(b"pdf.py") != base  # other fonts


def test_the_fonts_in_the_key_are_what_fontconfig_offers() -> None:
    fonts = pdfcache.fonts().decode()
    if "fontconfig tools not found" in fonts:
        pytest.skip("fontconfig's tools (fc-list) are not installed")
    assert re.search(r"\.(ttf|otf|ttc|pfb|woff2?)\t", fonts, re.IGNORECASE)  # font files, with version and size
    assert re.search(r"fonts\.conf\t[0-9a-f]{64}", fonts)  # the configuration in use, by content


def test_pruning_removes_only_unused_entries_it_wrote_before_the_build(tmp_path: Path) -> None:
    cache = PdfCache(tmp_path, "vingerafdruk")
    used, unused, recent = cache.key("used"), cache.key("unused"), cache.key("recent")
    for key in (used, unused):
        cache.put(key, PDF)
    stale_temporary = tmp_path / f".{unused}.abc123.tmp"
    stale_temporary.write_bytes(PDF[:10])
    first_format = tmp_path / f"{unused}.pdf"  # an entry as the first version of the cache wrote them
    first_format.write_bytes(PDF)
    foreign = tmp_path / "notities.txt"
    foreign.write_text("not ours", encoding="utf-8")
    past = time.time() - 3600
    for path in tmp_path.iterdir():
        os.utime(path, (past, past))
    since = time.time() - 60
    cache.put(recent, PDF)  # another build in the same folder, after this one started
    assert cache.prune([used], since) == 3
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        ["CACHEDIR.TAG", name(used, PDF), name(recent, PDF), "notities.txt"])


def test_the_renderer_reads_unchanged_sheets_from_disk_and_renders_damaged_ones_again(tmp_path: Path) -> None:
    pages = [PAGE.format(title=f"Blad {i}") for i in range(3)]
    first = PdfRenderer(processes=1, cache_dir=tmp_path)
    cold = first.render_all(pages)
    assert first.rendered == 3 and first.reused == 0 and first.finish_build() == 0
    assert cold == [render_pdf(page) for page in pages]
    stored = entries(tmp_path)
    assert len(stored) == 3

    warm = PdfRenderer(processes=1, cache_dir=tmp_path)  # a later build: a new process, an empty memory
    assert warm.render_all(pages) == cold
    assert warm.rendered == 0 and warm.reused == 3

    stored[0].write_bytes(stored[0].read_bytes()[:1000])  # cut short
    stored[1].write_bytes(os.urandom(5000))  # garbage
    again = PdfRenderer(processes=1, cache_dir=tmp_path)
    assert again.render_all(pages) == cold
    assert again.rendered == 2 and again.reused == 1 and again.disk is not None and again.disk.rejected == 2
    repaired = entries(tmp_path)
    assert len(repaired) == 3 and all(path.name.split(".")[1] == hashlib.sha256(path.read_bytes()).hexdigest() for path in repaired)
    outputs = PdfRenderer(processes=1, cache_dir=tmp_path).outputs(pages)
    assert sorted(outputs) == repaired  # the entries themselves (paths), for the site to link to


def test_sharing_one_font_configuration_changes_no_byte() -> None:
    from praktijkbank.worksheets import pdf
    from weasyprint import HTML

    pages = [PAGE.format(title=title) for title in ("Blad", "Ander blad met ëën ç en €", "<b>Vet</b> en <i>schuin</i>")]
    pages.append('<!doctype html><html lang="nl"><body><form><textarea name="t">x</textarea>'
                 '<input type="radio" name="r" value="1"><input type="radio" name="r" value="2"></form></body></html>')
    # A sheet in the package's own font, which the shared configuration keeps once it has loaded it.
    pages.append(f"<!doctype html><html lang=\"nl\"><head><style>{fonts.stylesheet()} body {{ font-family: var(--wb-letter) }}"
                 "</style></head><body><form><h1>Blad</h1><p><b>Vet</b> en <i>schuin</i></p><input type=\"text\" name=\"n\">"
                 "</form></body></html>")
    shared = [render_pdf(page) for page in pages]
    with pdf._quiet():
        own = [HTML(string=page, url_fetcher=pdf.FETCHER).write_pdf(pdf_forms=True, finisher=pdf._radio_buttons_as_widgets)
               for page in pages]
    assert shared == own


class StopsAtSecondSheet:
    """Stands in for WeasyPrint's HTML class: the sheet that says "stop" fails, as when a build is stopped."""

    def __init__(self, string: str, **kwargs: object) -> None:
        self.html = string

    def write_pdf(self, **kwargs: object) -> bytes:
        if "stop" in self.html:
            raise RuntimeError("gestopt")
        return PDF


def test_a_build_stopped_halfway_keeps_the_pdfs_it_made(tmp_path: Path) -> None:
    renderer = PdfRenderer(html_class=StopsAtSecondSheet, processes=1, cache_dir=tmp_path)
    with pytest.raises(RuntimeError):
        renderer.render_all(["<p>eerste</p>", "<p>stop</p>"])
    assert [path.read_bytes() for path in entries(tmp_path)] == [PDF]


def test_a_folder_that_cannot_be_written_means_rendering_not_failing(tmp_path: Path) -> None:
    blocked = tmp_path / "bestand"
    blocked.write_text("a file where the folder should be", encoding="utf-8")
    renderer = PdfRenderer(processes=1, cache_dir=blocked / "pdf")
    page = PAGE.format(title="Blad")
    assert renderer.render(page).startswith(b"%PDF-")
    problem = renderer.new_problem()
    assert problem is not None and "PDF-cache" in problem and str(blocked / "pdf") in problem
    assert renderer.new_problem() is None  # said once


def linked_file(tmp_path: Path, source: Path) -> LinkedFile:
    file = LinkedFile("werkblad.pdf", src_dir=None, dest_dir=str(tmp_path / "site"), use_directory_urls=True)
    file.abs_src_path = str(source)
    return file


def test_a_linked_file_is_the_entry_itself_or_a_copy_across_file_systems(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    entry = tmp_path / "entry.pdf"
    entry.write_bytes(PDF)
    output = tmp_path / "site" / "werkblad.pdf"
    output.parent.mkdir()
    output.write_bytes(b"an older file")
    older = tmp_path / "older-link.pdf"
    os.link(output, older)
    linked_file(tmp_path, entry).copy_file()
    assert output.stat().st_ino == entry.stat().st_ino
    assert older.read_bytes() == b"an older file"  # replaced, not written through

    def no_links(source: str, target: str) -> None:
        raise OSError(errno.EXDEV, "Invalid cross-device link")

    monkeypatch.setattr(os, "link", no_links)
    linked_file(tmp_path, entry).copy_file()
    assert output.read_bytes() == PDF and output.stat().st_ino != entry.stat().st_ino


def test_a_linked_file_whose_entry_vanished_stops_the_build_clearly(tmp_path: Path) -> None:
    with pytest.raises(PluginError, match="tijdens de build verdwenen"):
        linked_file(tmp_path, tmp_path / "weg.pdf").copy_file()


# -- whole builds ----------------------------------------------------------------------------------


def made(result: subprocess.CompletedProcess[str]) -> tuple[int, int]:
    """How many PDFs the build rendered and how many it took from the cache (from its debug log)."""
    match = re.search(r"werkbladen als PDF: (\d+) nieuw gemaakt, (\d+) uit de PDF-cache", result.stderr)
    assert match, result.stderr
    return int(match[1]), int(match[2])


def test_a_build_from_the_cache_equals_a_cold_build_and_damage_is_never_published(project: Path, mkdocs_build: Build) -> None:
    shutil.rmtree(project / ".cache")  # the site's own cache, not the test session's shared one
    cache = project / ".cache" / "praktijkbank" / "pdf"
    cold = mkdocs_build(project, "--verbose", "--site-dir", str(project / "koud"))
    assert cold.returncode == 0, cold.stderr
    rendered, _ = made(cold)
    assert rendered > 0 and len(entries(cache)) == rendered

    warm = mkdocs_build(project, "--verbose", "--site-dir", str(project / "warm"))
    assert warm.returncode == 0, warm.stderr
    assert made(warm) == (0, rendered)
    reference = snapshot(project / "koud")
    assert any(name.endswith(".pdf") for name in reference)
    assert snapshot(project / "warm") == reference

    inodes = {path.stat().st_ino for path in entries(cache)}
    for site in ("koud", "warm"):  # the site's PDFs are the cache's entries, linked, not written again
        assert {path.stat().st_ino for path in (project / site).rglob("*.pdf")} == inodes

    damaged = entries(cache)
    damaged[0].write_bytes(damaged[0].read_bytes()[:-20_000])  # a partly written entry
    damaged[1].write_bytes(b"%PDF-1.7 " + os.urandom(2000) + b" %%EOF")  # garbage that looks like a PDF
    repaired = mkdocs_build(project, "--verbose", "--site-dir", str(project / "hersteld"))
    assert repaired.returncode == 0, repaired.stderr
    assert made(repaired) == (2, rendered - 2)
    assert snapshot(project / "hersteld") == reference


def test_the_cache_can_be_switched_off(project: Path, mkdocs_build: Build) -> None:
    shutil.rmtree(project / ".cache")
    set_plugin_option(project, "pdf_cache_dir: ''")
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    assert not (project / ".cache").exists()
    assert list((project / "site").rglob("*.pdf"))
