"""The page itself: the writing editor, its markdown highlighter and the find bar."""
