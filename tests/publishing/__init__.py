"""Tests of open data and feeds."""
