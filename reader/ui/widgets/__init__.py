"""Widgets: they present state and route input; the engine does the work."""
