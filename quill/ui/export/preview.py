"""The preview: the piece as it will read, beside the page, in the theme's colours and the writing font.

A QTextBrowser (no web engine). Nothing heavy happens on the GUI thread, so typing never waits
for the preview, even for a 200,000-word book:

* markdown → HTML (mistune) and HTML → QTextDocument (Qt's HTML importer, ~50–80 ms for a book)
  both run on a worker thread, one job in flight with a "dirty again" flag; the finished
  document is moved to the GUI thread and swapped in with ``setDocument``;
* Qt lays a document out lazily in steps that double up to 200,000 characters (30–50 ms each
  for a book), and anything that asks for its full height lays out all of it at once (~300 ms).
  :class:`_LayoutDriver` takes that over: it swallows the layout's own step timer and lays
  the document out a few milliseconds per event-loop turn, while the page keeps showing the
  previous render (updates paused) until the new one is laid out and scrolled to the
  editor's place.

Nothing is ever fetched: :meth:`PreviewPane.loadResource` answers only for images
with a relative path that exist beside the piece, and the HTML it is given names no other image
(remote ones become their alt text with the address). Links open in the system browser, and
only when clicked.
"""

from __future__ import annotations

import math
import time
from bisect import bisect_right
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QPointF, QRunnable, Qt, QThread, QThreadPool, QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QFont, QFontMetricsF, QImage, QPainter, QTextDocument
from PySide6.QtWidgets import QFrame, QTextBrowser, QWidget

from quill.export.outline import outline
from quill.export.pdf import space_list_markers
from quill.export.render import is_local_reference, preview_html
from quill.export.styles import PAPER, Typography, qt_css
from quill.ui.shell.fonts import FALLBACKS, code_families, load_bundled_fonts, writing_font
from quill.ui.shell.theme import Theme

IDLE_MS = 300  # render this long after the last keystroke…
MAX_WAIT_MS = 2000  # …or at the latest this long into a burst of typing (short pieces only:
LARGE_PIECE_CHARS = 150_000  # above this, setHtml and layout cost tens of ms, so wait for a pause)
MAX_IMAGE_BYTES = 20 * 1024 * 1024
LAYOUT_SLICE_S = 0.006  # the longest the layout driver holds the GUI thread at a time
KEEP_REQUESTS = 200  # resource requests remembered for inspection (tests); older ones are dropped


def typography_for(theme: Theme) -> Typography:
    """The theme's colours as plain data for the renderer's style sheet."""
    return PAPER.with_(background=theme.panel_background, text=theme.text, muted=theme.faint, rule=theme.dim,
                       accent=theme.accent, code_background=theme.code_background,
                       body_fonts=tuple(FALLBACKS), code_fonts=tuple(code_families()))


@dataclass(frozen=True)
class SourceAnchors:
    """The rendered text's headings as code-point offsets into its source, and the source's length."""

    headings: list[int]
    length: int

    def locate(self, offset: int) -> tuple[int, float]:
        """(section, share of the way through it) for a source offset; section -1 is the text
        before the first heading."""
        section = bisect_right(self.headings, offset) - 1
        start = self.headings[section] if section >= 0 else 0
        end = self.headings[section + 1] if section + 1 < len(self.headings) else self.length
        return section, (min(max((offset - start) / (end - start), 0.0), 1.0) if end > start else 0.0)


class _Signals(QObject):
    done = Signal(int, object, float)  # generation, QTextDocument (now owned by the GUI thread), seconds


class _RenderJob(QRunnable):
    """markdown → HTML → QTextDocument, all off the GUI thread; the document is handed over unlaid-out."""

    def __init__(self, generation: int, text: str, image_exists: Callable[[str], bool], font: str, css: str,
                 target: QThread, signals: _Signals) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self.generation, self.text, self.image_exists, self.signals = generation, text, image_exists, signals
        self.font, self.css, self.target = font, css, target

    def run(self) -> None:
        started = time.perf_counter()
        try:
            html = preview_html(self.text, self.image_exists)
        except Exception as exc:  # noqa: BLE001 - a renderer bug must not take the window down
            html = f"<p>The preview could not render this piece ({type(exc).__name__}). Your text is unaffected.</p>"
        # Where each heading starts in the source: the preview follows the editor section by section.
        # Every heading the page shows, quoted and listed ones too (at their container's start), read
        # by the renderer's own parser; Qt makes no heading of an empty one.
        anchors = SourceAnchors([h.offset for h in outline(self.text) if h.title], len(self.text))
        document = QTextDocument()
        font = QFont()
        font.fromString(self.font)
        document.setDefaultFont(font)
        document.setDefaultStyleSheet(self.css)  # applies at parse time
        document.setDocumentMargin(0)
        document.setUndoRedoEnabled(False)
        document.setHtml(html)
        space_list_markers(document)  # as in the PDF: bullets apart from the words
        document.setProperty("quill_anchors", anchors)
        document.moveToThread(self.target)  # only the owning thread may push it across
        self.signals.done.emit(self.generation, document, time.perf_counter() - started)


class _LayoutDriver(QObject):
    """Lays a document out in slices of a few milliseconds, so a long piece never freezes the window.

    Qt's own lazy layout runs from a timer on the layout object in steps that double up to
    200,000 characters; this filter swallows that timer while it drives the layout itself by
    asking for each block's rectangle in turn, and lets it go once everything is laid out.
    """

    finished = Signal()

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self._layout: QObject | None = None
        self._block = None
        self.longest_slice = 0.0  # seconds: the longest the GUI thread was held by one slice (benchmarks)
        self.slices = 0  # slices the latest layout took
        self._timer = QTimer(self, interval=0)
        self._timer.timeout.connect(self.step)

    @property
    def active(self) -> bool:
        return self._block is not None

    def start(self, document: QTextDocument) -> None:
        self._release()
        self._layout = document.documentLayout()
        self._layout.installEventFilter(self)
        self._block = document.begin()
        self.slices = 0
        self._timer.start()  # the first slice runs on the next turn: the swap itself stays short

    def stop(self) -> None:
        self._timer.stop()
        self._block = None
        self._release()

    def _release(self) -> None:
        if self._layout is not None:
            self._layout.removeEventFilter(self)
            self._layout = None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        return watched is self._layout and event.type() == QEvent.Type.Timer

    def step(self) -> None:
        if self._block is None or self._layout is None:
            return
        layout, block = self._layout, self._block
        deadline = time.perf_counter() + LAYOUT_SLICE_S
        while block.isValid() and time.perf_counter() < deadline:
            layout.blockBoundingRect(block)
            block = block.next()
        self._block = block
        self.slices += 1
        self.longest_slice = max(self.longest_slice, time.perf_counter() - deadline + LAYOUT_SLICE_S)
        if not block.isValid():
            self.stop()
            layout.documentSizeChanged.emit(layout.documentSize())  # the scroll range, now final
            self.finished.emit()


class PreviewPane(QTextBrowser):
    """Shows rendered markdown. Feed it with :meth:`set_markdown`; it renders on its own schedule."""

    rendered = Signal()
    link_opened = Signal(QUrl)

    def __init__(self, theme: Theme, point_size: float = 16, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("preview")
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # typing always stays in the editor
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.anchorClicked.connect(self._on_anchor_clicked)
        self.base_dir: Path | None = None
        self.requested_resources: deque[QUrl] = deque(maxlen=KEEP_REQUESTS)  # what Qt asked for (tests: none remote)
        self.last_render_seconds = 0.0  # worker: markdown → HTML → document
        self.last_apply_seconds = 0.0  # GUI thread: swapping the document in
        self._theme = theme
        self._point_size = point_size
        self._text = ""
        self._source: Callable[[], str] | None = None  # where to read the newest text, when it is needed
        self._generation = 0
        self._applied_generation = 0
        self._busy = False
        self._dirty = False
        self._fraction = 0.0
        self._source_offset: int | None = None  # where the editor's view starts, when following it
        self._tops_key: tuple = ()
        self._tops: list[float] = []
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._signals = _Signals(self)
        self._signals.done.connect(self._on_rendered)
        self._driver = _LayoutDriver(self)
        self._driver.finished.connect(self._on_laid_out)
        self._idle = QTimer(self, singleShot=True, interval=IDLE_MS)
        self._idle.timeout.connect(self.render_now)
        self._deadline = QTimer(self, singleShot=True, interval=MAX_WAIT_MS)
        self._deadline.timeout.connect(self.render_now)
        self.apply_theme(theme, point_size)

    # -- appearance ---------------------------------------------------------------------------
    def apply_theme(self, theme: Theme, point_size: float | None = None) -> None:
        self._theme = theme
        if point_size is not None:
            self._point_size = point_size
        load_bundled_fonts()
        palette = theme.palette()  # a shade off the page, so the preview reads as a sheet beside it
        for role in (palette.ColorRole.Base, palette.ColorRole.Window):
            palette.setColor(role, theme.color("panel_background"))
        self.setPalette(palette)
        self.setAutoFillBackground(True)  # the margins around the column too
        self.viewport().setPalette(palette)
        font = writing_font(int(round(self._point_size)))
        self.setFont(font)
        self.document().setDefaultFont(font)
        self.document().setDefaultStyleSheet(qt_css(typography_for(theme), self._point_size))
        self.document().setDocumentMargin(0)
        self._update_margins()
        if self._applied_generation:
            self.schedule(immediately=True)  # the style sheet applies at parse time

    def _update_margins(self) -> None:
        metrics = QFontMetricsF(self.font())
        column = metrics.averageCharWidth() * 66
        width = self.width()
        side = max(int((width - min(column, max(width - 96, 200))) / 2), 48)
        top = max(int(self.height() * 0.08), 24)
        if self.viewportMargins().left() != side or self.viewportMargins().top() != top:
            self.setViewportMargins(side, top, side, max(int(self.height() * 0.06), 12))

    def resizeEvent(self, event) -> None:  # noqa: N802, ANN001
        rewrap = bool(self._applied_generation) and event.size().width() != event.oldSize().width()
        if rewrap:
            self._begin_layout()  # a new width means a new layout: from the top, in slices
        super().resizeEvent(event)
        self._update_margins()
        if rewrap:
            self._driver.start(self.document())

    # -- content ------------------------------------------------------------------------------
    def set_markdown(self, text: str, base_dir: Path | None = None, *, immediately: bool = False) -> None:
        self._text = text
        self._source = None
        self.base_dir = base_dir
        self.schedule(immediately=immediately)

    def text_changed(self, source: Callable[[], str], base_dir: Path | None = None) -> None:
        """The text changed; read it from ``source`` only when rendering. Copying a book out of the
        editor costs milliseconds, so it must not happen on every keystroke."""
        self._source = source
        self.base_dir = base_dir
        self.schedule()

    def schedule(self, *, immediately: bool = False) -> None:
        if immediately:
            self.render_now()
            return
        self._idle.start()
        if not self._deadline.isActive() and len(self._text) < LARGE_PIECE_CHARS:
            self._deadline.start()

    def render_now(self) -> None:
        self._idle.stop()
        self._deadline.stop()
        if self._busy:
            self._dirty = True  # one job in flight; the newest text follows when it lands
            return
        self._busy = True
        self._dirty = False
        if self._source is not None:
            self._text = self._source()
        self._generation += 1
        base = self.base_dir

        def image_exists(url: str) -> bool:
            return base is not None and _local_file(base, url) is not None

        document = self.document()
        self._pool.start(_RenderJob(self._generation, self._text, image_exists, document.defaultFont().toString(),
                                    document.defaultStyleSheet(), self.thread(), self._signals))

    def _on_rendered(self, generation: int, document: QTextDocument, seconds: float) -> None:
        self._busy = False
        self.last_render_seconds = seconds
        if self._dirty:
            self.render_now()  # stale already: render again, but still show this one meanwhile
        started = time.perf_counter()
        previous = self.document()
        ours = previous.parent() is self  # the first one belongs to Qt's text control, which deletes it
        document.setParent(self)  # ours now; and images resolve through our loadResource
        self._begin_layout()
        self.setDocument(document)
        if ours:
            previous.deleteLater()
        self._applied_generation = generation
        self._driver.start(document)
        self.last_apply_seconds = time.perf_counter() - started

    def _begin_layout(self) -> None:
        """Keep the last render on screen, and make the relayout Qt is about to do start at the top."""
        self.viewport().setUpdatesEnabled(False)
        self.verticalScrollBar().setValue(0)

    def _on_laid_out(self) -> None:
        if self._source_offset is not None:
            self.follow_source(self._source_offset, self._fraction)
        else:
            self.follow_fraction(self._fraction)
        self.viewport().setUpdatesEnabled(True)
        self.viewport().update()
        self.rendered.emit()

    def is_current(self) -> bool:
        """True when the page shows the newest text, laid out (nothing pending, in flight or in layout)."""
        return not (self._busy or self._dirty or self._idle.isActive() or self._deadline.isActive()
                    or self._driver.active)

    def wait_idle(self, timeout_s: float = 10.0) -> None:
        """For shutdown and tests: let an in-flight job finish."""
        self._pool.waitForDone(int(timeout_s * 1000))

    # -- scrolling ----------------------------------------------------------------------------
    def follow_fraction(self, fraction: float) -> None:
        """Scroll to the same proportion of the piece as the editor shows."""
        self._fraction = min(max(fraction, 0.0), 1.0)
        self._source_offset = None
        if self._driver.active:
            return  # the height is not known yet; applied when the layout is done
        bar = self.verticalScrollBar()
        bar.setValue(self._line_top_at(round(bar.maximum() * self._fraction)))

    def follow_source(self, offset: int, fraction: float) -> None:
        """Show the part of the piece that starts at code-point ``offset`` of the source.

        A plain proportion drifts by a whole section in a long piece (headings, quotes and
        images are taller on the rendered page than in the source), so the preview finds the
        source's section and puts the same share of the rendered section at its top. When the
        rendered headings do not pair with the source's (a heading inside raw HTML, say), it
        falls back to the proportion ``fraction``.
        """
        self._fraction = min(max(fraction, 0.0), 1.0)
        self._source_offset = offset
        if self._driver.active:
            return
        target = self._target_for_source(offset)
        bar = self.verticalScrollBar()
        if target is None or self._fraction >= 1.0:  # the editor shows the end: so does the preview
            target = bar.maximum() * self._fraction
        bar.setValue(self._line_top_at(round(min(max(target, 0.0), bar.maximum()))))

    def _target_for_source(self, offset: int) -> float | None:
        anchors = self.document().property("quill_anchors")
        if not isinstance(anchors, SourceAnchors):
            return None
        tops = self._heading_tops()
        if len(tops) == len(anchors.headings) + 1:
            tops = tops[1:]  # the front matter's title block leads, with no heading in the source
        if len(tops) != len(anchors.headings):
            return None
        section, within = anchors.locate(offset)
        start = tops[section] if section >= 0 else 0.0
        end = tops[section + 1] if section + 1 < len(tops) else self.document().size().height()
        return start + within * (end - start)

    def _heading_tops(self) -> list[float]:
        """The top of every heading block, in document coordinates (kept until the next render)."""
        key = (self._applied_generation, self.document().size().width())
        if self._tops_key != key:
            layout = self.document().documentLayout()
            tops, block = [], self.document().begin()
            while block.isValid():
                if block.blockFormat().headingLevel() > 0:
                    tops.append(layout.blockBoundingRect(block).top())
                block = block.next()
            self._tops_key, self._tops = key, tops
        return self._tops

    # -- whole lines at both edges ---------------------------------------------------------------
    def _line_at(self, y: float) -> tuple[float, float] | None:
        """(top, height) in document coordinates of the laid-out line at document height ``y``."""
        layout = self.document().documentLayout()
        position = layout.hitTest(QPointF(self.viewport().width() / 2, y), Qt.HitTestAccuracy.FuzzyHit)
        if position < 0:
            return None
        block = self.document().findBlock(position)
        text_layout = block.layout()
        if text_layout is None or text_layout.lineCount() == 0:
            return None
        line = text_layout.lineForTextPosition(position - block.position())
        if not line.isValid():
            return None
        return text_layout.position().y() + line.y(), line.height()

    def _line_top_at(self, value: int) -> int:
        """Scroll positions that would show a line cut at the top edge move to that line's top,
        so a following preview starts, like a page, with a whole line.

        Not at the end of the range: moving up from there pushes the last line under the bottom
        edge, where it is blanked, and the end of the piece could not be seen at all. At the end
        the line cut at the top is blanked instead (see :meth:`cut_line_bottom`)."""
        if value >= self.verticalScrollBar().maximum():
            return value
        found = self._line_at(value + 0.5)
        if found is None:
            return value
        top, height = found
        if top < value < top + height:
            return max(int(top), 0)
        return value

    def cut_line_top(self) -> int | None:
        """Where the line the viewport's bottom edge runs through starts (viewport coordinates), if
        the edge runs through one: it is left blank, as on the page."""
        scrolled = self.verticalScrollBar().value()
        bottom = self.viewport().height()
        found = self._line_at(scrolled + bottom - 1)
        if found is None:
            return None
        top, height = found[0] - scrolled, found[1]
        if 0 < top < bottom < top + height - 0.5 and self._blankable(height):
            return int(top)
        return None

    def cut_line_bottom(self) -> int | None:
        """Where the line the viewport's top edge runs through ends (viewport coordinates), if the
        edge runs through one: it is left blank too, so no half line shows at the top either
        (after the wheel, or at the end of the piece, where the range need not start on a line)."""
        scrolled = self.verticalScrollBar().value()
        found = self._line_at(scrolled + 0.5)
        if found is None:
            return None
        top, height = found[0] - scrolled, found[1]
        if top < -0.5 and 0 < top + height < self.viewport().height() and self._blankable(height):
            return int(math.ceil(top + height))
        return None

    def _blankable(self, height: float) -> bool:
        """A line of text (a heading's included), not an image or a table row as tall as several:
        hiding most of a picture because its edge is cut would hide more than it tidies."""
        return height <= 4 * QFontMetricsF(self.font()).lineSpacing()

    def scrollContentsBy(self, dx: int, dy: int) -> None:  # noqa: N802 - Qt override
        """Qt scrolls by moving the pixels already drawn, which would carry the blank over the
        bottom edge's line up into the text: paint the page afresh instead (the preview is not on
        the typing path, and a rendered page of mixed heights has no cheap smaller region)."""
        super().scrollContentsBy(dx, dy)
        if dy:
            self.viewport().update()

    def paintEvent(self, event) -> None:  # noqa: N802, ANN001
        super().paintEvent(event)
        cut, cut_above = self.cut_line_top(), self.cut_line_bottom()
        if cut is not None or cut_above is not None:
            viewport = self.viewport()
            painter = QPainter(viewport)
            background = viewport.palette().color(viewport.backgroundRole())
            if cut is not None:
                painter.fillRect(0, cut, viewport.width(), viewport.height() - cut, background)
            if cut_above is not None:
                painter.fillRect(0, 0, viewport.width(), cut_above, background)
            painter.end()

    # -- resources and links ------------------------------------------------------------------
    def loadResource(self, kind: int, url: QUrl) -> object:  # noqa: N802
        """Only local images beside the piece; never the network, never anything else."""
        self.requested_resources.append(QUrl(url))
        if kind != QTextDocument.ResourceType.ImageResource.value and kind != QTextDocument.ResourceType.ImageResource:
            return None
        if self.base_dir is None or not is_local_reference(url.toString()):
            return None
        path = _local_file(self.base_dir, url.toString())
        if path is None:
            return None
        image = QImage(str(path))
        if image.isNull():
            return None
        limit = max(int(self.viewport().width() * self.devicePixelRatioF()), 200)
        if image.width() > limit:
            image = image.scaledToWidth(limit, Qt.TransformationMode.SmoothTransformation)
        image.setDevicePixelRatio(self.devicePixelRatioF())
        return image

    def _on_anchor_clicked(self, url: QUrl) -> None:
        if url.scheme() == "" and url.path() == "" and url.hasFragment():
            self.scrollToAnchor(url.fragment())
            return
        if url.scheme() in ("http", "https", "mailto"):
            QDesktopServices.openUrl(url)
            self.link_opened.emit(url)
            return
        if self.base_dir is not None and is_local_reference(url.toString()):
            path = _local_file(self.base_dir, url.path())
            if path is not None:
                local = QUrl.fromLocalFile(str(path))
                QDesktopServices.openUrl(local)
                self.link_opened.emit(local)

    def shutdown(self) -> None:
        self._driver.stop()
        self._idle.stop()
        self._deadline.stop()
        self._signals.done.disconnect(self._on_rendered)
        self.wait_idle()


def _local_file(base: Path, reference: str) -> Path | None:
    """A relative reference resolved beside the piece, if it names an existing, reasonably sized file."""
    reference = QUrl(reference).path() or reference
    try:
        path = (base / reference).resolve()
        if path.is_file() and path.stat().st_size <= MAX_IMAGE_BYTES:
            return path
    except (OSError, ValueError):
        return None
    return None
