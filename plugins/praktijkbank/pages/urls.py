"""Where generated pages go and how they link to each other: the one home of the site's URL arithmetic.

Links inside the HTML blocks of generated pages, and in the worksheets (static files MkDocs never reads), are not
rewritten by MkDocs, so we compute them ourselves, the way MkDocs maps source files to URLs. Relative links keep the
site working in a sub-folder and from the local file system. Three kinds of place occur: a page's source
(``praktijken/x.md``), the site path it gets (``praktijken/x/``) and an output file (``praktijken/x/index.html``).
"""

from __future__ import annotations

import posixpath
from pathlib import Path
from urllib.parse import urljoin


def practice_src(slug: str, url_prefix: str) -> str:
    """Source path of a practice's page: ``praktijken/x.md``; ``x.md`` with an empty prefix (practices at the root)."""
    prefix = url_prefix.strip("/")
    return f"{prefix}/{slug}.md" if prefix else f"{slug}.md"


def overview_src(url_prefix: str) -> str:
    """Source path of the overview of all practices: ``praktijken/index.md``; the home page with an empty prefix."""
    prefix = url_prefix.strip("/")
    return f"{prefix}/index.md" if prefix else "index.md"


def page_url(src_uri: str, use_directory_urls: bool = True) -> str:
    """``praktijken/x.md`` -> ``praktijken/x/`` (or ``praktijken/x.html``); ``index.md`` -> ``""``."""
    stem, _ = posixpath.splitext(src_uri)
    if not use_directory_urls:
        return stem + ".html"
    if posixpath.basename(stem) in ("index", "README"):
        folder = posixpath.dirname(stem)
        return folder + "/" if folder else ""
    return stem + "/"


def page_file(src_uri: str, use_directory_urls: bool = True) -> str:
    """The output file of a Markdown page (``praktijken/x/index.html``), to compute links to static files from."""
    here = page_url(src_uri, use_directory_urls)
    return here + "index.html" if here.endswith("/") or not here else here


def relative_url(from_src_uri: str, to_src_uri: str, use_directory_urls: bool = True) -> str:
    """The link from the page of one source file to the page of another."""
    here = page_url(from_src_uri, use_directory_urls)
    there = page_url(to_src_uri, use_directory_urls)
    base = here if here.endswith("/") or not here else posixpath.dirname(here) + "/"
    if not base:
        return there or "./"
    relative = posixpath.relpath(there or ".", base.rstrip("/") or ".")
    if (there.endswith("/") or not there) and not relative.endswith("/"):
        relative += "/"
    return "./" if relative in (".", "./") else relative


def relative_href(from_file: str, target: str) -> str:
    """The link from an output file (``a/b/index.html``) to a site path (``c/d.pdf``, ``c/`` or ``""``)."""
    relative = posixpath.relpath(target or ".", posixpath.dirname(from_file) or ".")
    if (not target or target.endswith("/")) and not relative.endswith("/"):
        relative += "/"
    return relative


def relative_file_url(from_src_uri: str, target_path: str, use_directory_urls: bool = True) -> str:
    """The link from the page of a source file to a static output file such as ``praktijken/x/werkblad/index.html``.

    With directory URLs a folder's ``index.html`` is linked as the folder (``werkblad/``), as MkDocs links pages.
    """
    target = target_path
    if use_directory_urls and posixpath.basename(target) == "index.html":
        target = posixpath.dirname(target) + "/"
    return relative_href(page_file(from_src_uri, use_directory_urls), target)


def edit_url(repo_url: str | None, edit_uri: str | None, docs_dir: Path, root: Path, source_path: str) -> str | None:
    """Where "edit this page" points for a practice: its own file in the repository, not the generated page.

    MkDocs's ``edit_uri`` points into ``docs_dir``; the practice file lives elsewhere in the same repository, so the
    address is the edit base with ``docs_dir`` taken off and the practice's path (relative to ``root``, the folder
    of ``mkdocs.yml``) put on. None when there is no repository, or the edit base does not end in ``docs_dir``.
    """
    if not (repo_url and edit_uri):
        return None
    edit_base = urljoin(repo_url.rstrip("/") + "/", edit_uri)
    try:
        docs_rel = docs_dir.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return None
    if not edit_base.rstrip("/").endswith(docs_rel):
        return None
    project_base = edit_base.rstrip("/")[: -len(docs_rel)]
    return posixpath.join(project_base, source_path) if project_base.endswith("/") else None
