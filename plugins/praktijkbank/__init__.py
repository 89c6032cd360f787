"""Praktijkbank: a knowledge base of practice examples for learning networks.

The package is split so that the MkDocs plugin stays a thin adapter: loading, validation and
rendering are plain functions that the command line and the tests call without MkDocs.
"""

from __future__ import annotations

from pathlib import Path

__version__ = "0.1.0"

#: The package's own static files: the stylesheets, scripts and images a site gets, and the fonts of the worksheet PDFs.
#: Named here once, for every wing that reads them.
ASSET_DIR = Path(__file__).parent / "assets"
