"""Common frame of the detail forms: fields with messages next to them, a banner for what
the operation refused, and the reload offer after a concurrent change (optimistic locking)."""

from collections.abc import Callable
from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from kitadesk.errors import ConcurrentChange, KitaDeskError
from kitadesk.ops.records import FIELD_LABELS
from kitadesk.ui.context import AppContext
from kitadesk.ui.widgets.fields import FieldBox

GESCHLECHT = (("", "–"), ("w", "weiblich"), ("m", "männlich"), ("d", "divers"))

# R-S1: fields the official statistics need carry this marker on their label
STATISTICS_MARK = "S"
STATISTICS_TIP = "Für die amtliche Statistik (R-S1) benötigt"
MARK_COLOR, MISSING_COLOR = "#1f4e79", "#9a5b00"  # info blue; amber as the warnings
STATISTICS_BADGE = (f'<span style="color:#ffffff; background-color:{MARK_COLOR}; font-size:7pt; font-weight:bold">'
                    f'&nbsp;{STATISTICS_MARK}&nbsp;</span>')


def statistics_label(label: str) -> QLabel:
    """Form label with the statistics marker (a small blue "S" badge) and its tooltip (R-S1)."""
    widget = QLabel(f"{escape(label)} {STATISTICS_BADGE}:")
    widget.setTextFormat(Qt.TextFormat.RichText)
    widget.setToolTip(STATISTICS_TIP)
    widget.setProperty("statistics", True)
    return widget


def missing_text(fields) -> str:
    """'Für die Statistik fehlen: …' (R-S1); '' when nothing is missing."""
    fields = list(fields)
    if not fields:
        return ""
    return f"Für die Statistik {'fehlt' if len(fields) == 1 else 'fehlen'}: {', '.join(fields)}"


class TriState(QComboBox):
    """ja / nein / not recorded (None) — for the statistics fields (R-S1)."""

    def __init__(self, none_text: str = "–", parent=None):
        super().__init__(parent)
        for text, value in ((none_text, ""), ("ja", "ja"), ("nein", "nein")):
            self.addItem(text, value)

    def value(self) -> bool | None:
        return {"ja": True, "nein": False}.get(self.currentData())

    def set_value(self, value: bool | None) -> None:
        self.setCurrentIndex(0 if value is None else 1 if value else 2)


class Banner(QFrame):
    """Red (or yellow) box at the top of a form; optional action button (e.g. "Neu laden")."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("banner")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.action = QPushButton()
        self.action.setAutoDefault(False)  # Enter saves the form, never the banner's hidden button
        self.action.setVisible(False)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.action, 0, Qt.AlignmentFlag.AlignTop)
        self._callback: Callable | None = None
        self.action.clicked.connect(self._run)
        self.setVisible(False)

    def show_message(self, text: str, kind: str = "error", action: str = "", callback: Callable | None = None):
        colors = {"error": ("#fde8ea", "#b00020"), "warn": ("#fff4df", "#9a5b00"), "info": ("#e8f1fb", "#1f4e79")}
        bg, fg = colors[kind]
        self.setStyleSheet(f"#banner {{ background: {bg}; border: 1px solid {fg}; border-radius: 3px; }}"
                           f"#banner QLabel {{ color: {fg}; }}")
        self.label.setText(text)
        self.action.setText(action)
        self.action.setVisible(bool(action))
        self._callback = callback
        self.setVisible(True)

    def clear(self) -> None:
        self.setVisible(False)
        self.label.setText("")

    def _run(self) -> None:
        if self._callback:
            self._callback()


class RecordForm(QDialog):
    """Subclasses build fields with `add_field` and implement `collect`, `problems`, `fill`, `save`."""

    saved = Signal(object)  # the ops Change

    def __init__(self, ctx: AppContext, title: str, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(title)
        self.boxes: dict[str, FieldBox] = {}
        self.version: int | None = None
        self.record_id: int | None = None
        self.change = None
        self._filling = False
        outer = QVBoxLayout(self)
        self.banner = Banner()
        outer.addWidget(self.banner)
        self.body = QWidget()
        self.scroll = QScrollArea()  # fits 1366×768 with a taskbar: the fields scroll, the buttons stay
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setWidget(self.body)
        outer.addWidget(self.scroll, 1)
        self.dirty = False  # something typed since the record was loaded
        self.read_only = False  # another desk's record (apply_edit_right)
        self.statistics_fields: set[str] = set()
        self.labels: dict[str, QLabel] = {}
        self.statistics_missing: tuple[str, ...] = ()
        self.statistics_bar = QWidget()  # missing fields (amber) and the marker's legend, R-S1
        bar = QHBoxLayout(self.statistics_bar)
        bar.setContentsMargins(2, 0, 2, 0)
        self.statistics_line = QLabel()
        self.statistics_line.setObjectName("statisticsMissing")
        self.statistics_line.setWordWrap(True)
        self.statistics_line.setStyleSheet(f"color: {MISSING_COLOR};")
        self.statistics_line.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.statistics_line.setVisible(False)
        legend = QLabel(f"{STATISTICS_BADGE} {STATISTICS_TIP}")
        legend.setStyleSheet("color: #555;")
        bar.addWidget(self.statistics_line, 1)
        bar.addWidget(legend, 0, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        self.statistics_bar.setVisible(False)
        outer.addWidget(self.statistics_bar)
        self.buttons = QDialogButtonBox()
        self.save_button = self.buttons.addButton("Speichern", QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button.setDefault(True)
        self.cancel_button = self.buttons.addButton("Abbrechen", QDialogButtonBox.ButtonRole.RejectRole)
        self.save_button.clicked.connect(self.on_save)
        self.cancel_button.clicked.connect(self.cancel)
        self.cancel_button.setAutoDefault(False)
        outer.addWidget(self.buttons)
        self.save_shortcut = QShortcut(QKeySequence.StandardKey.Save, self)  # Strg+S
        self.save_shortcut.activated.connect(self._save_shortcut)

    # -- office habits: Enter = Speichern, Strg+S, Esc asks before typed data is lost
    def _save_shortcut(self) -> None:
        if self.save_button.isEnabled() and self.save_button.isVisible():
            self.on_save()

    def showEvent(self, event) -> None:
        for button in self.findChildren(QPushButton):
            if button is not self.save_button:
                button.setAutoDefault(False)
        self.save_button.setDefault(True)
        screen = self.screen().availableGeometry() if self.screen() else None
        if screen is not None:
            self.setMaximumHeight(screen.height())
            if self.height() > screen.height() - 40:
                self.resize(self.width(), screen.height() - 40)
        super().showEvent(event)

    def preset(self, edit: QLineEdit, text: str) -> None:
        """A default in a new form (e.g. Ort = Moers): shown, but not something the user typed."""
        self._filling = True
        try:
            edit.setText(text)
        finally:
            self._filling = False

    def discard_ok(self) -> bool:
        """True when nothing typed would be lost, or the user agrees to lose it."""
        if not (self.dirty and self.save_button.isVisible() and self.save_button.isEnabled()):
            return True
        answer = QMessageBox.question(
            self, "Änderungen verwerfen?", "Sie haben Änderungen eingegeben, die noch nicht gespeichert sind.\n\n"
            "Änderungen verwerfen?", QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def cancel(self) -> None:
        """Esc and "Abbrechen": ask before typed data is thrown away."""
        if self.discard_ok():
            self.reject()

    def keyPressEvent(self, event) -> None:
        if event.key() == Qt.Key.Key_Escape and not event.modifiers():
            self.cancel()
            return
        super().keyPressEvent(event)

    def closeEvent(self, event) -> None:
        if event.spontaneous() and not self.discard_ok():  # the window's ✕, not a close by the program
            event.ignore()
            return
        super().closeEvent(event)

    def apply_edit_right(self, *srts: str) -> bool:
        """Records of another desk open read-only with a banner saying who may edit them
        (instead of a refusal only at Speichern). True when the user may edit."""
        actor = self.ctx.actor
        if any(actor.has("daten_eigenes_srt", srt) for srt in srts if srt):
            return True
        self.read_only = True
        for box in self.boxes.values():
            box.field.setEnabled(False)
        self.save_button.setVisible(False)
        self.cancel_button.setText("Schließen")
        where = " / ".join(f"SRT {srt}" for srt in dict.fromkeys(s for s in srts if s))
        self.banner.show_message(
            f"Nur lesen: Datensatz des {where}. Ändern dürfen die Sachbearbeitung dieses SRT und die Leitung "
            f"(Ihr SRT: {actor.srt or '–'}).", "info")
        return False

    # -- building
    @staticmethod
    def group(title: str) -> tuple[QGroupBox, QFormLayout]:
        box = QGroupBox(title)
        form = QFormLayout(box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        return box, form

    def add_field(self, form: QFormLayout, name: str, label: str, widget: QWidget, hint: str = "",
                  statistics: bool = False) -> QWidget:
        """A field with its message line; `statistics=True` marks a field the official statistics
        need (R-S1): marker and tooltip on the label, and the form shows the line of missing fields."""
        box = FieldBox(widget, hint)
        self.boxes[name] = box
        if statistics:
            self.labels[name] = statistics_label(label)
            self.statistics_fields.add(name)
            widget.setToolTip("\n".join(filter(None, (hint, STATISTICS_TIP))))
            self.statistics_bar.setVisible(True)
        else:
            self.labels[name] = QLabel(label + ":")
        form.addRow(self.labels[name], box)
        signal = getattr(widget, "changed", None) or getattr(widget, "textChanged", None) \
            or getattr(widget, "currentIndexChanged", None) or getattr(widget, "valueChanged", None) \
            or getattr(widget, "toggled", None)
        if signal is not None:
            signal.connect(self._on_edit)
        return widget

    @staticmethod
    def line(max_length: int = 0) -> QLineEdit:
        edit = QLineEdit()
        if max_length:
            edit.setMaxLength(max_length)
        return edit

    @staticmethod
    def combo(items, current: str = "") -> QComboBox:
        combo = QComboBox()
        for item in items:
            value, text = item if isinstance(item, tuple) else (item, item)
            combo.addItem(text, value)
        combo.setCurrentIndex(max(combo.findData(current), 0))
        return combo

    # -- validation
    def _on_edit(self, *_args) -> None:
        if not self._filling:
            self.dirty = True
            self.validate()

    def validate(self) -> bool:
        """Show every problem next to its field; True when the form can be saved."""
        problems: dict[str, str] = {}
        data = None
        try:
            data = self.collect(problems)
        except ValueError as exc:  # a parse error not tied to one field
            problems.setdefault("_", str(exc))
        if data is not None:
            for name, text in self.problems(data).items():
                problems.setdefault(name, text)
            self.show_missing(self.missing_for_statistics(data))
        self.show_problems(problems)
        return not problems

    def refresh_statistics(self) -> None:
        """Update the line of missing statistics fields without showing validation messages
        (a new, still empty form)."""
        try:
            data = self.collect({})
        except ValueError:
            return
        if data is not None:
            self.show_missing(self.missing_for_statistics(data))

    def show_missing(self, fields) -> None:
        self.statistics_missing = tuple(fields or ())
        self.statistics_line.setText(missing_text(self.statistics_missing))
        self.statistics_line.setVisible(bool(self.statistics_missing))

    def show_problems(self, problems: dict[str, str]) -> None:
        for name, box in self.boxes.items():
            box.set_error(problems.get(name))

    def read(self, name: str, problems: dict[str, str]):
        """Value of a field; a parse error is noted for that field (None returned)."""
        widget = self.boxes[name].field
        try:
            if isinstance(widget, TriState):
                return widget.value()
            if hasattr(widget, "value") and not hasattr(widget, "currentData"):
                return widget.value()
            if isinstance(widget, QComboBox):
                return widget.currentData()
            if isinstance(widget, QAbstractButton):
                return widget.isChecked()
            if isinstance(widget, QPlainTextEdit):
                return widget.toPlainText().strip()
            return widget.text().strip()
        except ValueError as exc:
            problems[name] = str(exc)
            return None

    # -- saving
    def on_save(self) -> None:
        if not self.validate():
            self.banner.show_message("Bitte die markierten Felder prüfen.")
            self.focus_first_error()
            return
        if self.before_save():
            self.run(self.save)

    def before_save(self) -> bool:
        """Pre-save hook (e.g. widgets/duplicate_warning.confirm_no_duplicate): False keeps the form open."""
        return True

    def run(self, action: Callable) -> bool:
        """Run an operation; show its refusal in the banner (and at the fields it names)."""
        try:
            change = action()
        except ConcurrentChange as exc:
            self.banner.show_message(str(exc), "error", "Neu laden", self.reload)
            return False
        except KitaDeskError as exc:
            self.show_refusal(exc)
            return False
        self.banner.clear()
        if change is not None:
            self.dirty = False
            self.change = change
            self.ctx.bus.notify(change.changes)  # the op's change set (ops/changes.py)
            self.saved.emit(change)
            self.after_save(change)
        return True

    def show_refusal(self, exc: KitaDeskError) -> None:
        self.banner.show_message(str(exc))
        by_label = {label: name for name, label in FIELD_LABELS.items()}
        per_field = {}
        for problem in getattr(exc, "problems", []):
            label, _, text = problem.partition(": ")
            if label in by_label and by_label[label] in self.boxes:
                per_field[by_label[label]] = text
        if per_field:
            self.show_problems(per_field)

    def focus_first_error(self) -> None:
        for box in self.boxes.values():
            if box.error:
                box.field.setFocus()
                return

    def after_save(self, change) -> None:
        self.accept()

    def reload(self) -> None:
        """Load the stored record again (after a concurrent change)."""
        self.banner.clear()
        self.load()
        self.banner.show_message("Neu geladen – bitte die Änderung erneut eingeben.", "info")

    # -- subclass API
    def collect(self, problems: dict[str, str]):
        raise NotImplementedError

    def problems(self, data) -> dict[str, str]:
        return {}

    def missing_for_statistics(self, data) -> tuple[str, ...]:
        """Labels of the fields the official statistics miss (from kitadesk.domain.statistics)."""
        return ()

    def load(self) -> None:
        raise NotImplementedError

    def save(self):
        raise NotImplementedError
