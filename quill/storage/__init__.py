"""Durable storage: atomic writes, text decoding, recovery journal. Never imports Qt."""
