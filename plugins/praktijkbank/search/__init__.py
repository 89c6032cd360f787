"""Full-text search with Pagefind: feeding it the built pages and writing its bundle."""
