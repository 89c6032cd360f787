"""The `praktijkbank` command. Its entry point stays `praktijkbank.cli:main`."""

from praktijkbank.cli.main import main

__all__ = ["main"]
