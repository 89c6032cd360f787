"""Tests of the contributor's tools."""
