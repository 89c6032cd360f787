"""Tests of generated pages."""
