"""Reading many files at once: in several processes, or with display paths worked out per folder, the result is
exactly that of reading them one by one."""

from __future__ import annotations

import marshal
import multiprocessing
import os
import shutil
import sys
from pathlib import Path

import pytest
from praktijkbank.checking import file
from praktijkbank.checking.collection import LoadResult, _DisplayPaths, discover, load_practices
from praktijkbank.checking.file import display_path, load_file
from praktijkbank.core.schema import Schema
from praktijkbank.runtime import forked

from tests.helpers import FIXTURES, REPO

SCHEMA = Schema.load(REPO / "schema" / "praktijkvoorbeeld.schema.json")


@pytest.fixture
def collection(tmp_path: Path) -> Path:
    """Every fixture: valid files, files with every kind of error, warnings, and clashes between files."""
    folder = tmp_path / "practices"
    shutil.copytree(FIXTURES, folder)
    shutil.copytree(REPO / "practices", folder / "seed")
    return folder


def assert_same(one: LoadResult, other: LoadResult) -> None:
    assert one.files == other.files
    assert one.findings == other.findings
    assert one.practices == other.practices
    assert one.broken == other.broken
    lines = [[(p.title_line, p.summary_line) for p in result.practices] for result in (one, other)]
    assert lines[0] == lines[1]  # not part of Practice equality


def test_processes_give_the_same_result_as_one(collection: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    if not sys.platform.startswith("linux"):
        pytest.skip("worker processes are only used on Linux, where they are forked")
    monkeypatch.setattr(forked, "CHECK_MIN", 0)
    found = [(path, display_path(path, collection.parent)) for path in discover([collection])]
    assert file.load_in_processes(found, SCHEMA, 2) is not None  # the processes really ran

    serial = load_practices([collection], SCHEMA, root=collection.parent)
    assert serial.findings and serial.practices and serial.broken
    assert_same(load_practices([collection], SCHEMA, root=collection.parent, workers=2), serial)
    assert_same(load_practices([collection], SCHEMA, root=collection.parent, workers=3), serial)


def _die(item: tuple[Path, str]) -> tuple[object, ...]:
    os._exit(1)  # a worker that disappears, as when the system runs out of memory


def test_a_worker_that_dies_leaves_the_work_to_this_process(collection: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(forked, "CHECK_MIN", 0)
    monkeypatch.setattr(file, "_load_packed", _die)
    found = [(path, path.name) for path in discover([collection])]
    assert file.load_in_processes(found, SCHEMA, 2) is None
    serial = load_practices([collection], SCHEMA, root=collection.parent)
    assert_same(load_practices([collection], SCHEMA, root=collection.parent, workers=2), serial)


def test_small_collections_are_read_in_this_process(collection: Path) -> None:
    found = [(path, path.name) for path in discover([collection])]
    assert len(found) < forked.CHECK_MIN
    assert file.load_in_processes(found, SCHEMA, 2) is None


def test_without_fork_the_files_are_read_here(collection: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def no_fork(method: str | None = None) -> None:
        raise ValueError(f"cannot find context for {method!r}")

    monkeypatch.setattr(forked, "CHECK_MIN", 0)
    monkeypatch.setattr(multiprocessing, "get_context", no_fork)
    found = [(path, path.name) for path in discover([collection])]
    assert file.load_in_processes(found, SCHEMA, 2) is None
    serial = load_practices([collection], SCHEMA, root=collection.parent)
    assert_same(load_practices([collection], SCHEMA, root=collection.parent, workers=2), serial)


def test_packed_results_come_back_unchanged(collection: Path) -> None:
    for path in discover([collection]):
        result = load_file(path, SCHEMA, path.name)
        again = file._unpack(path, path.name, marshal.loads(marshal.dumps(file._pack(result))))
        assert again == result
        assert (again.practice and (again.practice.title_line, again.practice.summary_line)) == \
            (result.practice and (result.practice.title_line, result.practice.summary_line))


def test_display_paths_match_display_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = tmp_path / "project"
    (project / "practices" / "sub").mkdir(parents=True)
    outside = tmp_path / "outside"
    outside.mkdir()
    for path in (project / "practices" / "a.md", project / "practices" / "sub" / "b.md", outside / "c.md"):
        path.write_text("---\n---\n", encoding="utf-8")
    (project / "practices" / "link.md").symlink_to(outside / "c.md")
    (project / "practices" / "linked").symlink_to(outside, target_is_directory=True)
    (project / "practices" / "loop.md").symlink_to(project / "practices" / "loop.md")
    monkeypatch.chdir(project)
    paths = [
        *discover([project / "practices"]), *discover([Path("practices")]), Path("practices/../practices/a.md"),
        Path("practices/linked/c.md"), outside / "c.md", Path("a.md"), Path("practices/sub/.."),
    ]
    for root in (project, None, tmp_path, outside):
        shown = _DisplayPaths(root)
        assert [shown(path) for path in paths] == [display_path(path, root) for path in paths], root


def test_a_symbolic_link_to_itself_is_reported_not_a_crash(tmp_path: Path) -> None:
    folder = tmp_path / "practices"
    folder.mkdir()
    os.symlink(folder / "rondje.md", folder / "rondje.md")
    result = load_practices([folder], SCHEMA, root=tmp_path)
    # It cannot be resolved, so it is shown as given rather than relative to the project.
    assert [(f.path, f.code) for f in result.findings] == [((folder / "rondje.md").as_posix(), "onleesbaar")]
