"""Reading a practice file: bytes to text, front-matter and body, and YAML data that remembers where every value
stood (line and column), with Dutch explanations of YAML syntax errors."""
