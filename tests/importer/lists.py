"""Test helper: office-style lists (issue 19.1) — other headers, merged names, text dates,
a title above the header, csv with `;` and decimal comma."""

from datetime import date
from pathlib import Path

from openpyxl import Workbook


def xlsx(path: Path, rows: list[list], sheet: str = "Tabelle1", title: str | None = None) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = sheet
    if title:
        ws.append([title])
        ws.append([])
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


def csv_file(path: Path, rows: list[list], encoding: str = "utf-8-sig") -> Path:
    path.write_bytes("\r\n".join(";".join("" if v is None else str(v) for v in row) for row in rows)
                     .encode(encoding))
    return path


BIG_HEADER = ["Name", "Geb.-Datum", "Tagesmutter", "Std./Woche", "Betreuungsbeginn", "Eltern"]


def big_sheet(path: Path, rows: list[list] | None = None) -> Path:
    """One big sheet: child (merged name, text dates) + carer by name + hours; a title above."""
    rows = rows if rows is not None else [
        ["Schmitz, Emma", "1.3.25", "Ayşe Yılmaz", "35", "01.04.2026", "Anna und Jan Schmitz"],
        ["Schmitz, Ben", date(2024, 3, 1), "Yilmaz, Ayse", 20, "16.4.26", "Anna und Jan Schmitz"],
    ]
    return xlsx(path, [BIG_HEADER, *rows], sheet="Kinder Ost", title="Kinderliste SRT Ost – Stand April")


CHILDREN_HEADER = ["Familienname", "Vorname", "Geburtstag", "Straße", "PLZ", "Ort", "Einkommen"]


def children_csv(path: Path, rows: list[list] | None = None, encoding: str = "utf-8-sig") -> Path:
    rows = rows if rows is not None else [
        ["Özdemir", "Elif", "2024-05-03", "Bahnhofstr. 4", "47441", "Moers", "38.500,00"],
        ["Nowak", "Jan", "03.05.2024", "Am Markt 1", "47443", "Moers", "52000,5"],
    ]
    return csv_file(path, [CHILDREN_HEADER, *rows], encoding)


CARERS_HEADER = ["Tagespflegeperson", "Geb.", "Str.", "PLZ", "Wohnort", "Bankverbindung", "Quali",
                 "Erlaubnis erteilt", "Führungszeugnis"]


def carers_list(path: Path, rows: list[list] | None = None) -> Path:
    rows = rows if rows is not None else [
        ["Müller, Petra", "12.4.75", "Rheinberger Str. 7", "47441", "Moers", "DE89 3704 0044 0532 0130 00",
         "Tagesmutter qualifiziert", "1.1.2025", "10.01.2025"],
        ["Kılıç, Derya", "1980-02-29", "Homberger Str. 2", "47441", "Moers", "DE02 1203 0000 0000 2020 51",
         "Basis", "2025-02-01", "2025-01-15"],
    ]
    return xlsx(path, [CARERS_HEADER, *rows], sheet="TPP Nord")


PLACEMENTS_HEADER = ["Kind-Nr", "TPP-Nr", "ab", "bis", "Stunden"]


def placements_csv(path: Path, rows: list[list]) -> Path:
    return csv_file(path, [PLACEMENTS_HEADER, *rows], "cp1252")
