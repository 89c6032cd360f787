"""Put the site's generated files (``site.GeneratedFile``) into MkDocs's ``Files``, and decide clashes with ``docs/``.

A page in ``docs/`` of the same name wins over a generated page (a site may write its own overview), but never over
a practice page: that is an error, since the practice would silently vanish. A static file replaces any file of its
name. PDFs from the PDF cache come in as hard links (``linkedfile.py``).
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel

from praktijkbank.plugin.linkedfile import add_linked
from praktijkbank.site import GeneratedFile

log = get_plugin_logger(__name__)

INCLUSION = {"default": InclusionLevel.UNDEFINED, "not_in_nav": InclusionLevel.NOT_IN_NAV,
             "included": InclusionLevel.INCLUDED}


def add_generated(files: Files, config: MkDocsConfig, generated: GeneratedFile) -> None:
    """Add one generated file to ``files``, instead of any file there of the same name (see the module's rules)."""
    src_uri = generated.src_uri
    existing = files.get_file_from_path(src_uri)
    if generated.kind in ("practice", "page") and existing is not None and existing.generated_by is None:
        if generated.kind == "practice":
            raise PluginError(f"praktijkbank: '{src_uri}' bestaat al in docs/ en botst met een praktijkvoorbeeld")
        log.debug("%s staat in docs/ en wordt niet gegenereerd", src_uri)
        return
    if generated.kind == "linked":
        assert generated.source is not None
        add_linked(files, config, src_uri, generated.source)
        return
    if existing is not None:
        files.remove(existing)
    inclusion = INCLUSION[generated.inclusion]
    if generated.content is None:
        files.append(File.generated(config, src_uri, abs_src_path=str(generated.source), inclusion=inclusion))
    else:
        files.append(File.generated(config, src_uri, content=generated.content, inclusion=inclusion))
