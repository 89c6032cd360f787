"""The PDFs are laid out in the font the page-height model measures, from the package, on every machine.

The model counts lines with the letter widths of DejaVu Sans (textmetrics.py); a machine with Helvetica, Arial or
Liberation Sans, which the sheets' font stack names first, once laid the PDFs out narrower, so that they no longer
filled their page and differed by machine. These tests need no font installed or removed: they point fontconfig, for
one subprocess, at a configuration that puts another font where the stack's first names are.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from praktijkbank.worksheets import fonts, textmetrics
from praktijkbank.worksheets.pdf import FETCHER, render_pdf

from tests.helpers import REPO

pytest.importorskip("weasyprint")
TTFont = pytest.importorskip("fontTools.ttLib").TTFont
pypdf = pytest.importorskip("pypdf")

#: A small sheet with every face the sheets use: regular, bold, semi-bold and italic, and a form field.
SHEET = ('<!doctype html><html lang="nl"><head><style>{css}</style></head><body><main class="wb-blad">'
         '<h1 class="wb-titel">Leernetwerk Zuid – één blad</h1><p class="wb-samenvatting">Een netwerk dat € en tijd deelt.</p>'
         '<p class="wb-vraag__tekst">Wat spreekt je aan?</p><p class="wb-leeg">Niet beschreven in dit voorbeeld.</p>'
         '<form><input type="text" name="naam"><textarea name="t" rows="3"></textarea></form></main></body></html>')


def sheet_html() -> str:
    css = (REPO / "plugins" / "praktijkbank" / "assets" / "werkblad.css").read_text(encoding="utf-8") + fonts.stylesheet()
    return SHEET.format(css=css)


def embedded_fonts(pdf: bytes, tmp_path: Path) -> set[str]:
    (tmp_path / "blad.pdf").write_bytes(pdf)
    page = pypdf.PdfReader(tmp_path / "blad.pdf").pages[0]
    return {str(font["/BaseFont"]).split("+", 1)[-1] for font in page["/Resources"]["/Font"].values()}


def test_the_metric_tables_are_the_widths_of_the_fonts_in_the_package() -> None:
    """What textmetrics counts with is what the PDF is laid out in: the same letters, the same advance widths."""
    for file, bold in (("DejaVuSans.ttf", False), ("DejaVuSans-Bold.ttf", True)):
        font = TTFont(fonts.FONT_DIR / file)
        assert font["head"].unitsPerEm == textmetrics.UNITS_PER_EM
        cmap, hmtx = font.getBestCmap(), font["hmtx"]
        assert {chr(code) for code in cmap if code >= 0x20} == set(textmetrics._WIDTHS[bold])  # cut down to the tables
        assert {char: hmtx[cmap[ord(char)]][0] for char in textmetrics._WIDTHS[bold]} == textmetrics._WIDTHS[bold]
    assert {file for _, _, file in fonts.FACES} <= {path.name for path in fonts.FONT_DIR.iterdir()}
    assert "Bitstream Vera" in (fonts.FONT_DIR / "LICENSE").read_text(encoding="utf-8")


def in_package_font(names: set[str]) -> bool:
    return all(name.startswith(fonts.FAMILY.replace(" ", "-")) for name in names)


def test_a_sheet_is_laid_out_in_the_package_font_in_every_face(tmp_path: Path) -> None:
    names = embedded_fonts(render_pdf(sheet_html()), tmp_path)
    assert in_package_font(names) and len(names) == 3  # regular, bold (also for semi-bold) and oblique


def test_the_pdf_is_the_same_whatever_fonts_the_machine_has(tmp_path: Path) -> None:
    """A machine where the stack's first fonts exist (here: fontconfig makes each of them DejaVu Sans Mono, far wider
    than the model's letters) makes the same PDF, byte for byte."""
    fc_match = shutil.which("fc-match")
    if fc_match is None or "Mono" not in subprocess.run([fc_match, "DejaVu Sans Mono"], capture_output=True, text=True).stdout:
        pytest.skip("needs fontconfig and DejaVu Sans Mono")
    names = ("Segoe UI", "Helvetica Neue", "Helvetica", "Arial", "Liberation Sans", "Noto Sans", "DejaVu Sans", "sans-serif")
    tests = "".join(f"<match target=\"pattern\"><test name=\"family\"><string>{name}</string></test>"
                    "<edit name=\"family\" mode=\"assign\" binding=\"strong\"><string>DejaVu Sans Mono</string></edit></match>"
                    for name in names)
    (tmp_path / "fonts.conf").write_text(
        '<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd"><fontconfig>'
        f'<include ignore_missing="yes">/etc/fonts/fonts.conf</include>{tests}</fontconfig>', encoding="utf-8")
    program = ("import sys; from pathlib import Path; from praktijkbank.worksheets.pdf import render_pdf; "
               "sys.stdout.buffer.write(render_pdf(Path(sys.argv[1]).read_text(encoding='utf-8')))")

    def elsewhere(html: str) -> bytes:
        (tmp_path / "blad.html").write_text(html, encoding="utf-8")
        env = {**os.environ, "FONTCONFIG_FILE": str(tmp_path / "fonts.conf")}
        return subprocess.run([sys.executable, "-c", program, str(tmp_path / "blad.html")], capture_output=True, check=True,
                              env=env).stdout

    assert elsewhere(sheet_html()) == render_pdf(sheet_html())
    # That machine is really another one: the stack alone (the sheets' font stack without the package's font) is
    # laid out there in Mono.
    stack_only = sheet_html().replace(fonts.stylesheet(), "")
    assert {"DejaVu-Sans-Mono", "DejaVu-Sans-Mono-Bold"} <= embedded_fonts(elsewhere(stack_only), tmp_path)


def test_the_fetcher_hands_out_the_package_fonts_and_nothing_else() -> None:
    font = FETCHER(f"{fonts.SCHEME}DejaVuSans.ttf")
    body = font["string"] if isinstance(font, dict) else font.read()
    assert body == (fonts.FONT_DIR / "DejaVuSans.ttf").read_bytes()
    for url in (f"{fonts.SCHEME}LICENSE", f"{fonts.SCHEME}../worksheets/fonts.py", f"{fonts.SCHEME}/etc/passwd",
                (fonts.FONT_DIR / "DejaVuSans.ttf").as_uri(), "file:///etc/passwd", "https://fonts.example/DejaVuSans.ttf",
                "data:font/ttf;base64,AAAA"):
        with pytest.raises(ValueError, match="werkbladen laden geen externe bronnen"):
            FETCHER(url)


def test_a_sheet_that_asks_for_more_is_made_without_it(tmp_path: Path) -> None:
    """An image or a font from elsewhere is refused, and the sheet is still made, in the package's font."""
    html = sheet_html().replace("</style>", '@font-face { font-family: "Elders"; src: url("https://fonts.example/x.ttf") } '
                                "h1 { font-family: Elders, var(--wb-letter) }</style>")
    html = html.replace("</main>", '<img src="file:///etc/hostname" alt=""><img src="https://beeld.example/x.png" alt=""></main>')
    pdf = render_pdf(html)
    assert pdf.startswith(b"%PDF-") and b"/Image" not in pdf
    assert in_package_font(embedded_fonts(pdf, tmp_path))
