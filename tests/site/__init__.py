"""Tests of whole built sites."""
