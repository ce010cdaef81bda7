"""Permissions in the import (issue 18 item 1): every row asks the same rights decision as the
window (`ops.base.require`, reached through `actor.require_change`/`require_any`):

- Tagespflegepersonen, Kinder: the right for the record's current SRT, and `uebergabe` when the
  row moves it to another SRT (a new record: the right for its new SRT);
- Betreuungen: the desk of the child or of the carer;
- Abwesenheiten, Fortbildungen, Sonderbeträge: the carer's desk (R-G11's `einzelfallbetrag`
  is checked by checks_cross.check_specials); Monatsmeldungen: the child's desk;
- Sätze: `saetze_erfassen` (imported tables are unconfirmed drafts, R-G2); Beitragstabelle:
  `einstellungen` (as on the settings page).

A refusal is a problem `Blatt, Zeile, Spalte: Meldung`; then nothing is written."""

from collections.abc import Callable

from kitadesk.errors import PermissionDenied
from kitadesk.importer.problems import Problems
from kitadesk.importer.reader import Row, SheetData
from kitadesk.importer.schema import (
    ABSENCES,
    CARERS,
    CHILDREN,
    FEES,
    HOLIDAY_CARE,
    PLACEMENTS,
    RATES,
    SPECIAL,
    TRAININGS,
)

EDIT = "daten_eigenes_srt"


def check_rights(data: dict[str, SheetData], actor, existing, carer_srt: dict[str, str],
                 child_srt: dict[str, str], problems: Problems) -> None:
    """`carer_srt`/`child_srt`: the SRT of each carer/child after the import."""
    def old_carer(nr):
        return existing.carers[nr].srt if nr in existing.carers else None

    def old_child(nr):
        return existing.children[nr].srt if nr in existing.children else None

    def carer_desk(nr):  # the record's current SRT, for a new record its SRT after the import
        return old_carer(nr) or carer_srt.get(nr)

    def child_desk(nr):
        return old_child(nr) or child_srt.get(nr)

    def each(sheet, column: str, check: Callable[[Row], None]) -> None:
        for row in data[sheet.name].rows:
            try:
                check(row)
            except PermissionDenied as exc:
                problems.add(sheet.name, row.number, column, str(exc))

    each(CARERS, "SRT", lambda r: actor.require_change(EDIT, old_carer(r.get("Nr")), carer_srt.get(r.get("Nr"))))
    each(CHILDREN, "Nr", lambda r: actor.require_change(EDIT, old_child(r.get("Nr")), child_srt.get(r.get("Nr"))))
    each(PLACEMENTS, "Kind_Nr",
         lambda r: actor.require_any(EDIT, child_desk(r.get("Kind_Nr")), carer_desk(r.get("TPP_Nr"))))
    for sheet in (ABSENCES, TRAININGS, SPECIAL):
        each(sheet, "TPP_Nr", lambda r: actor.require_change(EDIT, carer_desk(r.get("TPP_Nr"))))
    each(HOLIDAY_CARE, "Kind_Nr", lambda r: actor.require_change(EDIT, child_desk(r.get("Kind_Nr"))))
    each(RATES, "Gültig_ab", lambda r: actor.require("saetze_erfassen"))
    each(FEES, "Gültig_ab", lambda r: actor.require("einstellungen"))
