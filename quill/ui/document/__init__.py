"""The open piece's life: open, save, autosave, recovery journal, external changes, quit."""
