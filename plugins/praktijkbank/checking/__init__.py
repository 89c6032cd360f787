"""Checking practices: data to findings, one file at a time (``file``: its result, here or in worker processes) and
then the collection (``collection``: ``load_practices`` and its ``LoadResult``, the one entry point for the CLI and
the plugin alike). ``validators`` decides whether data fits the schema, ``validation`` explains why not, and
``reporting`` formats a ``LoadResult`` and nothing else."""
