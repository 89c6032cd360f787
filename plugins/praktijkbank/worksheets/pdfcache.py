"""Rendered worksheet PDFs kept on disk between builds, by the hash of everything that makes their bytes.

A sheet's PDF is a function of its HTML (which holds its stylesheet inline and fetches nothing but the package's
own fonts: see pdf.py) and of the renderer: WeasyPrint and the libraries it writes with, those font files, the fonts
fontconfig offers (for letters they lack) and the way pdf.py calls them. The key of an entry is the SHA-256 of a
fingerprint of that renderer and the sheet's HTML, so a changed sheet, stylesheet, WeasyPrint or font set simply
misses, and an old entry is never mistaken for a new one.

An entry is one file holding just the PDF, named ``<key>.<sha256 of the PDF>.pdf``, so that the site can take it
as a hard link instead of a copy (see linkedfile.py). It is written to a temporary file in the same folder and moved
into place with ``os.replace``, so a reader sees the whole entry or none. A read checks the bytes against the
checksum in the name and that they look like a whole PDF (``%PDF-`` ... ``%%EOF``); an entry that fails (cut short,
overwritten, garbage) is removed and the sheet is rendered again: a damaged entry is never published.

Pruning: after a build, entries that the build did not use are removed, so the folder holds the PDFs of the last
build and nothing else. Files written after the build started are left alone (another build in the same folder
may be using them), and only names this module writes are ever removed, whatever folder it is given. Give each
site a folder of its own: two sites building in turn into one folder would remove each other's entries.

The cache is an optimisation only: a folder that cannot be read or written means rendering every sheet, noted once
in ``problem``, never a failed build.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.metadata
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import zlib
from collections.abc import Iterable
from pathlib import Path

#: Part of every key: raise it when the entry format or the meaning of a key changes.
FORMAT = b"praktijkbank-pdf 2"
#: The Python packages whose versions can change a PDF's bytes (parsing, layout, fonts, writing, images).
PACKAGES = ("weasyprint", "pydyf", "fonttools", "tinycss2", "cssselect2", "tinyhtml5", "pillow", "brotli", "zopfli")
#: The shared libraries WeasyPrint lays out text with, under the names WeasyPrint itself tries.
LIBRARIES = {
    "pango": (("libpango-1.0-0", "libpango-1.0.so.0", "libpango-1.0.dylib", "libpango-1.0-0.dll"), "pango_version_string"),
    "harfbuzz": (("libharfbuzz-0", "libharfbuzz.so.0", "libharfbuzz.0.dylib", "libharfbuzz-0.dll"), "hb_version_string"),
}
CACHEDIR_TAG = "CACHEDIR.TAG"
_ENTRY = re.compile(r"[0-9a-f]{64}\.[0-9a-f]{64}\.pdf")
#: The names this module writes (entries, temporary files, and entries of the first format): the only ones it removes.
_OURS = (_ENTRY, re.compile(r"\.[0-9a-f]{64}\.[^/]*\.tmp"), re.compile(r"[0-9a-f]{64}\.pdf"))


def fingerprint(renderer_source: bytes) -> str:
    """A hash of what besides the HTML decides a PDF's bytes: the rendering code (``renderer_source``, such as
    pdf.py itself), the versions of WeasyPrint, the libraries it uses and zlib, and the fonts (`fonts`)."""
    parts = [FORMAT, hashlib.sha256(renderer_source).hexdigest().encode(), f"python {sys.version_info[:2]}".encode(),
             f"zlib {zlib.ZLIB_RUNTIME_VERSION}".encode()]
    for package in PACKAGES:
        try:
            parts.append(f"{package} {importlib.metadata.version(package)}".encode())
        except importlib.metadata.PackageNotFoundError:
            parts.append(f"{package} -".encode())
    parts.extend(f"{name} {version}".encode() for name, version in library_versions().items())
    parts.append(fonts())
    return hashlib.sha256(b"\n".join(parts)).hexdigest()


def library_versions() -> dict[str, str]:
    """Pango's and HarfBuzz's versions, read without importing WeasyPrint ("-" where the library does not load)."""
    import ctypes

    versions = {}
    for name, (candidates, function) in LIBRARIES.items():
        versions[name] = "-"
        for candidate in candidates:
            try:
                library = ctypes.CDLL(candidate)
            except OSError:
                continue
            getter = getattr(library, function)
            getter.restype = ctypes.c_char_p
            versions[name] = getter().decode()
            break
    return versions


def fonts() -> bytes:
    """What fontconfig offers WeasyPrint: every font (file, version, family, style, size, modification time) and the
    contents of the configuration files in use (which decide, say, what "sans-serif" or "Arial" becomes). Installing,
    updating or re-aliasing a font changes this. Without fontconfig's tools only the settings that point fontconfig
    elsewhere are seen: then clear the folder after changing fonts."""
    lines = [f"{name}={os.environ.get(name, '')}" for name in ("FONTCONFIG_FILE", "FONTCONFIG_PATH", "FONTCONFIG_SYSROOT")]
    fc_list, fc_conflist = shutil.which("fc-list"), shutil.which("fc-conflist")
    if fc_list is None:
        return "\n".join([*lines, "fontconfig tools not found"]).encode()
    listed, configuration = _outputs([[fc_list, "--format", "%{file}\t%{fontversion}\t%{family}\t%{style}\n"],
                                      [fc_conflist] if fc_conflist else []])
    for line in sorted(set(listed.splitlines())):
        lines.append(f"{line}\t{_file_signature(line.split(chr(9), 1)[0])}")
    for line in configuration.splitlines():  # "+ /etc/fonts/conf.d/10-hinting-slight.conf: description" (+: in use)
        if line.startswith("+ "):
            file = line[2:].split(": ", 1)[0]
            try:
                lines.append(f"{file}\t{hashlib.sha256(Path(file).read_bytes()).hexdigest()}")
            except OSError:
                lines.append(f"{file}\tunreadable")
    return "\n".join(lines).encode()


def _file_signature(file: str) -> str:
    try:
        stat = os.stat(file)
    except OSError:
        return "-"
    return f"{stat.st_size}\t{stat.st_mtime_ns}"


def _outputs(commands: list[list[str]]) -> list[str]:
    """The standard output of each command, run side by side ("" for one that cannot be run)."""
    processes: list[subprocess.Popen[str] | None] = []
    for args in commands:
        if not args:
            processes.append(None)
            continue
        try:
            processes.append(subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True))
        except OSError:
            processes.append(None)
    outputs = []
    for process in processes:
        if process is None:
            outputs.append("")
            continue
        try:
            outputs.append(process.communicate(timeout=30)[0])
        except subprocess.SubprocessError:
            process.kill()
            process.communicate()
            outputs.append("")
    return outputs


class PdfCache:
    """Entries in ``folder`` by key; see the module's description for the format, the checks and the pruning."""

    def __init__(self, folder: Path, fingerprint: str) -> None:
        self.folder = folder
        self.fingerprint = fingerprint
        self.problem: str | None = None  # the first reason the folder could not be used, in Dutch
        self.rejected = 0  # entries found damaged, removed and rendered again
        self._ready = False
        self._names: dict[str, str] | None = None  # key -> file name, read from the folder once per build

    def key(self, html: str) -> str:
        return hashlib.sha256(self.fingerprint.encode() + b"\0" + html.encode()).hexdigest()

    def rescan(self) -> None:
        """Read the folder again on the next lookup (at the start of each build: other builds may have written)."""
        self._names = None

    def get(self, key: str) -> Path | None:
        """The entry stored under ``key``, checked; None when there is none or it is damaged (then it is removed)."""
        name = self._index().get(key)
        if name is None:
            return None
        path = self.folder / name
        try:
            pdf = path.read_bytes()
        except FileNotFoundError:
            return None
        except OSError as exc:
            self._note(exc)
            return None
        if not is_whole_pdf(pdf) or hashlib.sha256(pdf).hexdigest() != name.split(".")[1]:
            self.rejected += 1
            self._remove(path)
            self._index().pop(key, None)
            return None
        return path

    def read(self, key: str) -> bytes | None:
        """The PDF stored under ``key``, checked (see `get`)."""
        path = self.get(key)
        return path.read_bytes() if path is not None else None

    def put(self, key: str, pdf: bytes) -> Path | None:
        """Store ``pdf`` under ``key``, atomically: a reader finds the whole entry or none. None if it cannot be stored."""
        if self.problem is not None or not is_whole_pdf(pdf):
            return None
        name = f"{key}.{hashlib.sha256(pdf).hexdigest()}.pdf"
        temporary = None
        try:
            self._prepare()
            descriptor, temporary = tempfile.mkstemp(dir=self.folder, prefix=f".{key}.", suffix=".tmp")
            with os.fdopen(descriptor, "wb") as handle:
                handle.write(pdf)
            os.chmod(temporary, 0o644)  # mkstemp makes it private; an entry is as readable as the site it ends up in
            os.replace(temporary, self.folder / name)
        except OSError as exc:
            self._note(exc)
            if temporary is not None:
                self._remove(Path(temporary))
            return None
        self._index()[key] = name
        return self.folder / name

    def prune(self, used: Iterable[str], since: float) -> int:
        """Remove the entries (and left-over temporary files) not in ``used`` and not written at or after ``since``
        (a time.time()); returns how many were removed."""
        index = self._index()
        keep = {index[key] for key in used if key in index}
        removed = 0
        try:
            candidates = list(os.scandir(self.folder))
        except OSError:
            return 0
        for candidate in candidates:
            name = candidate.name
            if name in keep or not any(pattern.fullmatch(name) for pattern in _OURS):
                continue
            try:
                if candidate.stat(follow_symlinks=False).st_mtime >= since:
                    continue
                os.unlink(candidate.path)
                removed += 1
            except OSError:
                continue
            if index.get(name.split(".")[0]) == name:
                del index[name.split(".")[0]]
        return removed

    def _index(self) -> dict[str, str]:
        if self._names is None:
            self._names = {}
            try:
                for entry in os.scandir(self.folder):
                    if _ENTRY.fullmatch(entry.name):
                        self._names[entry.name.split(".")[0]] = entry.name
            except FileNotFoundError:
                pass
            except OSError as exc:
                self._note(exc)
        return self._names

    def _prepare(self) -> None:
        if self._ready:
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        tag = self.folder / CACHEDIR_TAG
        if not tag.exists():  # https://bford.info/cachedir/: backup tools skip this folder
            tag.write_text("Signature: 8a477f597d28d172789f06886806bc55\n"
                           "# PDF's van werkbladen van praktijkbank; kan altijd weg (https://bford.info/cachedir/).\n",
                           encoding="utf-8")
        self._ready = True

    def _note(self, exc: OSError) -> None:
        if self.problem is None:
            self.problem = f"de PDF-cache in {self.folder} is niet te gebruiken ({exc.strerror or exc}); alle PDF's worden gemaakt"

    @staticmethod
    def _remove(path: Path) -> None:
        with contextlib.suppress(OSError):
            path.unlink()


def is_whole_pdf(pdf: bytes) -> bool:
    return pdf.startswith(b"%PDF-") and pdf[-64:].rstrip().endswith(b"%%EOF")  # the tail only: no copy of the PDF


def now() -> float:
    """The start of a build, for `PdfCache.prune`; a little early, for file systems that round modification times."""
    return time.time() - 2
