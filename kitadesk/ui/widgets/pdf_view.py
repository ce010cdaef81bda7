"""A zoomable view of ALL pages of a PDF (issue 14.3): pages one below the other in a scroll area,
"−" / "+" / "Seitenbreite" (Strg+Minus, Strg+Plus, Strg+0; Strg+Mausrad), "Seite x von y".

Pages are painted from a bitmap of the current zoom, rendered by PDFium when a page first comes
into view (kept per page until the zoom changes), so scrolling costs nothing and any zoom is sharp.
"""

from __future__ import annotations

import pypdfium2 as pdfium
from PySide6.QtCore import QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QImage, QKeySequence, QPainter, QShortcut
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QScrollArea, QVBoxLayout, QWidget

from kitadesk.ui.pdf_paint import pdf_lock

ZOOMS = (0.25, 0.33, 0.5, 0.67, 0.75, 0.9, 1.0, 1.25, 1.5, 2.0, 3.0, 4.0)
PX_PER_PT = 96 / 72  # 100 % = the page's real size on a 96-dpi screen
GAP = 12  # pixels between pages and around them
KEEP = 4  # rendered pages kept before and after the visible ones


class _Pages(QWidget):
    """The pages at the current zoom, painted lazily."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.sizes: list[tuple[float, float]] = []  # points
        self.zoom = 1.0
        self.pdf: bytes | None = None
        self._images: dict[int, QImage] = {}
        self._rects: list[QRect] = []  # pages at the current zoom, left edge not yet centred

    def set_pdf(self, pdf: bytes | None) -> None:
        self.pdf, self._images, self.sizes = pdf or None, {}, []
        if pdf:
            with pdf_lock:
                doc = pdfium.PdfDocument(pdf)
                self.sizes = [doc.get_page_size(i) for i in range(len(doc))]
                doc.close()
        self._relayout()

    def set_zoom(self, zoom: float) -> None:
        self.zoom, self._images = zoom, {}
        self._relayout()

    def page_rect(self, index: int) -> QRect:
        if not 0 <= index < len(self._rects):
            return QRect()
        rect = QRect(self._rects[index])
        rect.moveLeft(max(GAP, (self.width() - rect.width()) // 2))
        return rect

    def _relayout(self) -> None:
        self._rects, top = [], GAP
        for w, h in self.sizes:
            size = QSize(round(w * PX_PER_PT * self.zoom), round(h * PX_PER_PT * self.zoom))
            self._rects.append(QRect(GAP, top, size.width(), size.height()))
            top += size.height() + GAP
        width = max((w for w, _ in self.sizes), default=0) * PX_PER_PT * self.zoom
        height = sum(h for _, h in self.sizes) * PX_PER_PT * self.zoom + GAP * (len(self.sizes) + 1)
        self.setMinimumSize(round(width) + 2 * GAP, round(height))
        self.resize(self.minimumWidth(), self.minimumHeight())  # the scroll area centres it
        self.update()

    def _render(self, indexes: list[int]) -> None:
        """Bitmaps of the pages not rendered at this zoom yet (PDFium, one document opening)."""
        missing = [i for i in indexes if i not in self._images]
        if not missing or not self.pdf:
            return
        ratio = self.devicePixelRatioF()
        with pdf_lock:
            doc = pdfium.PdfDocument(self.pdf)
            try:
                for index in missing:
                    page = doc[index]
                    bitmap = page.render(scale=PX_PER_PT * self.zoom * ratio).to_pil().convert("RGB")
                    page.close()
                    image = QImage(bitmap.tobytes(), bitmap.width, bitmap.height, 3 * bitmap.width,
                                   QImage.Format.Format_RGB888).copy()
                    image.setDevicePixelRatio(ratio)
                    self._images[index] = image
            finally:
                doc.close()

    def paintEvent(self, event) -> None:
        area = event.rect()
        visible = [i for i, r in enumerate(self._rects) if r.top() <= area.bottom() and r.bottom() >= area.top()]
        if visible:  # keep the bitmaps near the view only (a print bundle has hundreds of pages)
            near = range(visible[0] - KEEP, visible[-1] + KEEP + 1)
            self._images = {i: image for i, image in self._images.items() if i in near}
        self._render(visible)
        painter = QPainter(self)
        painter.fillRect(event.rect(), QColor("#8a8f96"))
        for i in visible:
            if i in self._images:
                painter.drawImage(self.page_rect(i), self._images[i])
        painter.end()


class PdfView(QWidget):
    """Preview of a PDF: every page, zoom in/out/fit width. `set_pdf(bytes, caption)`, `show_text(text)`."""

    zoomChanged = Signal(float)

    def __init__(self, parent=None, fit: bool = True):
        super().__init__(parent)
        self.fit = fit  # follow the width of the view until the user zooms
        self.caption = QLabel("Vorschau")
        self.caption.setWordWrap(True)
        self.pages = _Pages()
        self.area = QScrollArea()
        self.area.setWidget(self.pages)
        self.area.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.area.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.area.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)  # fit width stays put
        self.area.verticalScrollBar().valueChanged.connect(self._update_page_label)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.zoom_out = self._button("−", "Verkleinern (Strg+Minus)", self.zoom_step, -1)
        self.zoom_in = self._button("+", "Vergrößern (Strg+Plus)", self.zoom_step, 1)
        self.fit_button = self._button("Seitenbreite", "An die Breite anpassen (Strg+0)", self.fit_width)
        self.zoom_label, self.page_label = QLabel("100 %"), QLabel("")
        bar = QHBoxLayout()
        for widget in (self.zoom_out, self.zoom_label, self.zoom_in, self.fit_button):
            bar.addWidget(widget)
        bar.addStretch(1)
        bar.addWidget(self.page_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.caption)
        layout.addLayout(bar)
        layout.addWidget(self.message, 1)  # either the message or the pages take the height
        layout.addWidget(self.area, 1)
        self.message.hide()
        for keys, slot in (((QKeySequence.StandardKey.ZoomIn, "Ctrl+="), lambda: self.zoom_step(1)),
                           ((QKeySequence.StandardKey.ZoomOut,), lambda: self.zoom_step(-1)),
                           (("Ctrl+0",), self.fit_width)):
            for key in keys:
                shortcut = QShortcut(QKeySequence(key), self)
                shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
                shortcut.activated.connect(slot)
        self.area.viewport().installEventFilter(self)

    def _button(self, text: str, tip: str, slot, *args) -> QPushButton:
        button = QPushButton(text)
        button.setToolTip(tip)
        button.setAutoDefault(False)
        button.clicked.connect(lambda: slot(*args))
        return button

    # -- content
    @property
    def page_count(self) -> int:
        return len(self.pages.sizes)

    @property
    def zoom(self) -> float:
        return self.pages.zoom

    def set_pdf(self, pdf: bytes | None, caption: str | None = None) -> None:
        if caption is not None:
            self.caption.setText(caption)
        self.message.hide()
        self.area.show()
        self._enable(True)
        self.pages.set_pdf(pdf)
        if self.fit:
            self.fit_width()
        self.area.verticalScrollBar().setValue(0)
        self._update_page_label()

    def show_text(self, text: str, caption: str | None = None) -> None:
        """A message instead of pages (nothing selected, letter not possible, loading …)."""
        if caption is not None:
            self.caption.setText(caption)
        self.pages.set_pdf(None)
        self.message.setText(text)
        self.message.show()
        self.area.hide()
        self._enable(False)
        self.page_label.setText("")

    def _enable(self, on: bool) -> None:
        for widget in (self.zoom_out, self.zoom_in, self.fit_button):
            widget.setEnabled(on)

    # -- zoom
    def set_zoom(self, zoom: float) -> None:
        zoom = max(ZOOMS[0], min(ZOOMS[-1], zoom))
        bar = self.area.verticalScrollBar()
        share = bar.value() / max(1, self.pages.height())
        self.pages.set_zoom(zoom)
        bar.setValue(round(share * self.pages.height()))
        self.zoom_label.setText(f"{round(zoom * 100)} %")
        self.zoomChanged.emit(zoom)

    def zoom_step(self, direction: int) -> None:
        self.fit = False
        now = self.zoom
        steps = [z for z in ZOOMS if (z > now + 0.001 if direction > 0 else z < now - 0.001)]
        if steps:
            self.set_zoom(steps[0] if direction > 0 else steps[-1])

    def fit_width(self) -> None:
        self.fit = True
        widest = max((w for w, _ in self.pages.sizes), default=595)
        available = self.area.viewport().width() - 2 * GAP - 2
        self.set_zoom(max(ZOOMS[0], available / (widest * PX_PER_PT)))

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if self.fit and self.page_count:
            self.fit_width()

    def eventFilter(self, watched, event) -> bool:
        if event.type() == event.Type.Wheel and event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.zoom_step(1 if event.angleDelta().y() > 0 else -1)
            return True
        return super().eventFilter(watched, event)

    def _update_page_label(self) -> None:
        if not self.page_count:
            self.page_label.setText("")
            return
        middle = self.area.verticalScrollBar().value() + self.area.viewport().height() // 2
        current = next((i for i in range(self.page_count) if self.pages.page_rect(i).bottom() + GAP >= middle),
                       self.page_count - 1)
        self.page_label.setText(f"Seite {current + 1} von {self.page_count}")


class PdfDialog(QDialog):
    """A large preview window of a PDF with the actions the caller adds (e.g. "Drucken …")."""

    def __init__(self, parent: QWidget | None, title: str, pdf: bytes, caption: str, actions=()):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.view = PdfView(self)
        self.view.set_pdf(pdf, caption)
        bar = QHBoxLayout()
        bar.addStretch(1)
        for text, slot in actions:
            action = QPushButton(text)
            action.setAutoDefault(False)
            action.clicked.connect(lambda *_, s=slot: s())
            bar.addWidget(action)
        close = QPushButton("Schließen")
        close.clicked.connect(self.accept)
        close.setDefault(True)
        bar.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addLayout(bar)
        self.resize(900, 700)
