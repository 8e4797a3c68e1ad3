"""Markdown handling that needs no window: prose extraction for the voice metrics."""
