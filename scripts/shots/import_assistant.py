"""The import assistant (issue 19.1): an office's own list, the proposed mapping, the check."""

import os


def _office_list(env):
    """A big sheet as the Ost desk keeps it: title row, merged names, text dates, carers by name."""
    from openpyxl import Workbook
    from sqlalchemy import select

    from kitadesk.models import Carer

    with env.store.session() as s:
        carers = s.execute(select(Carer.vorname, Carer.nachname).where(Carer.srt == "Ost")
                           .order_by(Carer.nr).limit(3)).all()
    wb = Workbook()
    ws = wb.active
    ws.title = "Kinder Ost"
    ws.append(["Kinderliste SRT Ost – Stand Dezember"])
    ws.append([])
    ws.append(["Name", "Geb.-Datum", "Tagesmutter", "Std./Woche", "Betreuungsbeginn", "Eltern", "Bemerkung"])
    rows = [("Schmitz, Emma", "1.3.25", "35", "01.12.2026", "Anna und Jan Schmitz", ""),
            ("Özdemir, Elif", "3.5.24", "22,5", "1.12.26", "Familie Özdemir", "Geschwisterkind"),
            ("Nowak, Jan", "31.2.24", "30", "2026-12-01", "Ewa Nowak", ""),
            ("Kılıç, Deniz", "12.08.2025", "45", "15.12.2026", "Derya Kılıç", "")]
    for (child, born, hours, start, parents, note), (first, last) in zip(rows, carers * 2):
        ws.append([child, born, f"{first} {last}", hours, start, parents, note])
    ws.append(["Weber, Lina", "05.06.2025", "Petra Unbekannt", "20", "01.12.2026", "", ""])
    path = env.tmp / "kinderliste_ost.xlsx"
    wb.save(path)
    return path


def shots(env):
    from kitadesk.ui.views.import_assistant import ImportAssistant

    os.environ["KITADESK_ZUORDNUNGEN"] = str(env.tmp / "zuordnungen")
    window = env.window
    dialog = ImportAssistant(window.ctx, window)
    dialog.show()
    dialog.load(_office_list(env))
    env.wait(timeout=0.5)
    yield "import_zuordnung.png", dialog
    dialog.check()
    env.wait(lambda: dialog.problems.rowCount() > 0 or bool(dialog.preview.text()), 60.0)
    yield "import_pruefung.png", dialog
    dialog.load(_carers_list(env))
    dialog.fixed_value.setText("Nord")
    dialog.add_fixed()
    dialog.tabs.setCurrentIndex(2)
    yield "import_uebersetzungen.png", dialog
    dialog.reject()


def _carers_list(env):
    """A carers list of the Nord desk: merged names, text dates, its own words for the qualification."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "TPP Nord"
    ws.append(["Tagespflegeperson", "Geb.", "Str.", "PLZ", "Wohnort", "Bankverbindung", "Quali", "Erlaubnis erteilt"])
    ws.append(["Müller, Petra", "12.4.75", "Rheinberger Str. 7", "47441", "Moers", "DE89 3704 0044 0532 0130 00",
               "Tagesmutter qualifiziert", "1.1.2025"])
    ws.append(["Kılıç, Derya", "1980-02-29", "Homberger Str. 2", "47441", "Moers", "DE02 1203 0000 0000 2020 51",
               "Erzieherin", "2025-02-01"])
    ws.append(["Brandt, Ute", "03.09.1969", "Kirchstr. 9", "47443", "Moers", "", "Grundqualifikation 30 UE",
               "2024-11-15"])
    path = env.tmp / "tpp_nord.xlsx"
    wb.save(path)
    return path
