"""The MkDocs adapter: the only package that imports MkDocs. Its entry point stays
`praktijkbank.plugin:PraktijkbankPlugin`."""

from praktijkbank.plugin.events import PraktijkbankPlugin

__all__ = ["PraktijkbankPlugin"]
