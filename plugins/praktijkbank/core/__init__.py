"""The contract and the currency: the schema's lookups, findings, the practice model, completeness, slugs and the
text markup of front-matter fields. Imports nothing else of the package, so every wing can build on it."""
