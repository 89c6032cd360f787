"""Machine-readable publications beside the pages: open data (JSON, CSV, DCAT), the Atom feed, structured data
(JSON-LD) and security.txt."""
