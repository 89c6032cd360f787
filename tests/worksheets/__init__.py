"""Tests of worksheets and their PDFs."""
