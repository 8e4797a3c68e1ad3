"""Quill: a quiet place to write, that never completes, corrects or suggests."""

__version__ = "0.1.0"
