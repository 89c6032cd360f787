"""Relative links between generated pages, computed the way MkDocs maps source files to URLs.

Links inside the HTML blocks of generated pages are not rewritten by MkDocs, so we compute them
ourselves; relative links keep the site working in a sub-folder and from the local file system.
"""

from __future__ import annotations

import posixpath


def page_url(src_uri: str, use_directory_urls: bool = True) -> str:
    """``praktijken/x.md`` -> ``praktijken/x/`` (or ``praktijken/x.html``); ``index.md`` -> ``""``."""
    stem, _ = posixpath.splitext(src_uri)
    if not use_directory_urls:
        return stem + ".html"
    if posixpath.basename(stem) in ("index", "README"):
        folder = posixpath.dirname(stem)
        return folder + "/" if folder else ""
    return stem + "/"


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


def relative_file_url(from_src_uri: str, target_path: str, use_directory_urls: bool = True) -> str:
    """The link from the page of a source file to a static output file such as ``praktijken/x/werkblad/index.html``."""
    here = page_url(from_src_uri, use_directory_urls)
    base = here if here.endswith("/") or not here else posixpath.dirname(here) + "/"
    target = target_path
    if use_directory_urls and posixpath.basename(target) == "index.html":
        target = posixpath.dirname(target) + "/"
    relative = posixpath.relpath(target, base.rstrip("/") or ".")
    return relative + "/" if target.endswith("/") and not relative.endswith("/") else relative
