"""Files of the site that are hard links to checked PDF cache entries (pdfcache.py) instead of copies.

A site of 1,000 practices holds over 400 MB of worksheet PDFs; writing them all again on every build would cost more
than rendering the one sheet that changed. A hard link costs no bytes: the site's file and the cache entry are the
same file. Nothing writes into either (a later build replaces an entry by a new file, never in place, and a build
that finds an entry damaged removes it), so the site shows what the cache checked. Where a link cannot be made (the
site on another file system, or a file system without hard links) the entry is copied.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files


class LinkedFile(File):
    """A generated file whose content is the file at ``abs_src_path``, put into the site as a hard link to it."""

    def copy_file(self, dirty: bool = False) -> None:
        source, output = self.abs_src_path, self.abs_dest_path
        assert source is not None
        os.makedirs(os.path.dirname(output), exist_ok=True)
        with contextlib.suppress(FileNotFoundError):
            os.unlink(output)  # never write through an older link into the entry it points to
        try:
            os.link(source, output)
        except FileNotFoundError:
            raise PluginError(f"praktijkbank: {source} is tijdens de build verdwenen (bouwde er tegelijk een andere site "
                              "met dezelfde map voor PDF's?); bouw opnieuw") from None
        except OSError:  # another file system, or no hard links here
            shutil.copyfile(source, output)


def add_linked(files: Files, config: MkDocsConfig, src_uri: str, path: Path) -> None:
    """Put ``path`` into the site at ``src_uri`` as a `LinkedFile`, instead of any file there."""
    existing = files.get_file_from_path(src_uri)
    if existing is not None:
        files.remove(existing)
    files.append(LinkedFile.generated(config, src_uri, abs_src_path=str(path)))
