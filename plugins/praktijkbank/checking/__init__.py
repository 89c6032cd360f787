"""Checking practices: data to findings, one file at a time and then the collection. The one entry point for the
CLI and the plugin alike."""
