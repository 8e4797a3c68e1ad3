"""The shell: the main window, the command palette, notices, themes, fonts, start-up and single instance."""
