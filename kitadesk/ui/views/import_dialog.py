"""Datei → Importieren … (issue 14.1): choose the workbook → check (background, progress,
Abbrechen; every problem in a table, double-click shows the cell) → preview (per sheet neu /
geändert / unverändert, the changed fields old → new) → Importieren (background; one transaction,
nothing written on a problem or a cancel) → "n Datensätze importiert", the lists refresh.
Check and preview are `ops.import_.preview_import` — the one import path, rolled back."""

from pathlib import Path
from typing import cast

from PySide6.QtCore import QStandardPaths, Qt
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kitadesk.ops.import_ import ImportPreview, ImportProblems, ImportResult
from kitadesk.ui.context import AppContext
from kitadesk.ui.op import error_text
from kitadesk.ui.tasks import TaskHandle, run_in_process
from kitadesk.ui.views import import_work as work
from kitadesk.ui.views.import_tables import ChangeModel, ProblemModel, ProblemRow, change_rows, tool_table
from kitadesk.ui.views.letters_common import button, column, label, row

STEPS = ("1 Datei wählen", "2 Prüfen", "3 Vorschau", "4 Ergebnis")
CHANGED_ENTITIES = {"carer", "child", "placement", "reminder", "payout", "settings", "letters"}
BAD = "color: #b00020; font-weight: 600;"
GOOD = "color: #1e6b30; font-weight: 600;"


class ImportDialog(QDialog):
    """The import wizard; `handle` is the running background task (tests wait for it)."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, path: str | Path | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle("Importieren – Arbeitsmappe einlesen")
        self.handle: TaskHandle | None = None
        self.preview: ImportPreview | None = None
        self.imported: ImportResult | None = None
        self.problems: list[ProblemRow] = []
        self.checked_path: Path | None = None
        self.steps = QLabel()
        self.status = label("")
        self.stack = QStackedWidget()
        for page in (self._file_page(), self._check_page(), self._preview_page(), self._result_page()):
            self.stack.addWidget(page)
        self.import_button = button("Importieren", self.start_import, "Alles in einem Schritt übernehmen", False)
        self.close_button = button("Schließen", self.reject)
        column(self, self.steps, self.stack, self.status, row(None, self.import_button, self.close_button))
        self.resize(1040, 640)
        self.show_step(0)
        if path:
            self.path_edit.setText(str(path))

    # -- pages
    def _file_page(self) -> QWidget:
        self.path_edit = QLineEdit()
        self.path_edit.setPlaceholderText("Pfad der Arbeitsmappe (.xlsx)")
        self.path_edit.returnPressed.connect(self.start_check)
        self.check_button = button("Prüfen", self.start_check, "Arbeitsmappe prüfen – es wird noch nichts gespeichert")
        self.check_button.setDefault(True)
        hint = label("Die Arbeitsmappe hat die Blätter der Vorlage (kitadesk export-template). Zuerst wird alles "
                     "geprüft; gespeichert wird erst mit „Importieren“ – alles oder nichts.")
        page = QWidget()
        column(page, hint, row("Datei:", self.path_edit, button("Durchsuchen …", self.choose_file),
                               self.check_button))
        cast(QVBoxLayout, page.layout()).addStretch(1)
        return page

    def _check_page(self) -> QWidget:
        self.problem_summary = label("")
        self.problem_summary.setStyleSheet(BAD)
        self.problem_model = ProblemModel()
        self.problems_view = tool_table(self.ctx, self.problem_model, "Importprobleme", self.status.setText)
        self.problems_view.doubleClicked.connect(self.show_cell)
        self.problems_view.activated.connect(self.show_cell)
        self.detail = label("Doppelklick auf ein Problem zeigt die Zelle und ihren Wert.")
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.save_errors_button = button("Fehlerliste speichern …", self.ask_problem_list,
                                         "Kopie der Arbeitsmappe mit markierten Zellen und Blatt „Probleme“")
        page = QWidget()
        column(page, self.problem_summary, self.problems_view, self.detail,
               row(self.save_errors_button, None, button("Andere Datei …", lambda: self.show_step(0)),
                   button("Erneut prüfen", self.start_check, "Nach dem Korrigieren in Excel")))
        return page

    def _preview_page(self) -> QWidget:
        self.preview_summary = label("")
        self.preview_summary.setStyleSheet(GOOD)
        self.counts = QTableWidget(0, 4)
        self.counts.setHorizontalHeaderLabels(["Blatt", "neu", "geändert", "unverändert"])
        self.counts.verticalHeader().setVisible(False)
        self.counts.verticalHeader().setDefaultSectionSize(self.counts.fontMetrics().height() + 6)
        self.counts.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.counts.setAlternatingRowColors(True)
        for c, width in enumerate((180, 90, 90, 110)):
            self.counts.setColumnWidth(c, width)
        self.counts.setFixedWidth(180 + 90 + 90 + 110 + 4)
        self.warnings = label("")
        self.change_model = ChangeModel()
        self.changes_view = tool_table(self.ctx, self.change_model, "Importvorschau", self.status.setText)
        page = QWidget()
        layout = QVBoxLayout(page)
        for widget in (self.preview_summary, self.counts, self.warnings, QLabel("Geänderte Datensätze (bisher → neu):")):
            layout.addWidget(widget)
        layout.addWidget(self.changes_view, 1)
        return page

    def _result_page(self) -> QWidget:
        self.result_label = label("")
        self.result_label.setStyleSheet(GOOD + " font-size: 13pt;")
        self.result_lines = label("")
        page = QWidget()
        column(page, self.result_label, self.result_lines)
        cast(QVBoxLayout, page.layout()).addStretch(1)
        return page

    def show_step(self, index: int) -> None:
        self.stack.setCurrentIndex(index)
        self.steps.setText("  →  ".join(f"<b>{s}</b>" if i == index else s for i, s in enumerate(STEPS)))
        self.import_button.setEnabled(index == 2 and self.preview is not None)

    # -- actions
    def choose_file(self) -> None:
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        path, _ = QFileDialog.getOpenFileName(self, "Arbeitsmappe wählen", folder, "Excel-Arbeitsmappe (*.xlsx)")
        if path:
            self.path_edit.setText(path)
            self.start_check()

    def _busy(self) -> bool:
        return self.handle is not None and self.handle.is_running

    def start_check(self) -> None:
        text = self.path_edit.text().strip()
        if self._busy() or not text:
            if not text:
                self.status.setText("Bitte zuerst eine Arbeitsmappe wählen.")
            return
        self.preview, self.checked_path = None, Path(text)
        self.import_button.setEnabled(False)
        self.status.setText("Prüfung läuft … (es wird nichts gespeichert)")
        self.handle = run_in_process(work.check, self.ctx.store.url, self.ctx.user, self.checked_path,
                                     self.ctx.today(), parent=self, title="Import prüfen",
                                     label="Arbeitsmappe wird geprüft …", gone=work.GONE)
        self.handle.finished.connect(self._checked)
        self.handle.failed.connect(self._failed)
        self.handle.cancelled.connect(lambda: self.status.setText("Prüfung abgebrochen."))

    def _checked(self, outcome: work.CheckOutcome) -> None:
        if outcome.problems:
            self._show_problems(outcome.problems)
            return
        assert outcome.preview is not None
        self._show_preview(outcome.preview)

    def _show_problems(self, problems: list[ProblemRow]) -> None:
        self.problems = problems
        self.problem_model.set_rows(problems)
        n = len(problems)
        self.problem_summary.setText(f"{n} Problem{'e' if n != 1 else ''} in {self.checked_path.name if self.checked_path else ''}"
                                     " – es wird nichts importiert. Bitte in der Arbeitsmappe korrigieren und "
                                     "erneut prüfen.")
        self.detail.setText("Doppelklick auf ein Problem zeigt die Zelle und ihren Wert.")
        self.status.setText("")
        self.show_step(1)

    def _show_preview(self, preview: ImportPreview) -> None:
        self.preview = preview
        result = preview.result
        sheets = result.sheets()
        self.counts.setRowCount(len(sheets))
        for r, sheet in enumerate(sheets):
            values = (sheet, result.new(sheet), result.changed(sheet), result.unchanged(sheet))
            for c, value in enumerate(values):
                item = QTableWidgetItem(str(value))
                if c:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.counts.setItem(r, c, item)
        height = self.counts.horizontalHeader().height() + sum(self.counts.rowHeight(r) for r in range(len(sheets)))
        self.counts.setFixedHeight(min(height + 4, 260))
        n = result.written
        self.preview_summary.setText(f"Keine Probleme. Mit „Importieren“ werden {n} Datensätze neu angelegt oder "
                                     "geändert – bisher ist nichts gespeichert.")
        self.warnings.setText("\n".join(f"Hinweis: {w}" for w in result.warnings))
        self.warnings.setVisible(bool(result.warnings))
        self.change_model.set_rows(change_rows(preview.changes))
        self.status.setText("")
        self.show_step(2)

    def show_cell(self, index) -> None:
        if index.isValid():
            self.detail.setText(self.problem_model.row_at(index.row()).detail)

    def start_import(self) -> None:
        if self._busy() or self.preview is None or self.checked_path is None:
            return
        self.import_button.setEnabled(False)
        self.status.setText("Import läuft … (Abbrechen ist bis zum Speichern möglich)")
        self.handle = run_in_process(work.write, self.ctx.store.url, self.ctx.user, self.checked_path,
                                     self.ctx.today(), parent=self, title="Importieren",
                                     label="Arbeitsmappe wird importiert …", gone=work.GONE)
        self.handle.finished.connect(self._imported)
        self.handle.failed.connect(self._failed)
        self.handle.cancelled.connect(self._import_cancelled)

    def _imported(self, result: ImportResult) -> None:
        self.imported = result
        self.result_label.setText(f"{result.written} Datensätze importiert.")
        self.result_lines.setText("\n".join(result.lines()[1:] + [f"Hinweis: {w}" for w in result.warnings]))
        self.preview = None
        self.status.setText("")
        self.show_step(3)
        self.ctx.bus.notify(CHANGED_ENTITIES)

    def _import_cancelled(self) -> None:
        self.status.setText("Import abgebrochen – es wurde nichts übernommen.")
        self.import_button.setEnabled(self.preview is not None)

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, ImportProblems):  # changed meanwhile (another desk): show them like a check
            self.preview = None
            self._show_problems(work.rows_of(self.checked_path, exc))
            return
        self.status.setText("")
        self.import_button.setEnabled(self.preview is not None and self.stack.currentIndex() == 2)
        QMessageBox.warning(self, "Importieren", error_text(exc))  # never raw exception text

    # -- Fehlerliste
    def ask_problem_list(self) -> None:
        if self.checked_path is None:
            return
        suggestion = str(self.checked_path.with_name(f"{self.checked_path.stem} – Fehlerliste.xlsx"))
        path, _ = QFileDialog.getSaveFileName(self, "Fehlerliste speichern", suggestion, "Excel-Arbeitsmappe (*.xlsx)")
        if path:
            self.save_problem_list(Path(path))

    def save_problem_list(self, target: Path) -> TaskHandle | None:
        if self.checked_path is None or not self.problems or self._busy():
            return None
        self.handle = run_in_process(work.problem_list, self.checked_path, self.problems, target, parent=self,
                                     title="Fehlerliste", label="Fehlerliste wird geschrieben …")
        self.handle.finished.connect(lambda written: self.status.setText(f"Fehlerliste gespeichert: {written}"))
        self.handle.failed.connect(self._failed)
        return self.handle


def open_import(ctx: AppContext, parent: QWidget | None = None) -> ImportDialog:
    """Datei → Importieren …: the dialog, non-modal over the window (the lists stay usable)."""
    dialog = ImportDialog(ctx, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    dialog.raise_()
    dialog.activateWindow()
    return dialog
