"""Fee tables (Beitragstabellen, Anlage 2 of the Elternbeitragssatzung, R-E1, berechnung.md §9)
on the settings screen: per age group a grid of income brackets × weekly hours bands with
"gültig ab"; add/edit, import and export as `.xlsx` (sheet Beitragstabelle, interfaces.md §3).
A table is saved only when complete (ops.rate_tables.save_fee_table)."""

from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from kitadesk.domain.fee_table import AGES, FeeCell, FeeTable
from kitadesk.domain.money import cents
from kitadesk.formats import day, hours, money, number
from kitadesk.ops.rate_tables import fee_tables, import_fee_tables_xlsx, save_fee_table, write_fee_table_xlsx
from kitadesk.ui.widgets.fields import DateField, parse_decimal
from kitadesk.ui.widgets.settings_tab import EditorDialog, SettingsTab, call_op

XLSX_FILTER = "Excel-Arbeitsmappe (*.xlsx)"
DEFAULT_BANDS = (Decimal(25), Decimal(35), Decimal(45))  # Moers (berechnung.md §9)


def bracket_label(bound: Decimal | None) -> str:
    return "darüber" if bound is None else f"bis {money(bound)}"


def band_label(band: Decimal) -> str:
    return f"bis {hours(band)} Std."


def parse_list(text: str, what: str) -> list[Decimal]:
    """'18.000; 24000' → [18000, 24000] (ascending, no duplicates); ValueError in German."""
    values = []
    for part in text.replace("\n", ";").split(";"):
        if part.strip():
            value = parse_decimal(part)
            if value is None or value <= 0:
                raise ValueError(f"{what}: „{part.strip()}“ muss eine Zahl größer als 0 sein.")
            values.append(value)
    if not values:
        raise ValueError(f"{what}: bitte mindestens einen Wert angeben.")
    return sorted(set(values))


class FeeGrid(QTableWidget):
    """One age group: rows = brackets (ascending, top bracket last), columns = bands."""

    def __init__(self, alter: str, editable: bool = False, parent=None):
        super().__init__(parent)
        self.alter = alter
        self.brackets: list[Decimal | None] = []
        self.bands: list[Decimal] = []
        self.setAlternatingRowColors(True)
        self.horizontalHeader().setDefaultSectionSize(110)
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.verticalHeader().setMinimumWidth(130)
        if not editable:
            self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)

    def set_grid(self, brackets: list, bands: list, values: dict) -> None:
        """values: (einkommen_bis, stunden_bis) → Decimal or text."""
        self.brackets, self.bands = list(brackets), list(bands)
        self.clear()
        self.setRowCount(len(self.brackets))
        self.setColumnCount(len(self.bands))
        self.setVerticalHeaderLabels([bracket_label(b) for b in self.brackets])
        self.setHorizontalHeaderLabels([band_label(b) for b in self.bands])
        for r, bound in enumerate(self.brackets):
            for c, band in enumerate(self.bands):
                value = values.get((bound, band))
                text = number(value, 2) if isinstance(value, Decimal) else (value or "")
                item = QTableWidgetItem(text)
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.setItem(r, c, item)

    def values(self) -> dict:
        """(einkommen_bis, stunden_bis) → cell text (as typed)."""
        return {(bound, band): (self.item(r, c).text() if self.item(r, c) else "")
                for r, bound in enumerate(self.brackets) for c, band in enumerate(self.bands)}


def grids_for(table: FeeTable | None, editable: bool) -> tuple[QTabWidget, dict[str, FeeGrid]]:
    tabs, grids = QTabWidget(), {}
    brackets = list(table.brackets) if table else [Decimal(18000), None]
    bands = list(table.bands) if table else list(DEFAULT_BANDS)
    for alter in AGES:
        grid = grids[alter] = FeeGrid(alter, editable)
        values = {(c.einkommen_bis, c.stunden_bis): c.beitrag for c in table.cells if c.alter == alter} if table else {}
        grid.set_grid(brackets, bands, values)
        tabs.addTab(grid, f"Kinder {alter} Jahre" if alter == "ab 3" else f"Kinder {alter} Jahren")
    return tabs, grids


class FeeTableDialog(EditorDialog):
    """Edit a fee table: Gültig ab, brackets and bands, then the cells per age group."""

    def __init__(self, table: FeeTable | None, title: str, on_save: Callable[[FeeTable], None], parent=None):
        super().__init__(title, parent)
        self.resize(760, 560)
        self.on_save = on_save
        layout = self.body
        form = QFormLayout()
        self.date = DateField(table.gueltig_ab if table else None)
        form.addRow("Gültig ab", self.date)
        brackets = [b for b in table.brackets if b is not None] if table else [Decimal(18000)]
        self.brackets = QLineEdit("; ".join(number(b, 0) for b in brackets))
        self.brackets.setToolTip("Obergrenzen der Einkommensstufen (Jahreseinkommen, einschließlich), durch ; "
                                 "getrennt; die oberste Stufe „darüber“ kommt immer dazu.")
        self.bands = QLineEdit("; ".join(hours(b) for b in (table.bands if table else DEFAULT_BANDS)))
        self.bands.setToolTip("Stundenbänder: Wochenstunden bis (einschließlich), durch ; getrennt")
        regrid = QPushButton("Raster anpassen")
        regrid.clicked.connect(self.regrid)
        row = QHBoxLayout()
        row.addWidget(self.bands)
        row.addWidget(regrid)
        form.addRow("Einkommensstufen bis (€)", self.brackets)
        form.addRow("Stundenbänder bis (Std.)", row)
        layout.addLayout(form)
        self.tabs, self.grids = grids_for(table, editable=True)
        layout.addWidget(self.tabs, 1)
        self.save_button = self.add_buttons((("Speichern", self._save),), "Abbrechen")["Speichern"]

    def regrid(self) -> bool:
        """Rebuild both grids from the brackets and bands fields, keeping the typed values."""
        try:
            brackets = [*parse_list(self.brackets.text(), "Einkommensstufen"), None]
            bands = parse_list(self.bands.text(), "Stundenbänder")
        except ValueError as exc:
            self.show_error(str(exc))
            return False
        for grid in self.grids.values():
            grid.set_grid(brackets, bands, grid.values())
        self.show_error("")
        return True

    def _entered(self) -> FeeTable:
        """The entered table; ValueError listing unreadable cells; gaps are left to FeeTable.errors()."""
        problems, cells = [], []
        try:
            gueltig_ab = self.date.value()
        except ValueError as exc:
            raise ValueError(f"Gültig ab: {exc}") from None
        if gueltig_ab is None:
            raise ValueError("Gültig ab: bitte angeben.")
        for alter, grid in self.grids.items():
            for (bound, band), text in grid.values().items():
                where = f"{alter}, {bracket_label(bound)}, {band_label(band)}"
                try:
                    value = parse_decimal(text)
                except ValueError as exc:
                    problems.append(f"{where}: {exc}")
                    continue
                if value is not None:
                    cells.append(FeeCell(alter, bound, band, cents(value)))
        if problems:
            raise ValueError("\n".join(problems))
        return FeeTable(gueltig_ab, tuple(cells))

    def _save(self, table: FeeTable) -> bool:
        self.on_save(table)
        return True

    def table(self) -> FeeTable:
        if not self.regrid():
            raise ValueError(self.error.text())
        return self._entered()


class FeesTab(SettingsTab):
    """Fee tables: list by Gültig ab, preview of the selected one, add/edit, import/export (.xlsx)."""

    INTRO = ("Elternbeiträge je Monat nach Jahreseinkommen der Familie (Stufe) und Wochenstunden (Band), je eine "
             "Tabelle für Kinder unter 3 und ab 3 Jahren. Eine Tabelle muss vollständig sein.")
    READ_ONLY_HINT = ("Nur lesen: Beitragstabellen ändern dürfen Benutzer mit dem Recht „Einstellungen ändern“ "
                      "(Administration).")

    def __init__(self, ctx, on_saved: Callable[[], None] = lambda: None, parent=None):
        super().__init__(ctx, on_saved, parent)
        self.rows = []
        self.dialog: FeeTableDialog | None = None
        self._last_dir = Path.home()
        self.list = QListWidget()
        self.list.currentRowChanged.connect(self._show)
        self.preview = QWidget()
        self.preview_layout = QVBoxLayout(self.preview)
        self.preview_layout.setContentsMargins(0, 0, 0, 0)
        split = QSplitter()
        split.addWidget(self.list)
        split.addWidget(self.preview)
        split.setSizes([220, 800])
        self.body.addWidget(split, 1)
        self.status.setStyleSheet("")
        self.body.addWidget(self.status)
        self.new_button = self.button("Neu …", self.new, editing=False)   # states: reload
        self.edit_button = self.button("Bearbeiten …", self.edit, editing=False)
        self.import_button = self.button("Import aus Excel …", self.import_xlsx, editing=False)
        self.export_button = self.button("Export nach Excel …", self.export_xlsx, editing=False)
        self.button_bar(self.import_button, self.export_button, left=(self.new_button, self.edit_button),
                        status=False)
        self.reload()

    def reload(self, select_id: int | None = None) -> None:
        self.rows = fee_tables(self.ctx.store)
        self.list.clear()
        for row in self.rows:
            t = row.table
            problems = t.errors()
            note = " · Beispielwerte" if t.is_example else ""
            note += " · unvollständig" if problems else ""
            self.list.addItem(f"gültig ab {day(t.gueltig_ab)}{note}")
        ids = [r.id for r in self.rows]
        self.list.setCurrentRow(ids.index(select_id) if select_id in ids else (0 if self.rows else -1))
        for b in (self.new_button, self.import_button):
            b.setEnabled(self.editable)
        self.edit_button.setEnabled(self.editable and bool(self.rows))
        self.export_button.setEnabled(bool(self.rows))
        if not self.rows:
            self._show(-1)

    def selected(self):
        row = self.list.currentRow()
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def _show(self, _row: int) -> None:
        while self.preview_layout.count():
            widget = self.preview_layout.takeAt(0).widget()
            if widget is not None:
                widget.deleteLater()
        row = self.selected()
        if row is None:
            self.preview_layout.addWidget(QLabel("Noch keine Beitragstabelle erfasst."))
            return
        tabs, self.preview_grids = grids_for(row.table, editable=False)
        self.preview_layout.addWidget(tabs)

    def _open(self, dialog: FeeTableDialog) -> FeeTableDialog:
        self.dialog = dialog
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def _saved(self, table_id: int, text: str) -> None:
        self.reload(table_id)
        self.status.setText(text)
        self.on_saved()

    def new(self):
        base = self.selected()

        def save(table: FeeTable) -> None:
            self._saved(save_fee_table(self.ctx.store, self.ctx.user, table), "Beitragstabelle gespeichert.")

        start = FeeTable(None, base.table.cells) if base else None
        return self._open(FeeTableDialog(start, "Neue Beitragstabelle", save, self))

    def edit(self):
        row = self.selected()
        if row is None:
            return None

        def save(table: FeeTable) -> None:
            self._saved(save_fee_table(self.ctx.store, self.ctx.user, table, row.id, row.version),
                        "Beitragstabelle gespeichert.")

        return self._open(FeeTableDialog(row.table, f"Beitragstabelle gültig ab {day(row.table.gueltig_ab)}",
                                         save, self))

    def import_xlsx(self) -> list[int] | None:
        path, _ = QFileDialog.getOpenFileName(self, "Beitragstabelle aus Excel übernehmen", str(self._last_dir),
                                              XLSX_FILTER)
        if not path:
            return None
        self._last_dir = Path(path).parent
        ids = call_op(self, lambda: import_fee_tables_xlsx(self.ctx.store, self.ctx.user, path),
                      "Beitragstabelle importieren")
        if ids:
            self._saved(ids[-1], f"{len(ids)} Beitragstabelle(n) aus {Path(path).name} übernommen.")
        return ids

    def export_xlsx(self) -> Path | None:
        row = self.selected()
        if row is None:
            return None
        name = f"Beitragstabelle_{row.table.gueltig_ab:%Y-%m-%d}.xlsx"
        path, _ = QFileDialog.getSaveFileName(self, "Beitragstabelle als Excel speichern",
                                              str(self._last_dir / name), XLSX_FILTER)
        if not path:
            return None
        path = Path(path) if path.lower().endswith(".xlsx") else Path(path + ".xlsx")
        self._last_dir = path.parent
        written = call_op(self, lambda: write_fee_table_xlsx(row.table, path), "Beitragstabelle exportieren")
        if written:
            self.status.setText(f"Gespeichert: {written}")
        return written

