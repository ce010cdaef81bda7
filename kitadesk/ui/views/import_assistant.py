"""Datei → „Liste zuordnen und importieren…“ (issue 19.1): an office's own list (xlsx/csv) →
sheet → proposed mapping, corrected in a table (field per column, fixed values, translations)
→ check (every problem as the list's Blatt, Zeile, Spalte) → preview counts → import through
the one import path (all or nothing, in the background) → „Zuordnung speichern…“ (TOML)."""

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from kitadesk.domain.list_mapping import fields as f
from kitadesk.domain.list_mapping.mapping import Mapping, shape_key
from kitadesk.domain.list_mapping.propose import propose
from kitadesk.errors import KitaDeskError
from kitadesk.importer import list_profiles
from kitadesk.importer.list_source import SourceSheet, read_source, sheet_names
from kitadesk.ui.context import AppContext
from kitadesk.ui.tasks import TaskHandle, run_in_process
from kitadesk.ui.views import import_work as work
from kitadesk.ui.views.import_assistant_pages import AssistantPages, _button, top_row
from kitadesk.ui.views.import_mapping_table import (
    MappingTable,
    choices_hint,
    field_label,
    fixed_values,
    translations,
    untranslated,
)

FILTER = "Listen (*.xlsx *.csv);;Excel-Arbeitsmappe (*.xlsx);;CSV mit Semikolon (*.csv)"


class ImportAssistant(QDialog):
    path_edit: QLineEdit  # these four: top_row (import_assistant_pages.py)
    sheet_combo: QComboBox
    kind_combo: QComboBox
    order_combo: QComboBox

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle("Liste zuordnen und importieren")
        self.path: Path | None = None
        self.source: SourceSheet | None = None
        self.base: Mapping | None = None  # the proposal or profile the table shows
        self.handle: TaskHandle | None = None
        self.last_result = None
        self.note = ""
        self._build()

    # -- layout
    def _build(self) -> None:
        top = top_row(self)  # Datei, Blatt, Art der Liste, Namensfolge

        self.table = MappingTable()
        self.table.on_change = self._mapping_changed
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        pages = AssistantPages(self.add_fixed)  # the tabs besides the mapping (import_assistant_pages.py)
        self.fixed, self.fixed_field, self.fixed_value, self.add_button = (pages.fixed, pages.fixed_field,
                                                                           pages.fixed_value, pages.add_button)
        self.translated, self.translation_hint = pages.translated, pages.translation_hint
        self.preview, self.problems, self.problem_view, self.tools = (pages.preview, pages.problems,
                                                                      pages.problem_view, pages.tools)
        fixed_page, translation_page, check_page = pages.fixed_page, pages.translation_page, pages.check_page

        self.tabs = QTabWidget()
        self.tabs.addTab(self.table, "&Zuordnung")
        self.tabs.addTab(fixed_page, "&Feste Werte")
        self.tabs.addTab(translation_page, "Werte übe&rsetzen")
        self.tabs.addTab(check_page, "&Prüfung")

        self.check_button = _button("&Prüfen", self.check)
        self.import_button = _button("&Importieren", self.do_import)
        self.save_button = _button("Zuordnung &speichern …", self.ask_save)
        close = _button("Schließen", self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addStretch(1)
        for button in (self.check_button, self.import_button, close):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.status)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(buttons)
        self._enable(False)
        self.resize(1100, 680)

    def _enable(self, on: bool) -> None:
        for button in (self.check_button, self.import_button, self.save_button):
            button.setEnabled(on)

    # -- file and sheet
    def choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Liste wählen", str(self.path or ""), FILTER)
        if path:
            self.load(Path(path))

    def load(self, path: Path) -> None:
        try:
            names = sheet_names(path)
        except KitaDeskError as exc:
            self._say(str(exc), bad=True)
            return
        self.path = Path(path)
        self.path_edit.setText(str(path))
        self.sheet_combo.blockSignals(True)
        self.sheet_combo.clear()
        self.sheet_combo.addItems(names)
        self.sheet_combo.blockSignals(False)
        self._sheet_chosen(names[0] if names else "")

    def _sheet_chosen(self, name: str) -> None:
        if self.path is None or not name:
            return
        try:
            self.source = read_source(self.path, None if self.path.suffix.lower() == ".csv" else name)
        except KitaDeskError as exc:
            self._say(str(exc), bad=True)
            return
        source = self.source
        found = list_profiles.find_profile(source.headers)
        proposal = propose(source.headers, source.samples(), self.ctx.today(), source.header_row, name)
        if found:
            self.base, note = found[1], f"Gespeicherte Zuordnung derselben Form: {found[0].name}."
        else:
            self.base, note = proposal.mapping, "Vorschlag nach Spaltennamen und Werten – bitte prüfen."
        self._show(self.base, proposal.guesses, note, proposal.unsure if not found else [])

    def _show(self, mapping: Mapping, guesses, note: str, unsure: list[str]) -> None:
        source = self.source
        assert source is not None
        self.kind_combo.blockSignals(True)
        self.kind_combo.setCurrentIndex(self.kind_combo.findData(mapping.kind))
        self.kind_combo.blockSignals(False)
        self.order_combo.setCurrentIndex(self.order_combo.findData(mapping.name_order))
        self.table.fill(mapping.kind, source.headers, source.samples(), guesses, mapping.columns)
        self._fill_fixed_fields(mapping.kind)
        self.fixed.setRowCount(0)
        for key, value in mapping.fixed.items():
            self.fixed.add(field_label(key), value)
        self.translated.setRowCount(0)
        for column, table in mapping.translations.items():
            for office, ours in table.items():
                self.translated.add(column, office, ours)
        for row in untranslated(mapping, source.headers, source.samples(500)):
            if (row[0], row[1]) not in {v[:2] for v in self.translated.values()}:
                self.translated.add(*row)
        self.translation_hint.setText(choices_hint(self.translated.column_texts(0)))
        self.problems.set_rows([])
        self.preview.setText("")
        self.note = note
        self._enable(True)
        self._mapping_changed(extra=unsure)

    def _fill_fixed_fields(self, kind: str) -> None:
        self.fixed_field.clear()
        for target in f.targets_for(kind):
            self.fixed_field.addItem(field_label(target.key), target.key)
        self.fixed_field.setCurrentIndex(max(0, self.fixed_field.findData(f"{f.TPP}.SRT")))

    def _kind_chosen(self) -> None:
        if self.source is None or self.base is None:
            return
        kind = self.kind_combo.currentData()
        allowed = {t.key for t in f.targets_for(kind)}
        mapping = self.mapping()
        mapping.kind = kind
        mapping.columns = {h: k if k in allowed else "" for h, k in mapping.columns.items()}
        proposal = propose(self.source.headers, self.source.samples(), self.ctx.today())
        self._show(mapping, proposal.guesses, f"Art der Liste: {f.KIND_LABELS[kind]}.", [])

    def add_fixed(self) -> None:
        if self.fixed_value.text().strip():
            self.fixed.add(self.fixed_field.currentText(), self.fixed_value.text().strip())
            self.fixed_value.clear()
            self._mapping_changed()

    # -- the mapping as shown
    def mapping(self) -> Mapping:
        source = self.source
        assert source is not None
        return Mapping(self.kind_combo.currentData(), self.table.columns(), source.header_row,
                       self.order_combo.currentData(), fixed_values(self.fixed), translations(self.translated),
                       shape_key(source.headers), None if source.name == (self.path and self.path.name) else source.name)

    def _mapping_changed(self, extra: list[str] | None = None) -> None:
        from kitadesk.ops.list_import import mapping_problems

        if self.source is None:
            return
        lacks = mapping_problems(self.mapping(), self.source) + list(extra or [])
        text = self.note + ("\n" + "\n".join(lacks) if lacks else "\nDie Zuordnung ist vollständig: „Prüfen“ zeigt, "
                            "was übernommen würde.")
        self._say(text, bad=bool(lacks))

    def _say(self, text: str, bad: bool = False) -> None:
        self.status.setText(text)
        self.status.setStyleSheet("color: #a40000;" if bad else "")

    # -- check and import (background, all or nothing)
    def check(self) -> None:
        self._run(dry_run=True)

    def do_import(self) -> None:
        self._run(dry_run=False)

    def _run(self, dry_run: bool) -> None:
        if self.source is None:
            return
        self._enable(False)
        title = "Liste prüfen" if dry_run else "Liste importieren"
        self.handle = handle = run_in_process(work.list_import, self.ctx.store.url, self.ctx.user, self.source,
                                              self.mapping(), dry_run, self.ctx.today(), parent=self, title=title,
                                              label=f"{self.source.name} wird gelesen …", gone=work.GONE)
        handle.finished.connect(self._done)
        handle.failed.connect(self._failed)
        handle.cancelled.connect(self._cancelled)

    def _cancelled(self) -> None:
        self._enable(True)
        self._say("Abgebrochen – nichts wurde übernommen.")

    def _done(self, result) -> None:
        self.last_result = result
        self._enable(True)
        self.problems.set_rows([])
        self.preview.setText("\n".join([*result.lines(), *(f"Hinweis: {w}" for w in result.warnings)]))
        self.tabs.setCurrentIndex(3)
        if result.dry_run:
            self._say("Prüfung ohne Probleme – „Importieren“ übernimmt die Liste.")
        else:
            self._say("Import gespeichert.")
            self.ctx.bus.notify({"carer", "child", "placement"})

    def _failed(self, exc) -> None:
        self._enable(True)
        located = getattr(exc, "located", None)
        self.tabs.setCurrentIndex(3)
        if located is not None:
            self.problems.set_rows(located)
            self.preview.setText(exc.message)
            self._say(f"{len(located)} Problem(e) – nichts wurde übernommen. Bitte die Liste oder die Zuordnung "
                      "korrigieren.", bad=True)
        else:
            self.problems.set_rows([])
            self.preview.setText(str(exc))
            self._say(str(exc).splitlines()[0], bad=True)

    # -- profile
    def ask_save(self) -> None:
        folder = list_profiles.profiles_dir()
        stem = self.path.stem if self.path else "liste"
        path, _ = QFileDialog.getSaveFileName(self, "Zuordnung speichern", str(folder / f"{stem}.toml"),
                                              "Zuordnung (*.toml)")
        if path:
            self.save_to(Path(path))

    def save_to(self, path: Path) -> list[Path]:
        try:
            written = list_profiles.save_profile(self.mapping(), self.path.name if self.path else "liste", path)
        except KitaDeskError as exc:
            self._say(str(exc), bad=True)
            return []
        self._say(f"Zuordnung gespeichert: {written[0]} – die nächste Liste dieser Form wird so gelesen.")
        return written


def open_assistant(ctx: AppContext, parent: QWidget | None = None) -> ImportAssistant:
    """Open the assistant over the main window (Datei → „Liste zuordnen und importieren…“)."""
    from PySide6.QtWidgets import QApplication

    dialog = ImportAssistant(ctx, parent or QApplication.activeWindow())
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog
