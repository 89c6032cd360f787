"""The file cache used by `mkdocs serve`: unchanged files are not parsed again, changed ones always are."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from praktijkbank.checking.collection import FileCache, load_practices
from praktijkbank.core.schema import Schema

from tests.helpers import REPO


def test_unchanged_files_come_from_the_cache(tmp_path: Path) -> None:
    folder = tmp_path / "practices"
    shutil.copytree(REPO / "practices", folder)
    schema = Schema.load(REPO / "schema" / "praktijkvoorbeeld.schema.json")
    cache = FileCache()
    first = load_practices([folder], schema, root=tmp_path, cache=cache)
    assert cache.hits == 0 and len(first.practices) == 5

    second = load_practices([folder], schema, root=tmp_path, cache=cache)
    assert cache.hits == 5
    assert [p.slug for p in second.practices] == [p.slug for p in first.practices]

    # A change is always seen, also when it keeps the size and lands within the same clock tick.
    changed = folder / "buurt-in-bloei-eindhoven.md"
    text = changed.read_text(encoding="utf-8")
    changed.write_text(text.replace("samenvatting:", "samenvatting: 12\nx:", 1), encoding="utf-8")
    stat = changed.stat()
    os.utime(changed, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    third = load_practices([folder], schema, root=tmp_path, cache=cache)
    assert cache.hits == 9
    assert [f.path for f in third.findings if f.is_error] != []
    assert len(third.practices) == 4


def test_cross_file_findings_do_not_pile_up_in_the_cache(tmp_path: Path) -> None:
    folder = tmp_path / "practices"
    folder.mkdir()
    text = (REPO / "practices" / "buurt-in-bloei-eindhoven.md").read_text(encoding="utf-8")
    (folder / "een.md").write_text(text, encoding="utf-8")
    (folder / "twee.md").write_text(text, encoding="utf-8")
    schema = Schema.load(REPO / "schema" / "praktijkvoorbeeld.schema.json")
    cache = FileCache()
    counts = [len(load_practices([folder], schema, root=tmp_path, cache=cache).findings) for _ in range(3)]
    assert counts[0] == counts[1] == counts[2] > 0
