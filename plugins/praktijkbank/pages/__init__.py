"""Generated pages: practices to the Markdown of the practice pages, the overview and the checklist reference,
rendered with Jinja. Pure: knows nothing of MkDocs."""
