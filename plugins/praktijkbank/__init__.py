"""Praktijkbank: a knowledge base of practice examples for learning networks.

The package is split so that the MkDocs plugin stays a thin adapter: loading, validation and
rendering are plain functions that the command line and the tests call without MkDocs.
"""

from __future__ import annotations

__version__ = "0.1.0"
