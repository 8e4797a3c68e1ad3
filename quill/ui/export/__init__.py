"""Preview beside the page, copy as rich text, and export."""
