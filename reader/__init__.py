"""hamish: read and annotate Arabic, right-to-left and mixed text in any terminal."""

__version__ = "0.1.0"
