"""Printable worksheets: ``sheets`` renders each sheet's HTML and the two pages that list them; ``fit`` works out what
fits on one A4 (the practice at the top, shortened, and the room left to write, counted with ``textmetrics``);
``fonts`` is the font the PDFs are laid out in, from the package; ``pdf`` and ``pdfcache`` make the PDFs with
WeasyPrint and keep them between builds."""
