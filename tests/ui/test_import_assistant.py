"""Issue 19.1 in the window: the import assistant proposes, the user corrects with keys and
clicks, checks (problems as the list's Blatt/Zeile/Spalte), imports and saves the profile."""

from PySide6.QtCore import Qt
from sqlalchemy import select

from kitadesk.domain.list_mapping.profile import from_toml
from kitadesk.models import Carer, Child
from kitadesk.ops.import_ import import_workbook
from kitadesk.ui.views.import_assistant import ImportAssistant
from kitadesk.ui.views.import_mapping_table import NOT_IMPORTED
from tests.importer import lists
from tests.importer.book import CARER, Book


def _assistant(qtbot, ctx):
    dialog = ImportAssistant(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def _click(qtbot, button):
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_r_i19_assistant_correct_check_import_save(qtbot, ctx, tmp_path, monkeypatch):
    monkeypatch.setenv("KITADESK_ZUORDNUNGEN", str(tmp_path / "zuordnungen"))
    book = Book(tmp_path, "tpp.xlsx")
    book.add("Tagespflegepersonen", **CARER)
    import_workbook(ctx.store, book.save(), "anna")
    dialog = _assistant(qtbot, ctx)
    dialog.load(lists.big_sheet(tmp_path / "gross.xlsx"))
    table = dialog.table
    assert table.combo(table.row_of("Name")).currentText() == "Kinder: Name, Vorname (teilen)"
    assert table.item(table.row_of("Name"), 3).text() == "wird geteilt in Nachname und Vorname"
    eltern = table.combo(table.row_of("Eltern"))
    eltern.setFocus()
    qtbot.keyClick(eltern, Qt.Key.Key_Home)  # → „nicht übernehmen“
    assert eltern.currentText() == NOT_IMPORTED
    assert "vollständig" in dialog.status.text()
    _click(qtbot, dialog.check_button)
    qtbot.waitUntil(lambda: "Probelauf" in dialog.preview.text(), timeout=60000)
    assert "Kinder: 2 neu" in dialog.preview.text()
    _click(qtbot, dialog.import_button)
    qtbot.waitUntil(lambda: "Import gespeichert." in dialog.preview.text(), timeout=60000)
    with ctx.store.session() as s:
        assert s.execute(select(Child.vorname, Child.sorgeberechtigte).order_by(Child.vorname)).all() == [
            ("Ben", ""), ("Emma", "")]
    written = dialog.save_to(tmp_path / "kinderliste.toml")
    assert from_toml(written[0].read_text(encoding="utf-8")).columns["Eltern"] == ""

    dialog.load(lists.big_sheet(tmp_path / "fehler.xlsx", [
        ["Nowak, Jan", "31.2.24", "Ayşe Yılmaz", "20", "01.05.2026", None]]))
    assert "Gespeicherte Zuordnung derselben Form" in dialog.status.text()
    _click(qtbot, dialog.check_button)
    qtbot.waitUntil(lambda: dialog.problems.rowCount() > 0, timeout=60000)
    problem = dialog.problems.row_at(0)
    assert (problem.sheet, problem.row, problem.column) == ("Kinder Ost", 4, "Geb.-Datum")


def test_r_i19_assistant_fixed_value_typed(qtbot, ctx, tmp_path, monkeypatch):
    monkeypatch.setenv("KITADESK_ZUORDNUNGEN", str(tmp_path / "zuordnungen"))
    dialog = _assistant(qtbot, ctx)
    dialog.load(lists.carers_list(tmp_path / "tpp.xlsx"))
    assert "SRT (Spalte oder fester Wert)" in dialog.status.text()
    dialog.tabs.setCurrentIndex(1)
    assert dialog.fixed_field.currentText() == "Tagespflegepersonen: SRT"
    qtbot.keyClicks(dialog.fixed_value, "Nord")
    _click(qtbot, dialog.add_button)
    assert "vollständig" in dialog.status.text()
    rows = dialog.translated.values()
    assert ("Qualifikation", "Tagesmutter qualifiziert", "QHB") in rows
    _click(qtbot, dialog.import_button)
    qtbot.waitUntil(lambda: "Import gespeichert." in dialog.preview.text(), timeout=60000)
    with ctx.store.session() as s:
        assert s.execute(select(Carer.nachname, Carer.srt, Carer.qualifikation).order_by(Carer.nr)).all() == [
            ("Müller", "Nord", "QHB"), ("Kılıç", "Nord", "Basis")]
