"""Printable worksheets: the HTML of each sheet, what fits on one A4, and the PDFs (WeasyPrint) with their cache."""
