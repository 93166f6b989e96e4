"""Screens: the library, the reader and help.  They route; widgets present."""
