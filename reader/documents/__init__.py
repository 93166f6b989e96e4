"""Documents: reading article files into text and metadata (no Textual here)."""

from reader.documents.article import Article, load_article
from reader.documents.errors import InputError
from reader.documents.reading import read_text

__all__ = ["Article", "InputError", "load_article", "read_text"]
