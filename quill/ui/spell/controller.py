"""Spell checking in the window: quiet underlines after a pause, suggestions only when asked.

Never on the typing path. A keystroke only restarts a timer (and the highlighter, which Qt runs
for the edited paragraph anyway, reads answers already in the checker's cache: a dictionary
lookup per word, no Hunspell). When typing pauses (:data:`PAUSE_MS`) or the page scrolls, the
words of the paragraphs in view and the edited one that were never checked go to one worker
thread; its answer comes back through a queued signal and only the paragraphs whose underlines
changed are highlighted again. Opening a 200,000-word book checks nothing but the first screen.

The words the writer is still typing are never judged: a word is only checked after the pause,
and nothing in the text ever changes unless the writer picks a suggestion from the menu.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator

from PySide6.QtCore import QLocale, QObject, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QTextBlock, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QMenu

from quill.library.frontmatter import MalformedFrontMatter
from quill.markup.frontmatter import front_matter_lines
from quill.spell import SpellChecker, SpellService, available_dictionaries, checkable_words, normalize_lang
from quill.spell.carry import carry_spans
from quill.spell.dictionaries import system_default_language
from quill.spell.language import ignores_edit, language_edit, piece_ignores, piece_language
from quill.spell.scripts import word_key
from quill.ui.editor.highlighter import BlockState
from quill.ui.shell.menus import dress_menu
from quill.ui.shell.worker import JobThread
from quill.utf16 import index_from_utf16, utf16_from_index

log = logging.getLogger(__name__)

PAUSE_MS = 150  # after the last keystroke: short, since checking never slows typing down
SCROLL_MS = 60  # after scrolling: what came into view is checked almost at once
#: Installed at start-up, the checker waits this long before its first round (the page in view),
#: whose job loads the dictionary: 0.4-1 s of CPU on the worker, which the first paint, the
#: first keys and the window's start-up work do not share (issue 20). Words typed before then
#: are checked in that round.
STARTUP_CHECK_MS = 1000
MAX_BLOCKS = 300  # paragraphs checked per round (a screenful is far fewer)
INLINE_WORDS = 2  # a round with this few new words (a loaded dictionary) checks them without the worker
_FAST_WRONG_LIMIT = 64  # up to this many known-wrong words, a substring test skips clean paragraphs
_MEMO_LIMIT = 512  # paragraphs' answers remembered (a screenful is far fewer)
_CARRY_LIMIT = 64  # paragraphs whose underlines are carried through the next edit
_NOT_PROSE = (BlockState.FENCE_BACKTICK, BlockState.FENCE_TILDE, BlockState.FRONT_MATTER)
#: A page on which at least this share of at least MISMATCH_WORDS words is not in the dictionary is
#: almost surely in another language: the writer is told once how to choose it (their own English
#: with typos stays far below; a French page checked as English is above 0.6).
MISMATCH_SHARE = 0.5
MISMATCH_WORDS = 40


def system_locale_name() -> str:
    """The system's language and region (``en_GB``), as Qt reads it on every platform."""
    return QLocale.system().name()


class SpellController(QObject):
    """Installed once per window (:func:`quill.ui.spell.install_spell_check`)."""

    checked = Signal()  # a round of checking came back and its underlines are painted
    _result = Signal(object)  # from the worker (queued to the GUI thread)

    def __init__(self, window) -> None:  # noqa: ANN001 - MainWindow
        super().__init__(window)
        self.window = window
        self.editor = window.editor
        self.highlighter = window.editor.highlighter
        settings = window.settings
        self.settings = settings
        self.service = SpellService(window.dirs.dictionaries_dir, window.dirs.personal_dictionary)
        self.enabled = bool(settings.spell_check)
        self.lang: str | None = None
        self.checker: SpellChecker | None = None
        self.ignored: set[str] = set()  # "Ignore in this piece", until another piece opens
        self.piece_ignored: set[str] = set()  # ``spelling-ignore:`` in the piece's front matter
        self._memo: dict[str, list[tuple[int, int]]] = {}
        # The words of the paragraphs the last round tokenized (the one being typed, mostly), for
        # painting their underlines from: tokenized again there, a round cost twice as much.
        self._round_words: dict[str, list[tuple[int, int, str]]] = {}
        #: Per paragraph (by number), the last text the highlighter was given underlines for, and
        #: those underlines: its next version, as it is typed in, keeps the ones the edit left alone.
        self._carry: dict[int, tuple[str, list[tuple[int, int]]]] = {}
        self._front_matter_end = 0  # code points; an edit before it may change the language
        self._language_dirty = True
        self._missing_told: set[str] = set()
        self._system_default: str | None = None  # found once, on first need
        self._language_judged = False  # whether this piece's words were compared with its dictionary
        self._busy = False
        self._again = False
        self._submitted: list[tuple[int, str]] = []
        self._in_view: list[tuple[int, str]] = []
        self.painted_at = 0.0  # perf_counter when underlines were last repainted (benchmarks)
        #: Shows a menu modally at a global point; tests replace it to read the menu instead.
        self.exec_menu: Callable[[QMenu, QPoint], object] = lambda menu, at: menu.exec(at)
        self._worker = JobThread(self._result.emit, "quill-spell")
        self._result.connect(self._on_result)
        self._timer = QTimer(self, singleShot=True, interval=PAUSE_MS)
        self._timer.timeout.connect(self.check_now)

        self.editor.add_edit_listener(self._on_edited)
        self.editor.verticalScrollBar().valueChanged.connect(self._on_scrolled)
        window.documents.loaded.connect(self._on_piece_loaded)
        window.closing.connect(self.shutdown)
        self.editor.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.editor.customContextMenuRequested.connect(self._on_context_menu)
        if self.enabled:
            self.highlighter.spelling = self.spans
        self._starting = True  # no dictionary load until the first round (see STARTUP_CHECK_MS)
        self._update_language()
        QTimer.singleShot(STARTUP_CHECK_MS, self, self._started)

    # -- life -------------------------------------------------------------------------------
    def _started(self) -> None:
        self._starting = False
        if self.enabled:
            self.check_now()  # the page in view: its job loads the dictionary

    def preload(self) -> None:
        """Load the dictionary in the worker now (0.4-1 s), so the first pause finds it ready."""
        if self._starting:
            return  # start-up: the first round loads it, a second after the first paint
        checker = self.checker
        if self.enabled and checker is not None and not checker.loaded:
            self._worker.submit(lambda: (checker.load(), None)[1])

    def shutdown(self) -> None:
        self._timer.stop()
        self._worker.stop(wait_s=5.0)  # a dictionary load takes up to about a second

    def _on_piece_loaded(self) -> None:
        self._language_judged = False
        self.ignored.clear()
        self._forget_answers()
        self._language_dirty = True
        self._update_language()
        self.schedule(0)

    def _on_edited(self, position: int, removed: int, inserted: str) -> None:
        # On every keystroke: restart a timer, nothing else.
        if position <= self._front_matter_end:
            self._language_dirty = True
        if self.enabled:
            self._timer.start(PAUSE_MS)

    def _on_scrolled(self, _value: int) -> None:
        if self.enabled and not self._timer.isActive():
            self._timer.start(SCROLL_MS)

    def schedule(self, delay_ms: int = PAUSE_MS) -> None:
        self._timer.start(delay_ms)

    # -- on and off -------------------------------------------------------------------------
    def set_enabled(self, enabled: bool, *, persist: bool = True) -> None:
        self.enabled = enabled
        self.settings.spell_check = enabled
        if persist:
            self.window.persist_settings()
        if enabled:
            self.highlighter.spelling = self.spans
            self._forget_answers()
            self._language_dirty = True
            self._update_language()
            self.preload()
            self.schedule(0)
        else:
            self.highlighter.spelling = None
            self._timer.stop()
            self._repaint_underlined()

    def toggle(self) -> None:
        self.set_enabled(not self.enabled)
        self.window.show_notice("Spell check on." if self.enabled else "Spell check off.", "info", 2000)

    # -- language ---------------------------------------------------------------------------
    def _front_matter_text(self) -> str:
        """The piece's first lines up to the end of its front matter (or ``""``): read from the
        document's blocks, never the whole text."""
        first = self.editor.document().firstBlock()
        if not first.text().startswith(("---", "+++")):
            return ""
        lines: list[str] = []

        def texts() -> Iterator[str]:
            block = first
            while block.isValid():
                lines.append(block.text())
                yield lines[-1]
                block = block.next()

        count = front_matter_lines(texts())  # the rule the editor and the exports use
        return "\n".join(lines[:count]) + "\n" if count else ""

    def _update_language(self) -> None:
        if not self._language_dirty:
            return
        self._language_dirty = False
        head = self._front_matter_text()
        self._front_matter_end = len(head)
        ignores = piece_ignores(head)
        if ignores != self.piece_ignored:
            self.piece_ignored = ignores
            self._repaint_underlined()
        lang = piece_language(head) or self.default_language()
        if lang == self.lang:
            return
        self.lang = lang
        self._language_judged = False  # a new dictionary: compare the page with it afresh
        checker = self.service.checker(lang)
        if checker is None and lang not in self._missing_told:
            self._missing_told.add(lang)
            self.window.show_notice(
                f"No dictionary for {lang.replace('_', '-')}: spelling is not checked. Put its .aff and .dic "
                f"files in {self.service.user_folder}.", "info", 6000)
        if checker is not self.checker:
            self.checker = checker
            self._forget_answers()
            self._repaint_underlined()
            self.preload()

    def default_language(self) -> str:
        """The language of pieces whose front matter names none: the writer's setting, or (never
        set) their system's language when a dictionary for it is here."""
        chosen = normalize_lang(self.settings.spell_language)
        if chosen is not None:
            return chosen
        if self._system_default is None:
            self._system_default = system_default_language(
                system_locale_name(), available_dictionaries(self.service.user_folder))
        return self._system_default

    def set_default_language(self, lang: str) -> None:
        """The language of pieces whose front matter names none (a setting)."""
        self.settings.spell_language = lang
        self.window.persist_settings()
        self.refresh_all()

    def refresh_all(self) -> None:
        """After a setting changed what is checked: forget painted answers and check what is in view."""
        self._language_dirty = True
        self._update_language()
        self._repaint_underlined()

    def languages(self) -> list[str]:
        return sorted(available_dictionaries(self.service.user_folder))

    def set_piece_language(self, lang: str) -> bool:
        """Write ``lang: xx-YY`` into the piece's front matter: one edit, one undo step. The language
        the piece is already checked in changes nothing (Enter in the picker never edits the piece)."""
        if lang == self.lang:
            from quill.ui.spell import language_label

            self.window.show_notice(f"This piece is already checked in {language_label(lang)}.", "info", 3000)
            return False
        return self._edit_front_matter(language_edit, lang)

    def keep_ignored_in_piece(self) -> bool:
        """Write the words ignored in this piece into its front matter (``spelling-ignore``), so they
        stay ignored next time: only when the writer asks, as one undoable edit."""
        words = self.ignored | self.piece_ignored
        if not words:
            self.window.show_notice("No words are ignored in this piece.", "info", 3000)
            return False
        return self._edit_front_matter(ignores_edit, words)

    def _edit_front_matter(self, make_edit: Callable, value: object) -> bool:  # noqa: ANN001
        text = self.editor.raw_text()
        try:
            start, end, replacement = make_edit(text, value)
        except MalformedFrontMatter as exc:
            self.window.show_notice(f"The front matter cannot be read, so it is left as it is: {exc}", "warning")
            return False
        editor = self.editor
        first, last = editor.qt_positions([start, end])
        cursor = QTextCursor(editor.document())
        cursor.setPosition(first)
        cursor.setPosition(last, QTextCursor.MoveMode.KeepAnchor)
        cursor.beginEditBlock()
        cursor.insertText(replacement)
        cursor.endEditBlock()
        self._language_dirty = True
        self._update_language()
        self.schedule(0)
        return True

    # -- painting (GUI thread, on every highlight: cache reads only) ----------------------------
    def spans(self, text: str, *, compute: bool = False) -> list[tuple[int, int]]:
        """Misspelled words of one paragraph, from answers already known; the highlighter's hook.

        Only paragraphs a round of checking painted are remembered (``compute=True`` is that
        round); any other text the highlighter meets costs a dict lookup: loading a book
        highlights every paragraph, and each keystroke the one being edited. The paragraph being
        written keeps the underlines its edits did not touch (:meth:`_carried`); what is typed
        is judged only when typing pauses, never mid-flow."""
        checker = self.checker
        if checker is None or not checker.wrong:
            return []
        memo = self._memo.get(text)
        if memo is not None:
            if not compute and (memo or self._carry):
                self._note_carry(self.highlighter.currentBlock().blockNumber(), text, memo)
            return memo
        if not compute:
            return self._carried(text)
        if len(checker.wrong) <= _FAST_WRONG_LIMIT and not any(word in text for word in tuple(checker.wrong)):
            found = []
        else:
            ignored = self._ignored_keys()
            words = self._round_words.get(text)
            if words is None:
                words = checkable_words(text, skip_caps=self.settings.spell_skip_caps)
            found = [(s, e) for s, e, word in words
                     if checker.known(word) is False and word_key(word) not in ignored]
        memo = self._memo
        if len(memo) >= _MEMO_LIMIT:
            # The oldest answer goes: mostly an earlier version of the paragraph being typed (each
            # pause adds one). A paragraph still in view whose answer went is checked again.
            del memo[next(iter(memo))]
        memo[text] = found  # clean paragraphs too: the next round skips them (check_now)
        return found

    def _note_carry(self, number: int, text: str, spans: list[tuple[int, int]]) -> None:
        """Paragraph ``number`` now shows ``spans`` on ``text``: its next version starts from them."""
        carry = self._carry
        if not spans:
            carry.pop(number, None)
            return
        if len(carry) >= _CARRY_LIMIT:
            carry.clear()  # paragraphs typed in long ago; the next pause paints them from their answers
        carry[number] = (text, spans)

    def _carried(self, text: str) -> list[tuple[int, int]]:
        """The underlines of a paragraph being typed in: those of its version before the edit, for
        the words the edit left alone (:func:`quill.spell.carry.carry_spans`).

        Kept per paragraph: a round that looks at another paragraph with a misspelling in view must
        not take the place of the one being typed in (it did, and its underlines blinked again)."""
        if not self._carry:
            return []
        number = self.highlighter.currentBlock().blockNumber()
        entry = self._carry.get(number)
        if entry is None:
            return []
        kept = carry_spans(entry[0], entry[1], text)
        self._note_carry(number, text, kept)
        return kept

    def _forget_answers(self) -> None:
        """The answers changed (a dictionary, a language, a word added or ignored, a setting)."""
        self._memo.clear()
        self._round_words.clear()
        self._carry.clear()

    def _repaint_underlined(self, word: str | None = None) -> None:
        """Highlight again the paragraphs painted with an underline (those holding ``word``, if given);
        a round of checking soon after paints what is in view from the new answers."""
        self._forget_answers()
        if self.enabled:
            self.schedule(0)
        underlined = self.highlighter.underlined
        if not underlined:
            return
        targets = {t for t in underlined if word is None or word in t}
        underlined.difference_update(targets)
        block = self.editor.document().firstBlock()
        while block.isValid():
            if block.text() in targets:
                self.highlighter.rehighlightBlock(block)
            block = block.next()

    # -- checking -----------------------------------------------------------------------------
    def visible_blocks(self) -> list[QTextBlock]:
        """The paragraphs on screen, and the one holding the cursor."""
        editor = self.editor
        block = editor.firstVisibleBlock()
        offset = editor.contentOffset()
        bottom = editor.viewport().height()
        blocks: list[QTextBlock] = []
        while block.isValid() and len(blocks) < MAX_BLOCKS:
            if editor.blockBoundingGeometry(block).translated(offset).top() > bottom:
                break
            blocks.append(block)
            block = block.next()
        current = editor.textCursor().block()
        if all(b.blockNumber() != current.blockNumber() for b in blocks):
            blocks.append(current)
        return blocks

    def check_now(self) -> None:
        """Send the unchecked words in view to the worker (one round in flight at a time)."""
        if not self.enabled or self.window.documents.loading or self._starting:
            return  # (starting: the scroll bar settling as the book is laid out asks for rounds too)
        self._update_language()
        checker = self.checker
        if checker is None:
            return
        if self._busy:
            self._again = True
            return
        skip_caps = self.settings.spell_skip_caps
        submitted: list[tuple[int, str]] = []
        words: set[str] = set()
        known = checker.known
        memo = self._memo
        round_words = self._round_words
        round_words.clear()  # (the last round's paragraphs are painted, and most have changed since)
        in_view: list[tuple[int, str]] = []  # for judging the language, which needs the whole page
        for block in self.visible_blocks():
            previous = block.previous()
            if block.userState() in _NOT_PROSE or (previous.isValid() and previous.userState() in _NOT_PROSE):
                continue
            text = block.text()
            if not self._language_judged:
                in_view.append((block.blockNumber(), text))
            answer = memo.get(text)
            if answer is not None:
                # Checked in an earlier round and the answers have not changed since (a change of
                # dictionary, language or ignored words clears the memo). After a pause in typing
                # that is every paragraph in view but the edited one: tokenizing them all again
                # cost a writer typing at four keys a second ~1.5 ms on every key. A clean one
                # needs nothing; one with underlines is compared with its painted ones (the same
                # text can stand in a paragraph highlighted before the answer was known).
                if answer:
                    submitted.append((block.blockNumber(), text))
                continue
            submitted.append((block.blockNumber(), text))
            tokens = round_words[text] = checkable_words(text, skip_caps=skip_caps)
            for _s, _e, word in tokens:
                if known(word) is None:
                    words.add(word)
        if words and checker.loaded and len(words) <= INLINE_WORDS:
            # A word or two, mostly the one being typed: a lookup takes 0.02-0.15 ms, less than the
            # round trip through the worker and back (two wake-ups of two threads), which a writer
            # typing four keys a second paid after every key.
            try:
                checker.check_words(sorted(words))
            except Exception:  # noqa: BLE001 - as a failed round on the worker: no underlines from it
                log.exception("could not check %d words", len(words))
                return
            words = set()
        if not words:
            self._paint(submitted)  # every answer is known: no round trip through the worker
            self._after_round(in_view)
            return
        self._busy = True
        self._submitted = submitted
        self._in_view = in_view
        todo = sorted(words)
        self._worker.submit(lambda: (checker, checker.check_words(todo)))

    def _on_result(self, result: object) -> None:
        if result is None:
            return  # a preload finished
        self._busy = False
        if isinstance(result, Exception):
            return
        checker, _newly_wrong = result
        if checker is self.checker and self.enabled:
            # The memo keeps its paragraphs: each was worked out with every one of its words
            # answered, and new answers are for other words.
            self._paint(self._submitted)
            self._after_round(self._in_view)
        else:
            self.checked.emit()
        if self._again:
            self._again = False
            self.schedule(0)

    def _after_round(self, in_view: list[tuple[int, str]]) -> None:
        if not self._language_judged:
            self._judge_language(in_view)
        self.checked.emit()

    def _judge_language(self, submitted: list[tuple[int, str]]) -> None:
        """Once a piece has enough words on the page: if most are not in the dictionary, the piece is
        in another language, and the writer is told once where to choose it (nothing is changed).

        The default language follows the system's; a French system with French dictionaries checks
        an English piece in French, and underlines on every word without a word of why are no help."""
        skip_caps = self.settings.spell_skip_caps
        total = wrong = 0
        for _number, text in submitted:
            total += len(checkable_words(text, skip_caps=skip_caps))
            wrong += len(self._memo.get(text, ()))
        if total < MISMATCH_WORDS:
            return  # too little to tell yet: judged again after a later round
        self._language_judged = True
        if wrong >= MISMATCH_SHARE * total and self.lang is not None:
            name = self.lang.replace("_", "-")
            self.window.show_notice(
                f"Most words on this page are not in the {name} dictionary. If the piece is in another "
                "language, choose it with Spelling language… in the palette (Ctrl+Shift+P).", "info", 12_000,
                "spelling", about_piece=True)

    def _paint(self, submitted: list[tuple[int, str]]) -> None:
        """Highlight again only the paragraphs whose underlines differ from what is on screen."""
        document = self.editor.document()
        repainted = False
        for number, text in submitted:
            block = document.findBlockByNumber(number)
            if not block.isValid() or block.text() != text:
                continue
            want = sum(utf16_from_index(text, e) - utf16_from_index(text, s)
                       for s, e in self.spans(text, compute=True))
            have = _underlined_units(block)
            if want != have:
                page_layout = self.editor.page_layout
                page_layout.note_lines(block)  # the paragraph alone is repainted, unless its height changes
                self.highlighter.rehighlightBlock(block)
                page_layout.forget()
                repainted = True
        if repainted:
            self.painted_at = time.perf_counter()

    # -- asking: the menu -------------------------------------------------------------------
    def word_at(self, position: int) -> tuple[int, int, str] | None:
        """The checkable word at editor (UTF-16) ``position``: its UTF-16 start, end and text."""
        block = self.editor.document().findBlock(position)
        if not block.isValid():
            return None
        text = block.text()
        local = index_from_utf16(text, position - block.position())
        for start, end, word in checkable_words(text, skip_caps=self.settings.spell_skip_caps):
            if start <= local <= end:
                base = block.position()
                return base + utf16_from_index(text, start), base + utf16_from_index(text, end), word
        return None

    def is_misspelled(self, word: str) -> bool:
        checker = self.checker
        return bool(self.enabled and checker is not None and word_key(word) not in self._ignored_keys()
                    and not checker.is_correct(word))

    def _ignored_keys(self) -> set[str]:
        """The ignored words as :func:`word_key` folds them: ignoring "don’t" ignores "don't" too."""
        return {word_key(w) for w in self.ignored | self.piece_ignored}

    def misspelled_at(self, position: int) -> tuple[int, int, str] | None:
        """The misspelled word at editor ``position`` (as :meth:`word_at`), or None."""
        found = self.word_at(position)
        return found if found is not None and self.is_misspelled(found[2]) else None

    def build_menu(self, position: int, misspelled: tuple[int, int, str] | None = None) -> QMenu:
        """The editor's usual menu, with the spelling choices first when ``position`` is on a
        misspelled word (``misspelled``, when the caller has looked it up already): up to six
        suggestions, "Add to dictionary", "Ignore in this piece".

        Dressed as Quill's (seen on a review: Qt's stock menu, white in the dark theme, with
        underlined mnemonics and "Select All" beside "Add to dictionary")."""
        menu = self.editor.createStandardContextMenu()
        dress_menu(menu, self.window.theme)
        found = misspelled if misspelled is not None else self.misspelled_at(position)
        if found is None:
            return menu
        start, end, word = found
        assert self.checker is not None
        choices: list[QAction] = []
        suggestions = self.checker.suggest(word)
        for suggestion in suggestions:
            action = QAction(suggestion, menu)
            action.triggered.connect(lambda _=False, s=suggestion: self.replace(start, end, word, s))
            choices.append(action)
        if not suggestions:
            none = QAction("No suggestions", menu)
            none.setEnabled(False)
            choices.append(none)
        add = QAction("Add to dictionary", menu)
        add.triggered.connect(lambda _=False: self.add_to_dictionary(word))
        ignore = QAction("Ignore in this piece", menu)
        ignore.triggered.connect(lambda _=False: self.ignore(word))
        between, separator = QAction(menu), QAction(menu)
        between.setSeparator(True)
        separator.setSeparator(True)
        choices += [between, add, ignore, separator]
        first = menu.actions()[0] if menu.actions() else None
        menu.insertActions(first, choices)
        return menu

    def _on_context_menu(self, point: QPoint) -> None:
        """On a misspelled word the menu opens under the word's line, where it leaves the word in
        sight (at the pointer, its rows covered the word being corrected)."""
        position = self.editor.cursorForPosition(point).position()
        found = self.misspelled_at(position)
        menu = self.build_menu(position, found)
        if found is not None:
            cursor = QTextCursor(self.editor.document())
            cursor.setPosition(found[0])
            point = QPoint(point.x(), self.editor.cursorRect(cursor).bottom() + 4)
        self.exec_menu(menu, self.editor.viewport().mapToGlobal(point))

    def menu_at_cursor(self) -> None:
        """The spelling menu for the word at the cursor (Shift+F7): the keyboard's right-click."""
        rect = self.editor.cursorRect()
        self.exec_menu(self.build_menu(self.editor.textCursor().position()),
                       self.editor.viewport().mapToGlobal(rect.bottomLeft()))

    def replace(self, start: int, end: int, word: str, replacement: str) -> None:
        """Put the chosen suggestion in place of ``word``: one edit, one undo step."""
        cursor = QTextCursor(self.editor.document())
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        if cursor.selectedText() != word:
            return  # the text moved under the menu; never replace something else
        cursor.beginEditBlock()
        cursor.insertText(replacement)
        cursor.endEditBlock()

    def add_to_dictionary(self, word: str) -> None:
        message = self.service.add_word(word)
        if message:
            self.window.show_notice(message, "warning")
        self._repaint_underlined(word)

    def ignore(self, word: str) -> None:
        self.ignored.add(word)
        self._repaint_underlined(word)


def _underlined_units(block: QTextBlock) -> int:
    """How many UTF-16 units of ``block`` carry the spelling underline now."""
    wave = QTextCharFormat.UnderlineStyle.WaveUnderline
    return sum(r.length for r in block.layout().formats() if r.format.underlineStyle() == wave)
