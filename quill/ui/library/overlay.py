"""The library overlay (Ctrl+E): every piece, filtered as you type, opened with Enter.

Keyboard first: the query field keeps focus; arrows move, Enter opens, Tab cycles the
status filter, Ctrl+Tab the sort order, Esc closes. Typing filters titles at once and,
after a short pause, searches the full text through the library's index.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any, Protocol

from PySide6.QtCore import QPoint, QPointF, QRect, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QTextCharFormat, QTextLayout, QTextOption
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from quill.library.snippet_fit import fit_snippet
from quill.ui.shell.fonts import interface_font, writing_font
from quill.ui.shell.menus import dress_menu
from quill.ui.shell.overlay import FilterOverlay, OverlayRowDelegate
from quill.ui.shell.placement import box_across
from quill.ui.shell.theme import Theme
from quill.utf16 import utf16_from_index
from quill.wording import day_text, plural

STATUS_FILTERS = (("all", "All"), ("draft", "Drafts"), ("finished", "Finished"))
SORTS = (("updated", "Last edited"), ("finished", "Finished date"))
META_SHARE = 0.55  # of a row's width, at most, for its right-hand facts; the title has the rest


class PieceSource(Protocol):
    """What the overlay needs from the library (quill.library.Library provides it)."""

    def pieces(self, status: str | None = None, tag: str | None = None, collection: str | None = None,
               sort: str = "updated") -> Sequence[Any]: ...

    def search(self, query: str, limit: int = 50) -> Sequence[Any]: ...


@dataclass(frozen=True)
class Row:
    path: Path
    title: str
    status: str
    words: int
    when: str
    first_line: str
    snippet: str = ""
    #: where the search's words are in ``snippet`` (code points), marked as find hits are on the page
    highlights: tuple[tuple[int, int], ...] = ()
    problem: str | None = None
    others: int = 0  # versions from other devices (sync engines' conflict copies) beside it
    #: the file's name, shown when another row has the same title (a copy, a second "Untitled")
    name_hint: str = ""


def relative_day(moment: date | datetime | None, today: date | None = None) -> str:
    if moment is None:
        return ""
    day = moment.date() if isinstance(moment, datetime) else moment
    today = today or date.today()
    delta = (today - day).days
    if delta <= 0:
        return "today"
    if delta == 1:
        return "yesterday"
    if delta < 7:
        return f"{delta} days ago"
    if day.year == today.year:
        return f"{day.day} {day:%b}"  # not strftime's "%-d": glibc's alone, an error on Windows
    return day_text(day)


def row_from_piece(piece: Any, sort: str, snippet: str = "",
                   highlights: tuple[tuple[int, int], ...] = ()) -> Row:
    moment = piece.finished if sort == "finished" and piece.finished else piece.updated
    return Row(piece.path, piece.title, piece.status, piece.words, relative_day(moment), piece.first_line,
               snippet, highlights, getattr(piece, "problem", None))


def with_name_hints(rows: list[Row]) -> list[Row]:
    """Rows whose titles are the same (a piece and its copy share their heading) name their files,
    so the writer can tell which one to open."""
    seen = Counter(row.title.casefold() for row in rows)
    return [replace(row, name_hint=row.path.name) if seen[row.title.casefold()] > 1 else row for row in rows]


class _RowDelegate(OverlayRowDelegate):
    """Title and a "finished" badge over the first line (or the search snippet, or the problem)."""

    HEIGHT = 58
    INSET = 2
    RADIUS = 8

    def paint_row(self, painter: QPainter, option: QStyleOptionViewItem, rect: QRect, row: Row,
                  theme: Theme) -> None:
        inner = rect.adjusted(14, 7, -14, -7)
        title_font = writing_font(12)
        title_font.setWeight(QFont.Weight.DemiBold)
        small = interface_font(9)
        meta = f"{plural(row.words, 'word')} · {row.when}" if row.when else plural(row.words, "word")
        if row.others:
            meta = f"{row.others} version{'s' if row.others != 1 else ''} from other devices · {meta}"
        if row.name_hint:  # the file's name gives way (in its middle) before the title does
            room = int(inner.width() * META_SHARE) - QFontMetrics(small).horizontalAdvance(f" · {meta}")
            if room > QFontMetrics(small).horizontalAdvance("mmmm…"):
                hint = QFontMetrics(small).elidedText(row.name_hint, Qt.TextElideMode.ElideMiddle, room)
                meta = f"{hint} · {meta}"
        painter.setFont(small)
        meta_width = QFontMetrics(small).horizontalAdvance(meta)
        painter.setPen(theme.color("faint"))
        top = QRect(inner.left(), inner.top(), inner.width(), inner.height() // 2)
        painter.drawText(top, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, meta)
        badge = "finished" if row.status == "finished" else ""
        badge_width = 0
        if badge:
            badge_width = QFontMetrics(small).horizontalAdvance(badge) + 14
            badge_rect = QRect(top.right() - meta_width - badge_width - 10, top.center().y() - 9, badge_width, 18)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(theme.color("accent", 40))
            painter.drawRoundedRect(badge_rect, 9, 9)
            painter.setPen(theme.color("accent"))
            painter.drawText(badge_rect, Qt.AlignmentFlag.AlignCenter, badge)
        painter.setFont(title_font)
        painter.setPen(theme.color("warning") if row.problem else theme.color("text"))
        title_rect = top.adjusted(0, 0, -(meta_width + badge_width + 24), 0)
        title = QFontMetrics(title_font).elidedText(row.title or row.path.stem, Qt.TextElideMode.ElideRight,
                                                    title_rect.width())
        painter.drawText(title_rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, title)
        bottom = QRect(inner.left(), inner.center().y(), inner.width(), inner.height() // 2)
        painter.setFont(small)
        painter.setPen(theme.color("faint"))
        if row.snippet and not row.problem:
            text, marks = fit_snippet(row.snippet, row.highlights, bottom.width(),
                                      QFontMetrics(small).horizontalAdvance)
            draw_marked_line(painter, bottom, text, marks, small, theme)
            return
        second = row.problem or row.first_line
        second = QFontMetrics(small).elidedText(second, Qt.TextElideMode.ElideRight, bottom.width())
        painter.drawText(bottom, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, second)


def draw_marked_line(painter: QPainter, rect: QRect, text: str, marks: Sequence[tuple[int, int]], font: QFont,
                     theme: Theme) -> None:
    """One line of ``text`` in ``rect`` (vertically centred, the painter's pen), with ``marks`` (code-point
    spans) drawn as the page draws find hits. Laid out whole by Qt, so right-to-left words keep their order."""
    layout = QTextLayout(text, font, painter.device())
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.NoWrap)
    layout.setTextOption(option)
    hit = QTextCharFormat()
    hit.setBackground(theme.color("find_match"))
    hit.setForeground(theme.color("find_match_text"))
    ranges = []
    for start, end in marks:
        marked = QTextLayout.FormatRange()
        marked.start = utf16_from_index(text, start)  # Qt counts UTF-16 units: an emoji before a hit is two
        marked.length = utf16_from_index(text, end) - marked.start
        marked.format = hit
        ranges.append(marked)
    layout.setFormats(ranges)
    layout.beginLayout()
    line = layout.createLine()
    line.setLineWidth(rect.width())
    layout.endLayout()
    layout.draw(painter, QPointF(rect.left(), rect.top() + (rect.height() - line.height()) / 2))


class LibraryOverlay(FilterOverlay):
    """Shown over the page. ``chosen(Path)`` when the writer opens a piece, ``import_requested()`` for
    "Import writing…"."""

    import_requested = Signal()
    #: the writer asked, from a row's menu, to move that piece to the trash
    trash_requested = Signal(Path)
    DIMS_PAGE = True
    ESC_CLEARS_QUERY = True

    def __init__(self, parent: QWidget, theme: Theme, source_factory: Callable[[], PieceSource]) -> None:
        super().__init__(parent, "libraryOverlay", _RowDelegate)
        self._source_factory = source_factory
        #: versions from other devices per piece path, set by the controller when the overlay opens
        #: (one walk per opening, not one per keystroke of filtering)
        self.others: dict[Path, int] = {}
        self.status_filter = "all"
        self.sort = "updated"
        self.tag: str | None = None
        self.collection: str | None = None
        self.heading = QLabel("LIBRARY", self)
        self.heading.setObjectName("libraryHeading")
        self.count = QLabel(self)
        self.count.setObjectName("libraryCount")
        self.query.setObjectName("libraryQuery")
        self.query.setPlaceholderText("Search titles and text")
        self.filter_buttons: dict[str, QPushButton] = {}
        filters = QHBoxLayout()
        filters.setSpacing(4)
        for key, label in STATUS_FILTERS:
            button = QPushButton(label, self)
            button.setCheckable(True)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setCursor(Qt.CursorShape.PointingHandCursor)
            button.clicked.connect(lambda _checked=False, k=key: self.set_status_filter(k))
            self.filter_buttons[key] = button
            filters.addWidget(button)
        filters.addStretch(1)
        self.tag_box = QComboBox(self)
        self.tag_box.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.tag_box.activated.connect(self._on_tag_chosen)
        filters.addWidget(self.tag_box)
        self.sort_button = QPushButton(self)
        self.sort_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.sort_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.sort_button.clicked.connect(self.toggle_sort)
        filters.addWidget(self.sort_button)
        self.list.setObjectName("libraryList")
        # A row's own menu: the only way to let go of a piece that is not the open one (the palette's
        # "Move this piece to the trash" works on the page's piece alone; found on a review)
        self.list.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.list.customContextMenuRequested.connect(self._row_menu)
        self.hint = QLabel("↑↓ move · Enter open · Tab drafts/finished · Ctrl+Tab sort · Esc clear, close", self)
        self.hint.setObjectName("libraryHint")
        self.import_button = QPushButton("Import writing…", self)
        self.import_button.setObjectName("libraryImport")
        self.import_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.import_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.import_button.setToolTip("Bring in a Substack, Ghost, WordPress or Medium export, or a folder of "
                                      "markdown: your finished work counts from day one")
        self.import_button.clicked.connect(self.import_requested.emit)
        head = QHBoxLayout()
        head.addWidget(self.heading)
        head.addStretch(1)
        head.addWidget(self.count)
        head.addWidget(self.import_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(22, 18, 22, 14)
        layout.setSpacing(10)
        layout.addLayout(head)
        layout.addWidget(self.query)
        layout.addLayout(filters)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.hint)
        self._search_timer = QTimer(self, singleShot=True, interval=180)
        self._search_timer.timeout.connect(self.refresh)
        self.query.textChanged.connect(lambda _t: self._search_timer.start())
        self.apply_theme(theme)
        self.hide()

    # -- appearance ---------------------------------------------------------------------------
    def apply_theme(self, theme: Theme) -> None:
        self.theme = theme
        self.setStyleSheet(
            f"""
            QFrame#libraryOverlay {{ background: {theme.panel_background}; border: 1px solid {theme.dim};
                                     border-radius: 12px; }}
            QLabel#libraryHeading, QLabel#libraryCount, QLabel#libraryHint {{ color: {theme.faint};
                                     font-size: 11px; letter-spacing: 1px; }}
            QLineEdit#libraryQuery {{ background: {theme.background}; color: {theme.text};
                                      border: 1px solid {theme.dim}; border-radius: 7px; padding: 8px 10px;
                                      font-size: 15px; selection-background-color: {theme.selection}; }}
            QListWidget#libraryList {{ background: transparent; border: none; outline: none; }}
            QLabel#overlayEmpty {{ color: {theme.faint}; font-size: 14px; }}
            QPushButton {{ color: {theme.faint}; background: transparent; border: 1px solid transparent;
                           border-radius: 11px; padding: 3px 12px; }}
            QPushButton:checked {{ color: {theme.text}; background: {theme.selection}; }}
            QComboBox {{ color: {theme.faint}; background: transparent; border: none; padding: 3px 8px; }}
            QComboBox QAbstractItemView {{ background: {theme.panel_background}; color: {theme.text};
                                           selection-background-color: {theme.selection}; }}
            """ + theme.scrollbar_qss()
        )
        self.list.viewport().update()
        self.repaint_scrim()

    # -- opening ------------------------------------------------------------------------------
    def open(self) -> None:
        self.clear_query()
        self.place()
        self.refresh()
        self.present()

    def place(self) -> None:
        parent = self.parentWidget()
        left, width = box_across(parent, 820, 360)
        height = min(680, max(parent.height() - 120, 260))
        self.setGeometry(left, max((parent.height() - height) // 3, 30), width, height)

    # -- filtering ----------------------------------------------------------------------------
    def set_status_filter(self, key: str) -> None:
        self.status_filter = key
        self.refresh()

    def toggle_sort(self) -> None:
        self.sort = "finished" if self.sort == "updated" else "updated"
        self.refresh()

    def _on_tag_chosen(self, index: int) -> None:
        data = self.tag_box.itemData(index)
        self.tag, self.collection = (None, None) if data is None else data
        self.refresh()

    def rows(self) -> list[Row]:
        return self.shown_rows()

    def refresh(self) -> None:
        source = self._source_factory()
        status = None if self.status_filter == "all" else self.status_filter
        pieces = list(source.pieces(status=status, tag=self.tag, collection=self.collection, sort=self.sort))
        self._fill_tag_box(source)
        query = self.query.text().strip()
        rows: list[Row]
        if query:
            by_title = [p for p in pieces if all(w in p.title.casefold() for w in query.casefold().split())]
            allowed = {p.path for p in pieces}
            hits = [h for h in source.search(query, limit=100) if h.piece.path in allowed]
            seen = {p.path for p in by_title}
            rows = [row_from_piece(p, self.sort) for p in by_title]
            rows += [row_from_piece(h.piece, self.sort, h.snippet, h.highlights) for h in hits
                     if h.piece.path not in seen]
        else:
            rows = [row_from_piece(p, self.sort) for p in pieces]
        if self.others:
            rows = [replace(r, others=self.others.get(r.path, 0)) for r in rows]
        rows = with_name_hints(rows)
        self.show_rows(rows, lambda row: row.title, lambda row: str(row.path), self._empty_text(query))
        for key, button in self.filter_buttons.items():
            button.setChecked(key == self.status_filter)
        self.sort_button.setText("Sorted by " + dict(SORTS)[self.sort].lower())
        total_words = sum(r.words for r in rows)
        pieces = "1 PIECE" if len(rows) == 1 else f"{len(rows):,} PIECES"
        words = "1 WORD" if total_words == 1 else f"{total_words:,} WORDS"
        self.count.setText(f"{pieces} · {words}" if rows else "")  # the empty list says why in words

    def _empty_text(self, query: str) -> str:
        """What an empty list means, in words: nothing written yet, or nothing matching."""
        narrowed = [{"draft": "drafts", "finished": "finished pieces"}.get(self.status_filter, "")]
        narrowed = [n for n in narrowed if n]
        if self.tag:
            narrowed.append(f"tagged #{self.tag}")
        if self.collection:
            narrowed.append(f"in {self.collection}")
        among = f" among {', '.join(narrowed)}" if narrowed else ""
        if query:
            return f"Nothing in your library matches “{query}”{among}."
        if narrowed:
            return f"No pieces{among}."
        return "Your library is empty. What you write is kept here."

    def _fill_tag_box(self, source: PieceSource) -> None:
        current = (self.tag, self.collection)
        everything = list(source.pieces())
        tags = sorted({t for p in everything for t in p.tags}, key=str.casefold)
        collections = sorted({p.collection for p in everything if p.collection}, key=str.casefold)
        self.tag_box.blockSignals(True)
        self.tag_box.clear()
        self.tag_box.addItem("Every tag and collection", None)
        for tag in tags:
            self.tag_box.addItem(f"#{tag}", (tag, None))
        for collection in collections:
            self.tag_box.addItem(f"▸ {collection}", (None, collection))
        index = self.tag_box.findData(current) if current != (None, None) else 0
        self.tag_box.setCurrentIndex(max(index, 0))
        self.tag_box.setVisible(bool(tags or collections))
        self.tag_box.blockSignals(False)

    def payload(self, row: Row) -> Path:
        return row.path

    def row_menu(self, row: Row) -> QMenu:
        """What can be done to one piece from the list: open it, or move it to the trash."""
        menu = QMenu(self)
        menu.addAction("Open", lambda: self._choose_path(row.path))
        menu.addSeparator()
        menu.addAction("Move to the trash", lambda: self.trash_requested.emit(row.path))
        dress_menu(menu, self.theme)
        return menu

    def _row_menu(self, point: QPoint) -> None:
        item = self.list.itemAt(point)
        row = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        if isinstance(row, Row):
            self.list.setCurrentItem(item)
            self.row_menu(row).exec(self.list.viewport().mapToGlobal(point))

    def _choose_path(self, path: Path) -> None:
        self.dismiss()
        self.chosen.emit(path)

    def before_choosing(self) -> None:
        if self._search_timer.isActive():  # Enter right after typing: search first, then open
            self._search_timer.stop()
            self.refresh()

    def handle_key(self, key: int, modifiers: Qt.KeyboardModifier) -> bool:
        if key not in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
            return False
        if modifiers & Qt.KeyboardModifier.ControlModifier:
            self.toggle_sort()
        else:
            keys = [k for k, _ in STATUS_FILTERS]
            step = -1 if key == Qt.Key.Key_Backtab else 1
            self.set_status_filter(keys[(keys.index(self.status_filter) + step) % len(keys)])
        return True
