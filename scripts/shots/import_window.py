"""The import in the window (issue 14.1): the check step with several problems of a workbook
exported from the demo data (errors typed in), and the preview step of changed values."""

from pathlib import Path

from openpyxl import load_workbook

ERRORS = {  # (sheet, data row index, column) → a wrong value the office might type
    ("Tagespflegepersonen", 0, "Geburtsdatum"): "31.02.1979",
    ("Tagespflegepersonen", 1, "IBAN"): "DE12 3456",
    ("Tagespflegepersonen", 2, "SRT"): "West",
    ("Kinder", 0, "Geschlecht"): "x",
    ("Kinder", 3, "Jahreseinkommen"): "vierzigtausend",
    ("Betreuungen", 0, "Wochenstunden"): "95",
    ("Abwesenheiten", 1, "Bis"): "01.01.2020",
}
CHANGES = {
    ("Tagespflegepersonen", 0, "Telefon"): "02841 208-55",
    ("Tagespflegepersonen", 4, "E-Mail"): "kita-sonnenschein@example.org",
    ("Kinder", 2, "Straße"): "Homberger Straße 41",  # every row of that child (one address)
    ("Betreuungen", 0, "Wochenstunden"): 20,
}


def _edited(source: Path, target: Path, values: dict) -> Path:
    """The demo export as a desk would send it: people and placements (the tables of rates and fees
    are the Admin's), with `values` typed in."""
    wb = load_workbook(source)
    for sheet in ("Beitragstabelle", "Sätze"):
        del wb[sheet]
    for (sheet, index, column), value in values.items():
        ws = wb[sheet]
        header = {c.value: c.column for c in ws[1]}
        rows = [index + 2]
        if sheet == "Kinder":  # a child's dated rows must agree in its other columns
            nr = ws.cell(index + 2, header["Nr"]).value
            rows = [r for r in range(2, ws.max_row + 1) if ws.cell(r, header["Nr"]).value == nr]
        for r in rows:
            ws.cell(r, header[column], value)
    wb.save(target)
    return target


def shots(env):
    from kitadesk.importer.export import export_workbook
    from kitadesk.ui.views.import_dialog import ImportDialog

    window = env.window_for("leitung")
    exported = env.tmp / "export-demo.xlsx"
    if not exported.exists():
        export_workbook(env.store, exported, today=env.today)

    dialog = ImportDialog(window.ctx, window, path=_edited(exported, env.tmp / "Meldungen November.xlsx", ERRORS))
    dialog.resize(1040, 640)
    dialog.show()
    dialog.start_check()
    env.wait(lambda: dialog.handle is not None and not dialog.handle.is_running, 120)
    view = dialog.problems_view
    view.selectRow(1)
    dialog.show_cell(view.model().index(1, 3))
    yield "import_pruefung.png", dialog
    dialog.reject()

    dialog = ImportDialog(window.ctx, window, path=_edited(exported, env.tmp / "Änderungen November.xlsx", CHANGES))
    dialog.resize(1040, 640)
    dialog.show()
    dialog.start_check()
    env.wait(lambda: dialog.handle is not None and not dialog.handle.is_running, 120)
    yield "import_vorschau.png", dialog
    dialog.reject()
