"""Checks within one row (several columns of the same row) and doubled keys within a
sheet. Only values that could be read are checked (`Row.ok`)."""

from datetime import date

from kitadesk.domain.calendar import add_years, is_public_holiday
from kitadesk.domain.timeplan import consistency_errors, night_care_errors
from kitadesk.formats import day as fmt_day
from kitadesk.importer.problems import Problems
from kitadesk.importer.reader import Row, SheetData
from kitadesk.importer.schema import (
    ABSENCES,
    CARERS,
    CHILDREN,
    HOLIDAY_CARE,
    PLACEMENTS,
    RATES,
)

NIGHT_COLUMNS = {"nacht_im_haushalt_der_eltern": "Nacht_im_Haushalt_der_Eltern", "zeitplan": "Zeitplan"}


def effective_gueltig_ab(row: Row) -> date | None:
    """Gültig_ab of a Betreuungen row; empty = the placement's Beginn (first version)."""
    return row.get("Gültig_ab") or row.get("Beginn")


def row_key(sheet_name: str, row: Row) -> tuple | None:
    if sheet_name == PLACEMENTS.name:
        if not row.ok("Kind_Nr", "TPP_Nr", "Beginn", "Gültig_ab"):
            return None
        return row.get("Kind_Nr"), row.get("TPP_Nr"), row.get("Beginn"), effective_gueltig_ab(row)
    from kitadesk.importer.schema import BY_NAME

    key = BY_NAME[sheet_name].key
    if not row.ok(*key):
        return None
    values = tuple(row.values.get(k) for k in key)
    if sheet_name != "Beitragstabelle" and any(v is None for v in values):
        return None
    return values


def check_duplicates(data: dict[str, SheetData], problems: Problems) -> None:
    for name, sheet_data in data.items():
        first: dict[tuple, int] = {}
        key_cols = sheet_data.sheet.key
        for row in sheet_data.rows:
            key = row_key(name, row)
            if key is None:
                continue
            if key in first:
                problems.add(name, row.number, key_cols[0],
                             f"Schlüssel ({', '.join(key_cols)}) kommt doppelt vor (auch Zeile {first[key]}).")
                row.bad.add(key_cols[0])
            else:
                first[key] = row.number


def check_rows(data: dict[str, SheetData], problems: Problems, today: date) -> None:
    for row in data[CARERS.name].rows:
        _carer(row, problems, today)
    for row in data[CHILDREN.name].rows:
        _child(row, problems, today)
    for row in data[PLACEMENTS.name].rows:
        _placement(row, problems)
    for row in data[ABSENCES.name].rows:
        _absence(row, problems)
    for row in data[HOLIDAY_CARE.name].rows:
        day = row.get("Datum")
        if day and row.ok("Datum") and not is_public_holiday(day):
            problems.add(HOLIDAY_CARE.name, row.number, "Datum",
                         f"{fmt_day(day)} ist kein gesetzlicher Feiertag in NRW (Monatsmeldung nur für Feiertage).")
    for row in data[RATES.name].rows:
        basis, quali = row.get("Stundensatz_Basis"), row.get("Stundensatz_Qualifiziert")
        if basis is not None and quali is not None and quali < basis:
            problems.add(RATES.name, row.number, "Stundensatz_Qualifiziert",
                         "ist kleiner als der Stundensatz der Stufe basis (R-C5: qualifiziert ist die höhere Stufe).")


def _carer(row: Row, problems: Problems, today: date) -> None:
    add = lambda col, msg: problems.add(CARERS.name, row.number, col, msg)  # noqa: E731
    born = row.get("Geburtsdatum")
    if born and row.ok("Geburtsdatum") and add_years(born, 18) > today:
        add("Geburtsdatum", f"die Tagespflegeperson muss mindestens 18 Jahre alt sein (R-C1), geboren {fmt_day(born)}.")
    quali, since = row.get("Qualifikation"), row.get("Qualifikation_seit")
    if row.ok("Qualifikation", "Qualifikation_seit") and "Qualifikation_seit" in row.values:
        if quali in ("QHB", "Fachkraft") and since is None:
            add("Qualifikation_seit", f"fehlt: bei {quali} ist das Datum der Qualifikation nötig (R-C5).")
        if quali == "Basis" and since is not None:
            add("Qualifikation_seit", "bei Qualifikation Basis bitte leer lassen (oder QHB/Fachkraft wählen).")
    vom, bis = row.get("Erlaubnis_vom"), row.get("Erlaubnis_bis")
    if bis is not None and vom is None and row.ok("Erlaubnis_vom"):
        add("Erlaubnis_vom", "fehlt, obwohl Erlaubnis_bis angegeben ist.")
    if vom and bis and bis < vom:
        add("Erlaubnis_bis", f"liegt vor Erlaubnis_vom ({fmt_day(vom)}).")
    if vom is None and row.ok("Erlaubnis_vom"):
        for col in ("Max_Kinder", "Max_gleichzeitig"):
            if row.get(col) is not None:
                add(col, "gehört zur Erlaubnis, aber Erlaubnis_vom fehlt.")
    total, at_once = row.get("Max_Kinder"), row.get("Max_gleichzeitig")
    if total is not None and at_once is not None and at_once > total:
        add("Max_gleichzeitig", f"{at_once} gleichzeitig ist mehr als {total} Kinder insgesamt (Max_Kinder).")
    holds, von, vbis = row.get("Vertretungsplatz"), row.get("Vertretungsplatz_von"), row.get("Vertretungsplatz_bis")
    if holds and von is None and row.ok("Vertretungsplatz_von"):
        add("Vertretungsplatz_von", "fehlt: bei Vertretungsplatz = ja ist das Anfangsdatum nötig.")
    if not holds and row.ok("Vertretungsplatz") and (von or vbis):
        add("Vertretungsplatz", "ist „nein“ (oder leer), aber ein Vertretungsplatz-Zeitraum ist angegeben.")
    if von and vbis and vbis < von:
        add("Vertretungsplatz_bis", f"liegt vor Vertretungsplatz_von ({fmt_day(von)}).")
    if row.get("Alterssicherung_mtl") is not None and row.get("Alterssicherung_Art") is None \
            and row.ok("Alterssicherung_Art"):
        add("Alterssicherung_Art", "fehlt: gesetzlich oder privat (bestimmt die Erstattung, R-G4).")


def _child(row: Row, problems: Problems, today: date) -> None:
    add = lambda col, msg: problems.add(CHILDREN.name, row.number, col, msg)  # noqa: E731
    born = row.get("Geburtsdatum")
    if born and born > today:
        add("Geburtsdatum", f"{fmt_day(born)} liegt in der Zukunft.")
    percent, ab, antrag = row.get("Ermäßigung_Prozent"), row.get("Ermäßigung_ab"), row.get("Ermäßigung_Antrag_vom")
    if percent is not None and ab is None and row.ok("Ermäßigung_ab"):
        add("Ermäßigung_ab", "fehlt: ab wann gilt die Ermäßigung (R-E2)?")
    if ab is not None and percent is None and row.ok("Ermäßigung_Prozent"):
        add("Ermäßigung_Prozent", "fehlt, obwohl Ermäßigung_ab angegeben ist.")
    if ab and antrag and ab < antrag:
        add("Ermäßigung_ab", f"{fmt_day(ab)} liegt vor dem Antrag vom {fmt_day(antrag)}; eine Ermäßigung gilt "
                             f"frühestens ab dem Antrag (R-E2).")


def _placement(row: Row, problems: Problems) -> None:
    add = lambda col, msg: problems.add(PLACEMENTS.name, row.number, col, msg)  # noqa: E731
    beginn, ende, gueltig = row.get("Beginn"), row.get("Ende"), row.get("Gültig_ab")
    if beginn and ende and ende < beginn:
        add("Ende", f"liegt vor dem Beginn ({fmt_day(beginn)}).")
    if beginn and gueltig and gueltig < beginn:
        add("Gültig_ab", f"liegt vor dem Beginn der Betreuung ({fmt_day(beginn)}).")
    if ende and gueltig and gueltig > ende:
        add("Gültig_ab", f"liegt nach dem Ende der Betreuung ({fmt_day(ende)}).")
    hours, off, plan = row.get("Wochenstunden"), row.get("Randzeitstunden"), row.get("Zeitplan")
    if hours is not None and off is not None and off > hours:
        add("Randzeitstunden", "sind mehr als die Wochenstunden (Randzeiten sind Teil der Wochenstunden).")
    parents_night = bool(row.get("Nacht_im_Haushalt_der_Eltern"))
    if plan is not None and hours is not None and row.ok("Randzeitstunden", "Nacht_im_Haushalt_der_Eltern"):
        for message in consistency_errors(plan, hours, off, parents_night):  # R-G7: parents' night not in o
            add("Wochenstunden" if message.startswith("Wochenstunden") else "Randzeitstunden", message)
    for name, message in night_care_errors(plan, row.get("Übernachtungen") or 0, parents_night).items():
        add(NIGHT_COLUMNS[name], message)


def _absence(row: Row, problems: Problems) -> None:
    von, bis = row.get("Von"), row.get("Bis")
    if von and bis and bis < von:
        problems.add(ABSENCES.name, row.number, "Bis", f"liegt vor Von ({fmt_day(von)}).")
    if row.get("Vertretung_TPP_Nr") and row.get("Vertretung_TPP_Nr") == row.get("TPP_Nr"):
        problems.add(ABSENCES.name, row.number, "Vertretung_TPP_Nr", "die Vertretung kann nicht die abwesende "
                                                                    "Tagespflegeperson selbst sein.")

