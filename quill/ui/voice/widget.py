"""The voice panel: a quiet column at the right of the window that mirrors the draft's voice.

Placement: the panel lies over the right edge of the page. When the right margin is wide
enough (full screen, usually) the text column does not move at all; in a narrower window the
column keeps its left edge and its right edge gives way (see ``WritingEditor.reserve_right``).
With the preview open beside the page, a spacer in the window's body makes room instead.
Contents (and pyqtgraph) are built on first show.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEasingCurve, QEvent, QObject, QPoint, QPropertyAnimation, Qt, QTimer
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from quill.memory import release_memory
from quill.metric_names import METRIC_NAMES
from quill.sessions.tally import SessionTally
from quill.ui.shell.fonts import interface_font
from quill.ui.shell.parent_watch import WatchesParentWhileShown
from quill.ui.shell.preload import import_in_background, imported
from quill.ui.shell.theme import Theme

from .gauges import Gauge
from .textline import TextLine

if TYPE_CHECKING:  # the voice engine and pyqtgraph load on first show, never at start-up
    from quill.voice.panel_data import PanelData

    from .controller import PanelController

#: What the panel's contents need beyond Qt: pyqtgraph and numpy (the charts), the voice engine (the
#: controller). Imported on a thread when the panel is first opened, never at start-up.
CONTENT_MODULES = ("quill.ui.voice.charts", "quill.ui.voice.habits", "quill.ui.voice.controller",
                   "quill.voice.readings")
SLIDE_MS = 180
MIN_WIDTH, MAX_WIDTH = 320, 400

#: (metric, title, display range, format, tooltip) — plain words from VOICE-METRICS.md
GAUGES = (
    ("burstiness", METRIC_NAMES["burstiness"], (0.0, 1.0), "{:.2f}",
     "How much your sentence lengths vary (their spread divided by their average). Human prose mixes "
     "short and long sentences; machine prose clusters around a middling length, so its value is lower. "
     "The pale band is your own range, the blue one typical machine prose."),
    ("punctuation_entropy", METRIC_NAMES["punctuation_entropy"], (0.0, 3.3), "{:.1f} of 3.3",
     "How evenly your punctuation spreads over the ten kinds of mark (commas, dashes, colons, "
     "parentheses …), from 0 (one kind only) to 3.3 (all ten used equally). Human writing tends to use a "
     "wider mix; machine prose leans on commas and periods."),
    ("mean_word_length", METRIC_NAMES["mean_word_length"], (3.6, 6.0), "{:.2f} letters",
     "Average letters per word. Machine rewrites choose longer, loftier words than the text they "
     "rewrite in nine pairs out of ten; plain words keep prose easy to read."),
    ("tell_rate", METRIC_NAMES["tell_rate"], (0.0, 25.0), "{:.1f}",
     "Habit words and constructions per 1,000 words: the vocabulary and patterns machine prose overuses "
     "(“delve”, “, highlighting …”, “not X but Y”). Not errors — just worth a look when they pile up."),
)
LIKENESS_TIP = ("How close the measured habits of this text are to machine rewrites in Quill's evaluation data, "
                "from 0 to 1. It describes style, not authorship: careful human writers can score high, "
                "especially in formal prose, and prompted machines can score low. It is never a verdict.")


class _Dock(QWidget):
    """Zero-width spacer in the window's body; grows only when the panel must push the text."""

    def __init__(self) -> None:
        super().__init__()
        self.setFixedWidth(0)


class VoicePanel(WatchesParentWhileShown, QFrame):  # the window's resizes, while shown
    def __init__(self, window) -> None:  # noqa: ANN001 - MainWindow
        central = window.centralWidget()
        super().__init__(central)
        self.setObjectName("voicePanel")
        self.window_ = window
        self.theme: Theme = window.theme
        self.dock = _Dock()
        window.body.addWidget(self.dock)
        self._controller: PanelController | None = None
        self.session = SessionTally(window.clock, window.session_words)
        self._built = False
        self._building = False  # the contents are being built, one chart per turn of the event loop
        self._loading: QLabel | None = None  # the one line shown while the contents are imported
        self._slide: QPropertyAnimation | None = None
        self._dock_anim: QPropertyAnimation | None = None
        self._last_session_sample = -1e9
        self.data: PanelData | None = None
        # The panel lies over the editor and the status line. Declared opaque (its scroll area
        # and 1 px border cover every pixel), Qt stops repainting the panel's charts whenever
        # something beneath it changes, and stops painting what lies beneath when a label in
        # the panel changes: without it each new word count redrew a stack of widgets.
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.hide()

    @property
    def controller(self) -> PanelController:
        """Created on first use: importing it loads the voice engine."""
        if self._controller is None:
            from .controller import PanelController

            window = self.window_
            self._controller = PanelController(window.editor, window.library_dir, window.dirs.cache,
                                               window.settings.panel_scope, self,
                                               include_quotes=window.settings.voice_include_quotes)
            library = getattr(window, "library", None)
            if library is not None and getattr(library, "library", None) is not None:
                self._controller.lister = lambda: [p.path for p in library.library.backlog()]
            self._controller.open_piece = lambda: window.document.path if window.document is not None else None
            self._controller.refreshed.connect(self._on_refreshed)
            self._controller.profile_ready.connect(lambda _p: self._on_profile())
        return self._controller

    def piece_changed(self) -> None:
        """Another piece is open (or this one was renamed): its baseline leaves out the piece itself,
        and its figures are read from the top (it opened where the last piece's were scrolled to,
        with its heading and legend out of view)."""
        if self._built:
            self.scroll.verticalScrollBar().setValue(0)
        controller = self._controller
        if controller is not None and controller.active and controller.open_piece is not None \
                and controller.open_piece() != controller.profile_left_out:
            controller.load_profile()

    def library_changed(self, *_args: object) -> None:
        """A piece was finished, reopened or changed on disk: rebuild the baseline (cached by mtimes)."""
        if self._controller is not None and self._controller.active:
            self._controller.load_profile()

    # -- visibility ---------------------------------------------------------------------------
    @property
    def open(self) -> bool:
        return self.isVisible()

    def toggle(self) -> None:
        self.set_open(not self.isVisible())

    def set_open(self, visible: bool, *, persist: bool = True, animate: bool = True) -> None:
        settings = self.window_.settings
        if visible and self._building:  # reopened while the first build runs: it opens the panel when done
            self.show()
            self.raise_()
            self._place(animate=animate)
        elif visible and not self._built and not imported(CONTENT_MODULES):
            self._open_while_loading(animate)
        elif visible:
            self._loading_label_gone()
            self.controller  # noqa: B018 - create it (and load the engine) before building
            self._build()
            self.scroll.show()
            self.show()
            self.raise_()
            self._place(animate=animate)
            self.controller.start()
        else:
            self._loading_label_gone()
            if self._controller is not None:
                self._controller.stop()
            self._marks_shown = []
            self.window_.editor.set_habit_marks([])
            self.hide()
            self._set_dock(0, animate=False)
            self.window_.editor.reserve_right(0)  # the bars above and below the page follow it
        if persist and settings.panel_visible != visible:
            settings.panel_visible = visible
            self.window_.persist_settings()

    def _open_while_loading(self, animate: bool) -> None:
        """The first open: the panel takes its place at once with one quiet line, while pyqtgraph,
        numpy and the voice engine are imported on a thread; then it is built and starts measuring.
        The page keeps taking keys meanwhile (issue 20: a cold open used to hold it for ~0.5 s)."""
        if self._loading is None:
            # The panel is declared opaque (see __init__), so it paints nothing behind its children:
            # the label covers the whole panel and paints the background itself.
            self._loading = QLabel("Voice\n\nLoading the charts…", self)
            self._loading.setObjectName("panelLoading")
            self._loading.setFont(interface_font(10))
            self._loading.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
            t = self.theme
            self._loading.setStyleSheet(f"QLabel#panelLoading {{ background: {t.panel_background}; color: {t.faint}; "
                                        f"padding: 14px 18px; border-left: 1px solid {t.selection}; }}")
            import_in_background(CONTENT_MODULES, self, self._contents_imported)
        self._loading.show()
        self.show()
        self.raise_()
        self._place(animate=animate)
        self._loading.setGeometry(self.rect())

    def _contents_imported(self) -> None:
        """Back on the window's thread: build the panel one chart per turn of the event loop, then
        open it if the writer still wants it open."""
        if self._built or self._building:
            return
        if not self.isVisible():
            self._loading_label_gone()
            return
        self.controller  # noqa: B018 - the engine is imported: create it before building
        steps = self._build_steps()

        def step() -> None:
            try:
                next(steps)
            except StopIteration:
                if self.isVisible():
                    self.set_open(True, persist=False, animate=False)
                else:
                    self._loading_label_gone()
                return
            QTimer.singleShot(0, self, step)

        step()

    def _loading_label_gone(self) -> None:
        if self._loading is not None:
            self._loading.hide()
            self._loading.deleteLater()
            self._loading = None

    @property
    def loading(self) -> bool:
        """True while the panel is shown but its contents are still being imported."""
        return self._loading is not None

    def panel_width(self) -> int:
        width = self.parentWidget().width()
        return max(MIN_WIDTH, min(MAX_WIDTH, int(width * 0.26)))

    def _preview_open(self) -> bool:
        preview = getattr(getattr(self.window_, "export_controller", None), "preview", None)
        return preview is not None and preview.isVisible()

    def _place(self, animate: bool = False) -> None:
        central = self.parentWidget()
        w = self.panel_width()
        self.resize(w, central.height())
        if self._loading is not None:
            self._loading.setGeometry(self.rect())
        final = QPoint(central.width() - w, 0)
        beside_preview = self._preview_open()
        self._set_dock(w if beside_preview else 0, animate=animate)
        self.window_.editor.reserve_right(0 if beside_preview else w)  # the bars above and below the page follow it
        if animate:
            self._slide = QPropertyAnimation(self, b"pos", self)
            self._slide.setDuration(SLIDE_MS)
            self._slide.setEasingCurve(QEasingCurve.Type.OutCubic)
            self._slide.setStartValue(QPoint(central.width(), 0))
            self._slide.setEndValue(final)
            self._slide.start()
        else:
            if self._slide is not None:
                self._slide.stop()
            self.move(final)

    def _set_dock(self, width: int, animate: bool) -> None:
        if self.dock.width() == width and self.dock.minimumWidth() == width:
            return
        if self._dock_anim is not None:
            self._dock_anim.stop()
        if not animate:
            self.dock.setFixedWidth(width)
            return
        self.dock.setMaximumWidth(16777215)
        self._dock_anim = QPropertyAnimation(self.dock, b"minimumWidth", self)
        self._dock_anim.setDuration(SLIDE_MS)
        self._dock_anim.setEasingCurve(QEasingCurve.Type.OutCubic)
        self._dock_anim.setStartValue(self.dock.minimumWidth())
        self._dock_anim.setEndValue(width)
        self._dock_anim.finished.connect(lambda: self.dock.setFixedWidth(width))
        self._dock_anim.start()


    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() in (QEvent.Type.Resize, QEvent.Type.LayoutRequest) and self.isVisible():
            self._place()
        return False

    # -- contents -----------------------------------------------------------------------------
    def _build(self) -> None:
        for _step in self._build_steps():
            pass

    def _build_steps(self):  # noqa: ANN202 - a generator of None
        """Build the contents, yielding after each chart (a pyqtgraph plot takes 20-40 ms to make):
        the first open builds them one per turn of the event loop, so keys are taken in between."""
        if self._built or self._building:
            return
        self._building = True
        from .charts import LengthHistogram, PunctuationPalette, RhythmStrip, Sparkline  # pyqtgraph: now
        from .habits import HabitsList

        t = self.theme
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.scroll = QScrollArea(self)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setWidgetResizable(True)
        self.scroll.setVisible(self._loading is None)  # built in steps: shown once whole
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        outer.addWidget(self.scroll)
        inner = QWidget()
        inner.setObjectName("voiceInner")
        self.scroll.setWidget(inner)
        lay = QVBoxLayout(inner)
        lay.setContentsMargins(18, 14, 18, 14)
        lay.setSpacing(6)

        head = QHBoxLayout()
        title = QLabel("Voice")
        title.setObjectName("panelTitle")
        head.addWidget(title)
        head.addStretch(1)
        self.scope_group = QButtonGroup(self)
        self.scope_buttons: dict[str, QPushButton] = {}
        for scope, label, tip in (("piece", "Piece", "Measure the whole piece."),
                                  ("section", "Section", "Measure only the section (heading) the cursor is in.")):
            button = QPushButton(label)
            button.setCheckable(True)
            button.setFlat(True)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setToolTip(tip)
            button.setCursor(Qt.CursorShape.PointingHandCursor)
            self.scope_group.addButton(button)
            self.scope_buttons[scope] = button
            button.clicked.connect(lambda _c=False, s=scope: self.set_scope(s))
            head.addWidget(button)
        self.scope_buttons[self.controller.scope].setChecked(True)
        lay.addLayout(head)
        self.scope_label = TextLine(t, "Which text the figures describe.")  # a new count repaints one line
        lay.addWidget(self.scope_label)
        self.quotes = QCheckBox("Count block quotes as my words")
        self.quotes.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.quotes.setToolTip("Block quotes are usually someone else's words, so they are left out of every "
                               "measure. Tick this if you quote yourself, or write in quotes on purpose.")
        self.quotes.setChecked(self.window_.settings.voice_include_quotes)
        self.quotes.toggled.connect(self._on_quotes)
        self.quotes.hide()  # shown only when the text has block quotes (or the box is ticked)
        lay.addWidget(self.quotes)
        self.baseline_label = self._note("", "What the pale bands compare with.")
        self.baseline_label.setWordWrap(True)
        lay.addWidget(self.baseline_label)

        lay.addWidget(self._heading("Rhythm", "Sentence lengths around the cursor."))
        self.strip = RhythmStrip(t)
        self.strip.sentence_clicked.connect(self._on_bar_clicked)
        lay.addWidget(self.strip)
        yield
        variety_tip = ("Sentence variety over the recent stretch (each point covers 20 sentences, the latest at "
                       "the right). When it stays under the dotted line the rhythm has gone even and may start "
                       "to lull.")
        # Named, and shown only once it has a line to draw: bare, it read as the strip's baseline,
        # and with no points yet its dotted floor looked like a stray rule (a review).
        self.rolling_caption = self._note("Variety over the recent stretch", variety_tip)
        self.rolling_caption.hide()
        lay.addWidget(self.rolling_caption)
        self.rolling = Sparkline(t, 34, variety_tip, floor=0.25)
        self.rolling.hide()
        lay.addWidget(self.rolling)
        yield
        self.flat_label = self._note("", "Shown when the last thirty-odd sentences keep to a narrow range of lengths.")
        lay.addWidget(self.flat_label)
        self.shares = TextLine(t, "Sentences measured, and the share of them that are fragments (four words or "
                               "fewer) and long (thirty words or more). Fragments next to long sentences are the "
                               "rhythm of a voice; machine prose has few of either.", role="text")
        lay.addWidget(self.shares)

        self.compare_heading = self._heading("Compared with your finished work", "Each strip: the draft's value "
                                             "(dark tick), your own range (pale band) and typical machine prose "
                                             "(blue).")
        lay.addWidget(self.compare_heading)
        self.legend = QLabel()
        self.legend.setObjectName("panelNote")
        self.legend.setWordWrap(True)
        self.legend.setToolTip("How to read the strips below.")
        lay.addWidget(self.legend)
        # Below the gauges' minimum, one line says how much text they need, where five empty strips
        # each said "not enough text yet" and none said what would be enough.
        self.too_short = self._note("", "Below this length a measure would read a habit into a few sentences.")
        self.too_short.hide()
        lay.addWidget(self.too_short)
        self.gauges: dict[str, Gauge] = {}
        for metric, name, (lo, hi), fmt, tip in GAUGES:
            gauge = Gauge(name, lo, hi, fmt, t, tip)
            self.gauges[metric] = gauge
            lay.addWidget(gauge)
        self.likeness = Gauge(METRIC_NAMES["machine_likeness"], 0.0, 1.0, "{:.2f}", t, LIKENESS_TIP)
        lay.addWidget(self.likeness)
        self.reasons = self._note("", "The two or three measures that moved the score most for this text. "
                                  "A habit, not a verdict: change nothing you like.")
        lay.addWidget(self.reasons)
        self.caveat = self._note("Describes style, not authorship.", LIKENESS_TIP)
        lay.addWidget(self.caveat)

        lay.addWidget(self._heading("Sentence lengths", "The whole scope, as shares of sentences."))
        self.histogram = LengthHistogram(t)
        lay.addWidget(self.histogram)
        yield
        self.histogram_legend = self._note("", "")
        lay.addWidget(self.histogram_legend)

        lay.addWidget(self._heading("Punctuation per 1,000 words", ""))
        self.palette = PunctuationPalette(t)
        lay.addWidget(self.palette)
        self.palette_note = self._note("", "")
        self.palette_note.hide()
        lay.addWidget(self.palette_note)
        yield

        lay.addWidget(self._heading("Habits", "Tell words and constructions in this scope."))
        self.habits = HabitsList()
        self.habits.jump.connect(self._jump)
        self.habits.cursor_source = self.window_.editor.cursor_point
        lay.addWidget(self.habits)
        self.underline = QCheckBox("Underline them in the text")
        self.underline.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.underline.setToolTip("While the panel is open, draw a faint dotted line under habit words near "
                                  "the cursor. Nothing is ever changed in your text.")
        self.underline.setChecked(self.window_.settings.underline_habits)
        self.underline.toggled.connect(self._on_underline)
        lay.addWidget(self.underline)

        yield
        lay.addWidget(self._heading("This session", "Words added since Quill started, minute by minute."))
        self.session_spark = Sparkline(t, 30, "Net words in this session, minute by minute.")
        lay.addWidget(self.session_spark)
        yield
        self.session_label = self._note("", "Net words since Quill started, and of the words added how many "
                                        "you typed and how many you pasted. Updated every half minute.")
        lay.addWidget(self.session_label)
        lay.addStretch(1)
        for w in inner.findChildren(QWidget):
            if isinstance(w, QLabel | QPushButton | QCheckBox | TextLine) or w is self.habits:
                w.setFont(interface_font(10))
        title.setFont(interface_font(13))
        self._built = True
        self._building = False
        self.apply_theme(self.theme)
        self._show_empty()
        # pyqtgraph, numpy and the engine are imported now: drop what importing left behind.
        QTimer.singleShot(0, self, release_memory)

    def _heading(self, text: str, tip: str) -> QLabel:
        label = QLabel(text)
        label.setObjectName("panelHeading")
        label.setToolTip(tip)
        label.setWordWrap(True)  # "Compared with the general human reference" is wider than a narrow panel
        label.setIndent(0)  # its padding gave it a frame, and Qt indented it half an "x" past the notes
        return label

    def _note(self, text: str, tip: str) -> QLabel:
        label = QLabel(text)
        label.setObjectName("panelNote")
        label.setToolTip(tip)
        label.setWordWrap(True)
        return label

    # -- actions ------------------------------------------------------------------------------
    def set_scope(self, scope: str) -> None:
        settings = self.window_.settings
        if self._built:
            self.scope_buttons[scope].setChecked(True)
        self.controller.set_scope(scope)
        if settings.panel_scope != scope:
            settings.panel_scope = scope
            self.window_.persist_settings()

    def _on_bar_clicked(self, index: int) -> None:
        data = self.data
        if data is not None and 0 <= index < len(data.strip_spans):
            self._jump(data.strip_spans[index][0])

    def _jump(self, position: int) -> None:
        self.window_.jump_to(position)

    def _on_quotes(self, checked: bool) -> None:
        self.window_.settings.voice_include_quotes = checked
        self.window_.persist_settings()
        self.controller.set_include_quotes(checked)

    def _on_underline(self, checked: bool) -> None:
        self.window_.settings.underline_habits = checked
        self.window_.persist_settings()
        self._update_marks()

    # -- data in ------------------------------------------------------------------------------
    def _show_empty(self) -> None:
        for gauge in self.gauges.values():
            gauge.set_state(None, None, None)
        self.likeness.set_state(None, None, None)
        self.reasons.hide()
        self._on_profile()

    def _show_gauges(self, enough: bool, needed: int) -> None:
        """The comparison strips, or one line saying how much more text they need."""
        for widget in (self.legend, *self.gauges.values(), self.likeness, self.caveat):
            if widget.isHidden() == enough:
                widget.setVisible(enough)
        if not enough and not self.too_short.text():
            # Said once: the count so far is on the line above ("29 of 30 words measured"), and a
            # label whose text changed with every refresh laid the whole panel out again.
            self.too_short.setText(f"These comparisons appear from {needed} words of prose.")
            self.palette_note.setText(f"Marks are counted from {needed} words.")
        if self.too_short.isHidden() == enough:
            return
        self.too_short.setVisible(not enough)
        self.palette_note.setVisible(not enough)

    def _on_profile(self) -> None:
        if not self._built:
            return
        from quill.voice.readings import baseline_text, reference_name

        profile = self.controller.profile
        pieces = profile.pieces
        self.baseline_label.setText(baseline_text(pieces, open_piece_left_out=profile.open_piece_left_out))
        self.compare_heading.setText(f"Compared with {reference_name(pieces)}")
        t = self.theme

        def item(colour: str, mark: str, name: str) -> str:  # a line may break between items, never inside one
            return f"<span style='color:{colour}'>{mark}</span>&nbsp;{name.replace(' ', '&nbsp;')}"

        # the draft first, and short names: at the panel's usual width "this draft" wrapped onto a
        # line of its own (a review)
        self.legend.setText("&nbsp; ".join([
            item(t.text, "┃", "this draft"),
            item(t.color("accent").name(), "▬", reference_name(pieces)),
            item(t.color("machine").name(), "▬", "machine prose")]))

    def _on_refreshed(self, data: PanelData) -> None:
        self.data = data
        if not self._built or not self.isVisible():
            return
        from quill.voice.engine import MIN_RATE_WORDS
        from quill.voice.readings import gauge_reading, likeness_text, measured_text, reasons_text, shares_text

        report = data.report
        measured, left_out = measured_text(report)
        if data.scope == "section":
            self.scope_label.setText(f"Section: {data.scope_title}", f" · {measured}")
        else:
            self.scope_label.setText("Whole piece", f" · {measured}", f" · {measured.removesuffix(' measured')}")
        self.scope_label.setToolTip(left_out)
        self.quotes.setVisible(self.quotes.isChecked() or "block quotes" in report.left_out)
        self.shares.setText(shares_text(report))
        if self._changed("strip", (data.strip_lengths, data.current)):
            self.strip.set_sentences(data.strip_lengths, data.current)
        if self._changed("rolling", [round(v, 3) for v in data.rolling]):
            self.rolling.set_values(data.rolling, 0.6)
            drawn = len(data.rolling) >= 2
            if drawn != self.rolling.isVisible():
                self.rolling.setVisible(drawn)
                self.rolling_caption.setVisible(drawn)
        if data.flattening != self.flat_label.isVisible():
            self.flat_label.setText("The rhythm is flattening: the recent sentences are all of a similar "
                                    "length." if data.flattening else "")
            self.flat_label.setVisible(data.flattening)
        pieces = data.profile_pieces
        enough = report.words >= MIN_RATE_WORDS  # below it no gauge reads anything into the text
        self._show_gauges(enough, MIN_RATE_WORDS)
        for metric, gauge in self.gauges.items():
            c = data.comparisons.get(metric)
            if c is None or not enough:
                gauge.set_state(None, None, None)
            else:
                gauge.set_state(c.value, c.writer_band, c.llm_band, reading=gauge_reading(metric, c, pieces))
        likeness = data.comparisons.get("machine_likeness")
        spread = likeness_text(report).partition(", ")[2]
        self.likeness.set_state(report.machine_likeness, likeness.writer_band if likeness else None, None,
                                reading=spread)
        why = reasons_text(report)
        self.reasons.setText("What moved it (↑ toward machine style, ↓ away):\n" + "\n".join(why) if why else "")
        self.reasons.setVisible(bool(why))
        profile = self.controller.profile
        writer, machine, legend = self._reference_curves(profile)
        # Below the gauges' minimum the draft's own bars would be a shape read into a few
        # sentences: the references are drawn, the draft's bars wait for enough text.
        draft = data.histogram if enough else [0.0] * len(data.histogram)
        if self._changed("histogram", ([round(v, 3) for v in draft], writer)):
            self.histogram.set_shapes(draft, writer, machine)
        self.histogram_legend.setText(legend if enough else
                                      legend.replace("Bars: this draft", f"Bars: this draft, from {MIN_RATE_WORDS} "
                                                     "words"))
        words = report.words
        rates = {k: 1000.0 * v / words for k, v in report.punctuation.items()} if words and enough else {}
        if self._changed("palette", ({k: round(v, 1) for k, v in rates.items()}, profile.punctuation_bands)):
            self.palette.set_rates(rates, profile.punctuation_bands)
        self.habits.cursor_position = self.window_.editor.cursor_point()
        self.habits.set_rows(data.habits)
        self._update_marks()
        self._update_session()

    def _reference_curves(self, profile) -> tuple[list[float] | None, list[float], str]:  # noqa: ANN001
        """(writer's curve, machine curve, legend) for the histogram: computed once per profile."""
        cached = self.__dict__.get("_curves")
        if cached is not None and cached[0] is profile:
            return cached[1]
        from quill.voice.baseline import FULL_BASELINE, llm_band
        from quill.voice.profile import reference_curve, writer_curve

        ref_mean = llm_band("mean_sentence_length")
        ref_sd = llm_band("sentence_length_sd")
        machine = reference_curve(sum(ref_mean) / 2, sum(ref_sd) / 2) if ref_mean and ref_sd else []
        writer = writer_curve(profile)
        if profile.histogram is None or not profile.pieces or not any(profile.histogram):
            legend = "Bars: this draft · solid: general human reference · dashed: typical machine prose"
        elif profile.pieces < FULL_BASELINE:
            yours = "your finished piece" if profile.pieces == 1 else f"your {profile.pieces} finished pieces"
            legend = f"Bars: this draft · solid: {yours} blended with a general human reference · dashed: " \
                     "typical machine prose"
        else:
            legend = "Bars: this draft · solid: your finished work · dashed: typical machine prose"
        self._curves = (profile, (writer, machine, legend))
        return writer, machine, legend

    def _changed(self, name: str, key: object) -> bool:
        """True (and remembered) when a chart's visible data differs from what it shows."""
        keys = self.__dict__.setdefault("_chart_keys", {})
        if keys.get(name) == key:
            return False
        keys[name] = key
        return True

    def _update_marks(self) -> None:
        editor = self.window_.editor
        spans: list[tuple[int, int]] = []
        if self._built and self.underline.isChecked() and self.data is not None and self.isVisible():
            spans = self.data.marks
        if spans != self.__dict__.get("_marks_shown", []):
            self._marks_shown = spans  # only touch the editor's selections when they change
            editor.set_habit_marks(spans)

    def _update_session(self) -> None:
        now = self.window_.clock()
        # The window's own word count walks every paragraph: sample it at most every 30 s
        # (as often as the status line does), never on every refresh. The line under the
        # sparkline changes with it, as its tooltip says.
        if now - self._last_session_sample < 30.0 and self.session_spark.values:
            return
        self._last_session_sample = now
        values = self.session.sample()
        self.session_spark.set_values([float(v) for v in values])
        minutes = self.session.elapsed_minutes()
        text = f"{values[-1]:+,} words in {f'{minutes} min' if minutes else 'under a minute'}"  # not "in 0 min"
        sessions = getattr(self.window_, "sessions", None)  # installed with the window's features
        if sessions is not None:
            counts = sessions.since_launch()
            text += f" · typed {counts.words_added:,}"
            if counts.words_pasted:  # "pasted 0" on every session that pasted nothing said nothing
                text += f" · pasted {counts.words_pasted:,}"
        self.session_label.setText(text)

    # -- theme --------------------------------------------------------------------------------
    def apply_theme(self, theme: Theme) -> None:
        self.theme = theme
        if not self._built:
            return
        self.setStyleSheet(
            f"QFrame#voicePanel, QWidget#voiceInner, QScrollArea {{ background: {theme.panel_background}; }}"
            f"QFrame#voicePanel {{ border-left: 1px solid {theme.selection}; }}"
            f"QLabel {{ color: {theme.text}; background: transparent; }}"
            f"QLabel#panelTitle {{ color: {theme.text}; }}"
            f"QLabel#panelHeading {{ color: {theme.accent}; padding-top: 10px; }}"
            f"QLabel#panelNote {{ color: {theme.note}; }}"
            f"QPushButton {{ color: {theme.note}; border: none; padding: 2px 8px; background: transparent; }}"
            f"QPushButton:checked {{ color: {theme.text}; border-bottom: 2px solid {theme.accent}; }}"
            f"QCheckBox {{ color: {theme.note}; }}" + theme.checkbox_qss() +
            f"QListWidget {{ background: transparent; color: {theme.text}; }}"
            f"QListWidget::item:hover {{ background: {theme.selection}; }}"
            + theme.scrollbar_qss(margin="0")
        )
        for chart in (self.strip, self.rolling, self.histogram, self.palette, self.session_spark):
            chart.apply_theme(theme)
        for painted in (*self.gauges.values(), self.likeness, self.scope_label, self.shares):
            painted.apply_theme(theme)
        self.__dict__.pop("_chart_keys", None)
        self._on_profile()  # the legend's swatches are the theme's colours
        if self.data is not None:
            self._on_refreshed(self.data)

    def persist(self) -> None:
        """Keep the piece's latest analysis on disk (it reopens with its figures, not re-analysed)."""
        if self._controller is not None:
            self._controller.persist()

    def shutdown(self) -> None:
        if self._controller is not None:
            self._controller.shutdown()
