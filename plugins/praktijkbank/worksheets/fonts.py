"""The font a worksheet PDF is laid out in: DejaVu Sans from the package, whatever fonts the machine has.

What fits on one A4 is computed from the letter widths of DejaVu Sans (fit.py, textmetrics.py). The sheets' font
stack (werkblad.css) names Segoe UI, Helvetica, Arial and Liberation Sans before it, for the browser, where the
sheet's layout hands out the room itself. Had the PDF used that stack, a machine with one of those fonts (any Mac or
Windows machine, a Debian machine with Chromium) would lay the sheet out narrower than the model counts, and the
printed sheets would differ by machine. So the PDF's stylesheet (`stylesheet`) loads its faces by ``@font-face``
from the package, under a family name of its own, and the PDF's url fetcher (pdf.py) hands out these files
(`font_file`) and nothing else. The site's pages keep their own font stack.

The files in assets/fonts/ are DejaVu Sans, its Bold and its Oblique (Bitstream Vera licence, assets/fonts/LICENSE),
cut down to the letters whose widths textmetrics knows (``textmetrics.RANGES``): a PDF embeds the regular face whole
(a reader may type any letter into its fields), which is 76 KB cut down and 760 KB in full. A letter outside them
comes from the machine's fonts and counts as one em, wider than any letter the model knows. They are made from the
full fonts with fontTools (which comes with WeasyPrint): ``python -m praktijkbank.worksheets.fonts
/usr/share/fonts/truetype/dejavu``; textmetrics' tables are then read from them again.
"""

from __future__ import annotations

import sys
from pathlib import Path

from praktijkbank import ASSET_DIR

FONT_DIR = ASSET_DIR / "fonts"
#: The family of the PDF: a name of its own, so that no font of the machine is taken for it.
FAMILY = "Praktijkbank DejaVu Sans"
#: The faces: CSS weight, style and file. Semi-bold text (600) takes the bold face, as it took DejaVu Sans Bold from
#: the system. Without the oblique face WeasyPrint would set italic text upright.
FACES: tuple[tuple[int, str, str], ...] = (
    (400, "normal", "DejaVuSans.ttf"), (700, "normal", "DejaVuSans-Bold.ttf"), (400, "italic", "DejaVuSans-Oblique.ttf"),
)
#: How the stylesheet names a font file: an address that names no folder of this machine, so the HTML of a sheet
#: (and with it the key of its PDF in the cache) is the same wherever the package is installed.
SCHEME = "praktijkbank-font:"
#: The CSS variable of werkblad.css that holds the sheets' font stack.
STACK_VARIABLE = "--wb-letter"


def stylesheet() -> str:
    """The rules the PDF's stylesheet adds to werkblad.css: the faces, and the family in place of the stack."""
    faces = "".join(f'@font-face {{ font-family: "{FAMILY}"; src: url("{SCHEME}{file}"); font-weight: {weight}; '
                    f"font-style: {style}; }}\n" for weight, style, file in FACES)
    return f'{faces}:root {{ {STACK_VARIABLE}: "{FAMILY}", "DejaVu Sans", sans-serif; }}\n'


def font_file(url: str) -> Path | None:
    """The file of the package that ``url`` (from `stylesheet`) names; None for every other url."""
    files = {f"{SCHEME}{file}": FONT_DIR / file for _, _, file in FACES}
    return files.get(url)


def font_bytes() -> bytes:
    """The contents of the font files, which decide a PDF's bytes as much as the code that renders it."""
    return b"".join((FONT_DIR / file).read_bytes() for _, _, file in FACES)


def _cut_down(folder: str) -> None:  # pragma: no cover - run by hand when the fonts change
    """Write the faces from the full fonts in ``folder``, with only the letters of textmetrics' tables."""
    from fontTools import subset

    from praktijkbank.worksheets import textmetrics

    unicodes = [code for start, end in textmetrics.RANGES for code in range(start, end + 1)]
    for _, _, file in FACES:
        options = subset.Options(layout_features=["*"], name_IDs=["*"], name_legacy=True, name_languages=["*"],
                                 notdef_outline=True, glyph_names=True)
        font = subset.load_font(f"{folder}/{file}", options)
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=unicodes)
        subsetter.subset(font)
        subset.save_font(font, str(FONT_DIR / file), options)


if __name__ == "__main__":  # pragma: no cover
    _cut_down(sys.argv[1] if len(sys.argv) > 1 else "/usr/share/fonts/truetype/dejavu")
