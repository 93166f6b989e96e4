"""Annotation data: tokens, Arabic clitics, spans with undo, pattern suggestions."""
