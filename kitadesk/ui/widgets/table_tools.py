"""Office habits on every table (issue 14 item 6): Strg+C copies the selected rows as
tab-separated text with a header (pastes into Excel), a context menu (Öffnen, Kopieren,
Liste exportieren), "Liste exportieren (Excel)" with "Öffnen" / "Ordner öffnen" afterwards."""

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import QObject, QStandardPaths, Qt, QUrl
from PySide6.QtGui import QAction, QDesktopServices, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QFileDialog, QMenu, QMessageBox, QTableView

from kitadesk.ui.models.base import SORT_ROLE


def table_text(table: QTableView, rows: list[int] | None = None) -> str:
    """The given (default: selected) rows of the view, visible columns, as TSV with a header."""
    model = table.model()
    columns = [c for c in range(model.columnCount()) if not table.isColumnHidden(c)]
    if rows is None:
        rows = sorted({i.row() for i in table.selectionModel().selectedRows()})
    lines = ["\t".join(_clean(model.headerData(c, Qt.Orientation.Horizontal)) for c in columns)]
    for r in rows:
        lines.append("\t".join(_clean(model.index(r, c).data()) for c in columns))
    return "\r\n".join(lines) + "\r\n"


def _clean(value) -> str:
    return "" if value is None else str(value).replace("\t", " ").replace("\r", " ").replace("\n", " ")


def table_values(table: QTableView) -> tuple[list[str], list[list]]:
    """Header and every shown row with real values (dates, numbers) for the Excel export."""
    model = table.model()
    columns = [c for c in range(model.columnCount()) if not table.isColumnHidden(c)]
    header = [_clean(model.headerData(c, Qt.Orientation.Horizontal)) for c in columns]
    rows = []
    for r in range(model.rowCount()):
        values = []
        for c in columns:
            index = model.index(r, c)
            real = index.data(SORT_ROLE)
            values.append(real if isinstance(real, (date, int)) or type(real).__name__ == "Decimal"
                          else _clean(index.data()))
        rows.append(values)
    return header, rows


class TableTools(QObject):
    """Installs copy, context menu and list export on `table`. `export(path, header, rows)` is the
    operation that writes the file (raises KitaDeskError); `open_row(row)` opens a record."""

    def __init__(self, table: QTableView, title: str, export: Callable[[Path, list, list], Path] | None = None,
                 open_row: Callable[[int], None] | None = None, status: Callable[[str], None] | None = None):
        super().__init__(table)
        self.table, self.title, self.export, self.open_row = table, title, export, open_row
        self.status = status or (lambda text: None)
        self.last_export: Path | None = None
        table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.copy_action = QAction("Kopieren", table)
        self.copy_action.setShortcut(QKeySequence.StandardKey.Copy)
        self.copy_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.copy_action.triggered.connect(self.copy)
        table.addAction(self.copy_action)
        self.export_action = QAction("Liste exportieren (Excel) …", table)
        self.export_action.setToolTip("Auch über Datei → Liste exportieren (Strg+E)")
        self.export_action.triggered.connect(self.ask_export)
        self.export_action.setEnabled(export is not None)
        table.addAction(self.export_action)
        table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        table.customContextMenuRequested.connect(self.menu)

    def copy(self) -> str:
        text = table_text(self.table)
        QGuiApplication.clipboard().setText(text)
        count = text.count("\r\n") - 1
        self.status(f"{count} Zeile{'n' if count != 1 else ''} kopiert – in Excel mit Strg+V einfügen.")
        return text

    def menu(self, pos) -> QMenu:
        menu = QMenu(self.table)
        index = self.table.indexAt(pos)
        if self.open_row is not None and index.isValid():
            menu.addAction("Öffnen", lambda: self.open_row(index.row()))
        menu.addAction(self.copy_action)
        menu.addAction(self.export_action)
        if not QGuiApplication.platformName() == "offscreen":
            menu.popup(self.table.viewport().mapToGlobal(pos))
        return menu

    def ask_export(self) -> Path | None:
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        suggestion = str(Path(folder) / f"{self.title} {date.today():%Y-%m-%d}.xlsx")
        path, _ = QFileDialog.getSaveFileName(self.table, "Liste exportieren", suggestion, "Excel-Arbeitsmappe (*.xlsx)")
        return self.export_to(Path(path), ask_open=True) if path else None

    def export_to(self, path: Path, ask_open: bool = False) -> Path | None:
        from kitadesk.errors import KitaDeskError

        if path.suffix.lower() != ".xlsx":
            path = path.with_name(path.name + ".xlsx")
        header, rows = table_values(self.table)
        try:
            written = self.export(path, header, rows)
        except KitaDeskError as exc:
            QMessageBox.warning(self.table, "Liste exportieren", str(exc))
            return None
        self.last_export = written
        self.status(f"Gespeichert: {written} ({len(rows)} Zeilen).")
        if ask_open:
            offer_open(self.table, written)
        return written


def offer_open(parent, path: Path) -> None:
    """After an export: "Öffnen", "Ordner öffnen" or "Schließen"."""
    box = QMessageBox(QMessageBox.Icon.Information, "Gespeichert", f"Gespeichert:\n{path}", parent=parent)
    open_file = box.addButton("Öffnen", QMessageBox.ButtonRole.AcceptRole)
    open_folder = box.addButton("Ordner öffnen", QMessageBox.ButtonRole.ActionRole)
    box.addButton("Schließen", QMessageBox.ButtonRole.RejectRole)
    box.exec()
    if box.clickedButton() is open_file:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
    elif box.clickedButton() is open_folder:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path.parent)))
