"""Spell checking in the window (issue 17). ``install_spell_check(window)`` is all the window needs.

The rules (what a word is, which dictionary, the cache) live in :mod:`quill.spell`; this package
only schedules checks, paints underlines and shows the menu when the writer asks.
"""

from __future__ import annotations

from quill.ui.spell.controller import SpellController

__all__ = ["SpellController", "install_spell_check", "language_label"]


def language_label(lang: str) -> str:
    """"British English (en-GB)": a dictionary's language in its own words, with the code the
    front matter's ``lang:`` takes (a bare "en-GB" asked the writer to know the code)."""
    from PySide6.QtCore import QLocale

    code = lang.replace("_", "-")
    name = QLocale(lang.replace("-", "_")).nativeLanguageName() if lang else ""
    return f"{name[:1].upper()}{name[1:]} ({code})" if name and lang.split("_")[0] != "C" else code


def install_spell_check(window) -> SpellController:  # noqa: ANN001 - MainWindow
    """Add spell checking to ``window``: F7, Shift+F7, the language picker. Idempotent."""
    existing = getattr(window, "spelling", None)
    if isinstance(existing, SpellController):
        return existing
    controller = SpellController(window)
    window.spelling = controller
    add = window.commands.add
    add("spell_check", "Spell check", controller.toggle, ["F7"], "spelling dictionary underline typos")
    add("spell_menu", "Spelling suggestions for this word", controller.menu_at_cursor, ["Shift+F7"],
        "spelling correct replace add dictionary ignore")

    def choose_language() -> None:
        from quill.ui.shell.picker import PickerItem  # the picker's widgets load when first needed

        items = [PickerItem(language_label(lang), "this piece" if lang == controller.lang else "", lang,
                            "language dictionary") for lang in controller.languages()]
        window.open_picker("Spelling language of this piece", items, controller.set_piece_language,
                           "Type a language or its code, e.g. en-GB", current=controller.lang)

    add("spell_language", "Spelling language…", choose_language, (), "dictionary lang en-GB en-US front matter")
    add("spell_keep_ignored", "Keep this piece's ignored words in its front matter", controller.keep_ignored_in_piece,
        (), "spelling ignore front matter remember")

    def toggle_caps() -> None:
        window.settings.spell_skip_caps = not window.settings.spell_skip_caps
        window.persist_settings()
        controller.refresh_all()
        window.show_notice("Words in capitals are " + ("left alone (acronyms)." if window.settings.spell_skip_caps
                                                        else "checked too."), "info", 3000)

    add("spell_caps", "Spell check: words in capitals", toggle_caps, (), "acronyms ALL CAPS NASA spelling")

    def choose_default() -> None:
        from quill.ui.shell.picker import PickerItem

        items = [PickerItem(language_label(lang), "default" if lang == controller.default_language() else "",
                            lang, "language dictionary") for lang in controller.languages()]
        window.open_picker("Default spelling language (pieces without lang:)", items, controller.set_default_language,
                           "Type a language or its code, e.g. en-GB", current=controller.default_language())

    add("spell_default_language", "Default spelling language…", choose_default, (), "dictionary lang library settings")
    return controller
