"""Letters workflow (R-V1..R-V5, R-G10): which letters are due, building their plain input from
the store, rendering through reports.letters and archiving (R-V3).

    due = due_letters(store, user, 2026, 4, kind=None)        # preview list (DueList)
    result = produce_month(store, user, 2026, 4, out_dir="…")  # render + archive, one transaction
    produce_annual(store, user, 2026)                          # Jahresbescheinigungen
    refuse_application(store, user, "Grund …", child_id=7)     # Ablehnung on demand
    letters_for(store, carer_id=3) / letters_for(store, child_id=7)
    reprint(store, user, letter_id)                            # the archived bytes, unchanged

Modules: due.py (DueLetter, kinds), carers.py / parents.py / annual.py (what is due and the
letter inputs), office.py (letterhead, contact, Aktenzeichen, text overrides, addresses),
rueckforderung.py, archive.py (+ codec.py: input as JSON), batch.py (batches, preview, Ablehnung).
"""

from kitadesk.ops.letters.archive import ArchivedLetter, archive_list, archived_input, letters_for, reprint, subject_of
from kitadesk.ops.letters.batch import (
                                          BatchResult,
                                          due_annual,
                                          due_letters,
                                          preview_letter,
                                          produce_annual,
                                          produce_month,
                                          refuse_application,
                                          render_all,
)
from kitadesk.ops.letters.due import CATEGORIES, CATEGORY_LABELS, KIND_LABELS, DueLetter, DueList
from kitadesk.ops.letters.office import LETTER_SETTINGS, TEXT_SETTINGS, set_letter_setting, text_setting_name

__all__ = [
    "ArchivedLetter", "BatchResult", "CATEGORIES", "CATEGORY_LABELS", "DueLetter", "DueList", "KIND_LABELS",
    "LETTER_SETTINGS", "TEXT_SETTINGS", "archive_list", "archived_input", "due_annual", "due_letters",
    "letters_for", "preview_letter", "produce_annual", "produce_month", "refuse_application", "render_all",
    "reprint", "set_letter_setting", "subject_of", "text_setting_name",
]
