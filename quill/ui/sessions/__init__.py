"""Writing sessions in the window: the session counter, goals and the history view (F6)."""
