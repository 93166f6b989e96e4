"""What hamish remembers between runs: one SQLite database (no Textual here).

Feeds and their entries, fetched pages, and where each document was left.
"""
