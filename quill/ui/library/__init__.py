"""The library in the window: the overlay, quick open, lifecycle commands and versions."""
